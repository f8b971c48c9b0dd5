"""Arithmetic and type promotion, pointwise math, matrix products, reductions, comparisons and logic."""
import math

import torch

from harness import case, rand, randint, randn

NAN, INF = math.nan, math.inf


def special():
    """Finite values, NaN and both infinities."""
    return torch.tensor([1.5, NAN, -INF, 0.0, INF, -2.0])


def no_ties():
    """Integers without ties along any dim, so max/min indices are unambiguous."""
    return torch.tensor([[3, 7, 1, 9], [4, 0, 11, 2], [8, 6, 5, 10]])


def positive(*shape, seed):
    return rand(*shape, seed=seed) + 0.5


CASES = [
    # ---- arithmetic and type promotion ----
    case("add_broadcast", lambda a, b: a + b, randn(2, 3, seed="addb"), randn(3, seed="addb")),
    case("add_alpha", lambda a, b: torch.add(a, b, alpha=2), randn(2, 3, seed="adda"), randn(2, 1, seed="adda")),
    case("sub_alpha", lambda a, b: torch.sub(a, b, alpha=0.5), randn(2, 3, seed="suba"), randn(3, seed="suba")),
    case("sub_scalar_both_sides", lambda a: (a - 1.5, 2 - a), randn(4, seed="subs")),
    case("mul_div_broadcast", lambda a, b: (a * b, a / b), randn(2, 1, 3, seed="muld"), positive(4, 3, seed="muld")),
    case("scalar_div_tensor", lambda a: 2 / a, positive(5, seed="rdiv")),
    case("promote_int_plus_int_scalar", lambda a: a + 2, randint(-5, 5, 2, 3, seed="pii")),
    case("promote_int_plus_float_scalar", lambda a: a + 2.5, randint(-5, 5, 2, 3, seed="pif")),
    case("promote_int_times_scalars", lambda a: (a * 3, a * 0.5), randint(-5, 5, 4, seed="pim")),
    case("promote_int_div_int", lambda a, b: a / b, randint(-9, 9, 5, seed="pdi"), randint(1, 4, 5, seed="pdi2")),
    case("promote_int_plus_float_tensor", lambda a, b: a + b, randint(-5, 5, 3, seed="pift"), randn(3, seed="pift")),
    case("promote_float_plus_double", lambda a, b: a + b, randn(3, seed="pfd"), randn(3, dtype=torch.float64, seed="pfd2")),
    case("promote_zero_dim_double_keeps_float", lambda a, b: a + b, randn(3, seed="pzd"), torch.tensor(0.25, dtype=torch.float64)),
    case("promote_int32_plus_int64", lambda a, b: a + b, randint(0, 9, 3, seed="p32").to(torch.int32), randint(0, 9, 3, seed="p64")),
    case("promote_bool_plus_int", lambda a: a + 1, torch.tensor([True, False, True])),
    case("addcmul", lambda a, b, c: torch.addcmul(a, b, c, value=0.5), randn(2, 3, seed="acm"), randn(2, 3, seed="acm2"), randn(3, seed="acm3")),
    case("addcdiv", lambda a, b, c: torch.addcdiv(a, b, c, value=-2), randn(2, 3, seed="acd"), randn(2, 3, seed="acd2"), positive(3, seed="acd3")),
    case("inplace_arithmetic", lambda a, b: a.add_(b, alpha=2).sub_(1).mul_(b).div_(3).addcmul_(b, b, value=0.5).addcdiv_(b, b.abs() + 1),
         randn(2, 3, seed="ipa"), randn(3, seed="ipa2")),

    # ---- pointwise ----
    case("neg", lambda a: (torch.neg(a), -a), randn(2, 3, seed="neg")),
    case("neg_int", lambda a: -a, randint(-5, 5, 4, seed="negi")),
    case("abs", lambda a: torch.abs(a), randn(2, 3, seed="abs")),
    case("abs_int", lambda a: a.abs(), randint(-5, 5, 4, seed="absi")),
    case("exp", lambda a: torch.exp(a), randn(2, 3, seed="exp")),
    case("exp_int_gives_float", lambda a: a.exp(), randint(-3, 3, 4, seed="expi")),
    case("log", lambda a: torch.log(a), positive(2, 3, seed="log")),
    case("log_of_zero_and_negative", lambda a: a.log(), torch.tensor([0.0, -1.0, 1.0])),
    case("log1p", lambda a: torch.log1p(a), rand(2, 3, seed="log1p")),
    case("sqrt", lambda a: torch.sqrt(a), rand(2, 3, seed="sqrt")),
    case("rsqrt", lambda a: torch.rsqrt(a), positive(2, 3, seed="rsqrt")),
    case("reciprocal", lambda a: torch.reciprocal(a), positive(2, 3, seed="recip")),
    case("tanh", lambda a: torch.tanh(a), randn(2, 3, seed="tanh")),
    case("sigmoid", lambda a: torch.sigmoid(a), randn(2, 3, seed="sigm") * 4),
    case("sin_cos", lambda a: (torch.sin(a), torch.cos(a)), randn(2, 3, seed="sincos") * 3),
    case("sign", lambda a: torch.sign(a), torch.tensor([-2.5, 0.0, 3.0, -0.0])),
    case("sign_int", lambda a: a.sign(), randint(-3, 3, 6, seed="signi")),
    case("floor_ceil", lambda a: (torch.floor(a), torch.ceil(a)), randn(2, 3, seed="floor") * 3),
    case("round_half_to_even", lambda a: torch.round(a), torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, 1.2, -2.7])),
    case("inplace_pointwise", lambda a: (a.clone().exp_(), a.clone().abs_().sqrt_(), a.clone().neg_().tanh_(), a.clone().sigmoid_(),
                                         a.clone().abs_().log_(), a.clone().abs_().log1p_(), a.clone().abs_().rsqrt_(), a.clone().reciprocal_(),
                                         a.clone().sin_(), a.clone().cos_(), a.clone().sign_(), a.clone().floor_(), a.clone().ceil_(), a.clone().round_()),
         randn(2, 3, seed="ipp") * 2),
    case("pow_tensor_tensor", lambda a, b: torch.pow(a, b), positive(2, 3, seed="ptt"), randn(3, seed="ptt2")),
    case("pow_scalar_exponents", lambda a: (a ** 2, a.pow(0.5), torch.pow(a, -1), a.pow(3)), positive(2, 3, seed="pse")),
    case("pow_int_tensor_int_scalar", lambda a: a ** 2, randint(-4, 4, 5, seed="pint")),
    case("pow_int_tensor_float_scalar", lambda a: a.pow(0.5), randint(0, 9, 5, seed="pinf")),
    case("pow_scalar_base", lambda a: torch.pow(2, a), randn(2, 3, seed="psb")),
    case("pow_inplace", lambda a, b: (a.clone().pow_(2), a.clone().pow_(b)), positive(2, 3, seed="pip"), randn(3, seed="pip2")),
    case("clamp_both", lambda a: torch.clamp(a, -0.5, 0.5), randn(3, 4, seed="clb")),
    case("clamp_min_only", lambda a: (a.clamp(min=0.1), torch.clamp_min(a, 0.1)), randn(3, 4, seed="clmin")),
    case("clamp_max_only", lambda a: (a.clamp(max=-0.1), torch.clamp_max(a, -0.1)), randn(3, 4, seed="clmax")),
    case("clamp_tensor_bounds", lambda a, lo, hi: (a.clamp(lo, hi), a.clamp(min=lo), a.clamp(max=hi)),
         randn(3, 4, seed="clt"), randn(4, seed="clt2") - 0.5, randn(3, 1, seed="clt3") + 0.5),
    case("clamp_int", lambda a: a.clamp(0, 3), randint(-5, 5, 6, seed="cli")),
    case("clamp_inplace", lambda a: (a.clone().clamp_(-0.2, 0.3), a.clone().clamp_min_(0), a.clone().clamp_max_(0)), randn(3, 4, seed="clip")),
    case("maximum_minimum", lambda a, b: (torch.maximum(a, b), torch.minimum(a, b), torch.max(a, b), torch.min(a, b)),
         randn(2, 3, seed="mxm"), randn(3, seed="mxm2")),
    case("maximum_nan_propagates", lambda a, b: (torch.maximum(a, b), torch.minimum(a, b)),
         torch.tensor([1.0, NAN, 3.0]), torch.tensor([2.0, 2.0, NAN])),

    # ---- matrix products ----
    case("matmul_2d", lambda a, b: torch.matmul(a, b), randn(3, 4, seed="mm2"), randn(4, 5, seed="mm2b")),
    case("matmul_vector_matrix", lambda a, b, c: (a.matmul(b), c.matmul(a)), randn(4, seed="mvm"), randn(4, 3, seed="mvm2"), randn(3, 4, seed="mvm3")),
    case("matmul_dot", lambda a, b: a.matmul(b), randn(5, seed="mdot"), randn(5, seed="mdot2")),
    case("matmul_batched_broadcast", lambda a, b: torch.matmul(a, b), randn(2, 1, 3, 4, seed="mbb"), randn(3, 4, 2, seed="mbb2")),
    case("matmul_int", lambda a, b: a.matmul(b), randint(-3, 3, 2, 3, seed="mint"), randint(-3, 3, 3, 2, seed="mint2")),
    case("mm", lambda a, b: torch.mm(a, b), randn(2, 3, seed="mmm"), randn(3, 4, seed="mmm2")),
    case("bmm", lambda a, b: torch.bmm(a, b), randn(2, 3, 4, seed="bmm"), randn(2, 4, 5, seed="bmm2")),
    case("outer", lambda a, b: torch.outer(a, b), randn(3, seed="outer"), randn(4, seed="outer2")),
    case("einsum_matmul", lambda a, b: torch.einsum("ij,jk->ik", a, b), randn(3, 4, seed="ein1"), randn(4, 2, seed="ein1b")),
    case("einsum_attention_scores", lambda q, k: torch.einsum("bhqd,bhkd->bhqk", q, k), randn(2, 2, 3, 4, seed="ein2"), randn(2, 2, 5, 4, seed="ein2b")),
    case("einsum_diagonal_and_trace", lambda a: (torch.einsum("ii->i", a), torch.einsum("ii", a)), randn(4, 4, seed="ein3")),
    case("einsum_three_operands", lambda a, b, c: torch.einsum("i,ij,j->", a, b, c), randn(3, seed="ein4"), randn(3, 4, seed="ein4b"), randn(4, seed="ein4c")),

    # ---- reductions ----
    case("sum_all_and_dims", lambda a: (a.sum(), torch.sum(a, (0, -1)), a.sum(1, keepdim=True)), randn(2, 3, 4, seed="sum")),
    case("sum_int_and_bool", lambda a, b: (a.sum(), a.sum(0), b.sum()), randint(-5, 5, 3, 2, seed="sumi"), torch.tensor([True, False, True])),
    case("sum_empty", lambda a: (a.sum(), a.sum(0), a.sum(1)), torch.zeros(0, 3)),
    case("mean_all_and_dims", lambda a: (a.mean(), torch.mean(a, (0, 2), keepdim=True), a.mean(-1)), randn(2, 3, 4, seed="mean")),
    case("mean_empty_is_nan", lambda a: a.mean(0), torch.zeros(0, 3)),
    case("prod", lambda a: (a.prod(), torch.prod(a, 1), a.prod(-1, keepdim=True)), randn(3, 4, seed="prod")),
    case("prod_int_and_empty", lambda a, e: (a.prod(), a.prod(0), e.prod()), randint(1, 4, 2, 3, seed="prodi"), torch.zeros(0, 3)),
    case("max_min_all", lambda a: (a.max(), a.min(), torch.max(a), torch.min(a)), randn(3, 4, seed="mxa")),
    case("max_min_dim", lambda a: (*a.max(1), *a.min(0, keepdim=True), *torch.max(a, -1, keepdim=True)), randn(3, 4, seed="mxd")),
    case("max_min_dim_int", lambda a: (*a.max(0), *a.min(-1)), no_ties()),
    case("amax_amin", lambda a: (a.amax((0, 2)), torch.amin(a, -1, keepdim=True), a.amax(()), torch.amax(a, 1)), randn(2, 3, 4, seed="amax")),
    case("argmax_argmin", lambda a: (a.argmax(), torch.argmax(a, 1), a.argmin(-1, keepdim=True), torch.argmin(a)), randn(3, 4, seed="argm")),
    case("argmax_int", lambda a: (a.argmax(0), a.argmin(1)), no_ties()),
    case("var_std_all", lambda a: (a.var(), a.var(unbiased=False), torch.std(a), a.std(unbiased=False)), randn(3, 4, seed="var")),
    case("var_std_dims", lambda a: (a.var((0, 2)), torch.var(a, -1, unbiased=False, keepdim=True), a.std(1), torch.std(a, (0, 1), unbiased=False, keepdim=True)),
         randn(2, 3, 4, seed="vard")),
    case("norm_p", lambda a: (a.norm(), torch.norm(a, 1), a.norm(3), a.norm(INF), a.norm(-INF), a.norm(0)), randn(3, 4, seed="norm")),
    case("norm_dims", lambda a: (a.norm(2, 1), torch.norm(a, 1, (0, 2), keepdim=True), a.norm(INF, -1)), randn(2, 3, 4, seed="normd")),
    case("logsumexp", lambda a: (torch.logsumexp(a, 1), a.logsumexp((0, 1), keepdim=True)), randn(2, 3, 4, seed="lse")),
    case("logsumexp_large_values_stable", lambda a: a.logsumexp(-1), randn(2, 5, seed="lsel") * 200),
    case("cumsum", lambda a: (torch.cumsum(a, 0), a.cumsum(-1), a.cumsum(1, dtype=torch.float64)), randn(3, 4, seed="cums")),
    case("cumsum_int_accumulates_int64", lambda a: a.cumsum(0), randint(-5, 5, 5, seed="cumi").to(torch.int32)),
    case("all_any", lambda a: (a.all(), a.any(), torch.all(a, 1), torch.any(a, 0, keepdim=True)), torch.tensor([[1.0, 0.0, 2.0], [3.0, 4.0, 5.0]])),
    case("all_any_bool", lambda a: (a.all(), a.any(), a.all(0), a.any(-1)), torch.tensor([[True, False], [True, True]])),
    case("all_any_uint8", lambda a: (a.all(), a.any(1)), torch.tensor([[1, 0, 2], [0, 0, 0]], dtype=torch.uint8)),
    case("all_any_empty", lambda a: (a.all(), a.any()), torch.zeros(0, 3)),

    # ---- comparisons and logic ----
    case("compare_tensors", lambda a, b: (torch.eq(a, b), a.ne(b), torch.lt(a, b), a.le(b), torch.gt(a, b), a.ge(b)),
         torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]), torch.tensor([2.0, 2.0, 2.0])),
    case("compare_scalars", lambda a: (a.eq(2), torch.ne(a, 2), a.lt(1.5), a.le(2), torch.gt(a, 2.5), a.ge(3)), torch.tensor([1.0, 2.0, 3.0])),
    case("compare_int_with_float_scalar", lambda a: (a < 2.5, a.eq(2.0), a >= 1), randint(0, 5, 6, seed="cmpi")),
    case("compare_operators", lambda a, b: (a < b, a > b, a <= b, a >= b, a < 0, a > 0.5, a <= 0, a >= -0.5, 0 < a, 0.5 > a, 0 <= a, 0 >= a),
         randn(2, 3, seed="cmpo"), randn(3, seed="cmpo2")),
    case("compare_nan", lambda a: (a.eq(a), a.ne(a), a < 1.0), special()),
    case("logical_ops", lambda a, b: (torch.logical_and(a, b), a.logical_or(b), torch.logical_xor(a, b), a.logical_not(), torch.logical_not(b)),
         torch.tensor([0.0, 1.0, -2.0, 0.0]), torch.tensor([True, True, False, False])),
    case("bitwise_bool", lambda a, b: (a & b, a | b, a ^ b, ~a, a & True, False | a, a ^ True),
         torch.tensor([True, True, False, False]), torch.tensor([True, False, True, False])),
    case("bitwise_int", lambda a, b: (a & b, a | b, a ^ b, ~a, torch.bitwise_and(a, 6), 1 | a, a ^ 3, torch.bitwise_not(b)),
         randint(0, 16, 5, seed="bwi"), randint(0, 16, 5, seed="bwi2")),
    case("isnan_isinf_isfinite", lambda a: (torch.isnan(a), a.isinf(), torch.isfinite(a)), special()),
    case("isfinite_int_is_true", lambda a: a.isfinite(), randint(0, 5, 3, seed="isfi")),
    case("allclose", lambda a, row, s: (torch.allclose(a, a + 1e-7), a.allclose(a + 1e-3), a.allclose(a + 1e-3, rtol=0, atol=1e-2),
                                        torch.allclose(a, row), (a * 0 + row).allclose(row), s.allclose(s), s.allclose(s, equal_nan=True)),
         randn(2, 3, seed="allc"), randn(3, seed="allc2"), special()),
    case("equal", lambda a, b, row: (torch.equal(a, a.clone()), a.equal(b), a.equal(row), torch.equal(a, a.to(torch.float64))),
         randn(2, 3, seed="eqq"), randn(2, 3, seed="eqq2"), randn(3, seed="eqq3")),
]
