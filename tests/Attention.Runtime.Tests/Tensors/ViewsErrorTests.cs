using System;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Bad shapes, dims and indices give a TorchException with libtorch's own message.</summary>
public sealed class ViewsErrorTests
{
    private static void AssertFails(string fragment, Func<object> op)
    {
        using DisposeScope scope = NewDisposeScope();
        TorchException error = Assert.Throws<TorchException>(op);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void View_with_an_incompatible_shape() =>
        AssertFails("shape '[5]' is invalid for input of size 6", () => zeros(2, 3).view(5));

    [Fact]
    public void View_of_a_transpose_needs_reshape() =>
        AssertFails("view size is not compatible with input tensor's size and stride", () => zeros(2, 3).t().view(6));

    [Fact]
    public void Cat_with_mismatched_shapes() =>
        AssertFails("Sizes of tensors must match except in dimension 0", () => cat([zeros(2, 3), zeros(2, 2)], 0));

    [Fact]
    public void Cat_of_no_tensors() =>
        AssertFails("expected a non-empty list of Tensors", () => cat([], 0));

    [Fact]
    public void Stack_with_mismatched_shapes() =>
        AssertFails("stack expects each tensor to be equal size", () => stack([zeros(2, 3), zeros(3, 2)]));

    [Fact]
    public void Out_of_range_dims()
    {
        AssertFails("Dimension out of range (expected to be in range of [-2, 1], but got 2)", () => cat([zeros(2, 3), zeros(2, 3)], 2));
        AssertFails("Dimension out of range (expected to be in range of [-2, 1], but got -3)", () => zeros(2, 3).transpose(0, -3));
        AssertFails("Dimension out of range (expected to be in range of [-3, 2], but got 3)", () => zeros(2, 3).unsqueeze(3));
        AssertFails("Dimension out of range", () => zeros(2, 3).chunk(2, 5));
    }

    [Fact]
    public void Index_out_of_range()
    {
        AssertFails("select(): index 2 out of range for tensor of size [2, 3] at dimension 0", () => zeros(2, 3)[2]);
        AssertFails("index 3 is out of bounds for dimension 1 with size 3", () => zeros(2, 3)[0, 3]);
        AssertFails("index 2 is out of bounds for dimension 0 with size 2", () => zeros(2, 3)[tensor(new long[] { 2 })]);
        AssertFails("index out of range in self", () => zeros(2, 3).index_select(0, tensor(new long[] { 2 })));
        AssertFails("index 3 is out of bounds for dimension 1 with size 3", () => zeros(2, 3).gather(1, tensor(new long[] { 3 }, [1, 1])));
        AssertFails("too many indices for tensor of dimension 2", () => zeros(2, 3)[0, 0, 0]);
    }

    [Fact]
    public void Setting_a_value_of_the_wrong_shape() =>
        AssertFails("The expanded size of the tensor (3) must match the existing size (4)", () => zeros(2, 3)[..] = zeros(4));

    [Fact]
    public void Bad_arguments_of_splits_and_slices()
    {
        AssertFails("split_with_sizes expects split_sizes to sum exactly to 3", () => zeros(2, 3).split([1, 1], 1));
        AssertFails("chunk expects `chunks` to be greater than 0", () => zeros(2, 3).chunk(0));
        AssertFails("start (2) + length (2) exceeds dimension size (3)", () => zeros(2, 3).narrow(1, 2, 2));
        AssertFails("step must be greater than zero", () => zeros(4)[TensorIndex.Slice(step: -1)]);
        AssertFails("The expanded size of the tensor (3) must match the existing size (2)", () => zeros(2, 3).expand(3, 3));
        AssertFails("tensors used as indices must be long, byte or bool tensors", () => zeros(2)[zeros(1)]);
    }
}
