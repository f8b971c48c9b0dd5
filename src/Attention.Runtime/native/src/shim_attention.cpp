// Attention-specific functional ops: sampling grids, scaled dot-product attention and
// Gumbel-softmax.
#include <algorithm>
#include <limits>
#include <vector>

#include "common.h"

// mode: 0 bilinear, 1 nearest, 2 bicubic; padding_mode: 0 zeros, 1 border, 2 reflection
// (the enums torch.nn.functional.grid_sample passes to torch.grid_sampler).
SHIM_API TensorHandle shim_grid_sample(TensorHandle input, TensorHandle grid, int64_t mode, int64_t padding_mode,
                                       uint8_t align_corners) {
    SHIM_TENSOR(at::grid_sampler(*input, *grid, mode, padding_mode, align_corners != 0))
}

// The shape checks are those of torch.nn.functional.affine_grid, which libtorch leaves to Python.
SHIM_API TensorHandle shim_affine_grid(TensorHandle theta, const int64_t* size, int32_t ndim, uint8_t align_corners) {
    SHIM_TENSOR(([&] {
        TORCH_CHECK(theta->is_floating_point(), "Expected theta to have floating point type, but got ",
                    theta->scalar_type());
        at::IntArrayRef sizes = shim::dims(size, ndim);
        TORCH_CHECK(ndim == 4 || ndim == 5,
                    "affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ",
                    sizes, ".");
        const int64_t rows = ndim == 4 ? 2 : 3;
        TORCH_CHECK(theta->dim() == 3 && theta->size(1) == rows && theta->size(2) == rows + 1, "Expected a batch of ",
                    rows, "D affine matrices of shape Nx", rows, "x", rows + 1, " for size ", sizes, ". Got ",
                    theta->sizes(), ".");
        for (int32_t i = 2; i < ndim; ++i) {
            TORCH_CHECK(sizes[i] > 0, "Expected non-zero, positive output size. Got ", sizes);
        }
        return at::affine_grid_generator(*theta, sizes, align_corners != 0);
    }()))
}

namespace {

// Scores larger than this are computed in chunks. libtorch's math kernel materialises the whole
// [..., L, S] score matrix, its softmax and, in backward, their gradients; glibc maps every block
// above its mmap threshold (32 MiB at most, whatever the policy) afresh and faults it in page by page
// at every training step. Chunks of at most 8 MiB come from the heap that the shim's allocation
// policy keeps, so a step reuses them. The arithmetic per chunk is the same, so are the results.
constexpr int64_t kScoreChunkBytes = int64_t{8} << 20;

int64_t score_bytes(const at::Tensor& q, const at::Tensor& k) {
    int64_t matrices = 1;
    for (int64_t d = 0; d < q.dim() - 2; ++d) {
        matrices *= std::max(q.size(d), k.dim() == q.dim() ? k.size(d) : int64_t{1});
    }
    return matrices * q.size(-2) * k.size(-2) * static_cast<int64_t>(q.element_size());
}

// The part of a broadcastable mask that goes with rows [start, start + length) of q's dimension dim.
at::Tensor mask_chunk(const at::Tensor& mask, int64_t q_dims, int64_t dim, int64_t start, int64_t length) {
    if (!mask.defined()) {
        return mask;
    }
    const int64_t mask_dim = dim - (q_dims - mask.dim());   // the masks broadcasts from the right
    if (mask_dim < 0 || mask.size(mask_dim) == 1) {
        return mask;
    }
    return mask.narrow(mask_dim, start, length);
}

// Splits the batch dimensions, outermost first, until each chunk's scores fit kScoreChunkBytes.
// Dropout keeps one call, so that a seed draws the same mask as libtorch's own kernel does.
at::Tensor chunked_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                             double dropout_p, bool is_causal, int64_t dim = 0) {
    const int64_t bytes = score_bytes(q, k);
    if (bytes <= kScoreChunkBytes || dropout_p > 0 || dim >= q.dim() - 2 || k.dim() != q.dim() ||
        v.dim() != q.dim()) {
        return shim::compat::scaled_dot_product_attention(q, k, v, mask, dropout_p, is_causal);
    }
    const int64_t size = q.size(dim);
    if (size == 1 || k.size(dim) != size || v.size(dim) != size) {
        return chunked_attention(q, k, v, mask, dropout_p, is_causal, dim + 1);
    }
    const int64_t per_row = bytes / size;
    const int64_t rows = std::max<int64_t>(1, kScoreChunkBytes / per_row);
    std::vector<at::Tensor> parts;
    for (int64_t start = 0; start < size; start += rows) {
        const int64_t length = std::min(rows, size - start);
        parts.push_back(chunked_attention(q.narrow(dim, start, length), k.narrow(dim, start, length),
                                          v.narrow(dim, start, length),
                                          mask_chunk(mask, q.dim(), dim, start, length), dropout_p, is_causal,
                                          dim + 1));
    }
    return at::cat(parts, dim);
}

}  // namespace

// Scaled dot-product attention (libtorch's math kernels on CPU, in chunks when the scores are large). A query row whose mask
// excludes every key would come out as NaN (softmax over nothing); such rows are computed
// unmasked and then replaced by zeros, so that the output and the gradients stay finite.
SHIM_API TensorHandle shim_scaled_dot_product_attention(TensorHandle query, TensorHandle key, TensorHandle value,
                                                        TensorHandle attn_mask, double dropout_p, uint8_t is_causal) {
    SHIM_TENSOR(([&] {
        if (attn_mask == nullptr) {
            return chunked_attention(*query, *key, *value, at::Tensor(), dropout_p, is_causal != 0);
        }
        const at::Tensor& mask = *attn_mask;
        const bool is_bool = mask.scalar_type() == at::kBool;
        at::Tensor attends =
            is_bool ? mask : at::ne(mask, -std::numeric_limits<double>::infinity());
        at::Tensor row_attends = attends.any(-1, /*keepdim=*/true);
        at::Tensor safe_mask = is_bool ? at::logical_or(mask, at::logical_not(row_attends))
                                       : at::where(row_attends, mask, at::zeros({}, mask.options()));
        at::Tensor output = chunked_attention(*query, *key, *value, safe_mask, dropout_p, is_causal != 0);
        return at::where(row_attends, output, at::zeros({}, output.options()));
    }()))
}

// torch.nn.functional.gumbel_softmax step by step, so that the same seed draws the same noise.
SHIM_API TensorHandle shim_gumbel_softmax(TensorHandle logits, double tau, uint8_t hard, int64_t dim) {
    SHIM_TENSOR(([&] {
        at::Tensor gumbels = -at::empty_like(*logits, at::MemoryFormat::Contiguous).exponential_().log();
        at::Tensor y_soft = ((*logits + gumbels) / tau).softmax(dim);
        if (hard == 0) {
            return y_soft;
        }
        // Straight through: the forward value is one-hot, the gradient is that of y_soft.
        at::Tensor index = std::get<1>(y_soft.max(dim, /*keepdim=*/true));
        at::Tensor y_hard = at::zeros_like(*logits, at::MemoryFormat::Contiguous).scatter_(dim, index, 1.0);
        return y_hard - y_soft.detach() + y_soft;
    }()))
}
