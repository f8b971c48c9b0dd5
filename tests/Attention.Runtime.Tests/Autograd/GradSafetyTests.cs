using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Autograd;

/// <summary>
/// <c>.grad</c> as PyTorch has it: readable from several threads while another clears it and runs backward, a kept
/// reference valid after <c>zero_grad()</c>, the setter checking what it is given; and PyTorch's refusals of
/// <c>requires_grad = false</c> on a computed tensor.
/// </summary>
public sealed class GradSafetyTests
{
    [Fact]
    public async Task Grad_can_be_read_from_three_threads_while_a_fourth_clears_it_and_runs_backward()
    {
        using var model = nn.Linear(64, 32);
        nn.Parameter weight = model.weight;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        long reads = 0, steps = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (weight.grad is { } g)
                {
                    // The shape of whichever gradient was current: never disposed under the reader.
                    Assert.Equal([32L, 64], g.shape);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        var writer = Task.Run(() =>
        {
            using Tensor x = randn(16, 64);
            while (!stop.IsCancellationRequested)
            {
                using var scope = NewDisposeScope();
                model.zero_grad();
                model.call(x).sum().backward();
                Interlocked.Increment(ref steps);
            }
        });

        await Task.WhenAll([.. readers, writer]);
        Assert.True(steps > 10 && reads > 1000, $"{steps} steps and {reads} reads: the threads did not overlap enough to test anything");
    }

    [Fact]
    public async Task Replacing_grad_while_others_read_it_gives_them_one_gradient_or_the_other_never_a_disposed_one()
    {
        using Tensor p = zeros([8], ScalarType.Float32, requires_grad: true);
        p.grad = zeros([8], ScalarType.Float32);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        long nulls = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Tensor? g = p.grad;
                if (g is null)
                {
                    Interlocked.Increment(ref nulls);
                    continue;
                }

                Assert.Equal(8, g.numel());
            }
        })).ToArray();
        var writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                p.grad = full([8], (double)i, ScalarType.Float32);
            }
        });

        await Task.WhenAll([.. readers, writer]);
        Assert.Equal(0, nulls);   // a gradient exists at every moment: each assignment replaces one with another
    }

    [Fact]
    public void A_gradient_kept_across_zero_grad_stays_valid_and_is_released_once_dropped()
    {
        long before = LiveTensors.Settled();
        KeepAGradientAcrossZeroGrad();

        // The model and the gradient nobody holds any more are all released.
        Assert.Equal(before, LiveTensors.Settled());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void KeepAGradientAcrossZeroGrad()
    {
        using var model = nn.Linear(4, 2);
        using (NewDisposeScope())
        {
            model.call(ones(3, 4)).sum().backward();
        }

        Tensor kept = model.weight.grad!;
        model.zero_grad();
        Assert.Null(model.weight.grad);
        Assert.False(kept.IsDisposed);
        Assert.Equal(3f, kept.data<float>()[0]);
    }

    [Fact]
    public void The_grad_setter_refuses_another_shape_dtype_or_itself_with_pytorchs_messages()
    {
        using var scope = NewDisposeScope();
        Tensor w = zeros([1, 3], requires_grad: true);
        Assert.Equal("assigned grad has data of a different size", Assert.Throws<TorchException>(() => w.grad = zeros(1)).Message);
        Assert.Equal("assigned grad has data of a different type", Assert.Throws<TorchException>(() => w.grad = zeros([1, 3], ScalarType.Int64)).Message);
        Assert.Equal("can't assign Variable as its own grad", Assert.Throws<TorchException>(() => w.grad = w).Message);
        Assert.Null(w.grad);
        w.grad = ones(1, 3);
        Assert.Equal(new[] { 1f, 1f, 1f }, w.grad!.data<float>());
    }

    [Fact]
    public void Requires_grad_of_a_computed_tensor_cannot_be_turned_off()
    {
        using var scope = NewDisposeScope();
        Tensor y = ones([2], requires_grad: true) * 2.0;
        var error = Assert.Throws<TorchException>(() => y.requires_grad = false);
        Assert.StartsWith("you can only change requires_grad flags of leaf variables. If you want to use a computed variable", error.Message, StringComparison.Ordinal);
        Assert.Throws<TorchException>(() => y.requires_grad_(false));
        y.requires_grad_(true);   // allowed, as PyTorch: it already requires grad
        Assert.True(y.requires_grad);
        Tensor leaf = ones(2);
        leaf.requires_grad = true;
        Assert.True(leaf.requires_grad);
    }
}
