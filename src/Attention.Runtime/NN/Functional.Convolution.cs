using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Convolutions and pooling. PyTorch's "int or tuple" arguments become two overloads: one
// taking a single size for every spatial dimension, one taking a size per dimension.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            // ---- convolution ----------------------------------------------------------------------

            /// <summary>1-D convolution of (N, C_in, L) or (C_in, L) <paramref name="input"/> with (C_out, C_in/groups, k) <paramref name="weight"/>.</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
                Tensor.FromNative(NativeMethods.shim_conv1d(Handle(input), Handle(weight), OptionalHandle(bias), [stride], 1, [padding], 1, [dilation], 1, groups));

            /// <summary>1-D convolution with sizes given as arrays.</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                ArgumentNullException.ThrowIfNull(stride);
                ReadOnlySpan<long> pad = padding ?? Zeros, dil = dilation ?? Ones;
                return Tensor.FromNative(NativeMethods.shim_conv1d(Handle(input), Handle(weight), OptionalHandle(bias), stride, stride.Length, pad, pad.Length, dil, dil.Length, groups));
            }

            /// <summary>1-D convolution with <paramref name="padding"/> "valid" (none) or "same" (output as long as the input; stride 1 only).</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias, string padding, long[]? stride = null, long[]? dilation = null, long groups = 1)
            {
                ReadOnlySpan<long> str = stride ?? Ones, dil = dilation ?? Ones;
                return Tensor.FromNative(NativeMethods.shim_conv1d_padding(Handle(input), Handle(weight), OptionalHandle(bias), str, str.Length, ConvPaddingCode(padding), dil, dil.Length, groups));
            }

            /// <summary>2-D convolution of (N, C_in, H, W) or (C_in, H, W) <paramref name="input"/> with (C_out, C_in/groups, kH, kW) <paramref name="weight"/>.</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
                Tensor.FromNative(NativeMethods.shim_conv2d(Handle(input), Handle(weight), OptionalHandle(bias), [stride], 1, [padding], 1, [dilation], 1, groups));

            /// <summary>2-D convolution with sizes given per dimension, e.g. <c>stride: [2, 1]</c>.</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                ArgumentNullException.ThrowIfNull(stride);
                ReadOnlySpan<long> pad = padding ?? Zeros, dil = dilation ?? Ones;
                return Tensor.FromNative(NativeMethods.shim_conv2d(Handle(input), Handle(weight), OptionalHandle(bias), stride, stride.Length, pad, pad.Length, dil, dil.Length, groups));
            }

            /// <summary>2-D convolution with <paramref name="padding"/> "valid" (none) or "same" (output as large as the input; stride 1 only).</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, string padding, long[]? stride = null, long[]? dilation = null, long groups = 1)
            {
                ReadOnlySpan<long> str = stride ?? Ones, dil = dilation ?? Ones;
                return Tensor.FromNative(NativeMethods.shim_conv2d_padding(Handle(input), Handle(weight), OptionalHandle(bias), str, str.Length, ConvPaddingCode(padding), dil, dil.Length, groups));
            }

            // ---- max and average pooling -----------------------------------------------------------
            // A stride left out equals the kernel size.

            /// <summary>Maximum over sliding windows of (N, C, L) or (C, L) <paramref name="input"/>.</summary>
            public static Tensor max_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                Tensor.FromNative(NativeMethods.shim_max_pool1d(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, [dilation], 1, Flag(ceil_mode)));

            /// <summary>Maximum over sliding windows of (N, C, H, W) or (C, H, W) <paramref name="input"/>.</summary>
            public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                Tensor.FromNative(NativeMethods.shim_max_pool2d(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, [dilation], 1, Flag(ceil_mode)));

            /// <summary>2-D max pooling with sizes given per dimension.</summary>
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                ArgumentNullException.ThrowIfNull(kernel_size);
                ReadOnlySpan<long> str = stride ?? [], pad = padding ?? Zeros, dil = dilation ?? Ones;
                return Tensor.FromNative(NativeMethods.shim_max_pool2d(Handle(input), kernel_size, kernel_size.Length, str, str.Length, pad, pad.Length, dil, dil.Length, Flag(ceil_mode)));
            }

            /// <summary>1-D max pooling and the flat index of each maximum within its input plane.</summary>
            public static (Tensor output, Tensor indices) max_pool1d_with_indices(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                Pair(NativeMethods.shim_max_pool1d_with_indices(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, [dilation], 1, Flag(ceil_mode), out IntPtr output, out IntPtr indices), output, indices);

            /// <summary>2-D max pooling and the flat index (h·W + w) of each maximum within its input plane.</summary>
            public static (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                Pair(NativeMethods.shim_max_pool2d_with_indices(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, [dilation], 1, Flag(ceil_mode), out IntPtr output, out IntPtr indices), output, indices);

            /// <summary>2-D max pooling with indices, sizes given per dimension.</summary>
            public static (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                ArgumentNullException.ThrowIfNull(kernel_size);
                ReadOnlySpan<long> str = stride ?? [], pad = padding ?? Zeros, dil = dilation ?? Ones;
                return Pair(NativeMethods.shim_max_pool2d_with_indices(Handle(input), kernel_size, kernel_size.Length, str, str.Length, pad, pad.Length, dil, dil.Length, Flag(ceil_mode), out IntPtr output, out IntPtr indices), output, indices);
            }

            /// <summary>Mean over sliding windows of (N, C, L) or (C, L) <paramref name="input"/>; padding counts as zeros when <paramref name="count_include_pad"/>.</summary>
            public static Tensor avg_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                Tensor.FromNative(NativeMethods.shim_avg_pool1d(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, Flag(ceil_mode), Flag(count_include_pad)));

            /// <summary>Mean over sliding windows of (N, C, H, W) or (C, H, W) <paramref name="input"/>; each sum is divided by <paramref name="divisor_override"/> when given.</summary>
            public static Tensor avg_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) =>
                Tensor.FromNative(NativeMethods.shim_avg_pool2d(Handle(input), [kernel_size], 1, [stride ?? 0], StrideCount(stride), [padding], 1, Flag(ceil_mode), Flag(count_include_pad),
                    divisor_override ?? 0, Flag(divisor_override.HasValue)));

            /// <summary>2-D average pooling with sizes given per dimension.</summary>
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null)
            {
                ArgumentNullException.ThrowIfNull(kernel_size);
                ReadOnlySpan<long> str = stride ?? [], pad = padding ?? Zeros;
                return Tensor.FromNative(NativeMethods.shim_avg_pool2d(Handle(input), kernel_size, kernel_size.Length, str, str.Length, pad, pad.Length, Flag(ceil_mode), Flag(count_include_pad),
                    divisor_override ?? 0, Flag(divisor_override.HasValue)));
            }

            // ---- adaptive pooling --------------------------------------------------------------------

            /// <summary>Mean pooling of (N, C, L) <paramref name="input"/> to length <paramref name="output_size"/>, windows chosen to cover the input.</summary>
            public static Tensor adaptive_avg_pool1d(Tensor input, long output_size) =>
                Tensor.FromNative(NativeMethods.shim_adaptive_avg_pool1d(Handle(input), [output_size], 1));

            /// <summary>Mean pooling of (N, C, H, W) <paramref name="input"/> to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, long output_size) =>
                Tensor.FromNative(NativeMethods.shim_adaptive_avg_pool2d(Handle(input), [output_size, output_size], 2));

            /// <summary>Mean pooling of (N, C, H, W) <paramref name="input"/> to (H_out, W_out).</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size)
            {
                ArgumentNullException.ThrowIfNull(output_size);
                return Tensor.FromNative(NativeMethods.shim_adaptive_avg_pool2d(Handle(input), output_size, output_size.Length));
            }

            /// <summary>Max pooling of (N, C, L) <paramref name="input"/> to length <paramref name="output_size"/>.</summary>
            public static Tensor adaptive_max_pool1d(Tensor input, long output_size) =>
                Tensor.FromNative(NativeMethods.shim_adaptive_max_pool1d(Handle(input), [output_size], 1));

            /// <summary>Max pooling of (N, C, H, W) <paramref name="input"/> to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
            public static Tensor adaptive_max_pool2d(Tensor input, long output_size) =>
                Tensor.FromNative(NativeMethods.shim_adaptive_max_pool2d(Handle(input), [output_size, output_size], 2));

            /// <summary>Max pooling of (N, C, H, W) <paramref name="input"/> to (H_out, W_out).</summary>
            public static Tensor adaptive_max_pool2d(Tensor input, long[] output_size)
            {
                ArgumentNullException.ThrowIfNull(output_size);
                return Tensor.FromNative(NativeMethods.shim_adaptive_max_pool2d(Handle(input), output_size, output_size.Length));
            }

            /// <summary>Adaptive 1-D max pooling and the index of each maximum.</summary>
            public static (Tensor output, Tensor indices) adaptive_max_pool1d_with_indices(Tensor input, long output_size) =>
                Pair(NativeMethods.shim_adaptive_max_pool1d_with_indices(Handle(input), [output_size], 1, out IntPtr output, out IntPtr indices), output, indices);

            /// <summary>Adaptive 2-D max pooling and the flat index of each maximum within its input plane.</summary>
            public static (Tensor output, Tensor indices) adaptive_max_pool2d_with_indices(Tensor input, long[] output_size)
            {
                ArgumentNullException.ThrowIfNull(output_size);
                return Pair(NativeMethods.shim_adaptive_max_pool2d_with_indices(Handle(input), output_size, output_size.Length, out IntPtr output, out IntPtr indices), output, indices);
            }

            // Defaults of the per-dimension overloads (one value applies to every dimension).
            private static readonly long[] Zeros = [0];
            private static readonly long[] Ones = [1];

            // An absent stride travels with count 0 (an empty list), which libtorch reads as "the kernel size".
            private static int StrideCount(long? stride) => stride.HasValue ? 1 : 0;

            private static int ConvPaddingCode(string padding) => padding switch
            {
                "valid" => 0,
                "same" => 1,
                _ => throw new ArgumentException($"Invalid padding string '{padding}', should be one of {{'valid', 'same'}}.", nameof(padding)),
            };

            private static (Tensor output, Tensor indices) Pair(int status, IntPtr output, IntPtr indices)
            {
                NativeError.Check(status);
                return (Tensor.FromRaw(output), Tensor.FromRaw(indices));
            }
        }
    }
}
