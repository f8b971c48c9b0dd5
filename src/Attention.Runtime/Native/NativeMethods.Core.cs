using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_core.cpp. Signatures are blittable: bools travel as
// bytes, dtypes as sbyte (-1 = default), devices as (type, index), shapes as spans.
internal static partial class NativeMethods
{
    private const string Lib = NativeLibraryLoader.ShimName;

    [LibraryImport(Lib)] internal static partial IntPtr shim_last_error();
    [LibraryImport(Lib)] internal static partial IntPtr shim_torch_version();
    [LibraryImport(Lib)] internal static partial IntPtr shim_torch_lib_dir();

    [LibraryImport(Lib)] internal static partial long shim_live_tensors();
    [LibraryImport(Lib)] internal static partial void shim_tensor_free(IntPtr tensor);

    [LibraryImport(Lib)] internal static unsafe partial int shim_tensor_sizes(TensorHandle tensor, long* sizes, int capacity);
    [LibraryImport(Lib)] internal static unsafe partial int shim_tensor_strides(TensorHandle tensor, long* strides, int capacity);
    [LibraryImport(Lib)] internal static partial sbyte shim_tensor_dtype(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial void shim_tensor_device(TensorHandle tensor, out int deviceType, out int deviceIndex);
    [LibraryImport(Lib)] internal static partial long shim_tensor_numel(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial byte shim_tensor_is_contiguous(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial byte shim_tensor_requires_grad(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int shim_malloc_policy();
    [LibraryImport(Lib)] internal static partial int shim_gemm_backend();
    [LibraryImport(Lib)] internal static partial int shim_tensor_set_requires_grad(TensorHandle tensor, byte value);
    [LibraryImport(Lib)] internal static partial int shim_tensor_requires_grad_(TensorHandle tensor, byte value);
    [LibraryImport(Lib)] internal static partial byte shim_tensor_is_leaf(TensorHandle tensor);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_empty(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_zeros(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_ones(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_full(ReadOnlySpan<long> shape, int ndim, Scalar value, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_randn(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_rand(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_randint(long low, long high, ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_randperm(long n, sbyte dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_arange(Scalar start, Scalar end, Scalar step, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_linspace(double start, double end, long steps, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_eye(long n, long m, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);
    [LibraryImport(Lib)] internal static unsafe partial TensorHandle shim_from_data(void* data, ReadOnlySpan<long> shape, int ndim, sbyte dtype, byte requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_zeros_like(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_ones_like(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_randn_like(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_rand_like(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_full_like(TensorHandle tensor, Scalar value);

    [LibraryImport(Lib)] internal static unsafe partial int shim_tensor_copy_to(TensorHandle tensor, void* destination, long nbytes);
    [LibraryImport(Lib)] internal static partial int shim_tensor_item(TensorHandle tensor, out Scalar value);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_tensor_to(TensorHandle tensor, sbyte dtype, int deviceType, int deviceIndex, byte nonBlocking, byte copy);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_tensor_clone(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int shim_tensor_copy_(TensorHandle destination, TensorHandle source);
    [LibraryImport(Lib)] internal static partial int shim_tensor_fill_(TensorHandle tensor, Scalar value);
    [LibraryImport(Lib)] internal static partial int shim_tensor_set_data(TensorHandle tensor, TensorHandle data);
    [LibraryImport(Lib)] internal static partial int shim_tensor_uniform_(TensorHandle tensor, double from, double to);
    [LibraryImport(Lib)] internal static partial int shim_tensor_normal_(TensorHandle tensor, double mean, double std);

    [LibraryImport(Lib)] internal static partial int shim_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int shim_get_num_threads();
    [LibraryImport(Lib)] internal static partial int shim_set_num_threads(int threads);
    [LibraryImport(Lib)] internal static partial byte shim_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int shim_cuda_device_count();
}
