// Arithmetic, pointwise math, reductions, comparisons and matrix products.
#include <vector>

#include "common.h"

namespace {

// An optional scalar argument (clamp's bounds): has_value 0 means "not given".
c10::optional<at::Scalar> optional_scalar(ShimScalar value, uint8_t has_value) {
    return has_value ? c10::optional<at::Scalar>(shim::to_scalar(value)) : c10::nullopt;
}

c10::optional<at::ScalarType> optional_dtype(int8_t dtype) {
    return dtype >= 0 ? c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype)) : c10::nullopt;
}

}  // namespace

// ---- arithmetic (tensor ∘ tensor, tensor ∘ scalar) -----------------------------------

SHIM_API TensorHandle shim_add(TensorHandle a, TensorHandle b, ShimScalar alpha) {
    SHIM_TENSOR(at::add(*a, *b, shim::to_scalar(alpha)))
}
SHIM_API TensorHandle shim_add_scalar(TensorHandle a, ShimScalar b) { SHIM_TENSOR(at::add(*a, shim::to_scalar(b))) }
SHIM_API TensorHandle shim_sub(TensorHandle a, TensorHandle b, ShimScalar alpha) {
    SHIM_TENSOR(at::sub(*a, *b, shim::to_scalar(alpha)))
}
SHIM_API TensorHandle shim_sub_scalar(TensorHandle a, ShimScalar b) { SHIM_TENSOR(at::sub(*a, shim::to_scalar(b))) }
SHIM_API TensorHandle shim_rsub_scalar(TensorHandle a, ShimScalar b) { SHIM_TENSOR(at::rsub(*a, shim::to_scalar(b))) }
SHIM_API TensorHandle shim_mul(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::mul(*a, *b)) }
SHIM_API TensorHandle shim_mul_scalar(TensorHandle a, ShimScalar b) { SHIM_TENSOR(at::mul(*a, shim::to_scalar(b))) }
SHIM_API TensorHandle shim_div(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::div(*a, *b)) }
SHIM_API TensorHandle shim_div_scalar(TensorHandle a, ShimScalar b) { SHIM_TENSOR(at::div(*a, shim::to_scalar(b))) }
// scalar / tensor
SHIM_API TensorHandle shim_rdiv_scalar(TensorHandle a, ShimScalar b) {
    SHIM_TENSOR(at::mul(at::reciprocal(*a), shim::to_scalar(b)))
}
SHIM_API TensorHandle shim_neg(TensorHandle a) { SHIM_TENSOR(at::neg(*a)) }

// In place: a ∘= b.
SHIM_API ShimStatus shim_add_(TensorHandle a, TensorHandle b, ShimScalar alpha) {
    SHIM_STATUS(a->add_(*b, shim::to_scalar(alpha)))
}
SHIM_API ShimStatus shim_add_scalar_(TensorHandle a, ShimScalar b) { SHIM_STATUS(a->add_(shim::to_scalar(b))) }
SHIM_API ShimStatus shim_sub_(TensorHandle a, TensorHandle b, ShimScalar alpha) {
    SHIM_STATUS(a->sub_(*b, shim::to_scalar(alpha)))
}
SHIM_API ShimStatus shim_mul_(TensorHandle a, TensorHandle b) { SHIM_STATUS(a->mul_(*b)) }
SHIM_API ShimStatus shim_mul_scalar_(TensorHandle a, ShimScalar b) { SHIM_STATUS(a->mul_(shim::to_scalar(b))) }
SHIM_API ShimStatus shim_div_(TensorHandle a, TensorHandle b) { SHIM_STATUS(a->div_(*b)) }
SHIM_API ShimStatus shim_div_scalar_(TensorHandle a, ShimScalar b) { SHIM_STATUS(a->div_(shim::to_scalar(b))) }
SHIM_API ShimStatus shim_sub_scalar_(TensorHandle a, ShimScalar b) { SHIM_STATUS(a->sub_(shim::to_scalar(b))) }

