using System;
using System.Runtime.InteropServices;
using Attention.Runtime.Native;

namespace Attention.Runtime.Distributed;

/// <summary>Owns one object of the shim's c10d binding, freed by <see cref="Free"/>.</summary>
internal abstract class DistributedHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of <paramref name="raw"/>, or throws the shim's error when it is NULL.</summary>
    public static T Adopt<T>(IntPtr raw)
        where T : DistributedHandle, new()
    {
        if (raw == IntPtr.Zero)
        {
            throw NativeError.Last();
        }

        var owned = new T();
        Marshal.InitHandle(owned, raw);
        return owned;
    }

    protected abstract void Free(IntPtr raw);

    protected override bool ReleaseHandle()
    {
        Free(handle);
        return true;
    }
}

/// <summary>An <c>intrusive_ptr&lt;c10d::Store&gt;*</c>.</summary>
internal sealed class StoreHandle : DistributedHandle
{
    public static StoreHandle Adopt(IntPtr raw) => Adopt<StoreHandle>(raw);

    protected override void Free(IntPtr raw) => NativeMethods.shim_dist_store_free(raw);
}

/// <summary>An <c>intrusive_ptr&lt;c10d::ProcessGroup&gt;*</c>.</summary>
internal sealed class GroupHandle : DistributedHandle
{
    public static GroupHandle Adopt(IntPtr raw) => Adopt<GroupHandle>(raw);

    protected override void Free(IntPtr raw) => NativeMethods.shim_dist_group_free(raw);
}

/// <summary>A <c>c10d::Reducer*</c>.</summary>
internal sealed class ReducerHandle : DistributedHandle
{
    public static ReducerHandle Adopt(IntPtr raw) => Adopt<ReducerHandle>(raw);

    protected override void Free(IntPtr raw) => NativeMethods.shim_dist_reducer_free(raw);
}
