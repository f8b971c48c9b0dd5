using System;
using System.Collections.Generic;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Arithmetic, type promotion, pointwise math, products, reductions and comparisons against Reference/cases_math.py.</summary>
public sealed class MathParityTests : ReferenceParityTests<MathParityTests>, IReferenceArea
{
    private const string Area = "math";
    private const double Inf = double.PositiveInfinity;

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        // ---- arithmetic and type promotion ----
        ["add_broadcast"] = x => x[0] + x[1],
        ["add_alpha"] = x => add(x[0], x[1], alpha: 2),
        ["sub_alpha"] = x => sub(x[0], x[1], alpha: 0.5),
        ["sub_scalar_both_sides"] = x => (x[0] - 1.5, 2 - x[0]),
        ["mul_div_broadcast"] = x => (x[0] * x[1], x[0] / x[1]),
        ["scalar_div_tensor"] = x => 2 / x[0],
        ["promote_int_plus_int_scalar"] = x => x[0] + 2,
        ["promote_int_plus_float_scalar"] = x => x[0] + 2.5,
        ["promote_int_times_scalars"] = x => (x[0] * 3, x[0] * 0.5),
        ["promote_int_div_int"] = x => x[0] / x[1],
        ["promote_int_plus_float_tensor"] = x => x[0] + x[1],
        ["promote_float_plus_double"] = x => x[0] + x[1],
        ["promote_zero_dim_double_keeps_float"] = x => x[0] + x[1],
        ["promote_int32_plus_int64"] = x => x[0] + x[1],
        ["promote_bool_plus_int"] = x => x[0] + 1,
        ["addcmul"] = x => addcmul(x[0], x[1], x[2], value: 0.5),
        ["addcdiv"] = x => addcdiv(x[0], x[1], x[2], value: -2),
        ["inplace_arithmetic"] = x => x[0].add_(x[1], alpha: 2).sub_(1).mul_(x[1]).div_(3).addcmul_(x[1], x[1], value: 0.5).addcdiv_(x[1], x[1].abs() + 1),

        // ---- pointwise ----
        ["neg"] = x => (neg(x[0]), -x[0]),
        ["neg_int"] = x => -x[0],
        ["abs"] = x => abs(x[0]),
        ["abs_int"] = x => x[0].abs(),
        ["exp"] = x => exp(x[0]),
        ["exp_int_gives_float"] = x => x[0].exp(),
        ["log"] = x => log(x[0]),
        ["log_of_zero_and_negative"] = x => x[0].log(),
        ["log1p"] = x => log1p(x[0]),
        ["sqrt"] = x => sqrt(x[0]),
        ["rsqrt"] = x => rsqrt(x[0]),
        ["reciprocal"] = x => reciprocal(x[0]),
        ["tanh"] = x => tanh(x[0]),
        ["sigmoid"] = x => sigmoid(x[0]),
        ["sin_cos"] = x => (sin(x[0]), cos(x[0])),
        ["sign"] = x => sign(x[0]),
        ["sign_int"] = x => x[0].sign(),
        ["floor_ceil"] = x => (floor(x[0]), ceil(x[0])),
        ["round_half_to_even"] = x => round(x[0]),
        ["inplace_pointwise"] = x => new[]
        {
            x[0].clone().exp_(), x[0].clone().abs_().sqrt_(), x[0].clone().neg_().tanh_(), x[0].clone().sigmoid_(),
            x[0].clone().abs_().log_(), x[0].clone().abs_().log1p_(), x[0].clone().abs_().rsqrt_(), x[0].clone().reciprocal_(),
            x[0].clone().sin_(), x[0].clone().cos_(), x[0].clone().sign_(), x[0].clone().floor_(), x[0].clone().ceil_(), x[0].clone().round_(),
        },
        ["pow_tensor_tensor"] = x => pow(x[0], x[1]),
        ["pow_scalar_exponents"] = x => (x[0].pow(2), x[0].pow(0.5), pow(x[0], -1), x[0].pow(3)),
        ["pow_int_tensor_int_scalar"] = x => x[0].pow(2),
        ["pow_int_tensor_float_scalar"] = x => x[0].pow(0.5),
        ["pow_scalar_base"] = x => pow(2, x[0]),
        ["pow_inplace"] = x => (x[0].clone().pow_(2), x[0].clone().pow_(x[1])),
        ["clamp_both"] = x => clamp(x[0], -0.5, 0.5),
        ["clamp_min_only"] = x => (x[0].clamp(min: 0.1), clamp_min(x[0], 0.1)),
        ["clamp_max_only"] = x => (x[0].clamp(max: -0.1), clamp_max(x[0], -0.1)),
        ["clamp_tensor_bounds"] = x => (x[0].clamp(x[1], x[2]), x[0].clamp(min: x[1]), x[0].clamp(max: x[2])),
        ["clamp_int"] = x => x[0].clamp(0, 3),
        ["clamp_inplace"] = x => (x[0].clone().clamp_(-0.2, 0.3), x[0].clone().clamp_min_(0), x[0].clone().clamp_max_(0)),
        ["maximum_minimum"] = x => (maximum(x[0], x[1]), minimum(x[0], x[1]), max(x[0], x[1]), min(x[0], x[1])),
        ["maximum_nan_propagates"] = x => (maximum(x[0], x[1]), minimum(x[0], x[1])),

