using System;
using Xunit;
using static Attention.Runtime.torch;
using F = Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>Bad targets and weights for the losses raise libtorch's (or PyTorch's) message, never crash.</summary>
public sealed class LossErrorTests
{
    private static void AssertFails(string fragment, Func<Tensor> loss)
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => loss());
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    private static Tensor Classes(params long[] values) => tensor(values);

    [Fact]
    public void Cross_entropy_class_index_out_of_range()
    {
        AssertFails("Target 5 is out of bounds.", () => F.cross_entropy(randn(3, 5), Classes(0, 1, 5)));
        AssertFails("Target -3 is out of bounds.", () => F.nll_loss(randn(3, 5), Classes(0, 1, -3)));
    }

    [Fact]
    public void Cross_entropy_target_of_the_wrong_dtype()
    {
        AssertFails("expected scalar type Long but found Int", () => F.cross_entropy(randn(3, 5), zeros([3], ScalarType.Int32)));
        AssertFails("expected scalar type Long but found Float", () => F.cross_entropy(randn(3, 5), zeros(3)));
        AssertFails("Expected floating point type for target with class probabilities, got Long",
            () => F.cross_entropy(randn(3, 5), zeros([3, 5], ScalarType.Int64)));
    }

    [Fact]
    public void Cross_entropy_target_shape_mismatch()
    {
        AssertFails("Expected input batch_size (3) to match target batch_size (2).", () => F.cross_entropy(randn(3, 5), Classes(0, 1)));
        AssertFails("size mismatch (got input: [2, 3, 4, 4] , target: [2, 4, 5]",
            () => F.cross_entropy(randn(2, 3, 4, 4), zeros([2, 4, 5], ScalarType.Int64)));
    }

    [Fact]
    public void Class_weight_of_the_wrong_size() =>
        AssertFails("weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape: [4]",
            () => F.nll_loss(randn(3, 5), Classes(0, 1, 2), ones(4)));

    [Fact]
    public void Label_smoothing_out_of_range() =>
        AssertFails("label_smoothing must be between 0.0 and 1.0. Got: 1.5", () => F.cross_entropy(randn(3, 5), Classes(0, 1, 2), label_smoothing: 1.5));

    [Fact]
    public void Regression_target_that_does_not_broadcast()
    {
        AssertFails("The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 1", () => F.mse_loss(randn(3, 5), randn(3, 4)));
        AssertFails("The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 1", () => F.l1_loss(randn(3, 5), randn(3, 4)));
        AssertFails("The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 1",
            () => F.smooth_l1_loss(randn(3, 5), randn(3, 4)));
    }

    [Fact]
    public void Binary_cross_entropy_target_shape_mismatch()
    {
        AssertFails("Using a target size (torch.Size([2, 3])) that is different to the input size (torch.Size([3])) is deprecated.",
            () => F.binary_cross_entropy(rand(3), rand(2, 3)));
        AssertFails("Target size (torch.Size([2, 3])) must be the same as input size (torch.Size([3]))",
            () => F.binary_cross_entropy_with_logits(randn(3), rand(2, 3)));
    }

    [Fact]
    public void Binary_cross_entropy_weights_that_do_not_broadcast()
    {
        AssertFails("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0",
            () => F.binary_cross_entropy(rand(3), rand(3), rand(2)));
        AssertFails("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1",
            () => F.binary_cross_entropy_with_logits(randn(3, 3), rand(3, 3), pos_weight: rand(2)));
    }

    [Fact]
    public void Binary_cross_entropy_input_outside_zero_one() =>
        AssertFails("all elements of input should be between 0 and 1", () => F.binary_cross_entropy(tensor(new[] { 0.5f, 1.5f, 0.25f }), rand(3)));

    [Fact]
    public void Binary_cross_entropy_target_of_another_dtype() =>
        AssertFails("Found dtype Double but expected Float", () => F.binary_cross_entropy(rand(3), rand([3], ScalarType.Float64)));
}
