using System;
using System.Linq;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// torch.nn.functional: dropout, linear, embedding, padding, interpolation, one-hot encoding and
// similarities. Activations, convolution and pooling, and normalization are in the
// Functional.*.cs files beside this one.
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>The stateless forms of the layers, as <c>torch.nn.functional</c> (the generated code imports it as <c>F</c>).</summary>
        public static partial class functional
        {
            /// <summary>
            /// In training mode, zeroes each element with probability <paramref name="p"/> and scales the others by
            /// 1/(1 − p); the mask follows <see cref="manual_seed"/>. Outside training, returns the input unchanged.
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_dropout_(Handle(input), p, Flag(training)))
                : Tensor.FromNative(NativeMethods.shim_dropout(Handle(input), p, Flag(training)));

            /// <summary>input · weightᵀ + bias, with <paramref name="weight"/> of shape (out_features, in_features).</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                Tensor.FromNative(NativeMethods.shim_linear(Handle(input), Handle(weight), OptionalHandle(bias)));

            /// <summary>
            /// The rows of <paramref name="weight"/> picked by the integer <paramref name="input"/>: shape input.shape + [embedding_dim].
            /// The row at <paramref name="padding_idx"/> (negative counts from the end) gets no gradient; with
            /// <paramref name="max_norm"/>, picked rows whose <paramref name="norm_type"/>-norm exceeds it are rescaled in place in
            /// <paramref name="weight"/> first.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null, double? max_norm = null, double norm_type = 2.0, bool scale_grad_by_freq = false) =>
                Tensor.FromNative(NativeMethods.shim_embedding(Handle(input), Handle(weight), padding_idx ?? 0, Flag(padding_idx.HasValue),
                    max_norm ?? 0, Flag(max_norm.HasValue), norm_type, Flag(scale_grad_by_freq)));

            /// <summary>
            /// Pads the last dimensions: <paramref name="pad"/> lists (before, after) pairs starting from the last dimension.
            /// <paramref name="mode"/> is "constant" (filled with <paramref name="value"/>, 0 by default), "reflect", "replicate"
            /// or "circular"; negative amounts crop.
            /// </summary>
            public static Tensor pad(Tensor input, long[] pad, string mode = "constant", double? value = null)
            {
                ArgumentNullException.ThrowIfNull(pad);
                return Tensor.FromNative(NativeMethods.shim_pad(Handle(input), pad, pad.Length, PadModeCode(mode), value ?? 0, Flag(value.HasValue)));
            }

            /// <summary>
            /// Resizes the spatial dimensions of a (N, C, L) or (N, C, H, W) <paramref name="input"/> to <paramref name="size"/>,
            /// or by <paramref name="scale_factor"/> (output = floor(input · scale)); one value applies to every dimension.
            /// <paramref name="mode"/>: "nearest", "nearest-exact", "linear" (3-D), "bilinear" or "bicubic" (4-D), "area".
            /// <paramref name="align_corners"/> applies to the linear modes only and defaults to false there.
            /// </summary>
            public static Tensor interpolate(Tensor input, long[]? size = null, double[]? scale_factor = null, string mode = "nearest",
                bool? align_corners = null, bool? recompute_scale_factor = null)
            {
                int code = InterpolateModeCode(mode);
                if (size is not null && scale_factor is not null)
                {
                    throw new ArgumentException("only one of size or scale_factor should be defined");
                }

                if (size is null && scale_factor is null)
                {
                    throw new ArgumentException("either size or scale_factor should be defined");
                }

                if (align_corners.HasValue && mode is "nearest" or "nearest-exact" or "area")
                {
                    throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear", nameof(align_corners));
                }

                if (recompute_scale_factor == true && size is not null)
                {
                    throw new ArgumentException("recompute_scale_factor is not meaningful with an explicit size.", nameof(recompute_scale_factor));
                }

                ReadOnlySpan<long> sizes = size;
                ReadOnlySpan<double> scales = scale_factor;
                return Tensor.FromNative(NativeMethods.shim_interpolate(Handle(input), sizes, sizes.Length, scales, scales.Length, code,
                    Flag(align_corners ?? false), Flag(recompute_scale_factor ?? false)));
            }

            /// <summary>
            /// <see cref="interpolate(Tensor, long[], double[], string, bool?, bool?)"/> to one <paramref name="size"/> in every
            /// spatial dimension, as PyTorch's <c>size=int</c> (a list must give every dimension).
            /// </summary>
            public static Tensor interpolate(Tensor input, long size, string mode = "nearest", bool? align_corners = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                return interpolate(input, size: Enumerable.Repeat(size, Math.Max(input.Dim() - 2, 1)).ToArray(), mode: mode, align_corners: align_corners);
            }

            /// <summary>
            /// <see cref="interpolate(Tensor, long[], double[], string, bool?, bool?)"/> by one <paramref name="scale_factor"/> in
            /// every spatial dimension, as PyTorch's <c>scale_factor=float</c> (a list must give every dimension).
            /// </summary>
            public static Tensor interpolate(Tensor input, double scale_factor, string mode = "nearest", bool? align_corners = null,
                bool? recompute_scale_factor = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                return interpolate(input, scale_factor: Enumerable.Repeat(scale_factor, Math.Max(input.Dim() - 2, 1)).ToArray(), mode: mode,
                    align_corners: align_corners, recompute_scale_factor: recompute_scale_factor);
            }

            /// <summary>An int64 tensor of shape tensor.shape + [num_classes] with a 1 at each value's index; num_classes −1 means max + 1.</summary>
            public static Tensor one_hot(Tensor tensor, long num_classes = -1) =>
                Tensor.FromNative(NativeMethods.shim_one_hot(Handle(tensor), num_classes));

            /// <summary>x1·x2 / max(‖x1‖·‖x2‖, eps) along <paramref name="dim"/>, broadcasting the inputs.</summary>
            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8) =>
                Tensor.FromNative(NativeMethods.shim_cosine_similarity(Handle(x1), Handle(x2), dim, eps));

            /// <summary>input / max(‖input‖_p, eps) with the norm taken along <paramref name="dim"/>.</summary>
            public static Tensor normalize(Tensor input, double p = 2.0, long dim = 1, double eps = 1e-12) =>
                Tensor.FromNative(NativeMethods.shim_normalize(Handle(input), p, dim, eps));

            // Codes shared with native/src/shim_nn.cpp (pad_mode).
            private static int PadModeCode(string mode) => mode switch
            {
                "constant" => 0,
                "reflect" => 1,
                "replicate" => 2,
                "circular" => 3,
                _ => throw new ArgumentException($"Unrecognised padding mode {mode}", nameof(mode)),
            };

            // Codes shared with native/src/shim_nn.cpp (InterpolateMode).
            private static int InterpolateModeCode(string mode) => mode switch
            {
                "nearest" => 0,
                "linear" => 1,
                "bilinear" => 2,
                "bicubic" => 3,
                "area" => 4,
                "nearest-exact" => 5,
                _ => throw new ArgumentException($"Unsupported interpolation mode '{mode}': expected nearest | linear | bilinear | bicubic | area | nearest-exact.", nameof(mode)),
            };
        }
    }
}
