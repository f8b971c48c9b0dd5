// Views, reshaping, joining and splitting, selection by index, masking, and Python-style
// indexing (x[..., 1:3, None] = v) through libtorch's own at::indexing, so that the rules for
// ellipsis, new axes, boolean masks and advanced indices are exactly PyTorch's.
#include <ATen/TensorIndexing.h>

#include <vector>

#include "common.h"

namespace {

// Hands the parts of a split to the caller: writes them to out[] when they fit in `capacity`
// and always reports how many there are, so a caller whose buffer was too small can ask again.
void write_parts(const std::vector<at::Tensor>& parts, TensorHandle* out, int32_t capacity, int32_t* count) {
    *count = static_cast<int32_t>(parts.size());
    if (*count > capacity) return;
    for (int32_t i = 0; i < *count; ++i) out[i] = shim::wrap(parts[static_cast<size_t>(i)]);
}

// One entry of an index expression, as encoded by Tensor.Indexing.cs (TensorIndex.Encode).
struct ShimIndex {
    int64_t kind;   // see IndexKind
    int64_t start;  // the integer, the slice start, or the boolean (0/1)
    int64_t stop;   // slice stop (INT64_MAX = to the end)
    int64_t step;   // slice step
    TensorHandle tensor;
};

enum IndexKind : int64_t { Integer = 0, SliceKind = 1, EllipsisKind = 2, NewAxis = 3, Boolean = 4, TensorKind = 5 };

std::vector<at::indexing::TensorIndex> decode(const ShimIndex* indices, int32_t count) {
    std::vector<at::indexing::TensorIndex> decoded;
    decoded.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) {
        const ShimIndex& index = indices[i];
        switch (index.kind) {
            case Integer:
                decoded.emplace_back(index.start);
                break;
            case SliceKind:
                decoded.emplace_back(at::indexing::Slice(index.start, index.stop, index.step));
                break;
            case EllipsisKind:
                decoded.emplace_back(at::indexing::Ellipsis);
                break;
            case NewAxis:
                decoded.emplace_back(at::indexing::None);
                break;
            case Boolean:
                decoded.emplace_back(index.start != 0);
                break;
            case TensorKind:
                decoded.emplace_back(*index.tensor);
                break;
            default:
                TORCH_CHECK(false, "unknown index kind ", index.kind);
        }
    }
    return decoded;
}

}  // namespace

// ---- shape and layout views ------------------------------------------------------------

SHIM_API TensorHandle shim_view(TensorHandle t, const int64_t* shape, int32_t ndim) {
    SHIM_TENSOR(t->view(shim::dims(shape, ndim)))
}
SHIM_API TensorHandle shim_reshape(TensorHandle t, const int64_t* shape, int32_t ndim) {
    SHIM_TENSOR(t->reshape(shim::dims(shape, ndim)))
}
SHIM_API TensorHandle shim_permute(TensorHandle t, const int64_t* dims, int32_t ndims) {
    SHIM_TENSOR(t->permute(shim::dims(dims, ndims)))
}
SHIM_API TensorHandle shim_transpose(TensorHandle t, int64_t dim0, int64_t dim1) { SHIM_TENSOR(t->transpose(dim0, dim1)) }
SHIM_API TensorHandle shim_t(TensorHandle t) { SHIM_TENSOR(t->t()) }
SHIM_API TensorHandle shim_flatten(TensorHandle t, int64_t start_dim, int64_t end_dim) {
    SHIM_TENSOR(t->flatten(start_dim, end_dim))
}
SHIM_API TensorHandle shim_unflatten(TensorHandle t, int64_t dim, const int64_t* sizes, int32_t count) {
    SHIM_TENSOR(at::unflatten(*t, dim, shim::dims(sizes, count)))
}
SHIM_API TensorHandle shim_unsqueeze(TensorHandle t, int64_t dim) { SHIM_TENSOR(t->unsqueeze(dim)) }
SHIM_API TensorHandle shim_squeeze(TensorHandle t) { SHIM_TENSOR(t->squeeze()) }
SHIM_API TensorHandle shim_squeeze_dim(TensorHandle t, int64_t dim) { SHIM_TENSOR(t->squeeze(dim)) }
SHIM_API TensorHandle shim_expand(TensorHandle t, const int64_t* sizes, int32_t count) {
    SHIM_TENSOR(t->expand(shim::dims(sizes, count)))
}
SHIM_API TensorHandle shim_expand_as(TensorHandle t, TensorHandle other) { SHIM_TENSOR(t->expand_as(*other)) }

// ---- joining and splitting -------------------------------------------------------------

