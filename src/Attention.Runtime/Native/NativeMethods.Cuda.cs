using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_cuda.cpp.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int shim_cuda_synchronize(long deviceIndex);
    [LibraryImport(Lib)] internal static partial int shim_cuda_manual_seed_all(ulong seed);
}
