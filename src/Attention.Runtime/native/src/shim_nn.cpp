// torch.nn.functional: activations, dropout, linear and convolution layers, pooling,
// normalization, embedding, padding, interpolation and a few similarity helpers.
// Where torch/nn/functional.py adds logic before calling ATen (embedding's padding_idx,
// interpolate's dispatch on mode and rank, normalize), it is reproduced here so that one call
// from .NET does the whole op.
#include <sstream>

#include "common.h"

namespace {

// Pad modes as numbered by Attention.Runtime (NN/Functional.cs, PadModeCode).
c10::string_view pad_mode(int32_t code) {
    switch (code) {
        case 1:
            return "reflect";
        case 2:
            return "replicate";
        case 3:
            return "circular";
        default:
            return "constant";
    }
}

// Conv padding strings as numbered by Attention.Runtime (NN/Functional.Convolution.cs): 0 = "valid", 1 = "same".
c10::string_view conv_padding(int32_t code) { return code == 1 ? "same" : "valid"; }

std::string sizes_text(at::IntArrayRef sizes) {
    std::ostringstream text;
    text << sizes;
    return text.str();
}

// Interpolation modes as numbered by Attention.Runtime (NN/Functional.cs, InterpolateModeCode).
enum InterpolateMode : int32_t { Nearest = 0, Linear = 1, Bilinear = 2, Bicubic = 3, Area = 4, NearestExact = 5 };

const char* interpolate_mode_name(int32_t mode) {
    switch (mode) {
        case Linear:
            return "linear";
        case Bilinear:
            return "bilinear";
        case Bicubic:
            return "bicubic";
        case Area:
            return "area";
        case NearestExact:
            return "nearest-exact";
        default:
            return "nearest";
    }
}

// torch.nn.functional.interpolate for 3-D and 4-D inputs. Exactly one of size and scale is given
// (checked by the caller); a single value applies to every spatial dimension.
at::Tensor interpolate(const at::Tensor& input, at::IntArrayRef size, at::ArrayRef<double> scale, int32_t mode,
                       bool align_corners, bool recompute_scale_factor) {
    const int64_t rank = input.dim();
    TORCH_CHECK(rank == 3 || rank == 4, "Input Error: Only 3D and 4D input Tensors supported (got ", rank,
                "D) for the modes: nearest | linear | bilinear | bicubic | area | nearest-exact (got ",
                interpolate_mode_name(mode), ")");
    const int64_t spatial = rank - 2;
    std::vector<int64_t> output_size;
    std::vector<double> scale_factors;
    if (!size.empty()) {
        // A list must give every spatial size, as in PyTorch (where only a plain int is broadcast).
        TORCH_CHECK(static_cast<int64_t>(size.size()) == spatial,
                    "Input and output must have the same number of spatial dimensions, but got input with spatial "
                    "dimensions of ", sizes_text(input.sizes().slice(2)), " and output size of ", sizes_text(size),
                    ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.");
        output_size.assign(size.begin(), size.end());
    } else {
        TORCH_CHECK(static_cast<int64_t>(scale.size()) == spatial,
                    "Input and scale_factor must have the same number of spatial dimensions, but got input with "
                    "spatial dimensions of ", sizes_text(input.sizes().slice(2)), " and scale_factor of shape ",
                    scale, ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in "
                    "(s1, s2, ...,sK) format.");
        scale_factors.assign(scale.begin(), scale.end());
        // "area" always works from an explicit size, like recompute_scale_factor=True.
        if (recompute_scale_factor || mode == Area) {
            for (int64_t i = 0; i < spatial; ++i) {
                output_size.push_back(static_cast<int64_t>(
                    std::floor(static_cast<double>(input.size(i + 2)) * scale_factors[static_cast<size_t>(i)])));
            }
            scale_factors.clear();
        }
    }
    at::OptionalIntArrayRef out = output_size.empty() ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(output_size);
    c10::optional<at::ArrayRef<double>> scales =
        scale_factors.empty() ? c10::nullopt : c10::optional<at::ArrayRef<double>>(scale_factors);
    switch (mode) {
        case Nearest:
            return rank == 3 ? at::upsample_nearest1d(input, out, scales) : at::upsample_nearest2d(input, out, scales);
        case NearestExact:
            return rank == 3 ? at::_upsample_nearest_exact1d(input, out, scales)
                             : at::_upsample_nearest_exact2d(input, out, scales);
        case Area:
            return rank == 3 ? at::adaptive_avg_pool1d(input, output_size) : at::adaptive_avg_pool2d(input, output_size);
        case Linear:
            TORCH_CHECK(rank == 3, "Got ", rank, "D input, but linear mode needs 3D input");
            return at::upsample_linear1d(input, out, align_corners, scales);
        case Bilinear:
            TORCH_CHECK(rank == 4, "Got ", rank, "D input, but bilinear mode needs 4D input");
            return at::upsample_bilinear2d(input, out, align_corners, scales);
        case Bicubic:
            TORCH_CHECK(rank == 4, "Got ", rank, "D input, but bicubic mode needs 4D input");
            return at::upsample_bicubic2d(input, out, align_corners, scales);
        default:
            TORCH_CHECK(false, "unknown interpolation mode ", mode);
    }
}

}  // namespace

// ---- activations -----------------------------------------------------------------------
// Each in-place form (name ending in _) modifies its argument and returns a status.

SHIM_API TensorHandle shim_relu(TensorHandle a) { SHIM_TENSOR(at::relu(*a)) }
SHIM_API ShimStatus shim_relu_(TensorHandle a) { SHIM_STATUS(at::relu_(*a)) }
SHIM_API TensorHandle shim_relu6(TensorHandle a) { SHIM_TENSOR(at::relu6(*a)) }
SHIM_API ShimStatus shim_relu6_(TensorHandle a) { SHIM_STATUS(at::relu6_(*a)) }
SHIM_API TensorHandle shim_leaky_relu(TensorHandle a, ShimScalar negative_slope) {
    SHIM_TENSOR(at::leaky_relu(*a, shim::to_scalar(negative_slope)))
}
SHIM_API ShimStatus shim_leaky_relu_(TensorHandle a, ShimScalar negative_slope) {
    SHIM_STATUS(at::leaky_relu_(*a, shim::to_scalar(negative_slope)))
}
SHIM_API TensorHandle shim_elu(TensorHandle a, ShimScalar alpha) { SHIM_TENSOR(at::elu(*a, shim::to_scalar(alpha))) }
SHIM_API ShimStatus shim_elu_(TensorHandle a, ShimScalar alpha) { SHIM_STATUS(at::elu_(*a, shim::to_scalar(alpha))) }
// approximate: 0 = "none", 1 = "tanh".
SHIM_API TensorHandle shim_gelu(TensorHandle a, int32_t approximate) {
    SHIM_TENSOR(at::gelu(*a, approximate == 1 ? "tanh" : "none"))
}
SHIM_API TensorHandle shim_silu(TensorHandle a) { SHIM_TENSOR(at::silu(*a)) }
SHIM_API ShimStatus shim_silu_(TensorHandle a) { SHIM_STATUS(at::silu_(*a)) }
SHIM_API TensorHandle shim_hardswish(TensorHandle a) { SHIM_TENSOR(at::hardswish(*a)) }
SHIM_API ShimStatus shim_hardswish_(TensorHandle a) { SHIM_STATUS(at::hardswish_(*a)) }
SHIM_API TensorHandle shim_hardsigmoid(TensorHandle a) { SHIM_TENSOR(at::hardsigmoid(*a)) }
SHIM_API ShimStatus shim_hardsigmoid_(TensorHandle a) { SHIM_STATUS(at::hardsigmoid_(*a)) }
SHIM_API TensorHandle shim_softplus(TensorHandle a, ShimScalar beta, ShimScalar threshold) {
    SHIM_TENSOR(at::softplus(*a, shim::to_scalar(beta), shim::to_scalar(threshold)))
}

// dtype: -1 keeps the input's dtype, otherwise the input is converted before the op.
SHIM_API TensorHandle shim_softmax(TensorHandle a, int64_t dim, int8_t dtype) {
    SHIM_TENSOR(at::softmax(*a, dim, dtype >= 0 ? c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype)) : c10::nullopt))
}
SHIM_API TensorHandle shim_log_softmax(TensorHandle a, int64_t dim, int8_t dtype) {
    SHIM_TENSOR(at::log_softmax(*a, dim, dtype >= 0 ? c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype)) : c10::nullopt))
}

