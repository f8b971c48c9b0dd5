using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_nn.cpp. Optional tensors are TensorHandle.Null,
// optional numbers travel as (value, has_value) pairs, and an empty span means "not given".
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_relu(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_relu_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_relu6(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_relu6_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_leaky_relu(TensorHandle a, Scalar negativeSlope);
    [LibraryImport(Lib)] internal static partial int shim_leaky_relu_(TensorHandle a, Scalar negativeSlope);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_elu(TensorHandle a, Scalar alpha);
    [LibraryImport(Lib)] internal static partial int shim_elu_(TensorHandle a, Scalar alpha);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_gelu(TensorHandle a, int approximate);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_silu(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_silu_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_hardswish(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_hardswish_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_hardsigmoid(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_hardsigmoid_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_softplus(TensorHandle a, Scalar beta, Scalar threshold);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_softmax(TensorHandle a, long dim, sbyte dtype);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_log_softmax(TensorHandle a, long dim, sbyte dtype);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_dropout(TensorHandle a, double p, byte training);
    [LibraryImport(Lib)] internal static partial int shim_dropout_(TensorHandle a, double p, byte training);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_linear(TensorHandle input, TensorHandle weight, TensorHandle bias);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_conv1d(TensorHandle input, TensorHandle weight, TensorHandle bias, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, long groups);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, long groups);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_conv1d_padding(TensorHandle input, TensorHandle weight, TensorHandle bias, ReadOnlySpan<long> stride, int nstride,
        int padding, ReadOnlySpan<long> dilation, int ndilation, long groups);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_conv2d_padding(TensorHandle input, TensorHandle weight, TensorHandle bias, ReadOnlySpan<long> stride, int nstride,
        int padding, ReadOnlySpan<long> dilation, int ndilation, long groups);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_max_pool1d(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, byte ceilMode);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_max_pool2d(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, byte ceilMode);

    [LibraryImport(Lib)]
    internal static partial int shim_max_pool1d_with_indices(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, byte ceilMode, out IntPtr output, out IntPtr indices);

    [LibraryImport(Lib)]
    internal static partial int shim_max_pool2d_with_indices(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, ReadOnlySpan<long> dilation, int ndilation, byte ceilMode, out IntPtr output, out IntPtr indices);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_avg_pool1d(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, byte ceilMode, byte countIncludePad);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_avg_pool2d(TensorHandle input, ReadOnlySpan<long> kernel, int nkernel, ReadOnlySpan<long> stride, int nstride,
        ReadOnlySpan<long> padding, int npadding, byte ceilMode, byte countIncludePad, long divisorOverride, byte hasDivisorOverride);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_adaptive_avg_pool1d(TensorHandle input, ReadOnlySpan<long> size, int nsize);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_adaptive_avg_pool2d(TensorHandle input, ReadOnlySpan<long> size, int nsize);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_adaptive_max_pool1d(TensorHandle input, ReadOnlySpan<long> size, int nsize);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_adaptive_max_pool2d(TensorHandle input, ReadOnlySpan<long> size, int nsize);
    [LibraryImport(Lib)] internal static partial int shim_adaptive_max_pool1d_with_indices(TensorHandle input, ReadOnlySpan<long> size, int nsize, out IntPtr output, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial int shim_adaptive_max_pool2d_with_indices(TensorHandle input, ReadOnlySpan<long> size, int nsize, out IntPtr output, out IntPtr indices);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_batch_norm(TensorHandle input, TensorHandle runningMean, TensorHandle runningVar, TensorHandle weight, TensorHandle bias,
        byte training, double momentum, double eps);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_layer_norm(TensorHandle input, ReadOnlySpan<long> normalizedShape, int ndims, TensorHandle weight, TensorHandle bias, double eps);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_embedding(TensorHandle input, TensorHandle weight, long paddingIdx, byte hasPaddingIdx, double maxNorm, byte hasMaxNorm,
        double normType, byte scaleGradByFreq);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_pad(TensorHandle input, ReadOnlySpan<long> pad, int npad, int mode, double value, byte hasValue);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_interpolate(TensorHandle input, ReadOnlySpan<long> size, int nsize, ReadOnlySpan<double> scale, int nscale, int mode,
        byte alignCorners, byte recomputeScaleFactor);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_one_hot(TensorHandle input, long numClasses);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_cosine_similarity(TensorHandle x1, TensorHandle x2, long dim, double eps);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_normalize(TensorHandle input, double p, long dim, double eps);
}
