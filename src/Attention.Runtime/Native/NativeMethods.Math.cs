using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_math.cpp.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_add(TensorHandle a, TensorHandle b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_add_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_sub(TensorHandle a, TensorHandle b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_sub_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_rsub_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_mul_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_div_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_rdiv_scalar(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_neg(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int shim_add_(TensorHandle a, TensorHandle b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial int shim_add_scalar_(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial int shim_sub_(TensorHandle a, TensorHandle b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial int shim_mul_(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int shim_mul_scalar_(TensorHandle a, Scalar b);
    [LibraryImport(Lib)] internal static partial int shim_div_(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int shim_div_scalar_(TensorHandle a, Scalar b);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_sum_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_sum(TensorHandle a, ReadOnlySpan<long> dims, int ndims, byte keepdim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_mean_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_mean(TensorHandle a, ReadOnlySpan<long> dims, int ndims, byte keepdim);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_contiguous(TensorHandle a);
}