// ---- dropout and linear ------------------------------------------------------------------

SHIM_API TensorHandle shim_dropout(TensorHandle a, double p, uint8_t training) {
    SHIM_TENSOR(at::dropout(*a, p, training != 0))
}
SHIM_API ShimStatus shim_dropout_(TensorHandle a, double p, uint8_t training) {
    SHIM_STATUS(at::dropout_(*a, p, training != 0))
}

SHIM_API TensorHandle shim_linear(TensorHandle input, TensorHandle weight, TensorHandle bias) {
    SHIM_TENSOR(at::linear(*input, *weight, shim::optional_tensor_arg(bias)))
}

// ---- convolution -----------------------------------------------------------------------
// Sizes given with one element apply to every spatial dimension, as in PyTorch.

SHIM_API TensorHandle shim_conv1d(TensorHandle input, TensorHandle weight, TensorHandle bias, const int64_t* stride,
                                  int32_t nstride, const int64_t* padding, int32_t npadding, const int64_t* dilation,
                                  int32_t ndilation, int64_t groups) {
    SHIM_TENSOR(at::conv1d(*input, *weight, shim::optional_tensor_arg(bias), shim::dims(stride, nstride),
                           shim::dims(padding, npadding), shim::dims(dilation, ndilation), groups))
}
SHIM_API TensorHandle shim_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, const int64_t* stride,
                                  int32_t nstride, const int64_t* padding, int32_t npadding, const int64_t* dilation,
                                  int32_t ndilation, int64_t groups) {
    SHIM_TENSOR(at::conv2d(*input, *weight, shim::optional_tensor_arg(bias), shim::dims(stride, nstride),
                           shim::dims(padding, npadding), shim::dims(dilation, ndilation), groups))
}
// padding: 0 = "valid", 1 = "same".
SHIM_API TensorHandle shim_conv1d_padding(TensorHandle input, TensorHandle weight, TensorHandle bias,
                                          const int64_t* stride, int32_t nstride, int32_t padding,
                                          const int64_t* dilation, int32_t ndilation, int64_t groups) {
    SHIM_TENSOR(at::conv1d(*input, *weight, shim::optional_tensor_arg(bias), shim::dims(stride, nstride),
                           conv_padding(padding), shim::dims(dilation, ndilation), groups))
}
SHIM_API TensorHandle shim_conv2d_padding(TensorHandle input, TensorHandle weight, TensorHandle bias,
                                          const int64_t* stride, int32_t nstride, int32_t padding,
                                          const int64_t* dilation, int32_t ndilation, int64_t groups) {
    SHIM_TENSOR(at::conv2d(*input, *weight, shim::optional_tensor_arg(bias), shim::dims(stride, nstride),
                           conv_padding(padding), shim::dims(dilation, ndilation), groups))
}