// a + value · t1 ∘ t2 (the optimizers' fused updates), out of place and in place.
SHIM_API TensorHandle shim_addcmul(TensorHandle a, TensorHandle t1, TensorHandle t2, ShimScalar value) {
    SHIM_TENSOR(at::addcmul(*a, *t1, *t2, shim::to_scalar(value)))
}
SHIM_API TensorHandle shim_addcdiv(TensorHandle a, TensorHandle t1, TensorHandle t2, ShimScalar value) {
    SHIM_TENSOR(at::addcdiv(*a, *t1, *t2, shim::to_scalar(value)))
}
SHIM_API ShimStatus shim_addcmul_(TensorHandle a, TensorHandle t1, TensorHandle t2, ShimScalar value) {
    SHIM_STATUS(a->addcmul_(*t1, *t2, shim::to_scalar(value)))
}
SHIM_API ShimStatus shim_addcdiv_(TensorHandle a, TensorHandle t1, TensorHandle t2, ShimScalar value) {
    SHIM_STATUS(a->addcdiv_(*t1, *t2, shim::to_scalar(value)))
}

// ---- pointwise -------------------------------------------------------------------------

// One export for the op and one for its in-place form: shim_<op>(a) and shim_<op>_(a).
#define SHIM_UNARY(op)                                                          \
    SHIM_API TensorHandle shim_##op(TensorHandle a) { SHIM_TENSOR(at::op(*a)) } \
    SHIM_API ShimStatus shim_##op##_(TensorHandle a) { SHIM_STATUS(a->op##_()) }

SHIM_API ShimStatus shim_neg_(TensorHandle a) { SHIM_STATUS(a->neg_()) }
SHIM_UNARY(abs)
SHIM_UNARY(exp)
SHIM_UNARY(log)
SHIM_UNARY(log1p)
SHIM_UNARY(sqrt)
SHIM_UNARY(rsqrt)
SHIM_UNARY(reciprocal)
SHIM_UNARY(tanh)
SHIM_UNARY(sigmoid)
SHIM_UNARY(sin)
SHIM_UNARY(cos)
SHIM_UNARY(sign)
SHIM_UNARY(floor)
SHIM_UNARY(ceil)
SHIM_UNARY(round)
#undef SHIM_UNARY

SHIM_API TensorHandle shim_pow(TensorHandle a, TensorHandle exponent) { SHIM_TENSOR(at::pow(*a, *exponent)) }
SHIM_API TensorHandle shim_pow_scalar(TensorHandle a, ShimScalar exponent) {
    SHIM_TENSOR(at::pow(*a, shim::to_scalar(exponent)))
}
SHIM_API TensorHandle shim_pow_scalar_base(ShimScalar base, TensorHandle exponent) {
    SHIM_TENSOR(at::pow(shim::to_scalar(base), *exponent))
}
SHIM_API ShimStatus shim_pow_(TensorHandle a, TensorHandle exponent) { SHIM_STATUS(a->pow_(*exponent)) }
SHIM_API ShimStatus shim_pow_scalar_(TensorHandle a, ShimScalar exponent) {
    SHIM_STATUS(a->pow_(shim::to_scalar(exponent)))
}

SHIM_API TensorHandle shim_clamp(TensorHandle a, ShimScalar min, uint8_t has_min, ShimScalar max, uint8_t has_max) {
    SHIM_TENSOR(at::clamp(*a, optional_scalar(min, has_min), optional_scalar(max, has_max)))
}
SHIM_API ShimStatus shim_clamp_(TensorHandle a, ShimScalar min, uint8_t has_min, ShimScalar max, uint8_t has_max) {
    SHIM_STATUS(a->clamp_(optional_scalar(min, has_min), optional_scalar(max, has_max)))
}
// Tensor bounds; NULL = no bound on that side.
SHIM_API TensorHandle shim_clamp_tensor(TensorHandle a, TensorHandle min, TensorHandle max) {
    SHIM_TENSOR(at::clamp(*a, shim::optional_tensor_arg(min), shim::optional_tensor_arg(max)))
}
SHIM_API ShimStatus shim_clamp_tensor_(TensorHandle a, TensorHandle min, TensorHandle max) {
    SHIM_STATUS(a->clamp_(shim::optional_tensor_arg(min), shim::optional_tensor_arg(max)))
}

