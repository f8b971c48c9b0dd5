using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

/// <summary>Turns the shim's error convention (NULL handle or non-zero status) into exceptions.</summary>
internal static class NativeError
{
    public static TensorHandle Check(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            throw Last();
        }

        return handle;
    }

    public static void Check(int status)
    {
        if (status != 0)
        {
            throw Last();
        }
    }

    public static TorchException Last() =>
        new(Marshal.PtrToStringUTF8(NativeMethods.shim_last_error()) ?? "unknown libtorch error");
}