// ---- pooling -----------------------------------------------------------------------------
// An empty stride means "the kernel size", as in PyTorch.

SHIM_API TensorHandle shim_max_pool1d(TensorHandle input, const int64_t* kernel, int32_t nkernel, const int64_t* stride,
                                      int32_t nstride, const int64_t* padding, int32_t npadding,
                                      const int64_t* dilation, int32_t ndilation, uint8_t ceil_mode) {
    SHIM_TENSOR(at::max_pool1d(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                               shim::dims(padding, npadding), shim::dims(dilation, ndilation), ceil_mode != 0))
}
SHIM_API TensorHandle shim_max_pool2d(TensorHandle input, const int64_t* kernel, int32_t nkernel, const int64_t* stride,
                                      int32_t nstride, const int64_t* padding, int32_t npadding,
                                      const int64_t* dilation, int32_t ndilation, uint8_t ceil_mode) {
    SHIM_TENSOR(at::max_pool2d(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                               shim::dims(padding, npadding), shim::dims(dilation, ndilation), ceil_mode != 0))
}
SHIM_API ShimStatus shim_max_pool1d_with_indices(TensorHandle input, const int64_t* kernel, int32_t nkernel,
                                                 const int64_t* stride, int32_t nstride, const int64_t* padding,
                                                 int32_t npadding, const int64_t* dilation, int32_t ndilation,
                                                 uint8_t ceil_mode, TensorHandle* output, TensorHandle* indices) {
    SHIM_STATUS(auto result = at::max_pool1d_with_indices(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                                                          shim::dims(padding, npadding),
                                                          shim::dims(dilation, ndilation), ceil_mode != 0);
                *output = shim::wrap(std::get<0>(result)); *indices = shim::wrap(std::get<1>(result)))
}
SHIM_API ShimStatus shim_max_pool2d_with_indices(TensorHandle input, const int64_t* kernel, int32_t nkernel,
                                                 const int64_t* stride, int32_t nstride, const int64_t* padding,
                                                 int32_t npadding, const int64_t* dilation, int32_t ndilation,
                                                 uint8_t ceil_mode, TensorHandle* output, TensorHandle* indices) {
    SHIM_STATUS(auto result = at::max_pool2d_with_indices(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                                                          shim::dims(padding, npadding),
                                                          shim::dims(dilation, ndilation), ceil_mode != 0);
                *output = shim::wrap(std::get<0>(result)); *indices = shim::wrap(std::get<1>(result)))
}
SHIM_API TensorHandle shim_avg_pool1d(TensorHandle input, const int64_t* kernel, int32_t nkernel, const int64_t* stride,
                                      int32_t nstride, const int64_t* padding, int32_t npadding, uint8_t ceil_mode,
                                      uint8_t count_include_pad) {
    SHIM_TENSOR(at::avg_pool1d(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                               shim::dims(padding, npadding), ceil_mode != 0, count_include_pad != 0))
}
SHIM_API TensorHandle shim_avg_pool2d(TensorHandle input, const int64_t* kernel, int32_t nkernel, const int64_t* stride,
                                      int32_t nstride, const int64_t* padding, int32_t npadding, uint8_t ceil_mode,
                                      uint8_t count_include_pad, int64_t divisor_override, uint8_t has_divisor_override) {
    SHIM_TENSOR(at::avg_pool2d(*input, shim::dims(kernel, nkernel), shim::dims(stride, nstride),
                               shim::dims(padding, npadding), ceil_mode != 0, count_include_pad != 0,
                               shim::optional_int(divisor_override, has_divisor_override)))
}
SHIM_API TensorHandle shim_adaptive_avg_pool1d(TensorHandle input, const int64_t* size, int32_t nsize) {
    SHIM_TENSOR(at::adaptive_avg_pool1d(*input, shim::dims(size, nsize)))
}
SHIM_API TensorHandle shim_adaptive_avg_pool2d(TensorHandle input, const int64_t* size, int32_t nsize) {
    SHIM_TENSOR(at::adaptive_avg_pool2d(*input, shim::dims(size, nsize)))
}
SHIM_API TensorHandle shim_adaptive_max_pool1d(TensorHandle input, const int64_t* size, int32_t nsize) {
    SHIM_TENSOR(std::get<0>(at::adaptive_max_pool1d(*input, shim::dims(size, nsize))))
}
SHIM_API TensorHandle shim_adaptive_max_pool2d(TensorHandle input, const int64_t* size, int32_t nsize) {
    SHIM_TENSOR(std::get<0>(at::adaptive_max_pool2d(*input, shim::dims(size, nsize))))
}
SHIM_API ShimStatus shim_adaptive_max_pool1d_with_indices(TensorHandle input, const int64_t* size, int32_t nsize,
                                                          TensorHandle* output, TensorHandle* indices) {
    SHIM_STATUS(auto result = at::adaptive_max_pool1d(*input, shim::dims(size, nsize));
                *output = shim::wrap(std::get<0>(result)); *indices = shim::wrap(std::get<1>(result)))
}
SHIM_API ShimStatus shim_adaptive_max_pool2d_with_indices(TensorHandle input, const int64_t* size, int32_t nsize,
                                                          TensorHandle* output, TensorHandle* indices) {
    SHIM_STATUS(auto result = at::adaptive_max_pool2d(*input, shim::dims(size, nsize));
                *output = shim::wrap(std::get<0>(result)); *indices = shim::wrap(std::get<1>(result)))
}