SHIM_API TensorHandle shim_maximum(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::maximum(*a, *b)) }
SHIM_API TensorHandle shim_minimum(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::minimum(*a, *b)) }

// ---- matrix products -------------------------------------------------------------------

SHIM_API TensorHandle shim_matmul(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::matmul(*a, *b)) }
SHIM_API TensorHandle shim_mm(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::mm(*a, *b)) }
SHIM_API TensorHandle shim_bmm(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::bmm(*a, *b)) }
SHIM_API TensorHandle shim_outer(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::outer(*a, *b)) }

SHIM_API TensorHandle shim_einsum(const char* equation, const TensorHandle* operands, int32_t count) {
    SHIM_TENSOR(at::einsum(equation, shim::tensor_list(operands, count)))
}

// ---- reductions ------------------------------------------------------------------------

SHIM_API TensorHandle shim_sum_all(TensorHandle a) { SHIM_TENSOR(at::sum(*a)) }
SHIM_API TensorHandle shim_sum(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::sum(*a, shim::dims(dims, ndims), keepdim != 0))
}
SHIM_API TensorHandle shim_mean_all(TensorHandle a) { SHIM_TENSOR(at::mean(*a)) }
SHIM_API TensorHandle shim_mean(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::mean(*a, shim::dims(dims, ndims), keepdim != 0))
}

SHIM_API TensorHandle shim_prod_all(TensorHandle a) { SHIM_TENSOR(at::prod(*a)) }
SHIM_API TensorHandle shim_prod(TensorHandle a, int64_t dim, uint8_t keepdim) {
    SHIM_TENSOR(at::prod(*a, dim, keepdim != 0))
}

SHIM_API TensorHandle shim_max_all(TensorHandle a) { SHIM_TENSOR(at::max(*a)) }
SHIM_API TensorHandle shim_min_all(TensorHandle a) { SHIM_TENSOR(at::min(*a)) }
// Writes the largest (smallest) values along dim and their indices.
SHIM_API ShimStatus shim_max_dim(TensorHandle a, int64_t dim, uint8_t keepdim, TensorHandle* values,
                                 TensorHandle* indices) {
    SHIM_STATUS({
        auto result = at::max(*a, dim, keepdim != 0);
        *values = shim::wrap(std::get<0>(result));
        *indices = shim::wrap(std::get<1>(result));
    })
}
SHIM_API ShimStatus shim_min_dim(TensorHandle a, int64_t dim, uint8_t keepdim, TensorHandle* values,
                                 TensorHandle* indices) {
    SHIM_STATUS({
        auto result = at::min(*a, dim, keepdim != 0);
        *values = shim::wrap(std::get<0>(result));
        *indices = shim::wrap(std::get<1>(result));
    })
}
SHIM_API TensorHandle shim_amax(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::amax(*a, shim::dims(dims, ndims), keepdim != 0))
}
SHIM_API TensorHandle shim_amin(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::amin(*a, shim::dims(dims, ndims), keepdim != 0))
}
// has_dim 0 = over the flattened tensor.
SHIM_API TensorHandle shim_argmax(TensorHandle a, int64_t dim, uint8_t has_dim, uint8_t keepdim) {
    SHIM_TENSOR(at::argmax(*a, shim::optional_int(dim, has_dim), keepdim != 0))
}
SHIM_API TensorHandle shim_argmin(TensorHandle a, int64_t dim, uint8_t has_dim, uint8_t keepdim) {
    SHIM_TENSOR(at::argmin(*a, shim::optional_int(dim, has_dim), keepdim != 0))
}

SHIM_API TensorHandle shim_var_all(TensorHandle a, uint8_t unbiased) { SHIM_TENSOR(at::var(*a, unbiased != 0)) }
SHIM_API TensorHandle shim_var(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t unbiased, uint8_t keepdim) {
    SHIM_TENSOR(at::var(*a, shim::dims(dims, ndims), unbiased != 0, keepdim != 0))
}
SHIM_API TensorHandle shim_std_all(TensorHandle a, uint8_t unbiased) { SHIM_TENSOR(at::std(*a, unbiased != 0)) }
SHIM_API TensorHandle shim_std(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t unbiased, uint8_t keepdim) {
    SHIM_TENSOR(at::std(*a, shim::dims(dims, ndims), unbiased != 0, keepdim != 0))
}

