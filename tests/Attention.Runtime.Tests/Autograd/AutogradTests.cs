using System;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Autograd;

public sealed class AutogradTests
{
    [Fact]
    public void Backward_accumulates_the_gradient_of_a_scalar_into_the_leaves()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 1.0, 2.0, 3.0 }, requires_grad: true);
        Tensor y = (x * x * 3.0).sum(); // d/dx = 6x
        y.backward();
        Assert.Equal(new[] { 6.0, 12.0, 18.0 }, x.grad!.data<double>());

        // A second backward of a new graph accumulates, as in PyTorch.
        (x * 2.0).sum().backward();
        Assert.Equal(new[] { 8.0, 14.0, 20.0 }, x.grad!.data<double>());
    }

    [Fact]
    public void Backward_of_a_non_scalar_takes_the_output_gradient()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 1.0, 2.0 }, requires_grad: true);
        Tensor y = x * 3.0;
        y.backward(tensor(new[] { 1.0, 10.0 }));
        Assert.Equal(new[] { 3.0, 30.0 }, x.grad!.data<double>());
    }

    [Fact]
    public void Backward_of_a_non_scalar_without_a_gradient_is_refused_with_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 1.0, 2.0 }, requires_grad: true);
        var error = Assert.Throws<TorchException>(() => (x * 3.0).backward());
        Assert.Contains("grad can be implicitly created only for scalar outputs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception raised from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retain_graph_allows_a_second_backward_and_its_absence_does_not()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 2.0 }, requires_grad: true);
        Tensor y = (x * x).sum();
        y.backward(retain_graph: true);
        y.backward();
        Assert.Equal(new[] { 8.0 }, x.grad!.data<double>());

        Tensor z = (x * x).sum();
        z.backward();
        Assert.Throws<TorchException>(() => z.backward());
    }

    [Fact]
    public void Reading_grad_repeatedly_returns_one_object_and_creates_no_handles()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = ones([4], requires_grad: true);
        (x * 2.0).sum().backward();
        Tensor first = x.grad!;
        long live = LiveTensors.Settled();
        for (int i = 0; i < 100; i++)
        {
            Assert.Same(first, x.grad);
        }

        Assert.Equal(live, LiveTensors.Settled());
    }

    [Fact]
    public void Setting_grad_to_null_clears_it_and_a_new_backward_gives_a_new_gradient()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = ones([2], requires_grad: true);
        (x * 2.0).sum().backward();
        Assert.NotNull(x.grad);
        x.grad = null;
        Assert.Null(x.grad);
        (x * 5.0).sum().backward();
        Assert.Equal(new[] { 5f, 5f }, x.grad!.data<float>());
    }

    [Fact]
    public void Autograd_grad_returns_gradients_without_touching_dot_grad()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 1.0, 2.0 }, requires_grad: true);
        Tensor w = tensor(new[] { 3.0, 4.0 }, requires_grad: true);
        Tensor unused = tensor(new[] { 1.0 }, requires_grad: true);
        Tensor y = (x * w).sum();
        Tensor?[] grads = autograd.grad([y], [x, w, unused], allow_unused: true);
        Assert.Equal(new[] { 3.0, 4.0 }, grads[0]!.data<double>());
        Assert.Equal(new[] { 1.0, 2.0 }, grads[1]!.data<double>());
        Assert.Null(grads[2]);
        Assert.Null(x.grad);
    }

    [Fact]
    public void Autograd_grad_with_create_graph_gives_second_derivatives()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new[] { 3.0 }, requires_grad: true);
        Tensor y = (x * x * x).sum(); // y' = 3x², y'' = 6x
        Tensor dy = autograd.grad([y], [x], create_graph: true)[0]!;
        Assert.Equal(27.0, dy.item<double>());
        Tensor d2y = autograd.grad([dy.sum()], [x])[0]!;
        Assert.Equal(18.0, d2y.item<double>());
    }

    [Fact]
    public void Detach_cuts_the_graph_but_shares_data()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = ones([3], requires_grad: true);
        Tensor d = x.detach();
        Assert.False(d.requires_grad);
        d.fill_(5);
        Assert.Equal(new[] { 5f, 5f, 5f }, x.data<float>());
    }

    [Fact]
    public void No_grad_stops_recording_and_restores_the_previous_mode_even_when_nested()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = ones([2], requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2.0).requires_grad);
            using (enable_grad())
            {
                Assert.True(is_grad_enabled());
                Assert.True((x * 2.0).requires_grad);
            }

            Assert.False(is_grad_enabled());
        }

        Assert.True(is_grad_enabled());
        Assert.True((x * 2.0).requires_grad);
    }

    [Fact]
    public void Inference_mode_disables_recording_and_restores_on_dispose()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = ones([2], requires_grad: true);
        using (inference_mode())
        {
            Assert.True(is_inference_mode_enabled());
            Assert.False(is_grad_enabled());
            Assert.False((x * 2.0).requires_grad);
        }

        Assert.False(is_inference_mode_enabled());
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void Gradcheck_itself_detects_a_wrong_gradient()
    {
        // Guard against a checker that passes everything: x.detach() * x has gradient x, not 2x.
        Assert.ThrowsAny<Exception>(() => GradCheck.Assert(x => x[0].detach() * x[0], randn([3], ScalarType.Float64)));
    }

    [Fact]
    public void Arithmetic_gradients_match_finite_differences()
    {
        manual_seed(1);
        GradCheck.Assert(x => (x[0] + x[1]) * x[0] / (x[1] * x[1] + 1.0) - x[0] * 0.5, randn(2, 3), randn(2, 3));
        GradCheck.Assert(x => (x[0] * x[1]).sum(1) + x[0].mean(0, keepdim: false).sum(), randn(2, 3), randn(2, 3));
        GradCheck.Assert(x => 2.0 / (x[0] * x[0] + 1.0) - (3.0 - x[0]), randn(4));
    }
}
