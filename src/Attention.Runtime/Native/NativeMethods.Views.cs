using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_views.cpp. Lists of tensors travel as raw handle
// arrays (the caller holds a reference on each for the duration of the call); the parts of a
// split come back through a caller buffer, with their count.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_view(TensorHandle tensor, ReadOnlySpan<long> shape, int ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_reshape(TensorHandle tensor, ReadOnlySpan<long> shape, int ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_permute(TensorHandle tensor, ReadOnlySpan<long> dims, int ndims);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_transpose(TensorHandle tensor, long dim0, long dim1);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_t(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_flatten(TensorHandle tensor, long startDim, long endDim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_unflatten(TensorHandle tensor, long dim, ReadOnlySpan<long> sizes, int count);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_unsqueeze(TensorHandle tensor, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_squeeze(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_squeeze_dim(TensorHandle tensor, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_expand(TensorHandle tensor, ReadOnlySpan<long> sizes, int count);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_expand_as(TensorHandle tensor, TensorHandle other);

    [LibraryImport(Lib)] internal static unsafe partial TensorHandle shim_cat(IntPtr* tensors, int count, long dim);
    [LibraryImport(Lib)] internal static unsafe partial TensorHandle shim_stack(IntPtr* tensors, int count, long dim);
    [LibraryImport(Lib)] internal static unsafe partial int shim_chunk(TensorHandle tensor, long chunks, long dim, IntPtr* parts, int capacity, out int count);
    [LibraryImport(Lib)] internal static unsafe partial int shim_split(TensorHandle tensor, long splitSize, long dim, IntPtr* parts, int capacity, out int count);
    [LibraryImport(Lib)] internal static unsafe partial int shim_split_with_sizes(TensorHandle tensor, ReadOnlySpan<long> sizes, int n, long dim, IntPtr* parts, int capacity, out int count);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_repeat(TensorHandle tensor, ReadOnlySpan<long> repeats, int count);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_select(TensorHandle tensor, long dim, long index);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_narrow(TensorHandle tensor, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_slice(TensorHandle tensor, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_index_select(TensorHandle tensor, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_gather(TensorHandle tensor, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_scatter(TensorHandle tensor, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_scatter_value(TensorHandle tensor, long dim, TensorHandle index, Scalar value);
    [LibraryImport(Lib)] internal static partial int shim_scatter_(TensorHandle tensor, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int shim_scatter_value_(TensorHandle tensor, long dim, TensorHandle index, Scalar value);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_masked_fill(TensorHandle tensor, TensorHandle mask, Scalar value);
    [LibraryImport(Lib)] internal static partial int shim_masked_fill_(TensorHandle tensor, TensorHandle mask, Scalar value);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_where(TensorHandle condition, TensorHandle x, TensorHandle y);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_where_scalar_other(TensorHandle condition, TensorHandle x, Scalar y);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_where_scalar_self(TensorHandle condition, Scalar x, TensorHandle y);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_tril(TensorHandle tensor, long diagonal);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_triu(TensorHandle tensor, long diagonal);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_flip(TensorHandle tensor, ReadOnlySpan<long> dims, int ndims);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_roll(TensorHandle tensor, ReadOnlySpan<long> shifts, int nshifts, ReadOnlySpan<long> dims, int ndims);

    [LibraryImport(Lib)] internal static unsafe partial TensorHandle shim_index(TensorHandle tensor, NativeIndex* indices, int count);
    [LibraryImport(Lib)] internal static unsafe partial int shim_index_put_(TensorHandle tensor, NativeIndex* indices, int count, TensorHandle value);
    [LibraryImport(Lib)] internal static unsafe partial int shim_index_put_scalar_(TensorHandle tensor, NativeIndex* indices, int count, Scalar value);
}

/// <summary>One entry of an index expression as the shim reads it (ShimIndex in shim_views.cpp).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeIndex
{
    public long Kind;
    public long Start;
    public long Stop;
    public long Step;
    public IntPtr Tensor;
}