SHIM_API TensorHandle shim_norm_all(TensorHandle a, double p) { SHIM_TENSOR(at::norm(*a, at::Scalar(p))) }
SHIM_API TensorHandle shim_norm(TensorHandle a, double p, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::norm(*a, c10::optional<at::Scalar>(p), shim::dims(dims, ndims), keepdim != 0))
}

SHIM_API TensorHandle shim_logsumexp(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::logsumexp(*a, shim::dims(dims, ndims), keepdim != 0))
}
// dtype -1 = libtorch's default (integers accumulate as int64).
SHIM_API TensorHandle shim_cumsum(TensorHandle a, int64_t dim, int8_t dtype) {
    SHIM_TENSOR(at::cumsum(*a, dim, optional_dtype(dtype)))
}

SHIM_API TensorHandle shim_all_all(TensorHandle a) { SHIM_TENSOR(at::all(*a)) }
SHIM_API TensorHandle shim_all(TensorHandle a, int64_t dim, uint8_t keepdim) { SHIM_TENSOR(at::all(*a, dim, keepdim != 0)) }
SHIM_API TensorHandle shim_any_all(TensorHandle a) { SHIM_TENSOR(at::any(*a)) }
SHIM_API TensorHandle shim_any(TensorHandle a, int64_t dim, uint8_t keepdim) { SHIM_TENSOR(at::any(*a, dim, keepdim != 0)) }

// ---- comparisons and logic ---------------------------------------------------------------

// shim_<op>(a, b) and shim_<op>_scalar(a, b) for a binary op with a tensor and a scalar overload.
#define SHIM_BINARY(op)                                                                             \
    SHIM_API TensorHandle shim_##op(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::op(*a, *b)) } \
    SHIM_API TensorHandle shim_##op##_scalar(TensorHandle a, ShimScalar b) {                        \
        SHIM_TENSOR(at::op(*a, shim::to_scalar(b)))                                                 \
    }

SHIM_BINARY(eq)
SHIM_BINARY(ne)
SHIM_BINARY(lt)
SHIM_BINARY(le)
SHIM_BINARY(gt)
SHIM_BINARY(ge)
SHIM_BINARY(bitwise_and)
SHIM_BINARY(bitwise_or)
SHIM_BINARY(bitwise_xor)
#undef SHIM_BINARY

SHIM_API TensorHandle shim_bitwise_not(TensorHandle a) { SHIM_TENSOR(at::bitwise_not(*a)) }
SHIM_API TensorHandle shim_logical_and(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::logical_and(*a, *b)) }
SHIM_API TensorHandle shim_logical_or(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::logical_or(*a, *b)) }
SHIM_API TensorHandle shim_logical_xor(TensorHandle a, TensorHandle b) { SHIM_TENSOR(at::logical_xor(*a, *b)) }
SHIM_API TensorHandle shim_logical_not(TensorHandle a) { SHIM_TENSOR(at::logical_not(*a)) }
SHIM_API TensorHandle shim_isnan(TensorHandle a) { SHIM_TENSOR(at::isnan(*a)) }
SHIM_API TensorHandle shim_isinf(TensorHandle a) { SHIM_TENSOR(at::isinf(*a)) }
SHIM_API TensorHandle shim_isfinite(TensorHandle a) { SHIM_TENSOR(at::isfinite(*a)) }

// Whole-tensor tests answered with a bool through `out`.
SHIM_API ShimStatus shim_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, uint8_t equal_nan,
                                  uint8_t* out) {
    SHIM_STATUS(*out = at::allclose(*a, *b, rtol, atol, equal_nan != 0) ? 1 : 0)
}
SHIM_API ShimStatus shim_equal(TensorHandle a, TensorHandle b, uint8_t* out) {
    SHIM_STATUS(*out = at::equal(*a, *b) ? 1 : 0)
}

// ---- layout ----------------------------------------------------------------------------

SHIM_API TensorHandle shim_contiguous(TensorHandle a) { SHIM_TENSOR(a->contiguous()) }
