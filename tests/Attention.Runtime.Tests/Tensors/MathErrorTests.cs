using System;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Bad input to the math ops gives a <see cref="TorchException"/> with libtorch's message.</summary>
public sealed class MathErrorTests
{
    private static void AssertFails(string expectedFragment, Func<object> op)
    {
        using DisposeScope scope = NewDisposeScope();
        TorchException e = Assert.Throws<TorchException>(op);
        Assert.Contains(expectedFragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matmul_of_mismatched_shapes() =>
        AssertFails("mat1 and mat2 shapes cannot be multiplied (3x4 and 5x2)", () => randn(3, 4).matmul(randn(5, 2)));

    [Fact]
    public void Mm_of_mismatched_shapes() =>
        AssertFails("mat1 and mat2 shapes cannot be multiplied (3x4 and 5x2)", () => mm(randn(3, 4), randn(5, 2)));

    [Fact]
    public void Add_of_shapes_that_do_not_broadcast() =>
        AssertFails("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", () => randn(2, 3) + randn(4));

    [Fact]
    public void In_place_add_cannot_grow_its_target() =>
        AssertFails("output with shape [3] doesn't match the broadcast shape [2, 3]", () => randn(3).add_(randn(2, 3)));

    [Fact]
    public void In_place_op_cannot_change_an_integer_tensor_to_float()
    {
        AssertFails("result type Float can't be cast to the desired output type Long", () => arange(3).add_(2.5));
        AssertFails("result type Float can't be cast to the desired output type Long", () => arange(3).sqrt_());
    }

    [Fact]
    public void Bmm_needs_3d_tensors() =>
        AssertFails("batch1 must be a 3D tensor", () => bmm(randn(3, 4), randn(4, 5)));

    [Fact]
    public void Outer_needs_vectors() =>
        AssertFails("outer: Expected 1-D argument self, but got 2-D", () => outer(randn(2, 2), randn(3)));

    [Fact]
    public void Einsum_with_inconsistent_sizes_or_missing_operands()
    {
        AssertFails("subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3", () => einsum("ij,jk->ik", randn(2, 3), randn(4, 5)));
        AssertFails("fewer operands were provided than specified in the equation", () => einsum("ij,jk->ik", randn(2, 3)));
    }

    [Fact]
    public void Reduction_over_a_dim_out_of_range()
    {
        AssertFails("Dimension out of range (expected to be in range of [-2, 1], but got 2)", () => randn(2, 3).sum(2));
        AssertFails("Dimension out of range (expected to be in range of [-2, 1], but got -3)", () => randn(2, 3).max(-3));
        AssertFails("Dimension out of range (expected to be in range of [-1, 0], but got 1)", () => randn(3).cumsum(1));
    }

    [Fact]
    public void Max_of_an_empty_tensor_needs_a_dim()
    {
        AssertFails("max(): Expected reduction dim to be specified for input.numel() == 0", () => zeros(0, 3).max());
        AssertFails("amax(): Expected reduction dim 0 to have non-zero size", () => zeros(0, 3).amax(0));
    }

    [Fact]
    public void Ops_refuse_unsupported_dtypes()
    {
        AssertFails("\"argmax_cpu\" not implemented for 'Bool'", () => tensor(new[] { true, false }).argmax());
        AssertFails("\"bitwise_and_cpu\" not implemented for 'Float'", () => randn(3) & randn(3));
        AssertFails("mean(): could not infer output dtype", () => arange(3).mean());
        AssertFails("std and var only support floating point and complex dtypes", () => arange(3).var());
        AssertFails("Integers to negative integer powers are not allowed", () => arange(3).pow(-1));
    }

    [Fact]
    public void Clamp_needs_a_bound() =>
        AssertFails("At least one of 'min' or 'max' must not be None", () => randn(3).clamp(min: (Scalar?)null, max: null));

    [Fact]
    public void Allclose_needs_matching_dtypes() =>
        AssertFails("Float did not match Double", () => randn(3).allclose(randn([3], float64)));
}
