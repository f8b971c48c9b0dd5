using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_distributed.cpp. Stores, groups and reducers travel as
// raw pointers owned by the SafeHandles in Distributed/NativeHandles.cs; timeouts in milliseconds.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial byte shim_dist_available();
    [LibraryImport(Lib)] internal static partial byte shim_dist_nccl_available();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr shim_dist_tcp_store(string host, int port, int worldSize, byte isServer, long timeoutMs);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr shim_dist_file_store(string path, int worldSize);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr shim_dist_prefix_store(string prefix, IntPtr store);
    [LibraryImport(Lib)] internal static partial void shim_dist_store_free(IntPtr store);
    [LibraryImport(Lib)] internal static partial int shim_dist_store_set_timeout(IntPtr store, long timeoutMs);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static unsafe partial int shim_dist_store_set(IntPtr store, string key, byte* value, long length);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int shim_dist_store_get(IntPtr store, string key, out IntPtr value, out long length);
    [LibraryImport(Lib)] internal static partial void shim_dist_buffer_free(IntPtr buffer);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int shim_dist_store_add(IntPtr store, string key, long amount, out long result);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr shim_dist_gloo_group(IntPtr store, int rank, int size, long timeoutMs, string? interfaces);
    [LibraryImport(Lib)] internal static partial IntPtr shim_dist_nccl_group(IntPtr store, int rank, int size, long timeoutMs);
    [LibraryImport(Lib)] internal static partial void shim_dist_group_free(IntPtr group);
    [LibraryImport(Lib)] internal static partial int shim_dist_group_set_sequence_number(IntPtr group);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_all_reduce(IntPtr group, IntPtr* tensors, int count, int op, long timeoutMs);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_broadcast(IntPtr group, IntPtr* tensors, int count, int root, long timeoutMs);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_all_gather(IntPtr group, IntPtr* outputs, int count, TensorHandle input, long timeoutMs);
    [LibraryImport(Lib)] internal static partial int shim_dist_barrier(IntPtr group, long timeoutMs);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_broadcast_coalesced(IntPtr group, IntPtr* tensors, int count, long bufferSize, int root);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_verify_params(IntPtr group, IntPtr* parameters, int count);

    [LibraryImport(Lib)] internal static unsafe partial IntPtr shim_dist_reducer_new(IntPtr group, IntPtr* parameters, int count, long bucketBytes, long firstBucketBytes, byte findUnusedParameters, byte gradientAsBucketView);
    [LibraryImport(Lib)] internal static partial int shim_dist_reducer_bucket_count(IntPtr reducer);
    [LibraryImport(Lib)] internal static partial int shim_dist_reducer_prepare_for_forward(IntPtr reducer);
    [LibraryImport(Lib)] internal static unsafe partial int shim_dist_reducer_prepare_for_backward(IntPtr reducer, IntPtr* outputs, int count);
    [LibraryImport(Lib)] internal static partial void shim_dist_reducer_free(IntPtr reducer);

    [LibraryImport(Lib)] internal static partial TensorHandle shim_randperm_seeded(long n, ulong seed);
}