// ---- normalization -----------------------------------------------------------------------

// In training mode the batch statistics normalize the input and, when given, the running
// statistics are updated in place with `momentum`.
SHIM_API TensorHandle shim_batch_norm(TensorHandle input, TensorHandle running_mean, TensorHandle running_var,
                                      TensorHandle weight, TensorHandle bias, uint8_t training, double momentum,
                                      double eps) {
    try {
        if (training) {
            // torch.nn.functional.batch_norm refuses a batch with one value per channel (its variance is undefined).
            const at::IntArrayRef sizes = input->sizes();
            TORCH_CHECK(sizes.size() >= 2, "batch_norm expects an input of at least 2 dimensions, got ", sizes.size());
            int64_t values_per_channel = sizes[0];
            for (size_t i = 2; i < sizes.size(); ++i) values_per_channel *= sizes[i];
            TORCH_CHECK(values_per_channel != 1, "Expected more than 1 value per channel when training, got input size ",
                        sizes);
        }
        return shim::wrap(at::batch_norm(*input, shim::optional_tensor_arg(weight), shim::optional_tensor_arg(bias),
                                         shim::optional_tensor_arg(running_mean), shim::optional_tensor_arg(running_var),
                                         training != 0, momentum, eps, /*cudnn_enabled=*/true));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API TensorHandle shim_layer_norm(TensorHandle input, const int64_t* normalized_shape, int32_t ndims,
                                      TensorHandle weight, TensorHandle bias, double eps) {
    SHIM_TENSOR(at::layer_norm(*input, shim::dims(normalized_shape, ndims), shim::optional_tensor_arg(weight),
                               shim::optional_tensor_arg(bias), eps))
}

// ---- embedding, padding, interpolation ---------------------------------------------------

// Rows of `weight` picked by `input`. A negative padding_idx counts from the end; when
// max_norm is given, the picked rows of `weight` are first renormalized in place.
SHIM_API TensorHandle shim_embedding(TensorHandle input, TensorHandle weight, int64_t padding_idx,
                                     uint8_t has_padding_idx, double max_norm, uint8_t has_max_norm, double norm_type,
                                     uint8_t scale_grad_by_freq) {
    try {
        int64_t padding = -1;
        if (has_padding_idx) {
            const int64_t rows = weight->size(0);
            TORCH_CHECK(padding_idx < rows && padding_idx >= -rows, "Padding_idx must be within num_embeddings");
            padding = padding_idx < 0 ? padding_idx + rows : padding_idx;
        }
        if (has_max_norm) {
            at::NoGradGuard no_grad;
            at::embedding_renorm_(*weight, input->contiguous(), max_norm, norm_type);
        }
        return shim::wrap(at::embedding(*weight, *input, padding, scale_grad_by_freq != 0));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

// mode: 0 constant, 1 reflect, 2 replicate, 3 circular; value only for constant padding.
SHIM_API TensorHandle shim_pad(TensorHandle input, const int64_t* pad, int32_t npad, int32_t mode, double value,
                               uint8_t has_value) {
    SHIM_TENSOR(at::pad(*input, shim::dims(pad, npad), pad_mode(mode), shim::optional_double(value, has_value)))
}

// Either size (nsize > 0) or scale (nscale > 0) is given; see interpolate() above.
SHIM_API TensorHandle shim_interpolate(TensorHandle input, const int64_t* size, int32_t nsize, const double* scale,
                                       int32_t nscale, int32_t mode, uint8_t align_corners,
                                       uint8_t recompute_scale_factor) {
    SHIM_TENSOR(interpolate(*input, shim::dims(size, nsize), at::ArrayRef<double>(scale, static_cast<size_t>(nscale)),
                            mode, align_corners != 0, recompute_scale_factor != 0))
}

// ---- encodings and similarities ------------------------------------------------------------

SHIM_API TensorHandle shim_one_hot(TensorHandle input, int64_t num_classes) { SHIM_TENSOR(at::one_hot(*input, num_classes)) }

SHIM_API TensorHandle shim_cosine_similarity(TensorHandle x1, TensorHandle x2, int64_t dim, double eps) {
    SHIM_TENSOR(at::cosine_similarity(*x1, *x2, dim, eps))
}

// input / max(‖input‖_p over dim, eps), as torch.nn.functional.normalize computes it.
SHIM_API TensorHandle shim_normalize(TensorHandle input, double p, int64_t dim, double eps) {
    SHIM_TENSOR(*input / at::norm(*input, at::Scalar(p), at::IntArrayRef(dim), /*keepdim=*/true).clamp_min(eps).expand_as(*input))
}
