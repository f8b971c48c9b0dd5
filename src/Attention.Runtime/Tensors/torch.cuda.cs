using System.Runtime.InteropServices;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>CUDA devices, as far as the loaded libtorch supports them.</summary>
    public static class cuda
    {
        /// <summary>True when the loaded libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool is_available() => NativeMethods.shim_cuda_is_available() != 0 && device_count() > 0;

        /// <summary>The number of visible CUDA devices (0 when the loaded libtorch has no CUDA).</summary>
        public static int device_count() => NativeMethods.shim_cuda_device_count();

        /// <summary>Waits until every kernel queued on <paramref name="device"/> (-1: the current device) has finished.</summary>
        public static void synchronize(int device = -1)
        {
            EnsureAvailable();
            NativeError.Check(NativeMethods.shim_cuda_synchronize(device));
        }

        /// <summary>Seeds the random generator of every GPU (does nothing without CUDA, as in PyTorch); <see cref="manual_seed"/> seeds them too.</summary>
        public static void manual_seed_all(long seed) => NativeError.Check(NativeMethods.shim_cuda_manual_seed_all(unchecked((ulong)seed)));

        /// <summary>Throws, naming the libtorch in use, when CUDA cannot be used.</summary>
        internal static void EnsureAvailable()
        {
            if (!is_available())
            {
                string libDir = Marshal.PtrToStringUTF8(NativeMethods.shim_torch_lib_dir()) ?? "?";
                throw new TorchException(
                    $"CUDA is not available: the loaded libtorch {__version__} (from {libDir}) " +
                    (NativeMethods.shim_cuda_is_available() != 0 ? "has CUDA support but sees no GPU." : "was built without CUDA.") +
                    $" To use a GPU, build and run with {NativeLibraryLoader.LibTorchVariable} pointing at a CUDA-enabled libtorch, " +
                    "e.g. the torch/ folder of a PyTorch install with CUDA.");
            }
        }
    }
}
