using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// torch.nn.functional: sampling grids, scaled dot-product attention and Gumbel-softmax.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Samples <paramref name="input"/> (N, C, H_in, W_in) or (N, C, D_in, H_in, W_in) at the normalized
            /// coordinates of <paramref name="grid"/> (N, H_out, W_out, 2) or (N, D_out, H_out, W_out, 3); returns
            /// (N, C, H_out, W_out) or (N, C, D_out, H_out, W_out). <paramref name="mode"/> is "bilinear", "nearest"
            /// or "bicubic" (4-D only); <paramref name="padding_mode"/> is "zeros", "border" or "reflection".
            /// </summary>
            public static Tensor grid_sample(Tensor input, Tensor grid, string mode = "bilinear", string padding_mode = "zeros", bool align_corners = false)
            {
                long modeCode = mode switch
                {
                    "bilinear" => 0,
                    "nearest" => 1,
                    "bicubic" => 2,
                    _ => throw new ArgumentException($"nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '{mode}'", nameof(mode)),
                };
                long paddingCode = padding_mode switch
                {
                    "zeros" => 0,
                    "border" => 1,
                    "reflection" => 2,
                    _ => throw new ArgumentException($"nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '{padding_mode}'", nameof(padding_mode)),
                };
                return Tensor.FromNative(NativeMethods.shim_grid_sample(Handle(input), Handle(grid), modeCode, paddingCode, Flag(align_corners)));
            }

            /// <summary>
            /// The sampling grid of a batch of affine transforms <paramref name="theta"/> (N, 2, 3) for an output
            /// <paramref name="size"/> (N, C, H, W), or (N, 3, 4) for (N, C, D, H, W); returns (N, H, W, 2) or
            /// (N, D, H, W, 3), ready for <see cref="grid_sample"/>.
            /// </summary>
            public static Tensor affine_grid(Tensor theta, long[] size, bool align_corners = false)
            {
                ArgumentNullException.ThrowIfNull(size);
                return Tensor.FromNative(NativeMethods.shim_affine_grid(Handle(theta), size, size.Length, Flag(align_corners)));
            }

            /// <summary>
            /// softmax(query·keyᵀ / √E + mask)·value over the last two dimensions: query (N, …, L, E), key (N, …, S, E),
            /// value (N, …, S, Ev) give (N, …, L, Ev). <paramref name="attn_mask"/>, (L, S) or broadcastable to
            /// (N, …, L, S), is either a bool mask where <c>true</c> means "may attend" (PyTorch's convention), or a
            /// float mask added to the scores (use -∞ to exclude a key). <paramref name="is_causal"/> lets query i
            /// attend to keys 0..i only. A query row whose mask excludes every key gives zeros (and zero gradients),
            /// where libtorch 1.13 gives NaN.
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null, double dropout_p = 0.0, bool is_causal = false) =>
                Tensor.FromNative(NativeMethods.shim_scaled_dot_product_attention(Handle(query), Handle(key), Handle(value), OptionalHandle(attn_mask), dropout_p, Flag(is_causal)));

            /// <summary>
            /// A sample of the Gumbel-softmax distribution over <paramref name="dim"/> at temperature
            /// <paramref name="tau"/>; with <paramref name="hard"/>, one-hot vectors whose gradient is that of the soft
            /// sample (straight-through). Draws the same noise as PyTorch after the same <see cref="manual_seed"/>.
            /// </summary>
            public static Tensor gumbel_softmax(Tensor logits, double tau = 1.0, bool hard = false, long dim = -1) =>
                Tensor.FromNative(NativeMethods.shim_gumbel_softmax(Handle(logits), tau, Flag(hard), dim));
        }
    }
}