        // ---- matrix products ----
        ["matmul_2d"] = x => matmul(x[0], x[1]),
        ["matmul_vector_matrix"] = x => (x[0].matmul(x[1]), x[2].matmul(x[0])),
        ["matmul_dot"] = x => x[0].matmul(x[1]),
        ["matmul_batched_broadcast"] = x => matmul(x[0], x[1]),
        ["matmul_int"] = x => x[0].matmul(x[1]),
        ["mm"] = x => mm(x[0], x[1]),
        ["bmm"] = x => bmm(x[0], x[1]),
        ["outer"] = x => outer(x[0], x[1]),
        ["einsum_matmul"] = x => einsum("ij,jk->ik", x[0], x[1]),
        ["einsum_attention_scores"] = x => einsum("bhqd,bhkd->bhqk", x[0], x[1]),
        ["einsum_diagonal_and_trace"] = x => (einsum("ii->i", x[0]), einsum("ii", x[0])),
        ["einsum_three_operands"] = x => einsum("i,ij,j->", x[0], x[1], x[2]),

        // ---- reductions ----
        ["sum_all_and_dims"] = x => (x[0].sum(), sum(x[0], [0, -1]), x[0].sum(1, keepdim: true)),
        ["sum_int_and_bool"] = x => (x[0].sum(), x[0].sum(0), x[1].sum()),
        ["sum_empty"] = x => (x[0].sum(), x[0].sum(0), x[0].sum(1)),
        ["mean_all_and_dims"] = x => (x[0].mean(), mean(x[0], [0, 2], keepdim: true), x[0].mean(-1)),
        ["mean_empty_is_nan"] = x => x[0].mean(0),
        ["prod"] = x => (x[0].prod(), prod(x[0], 1), x[0].prod(-1, keepdim: true)),
        ["prod_int_and_empty"] = x => (x[0].prod(), x[0].prod(0), x[1].prod()),
        ["max_min_all"] = x => (x[0].max(), x[0].min(), max(x[0]), min(x[0])),
        ["max_min_dim"] = x => (x[0].max(1), x[0].min(0, keepdim: true), max(x[0], -1, keepdim: true)),
        ["max_min_dim_int"] = x => (x[0].max(0), x[0].min(-1)),
        ["amax_amin"] = x => (x[0].amax([0, 2]), amin(x[0], -1, keepdim: true), x[0].amax([]), amax(x[0], 1)),
        ["argmax_argmin"] = x => (x[0].argmax(), argmax(x[0], 1), x[0].argmin(-1, keepdim: true), argmin(x[0])),
        ["argmax_int"] = x => (x[0].argmax(0), x[0].argmin(1)),
        ["var_std_all"] = x => (x[0].var(), x[0].var(unbiased: false), std(x[0]), x[0].std(unbiased: false)),
        ["var_std_dims"] = x => (x[0].var([0, 2]), var(x[0], -1, unbiased: false, keepdim: true), x[0].std(1), std(x[0], [0, 1], unbiased: false, keepdim: true)),
        ["norm_p"] = x => (x[0].norm(), norm(x[0], 1), x[0].norm(3), x[0].norm(Inf), x[0].norm(-Inf), x[0].norm(0)),
        ["norm_dims"] = x => (x[0].norm(2, 1), norm(x[0], 1, [0, 2], keepdim: true), x[0].norm(Inf, -1)),
        ["logsumexp"] = x => (logsumexp(x[0], 1), x[0].logsumexp([0, 1], keepdim: true)),
        ["logsumexp_large_values_stable"] = x => x[0].logsumexp(-1),
        ["cumsum"] = x => (cumsum(x[0], 0), x[0].cumsum(-1), x[0].cumsum(1, float64)),
        ["cumsum_int_accumulates_int64"] = x => x[0].cumsum(0),
        ["all_any"] = x => (x[0].all(), x[0].any(), all(x[0], 1), any(x[0], 0, keepdim: true)),
        ["all_any_bool"] = x => (x[0].all(), x[0].any(), x[0].all(0), x[0].any(-1)),
        ["all_any_uint8"] = x => (x[0].all(), x[0].any(1)),
        ["all_any_empty"] = x => (x[0].all(), x[0].any()),

