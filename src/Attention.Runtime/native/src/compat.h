// Differences between the libtorch versions the shim compiles against, kept in one place:
// Debian's libtorch 1.13.1 and the libtorch inside PyTorch 2.x.
#pragma once

#include <ATen/ATen.h>
#include <torch/version.h>

#if TORCH_VERSION_MAJOR >= 2
#define SHIM_TORCH_2 1
#else
#define SHIM_TORCH_2 0
#endif

namespace shim::compat {

// Scaled dot-product attention. attn_mask is a boolean mask where true means "attend",
// or a float mask that is added to the scores; may be undefined.
inline at::Tensor scaled_dot_product_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                               const at::Tensor& attn_mask, double dropout_p, bool is_causal) {
    c10::optional<at::Tensor> mask = attn_mask.defined() ? c10::optional<at::Tensor>(attn_mask) : c10::nullopt;
#if SHIM_TORCH_2
    return at::scaled_dot_product_attention(q, k, v, mask, dropout_p, is_causal);
#else
    // 1.13 has only the private op; it returns (output, attention weights).
    return std::get<0>(at::_scaled_dot_product_attention(q, k, v, mask, dropout_p, /*need_attn_weights=*/false, is_causal));
#endif
}

}  // namespace shim::compat
