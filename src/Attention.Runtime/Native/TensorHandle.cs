using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Attention.Runtime.Native;

/// <summary>
/// Owns one native <c>at::Tensor</c> reference. A SafeHandle rather than an IntPtr so that a
/// tensor disposed (or finalized) on one thread cannot be freed while a native call on another
/// thread is still using it.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>The handle passed for an optional tensor argument that is not given (NULL).</summary>
    public static readonly TensorHandle Null = new(IntPtr.Zero, ownsHandle: false);

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    private TensorHandle(IntPtr handle, bool ownsHandle) : base(IntPtr.Zero, ownsHandle) => SetHandle(handle);

    // Bytes announced to the GC by LeaveToCollector, withdrawn when the handle is released.
    private long pressure;

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>
    /// Hands the handle's lifetime to the garbage collector: nothing disposes it any more, and the GC, told of
    /// <paramref name="bytes"/> of native memory behind it, finalizes it once no one references it.
    /// </summary>
    public void LeaveToCollector(long bytes)
    {
        if (bytes > 0 && Interlocked.CompareExchange(ref pressure, bytes, 0) == 0)
        {
            GC.AddMemoryPressure(bytes);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.shim_tensor_free(handle);
        long announced = Interlocked.Exchange(ref pressure, 0);
        if (announced > 0)
        {
            GC.RemoveMemoryPressure(announced);
        }

        return true;
    }
}