        // ---- comparisons and logic ----
        ["compare_tensors"] = x => (eq(x[0], x[1]), x[0].ne(x[1]), lt(x[0], x[1]), x[0].le(x[1]), gt(x[0], x[1]), x[0].ge(x[1])),
        ["compare_scalars"] = x => (x[0].eq(2), ne(x[0], 2), x[0].lt(1.5), x[0].le(2), gt(x[0], 2.5), x[0].ge(3)),
        ["compare_int_with_float_scalar"] = x => (x[0] < 2.5, x[0].eq(2.0), x[0] >= 1),
        ["compare_operators"] = x => new[]
        {
            x[0] < x[1], x[0] > x[1], x[0] <= x[1], x[0] >= x[1], x[0] < 0, x[0] > 0.5, x[0] <= 0, x[0] >= -0.5,
            0 < x[0], 0.5 > x[0], 0 <= x[0], 0 >= x[0],
        },
        ["compare_nan"] = x => (x[0].eq(x[0]), x[0].ne(x[0]), x[0] < 1.0),
        ["logical_ops"] = x => (logical_and(x[0], x[1]), x[0].logical_or(x[1]), logical_xor(x[0], x[1]), x[0].logical_not(), logical_not(x[1])),
        ["bitwise_bool"] = x => (x[0] & x[1], x[0] | x[1], x[0] ^ x[1], ~x[0], x[0] & true, false | x[0], x[0] ^ true),
        ["bitwise_int"] = x => new[] { x[0] & x[1], x[0] | x[1], x[0] ^ x[1], ~x[0], x[0].bitwise_and(6), 1 | x[0], x[0] ^ 3, bitwise_not(x[1]) },
        ["isnan_isinf_isfinite"] = x => (isnan(x[0]), x[0].isinf(), isfinite(x[0])),
        ["isfinite_int_is_true"] = x => x[0].isfinite(),
        ["allclose"] = x => (allclose(x[0], x[0] + 1e-7), x[0].allclose(x[0] + 1e-3), x[0].allclose(x[0] + 1e-3, rtol: 0, atol: 1e-2),
            allclose(x[0], x[1]), (x[0] * 0 + x[1]).allclose(x[1]), x[2].allclose(x[2]), x[2].allclose(x[2], equal_nan: true)),
        ["equal"] = x => (equal(x[0], x[0].clone()), x[0].equal(x[1]), x[0].equal(x[2]), equal(x[0], x[0].to(float64))),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    // == and != are not elementwise (use eq/ne): they keep reference semantics for null checks.
    [Fact]
    public void Equality_operators_compare_references()
    {
        using Tensor a = ones(2);
        using Tensor b = ones(2);
        Tensor alias = a;
        Assert.True(alias == a);
        Assert.False(a == b);
        Assert.True(a != null);
    }
}
