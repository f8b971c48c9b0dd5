using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Autograd of the math ops against finite differences (see <see cref="GradCheck"/>).</summary>
public sealed class MathGradientTests
{
    /// <summary>Seeded standard-normal input, so each test sees the same values every run.</summary>
    private static Tensor Normal(int seed, params long[] shape)
    {
        manual_seed(seed);
        return randn(shape, float64);
    }

    /// <summary>Values in [0.5, 1.5): inside the domain of log, sqrt, pow with a tensor exponent …</summary>
    private static Tensor Positive(int seed, params long[] shape)
    {
        manual_seed(seed);
        return rand(shape, float64) + 0.5;
    }

    [Fact]
    public void Arithmetic() => GradCheck.Assert(
        x => (x[0] + x[1]) * x[0] - x[1].sub(x[0], alpha: 0.5) / (x[1] * x[1] + 1) + 2 / (x[0] * x[0] + 1) - 3 * x[0].neg(),
        Normal(1, 2, 3), Normal(2, 3));

    [Fact]
    public void Addcmul_and_addcdiv() => GradCheck.Assert(
        x => addcmul(x[0], x[1], x[2], value: 0.5) + x[0].addcdiv(x[1], x[2] * x[2] + 1, value: -2),
        Normal(3, 2, 3), Normal(4, 2, 3), Normal(5, 3));

    [Fact]
    public void Smooth_pointwise() => GradCheck.Assert(
        x => x[0].exp() + x[0].tanh() + x[0].sigmoid() + x[0].sin() + x[0].cos() + x[0].abs(),
        Normal(6, 2, 4));

    [Fact]
    public void Pointwise_on_positive_inputs() => GradCheck.Assert(
        x => x[0].log() + x[0].log1p() + x[0].sqrt() + x[0].rsqrt() + x[0].reciprocal(),
        Positive(7, 2, 4));

    [Fact]
    public void Piecewise_constant_ops_have_zero_gradient() => GradCheck.Assert(
        x => x[0].sign() + x[0].floor() + x[0].ceil() + x[0].round() + x[0],
        Normal(8, 5));

    [Fact]
    public void Pow_with_tensor_base_and_exponent() => GradCheck.Assert(x => pow(x[0], x[1]), Positive(9, 2, 3), Normal(10, 3));

    [Fact]
    public void Pow_with_scalar_exponent_and_scalar_base() => GradCheck.Assert(
        x => x[0].pow(3) + x[0].pow(0.5) + pow(2.0, x[0]) + x[0].pow(-1.5),
        Positive(11, 2, 3));

    [Fact]
    public void Clamp_with_scalar_bounds() => GradCheck.Assert(
        x => x[0].clamp(-0.5, 0.5) + x[0].clamp_min(0.2) + x[0].clamp_max(-0.3),
        Normal(12, 3, 4));

    [Fact]
    public void Clamp_with_tensor_bounds_reaches_the_bounds() => GradCheck.Assert(
        x => x[0].clamp(x[1], x[2]),
        Normal(13, 3, 4), Normal(14, 4) - 0.5, Normal(15, 3, 1) + 0.5);

    [Fact]
    public void Maximum_and_minimum() => GradCheck.Assert(x => maximum(x[0], x[1]) * minimum(x[0], x[1]), Normal(16, 2, 3), Normal(17, 3));

    // Ops whose backward needs their own output (exp, sqrt, tanh …) must end a chain of in-place ops, as in PyTorch.
    [Fact]
    public void In_place_ops()
    {
        GradCheck.Assert(x => x[0].clone().mul_(x[1]).add_(x[1], alpha: 2).clamp_(-1.0, 1.5).pow_(2).add_(1).sqrt_(), Normal(18, 2, 3), Normal(19, 3));
        GradCheck.Assert(x => x[0].clone().div_(x[1] * x[1] + 1).sub_(0.5).sin_().addcmul_(x[1], x[1], value: 0.5).exp_(), Normal(40, 2, 3), Normal(41, 3));
    }

    [Fact]
    public void Matmul_shapes()
    {
        GradCheck.Assert(x => matmul(x[0], x[1]), Normal(20, 2, 3, 4), Normal(21, 4, 5));
        GradCheck.Assert(x => matmul(x[0], x[1]), Normal(22, 4), Normal(23, 4, 5));
    }

    [Fact]
    public void Mm_and_outer() => GradCheck.Assert(x => mm(x[0], x[1]) + outer(x[2], x[3]), Normal(23, 2, 3), Normal(24, 3, 4), Normal(25, 2), Normal(26, 4));

    [Fact]
    public void Bmm() => GradCheck.Assert(x => bmm(x[0], x[1]), Normal(27, 2, 3, 4), Normal(28, 2, 4, 2));

    [Fact]
    public void Einsum() => GradCheck.Assert(
        x => einsum("bqd,bkd->bqk", x[0], x[1]) * einsum("ij,j->i", x[2], x[3]),
        Normal(29, 2, 3, 4), Normal(30, 2, 3, 4), Normal(31, 3, 2), Normal(32, 2));

    [Fact]
    public void Sum_mean_and_prod() => GradCheck.Assert(
        x => x[0].sum(1) + x[0].prod(1) + x[0].mean([0, 2]).sum() + x[0].prod(),
        Normal(33, 2, 3, 4));

    [Fact]
    public void Max_and_min() => GradCheck.Assert(
        x => x[0].max(1).values.sum() + x[0].min(-1, keepdim: true).values.sum() + x[0].max() - x[0].min(),
        Normal(34, 3, 4));

    [Fact]
    public void Amax_and_amin() => GradCheck.Assert(x => x[0].amax([0, 2]) + x[0].amin(-1).sum(0), Normal(35, 2, 3, 4));

    [Fact]
    public void Var_and_std() => GradCheck.Assert(
        x => x[0].std(1, unbiased: false) + x[0].var([0, 2]).sum() + x[0].var() + x[0].std(),
        Normal(36, 2, 3, 4));

    [Fact]
    public void Norm_for_several_p() => GradCheck.Assert(
        x => x[0].norm() + x[0].norm(1, -1).sum() + x[0].norm(double.PositiveInfinity, [0]).sum() + x[0].norm(3, 0, keepdim: true).sum(),
        Normal(37, 3, 4));

    [Fact]
    public void Logsumexp() => GradCheck.Assert(x => x[0].logsumexp([1]) + x[0].logsumexp(-1, keepdim: true).sum(1), Normal(38, 2, 3, 4));

    [Fact]
    public void Cumsum() => GradCheck.Assert(x => x[0].cumsum(1) * x[0].cumsum(-2), Normal(39, 3, 4));
}
