// Arithmetic, pointwise math, reductions, comparisons and matrix products.
#include "common.h"

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

// ---- reductions ------------------------------------------------------------------------

SHIM_API TensorHandle shim_sum_all(TensorHandle a) { SHIM_TENSOR(at::sum(*a)) }
SHIM_API TensorHandle shim_sum(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::sum(*a, shim::dims(dims, ndims), keepdim != 0))
}
SHIM_API TensorHandle shim_mean_all(TensorHandle a) { SHIM_TENSOR(at::mean(*a)) }
SHIM_API TensorHandle shim_mean(TensorHandle a, const int64_t* dims, int32_t ndims, uint8_t keepdim) {
    SHIM_TENSOR(at::mean(*a, shim::dims(dims, ndims), keepdim != 0))
}

// ---- layout ----------------------------------------------------------------------------

SHIM_API TensorHandle shim_contiguous(TensorHandle a) { SHIM_TENSOR(a->contiguous()) }
