using System;
using System.Runtime.InteropServices;

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

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.shim_tensor_free(handle);
        return true;
    }
}