SHIM_API TensorHandle shim_cat(const TensorHandle* tensors, int32_t count, int64_t dim) {
    SHIM_TENSOR(at::cat(shim::tensor_list(tensors, count), dim))
}
SHIM_API TensorHandle shim_stack(const TensorHandle* tensors, int32_t count, int64_t dim) {
    SHIM_TENSOR(at::stack(shim::tensor_list(tensors, count), dim))
}
SHIM_API ShimStatus shim_chunk(TensorHandle t, int64_t chunks, int64_t dim, TensorHandle* out, int32_t capacity,
                               int32_t* count) {
    SHIM_STATUS(write_parts(t->chunk(chunks, dim), out, capacity, count))
}
SHIM_API ShimStatus shim_split(TensorHandle t, int64_t split_size, int64_t dim, TensorHandle* out, int32_t capacity,
                               int32_t* count) {
    SHIM_STATUS(write_parts(t->split(split_size, dim), out, capacity, count))
}
SHIM_API ShimStatus shim_split_with_sizes(TensorHandle t, const int64_t* sizes, int32_t n, int64_t dim,
                                          TensorHandle* out, int32_t capacity, int32_t* count) {
    SHIM_STATUS(write_parts(t->split_with_sizes(shim::dims(sizes, n), dim), out, capacity, count))
}
SHIM_API TensorHandle shim_repeat(TensorHandle t, const int64_t* repeats, int32_t count) {
    SHIM_TENSOR(t->repeat(shim::dims(repeats, count)))
}

// ---- selecting along a dimension -------------------------------------------------------

SHIM_API TensorHandle shim_select(TensorHandle t, int64_t dim, int64_t index) { SHIM_TENSOR(t->select(dim, index)) }
SHIM_API TensorHandle shim_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length) {
    SHIM_TENSOR(t->narrow(dim, start, length))
}
SHIM_API TensorHandle shim_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int64_t step) {
    SHIM_TENSOR(at::slice(*t, dim, start, end, step))
}
SHIM_API TensorHandle shim_index_select(TensorHandle t, int64_t dim, TensorHandle index) {
    SHIM_TENSOR(t->index_select(dim, *index))
}
SHIM_API TensorHandle shim_gather(TensorHandle t, int64_t dim, TensorHandle index) { SHIM_TENSOR(t->gather(dim, *index)) }
SHIM_API TensorHandle shim_scatter(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src) {
    SHIM_TENSOR(t->scatter(dim, *index, *src))
}
SHIM_API TensorHandle shim_scatter_value(TensorHandle t, int64_t dim, TensorHandle index, ShimScalar value) {
    SHIM_TENSOR(t->scatter(dim, *index, shim::to_scalar(value)))
}
SHIM_API ShimStatus shim_scatter_(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src) {
    SHIM_STATUS(t->scatter_(dim, *index, *src))
}
SHIM_API ShimStatus shim_scatter_value_(TensorHandle t, int64_t dim, TensorHandle index, ShimScalar value) {
    SHIM_STATUS(t->scatter_(dim, *index, shim::to_scalar(value)))
}

// ---- masking and triangles -------------------------------------------------------------

SHIM_API TensorHandle shim_masked_fill(TensorHandle t, TensorHandle mask, ShimScalar value) {
    SHIM_TENSOR(t->masked_fill(*mask, shim::to_scalar(value)))
}
SHIM_API ShimStatus shim_masked_fill_(TensorHandle t, TensorHandle mask, ShimScalar value) {
    SHIM_STATUS(t->masked_fill_(*mask, shim::to_scalar(value)))
}
SHIM_API TensorHandle shim_where(TensorHandle condition, TensorHandle x, TensorHandle y) {
    SHIM_TENSOR(at::where(*condition, *x, *y))
}
SHIM_API TensorHandle shim_where_scalar_other(TensorHandle condition, TensorHandle x, ShimScalar y) {
    SHIM_TENSOR(at::where(*condition, *x, shim::to_scalar(y)))
}
SHIM_API TensorHandle shim_where_scalar_self(TensorHandle condition, ShimScalar x, TensorHandle y) {
    SHIM_TENSOR(at::where(*condition, shim::to_scalar(x), *y))
}
SHIM_API TensorHandle shim_tril(TensorHandle t, int64_t diagonal) { SHIM_TENSOR(t->tril(diagonal)) }
SHIM_API TensorHandle shim_triu(TensorHandle t, int64_t diagonal) { SHIM_TENSOR(t->triu(diagonal)) }
SHIM_API TensorHandle shim_flip(TensorHandle t, const int64_t* dims, int32_t ndims) {
    SHIM_TENSOR(t->flip(shim::dims(dims, ndims)))
}
SHIM_API TensorHandle shim_roll(TensorHandle t, const int64_t* shifts, int32_t nshifts, const int64_t* dims,
                                int32_t ndims) {
    SHIM_TENSOR(t->roll(shim::dims(shifts, nshifts), shim::dims(dims, ndims)))
}

// ---- Python-style indexing -------------------------------------------------------------

SHIM_API TensorHandle shim_index(TensorHandle t, const ShimIndex* indices, int32_t count) {
    SHIM_TENSOR(t->index(decode(indices, count)))
}
SHIM_API ShimStatus shim_index_put_(TensorHandle t, const ShimIndex* indices, int32_t count, TensorHandle value) {
    SHIM_STATUS(t->index_put_(decode(indices, count), *value))
}
SHIM_API ShimStatus shim_index_put_scalar_(TensorHandle t, const ShimIndex* indices, int32_t count, ShimScalar value) {
    SHIM_STATUS(t->index_put_(decode(indices, count), shim::to_scalar(value)))
}
