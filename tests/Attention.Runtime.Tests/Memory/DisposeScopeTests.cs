using Attention.Runtime.Tests.Infrastructure;
using System.Threading.Tasks;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Memory;

public sealed class DisposeScopeTests
{
    [Fact]
    public void A_scope_disposes_everything_created_inside_it()
    {
        long before = LiveTensors.Settled();
        using (NewDisposeScope())
        {
            Tensor a = randn(3, 3);
            Tensor b = a * 2.0 + 1.0;
            Assert.Equal(before + 3, LiveTensors.Settled()); // a, a * 2, and b
            Assert.False(b.IsDisposed);
        }

        Assert.Equal(before, LiveTensors.Settled());
    }

    [Fact]
    public void A_moved_result_survives_its_scope_and_joins_the_outer_one()
    {
        long before = LiveTensors.Settled();
        Tensor kept;
        using (DisposeScope outer = NewDisposeScope())
        {
            using (DisposeScope inner = NewDisposeScope())
            {
                Tensor temp = ones(4);
                kept = inner.MoveToOuter(temp * 3.0);
            }

            Assert.False(kept.IsDisposed);
            Assert.Equal(new[] { 3f, 3f, 3f, 3f }, kept.data<float>());
            Assert.Equal(1, outer.Count);
        }

        Assert.True(kept.IsDisposed);
        Assert.Equal(before, LiveTensors.Settled());
    }

    [Fact]
    public void A_detached_tensor_is_left_to_the_caller()
    {
        long before = LiveTensors.Settled();
        Tensor kept;
        using (NewDisposeScope())
        {
            kept = zeros(2).DetachFromDisposeScope();
        }

        Assert.False(kept.IsDisposed);
        kept.Dispose();
        Assert.Equal(before, LiveTensors.Settled());
    }

    [Fact]
    public async Task A_scope_keeps_collecting_across_await()
    {
        long before = LiveTensors.Settled();
        using (DisposeScope scope = NewDisposeScope())
        {
            Tensor a = ones(2);
            await Task.Yield();
            Tensor b = await Task.Run(() => a + 1.0);
            await Task.Delay(1);
            Tensor c = b * 2.0;
            Assert.Same(scope, DisposeScope.Current);
            Assert.Equal(3, scope.Count);
            Assert.Equal(new[] { 4f, 4f }, c.data<float>());
        }

        Assert.Null(DisposeScope.Current);
        Assert.Equal(before, LiveTensors.Settled());
    }

    [Fact]
    public void Gradients_are_released_with_their_tensor()
    {
        long before = LiveTensors.Settled();
        using (NewDisposeScope())
        {
            Tensor x = ones([3], requires_grad: true);
            (x * x).sum().backward();
            Assert.NotNull(x.grad);
        }

        Assert.Equal(before, LiveTensors.Settled());
    }

    [Fact]
    public void A_training_loop_inside_per_step_scopes_leaves_the_count_flat()
    {
        long before = LiveTensors.Settled();
        Tensor w = zeros([4], requires_grad: true).DetachFromDisposeScope();
        Tensor target = tensor(new[] { 1f, -2f, 3f, 0.5f }).DetachFromDisposeScope();
        Train(w, target);

        // The gradients that w.grad = null replaced are left to the collector (someone could hold them).
        Assert.Equal(before + 2, LiveTensors.Settled());
        float[] learned = w.data<float>();
        float[] expected = target.data<float>();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], learned[i], 1e-4f);
        }

        w.Dispose();
        target.Dispose();
        Assert.Equal(before, LiveTensors.Settled());
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Train(Tensor w, Tensor target)
    {
        for (int step = 0; step < 200; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor loss = ((w - target) * (w - target)).mean();
            loss.backward();
            using (no_grad())
            {
                w.sub_(w.grad!, alpha: 0.5);
            }

            w.grad = null;
        }
    }
}
