// Attention-specific functional ops: sampling grids, scaled dot-product attention and
// Gumbel-softmax.
#include <limits>

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

// Scaled dot-product attention (libtorch's math kernels on CPU). A query row whose mask
// excludes every key would come out as NaN (softmax over nothing); such rows are computed
// unmasked and then replaced by zeros, so that the output and the gradients stay finite.
SHIM_API TensorHandle shim_scaled_dot_product_attention(TensorHandle query, TensorHandle key, TensorHandle value,
                                                        TensorHandle attn_mask, double dropout_p, uint8_t is_causal) {
    SHIM_TENSOR(([&] {
        if (attn_mask == nullptr) {
            return shim::compat::scaled_dot_product_attention(*query, *key, *value, at::Tensor(), dropout_p,
                                                              is_causal != 0);
        }
        const at::Tensor& mask = *attn_mask;
        const bool is_bool = mask.scalar_type() == at::kBool;
        at::Tensor attends =
            is_bool ? mask : at::ne(mask, -std::numeric_limits<double>::infinity());
        at::Tensor row_attends = attends.any(-1, /*keepdim=*/true);
        at::Tensor safe_mask = is_bool ? at::logical_or(mask, at::logical_not(row_attends))
                                       : at::where(row_attends, mask, at::zeros({}, mask.options()));
        at::Tensor output = shim::compat::scaled_dot_product_attention(*query, *key, *value, safe_mask, dropout_p,
                                                                       is_causal != 0);
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
