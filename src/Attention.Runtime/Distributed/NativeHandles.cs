using System;
using System.Runtime.InteropServices;
using Attention.Runtime.Native;

namespace Attention.Runtime.Distributed;

/// <summary>Owns one c10d store of the shim (<c>intrusive_ptr&lt;c10d::Store&gt;*</c>).</summary>
internal sealed class StoreHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    public static StoreHandle Adopt(IntPtr raw) => Adopt<StoreHandle>(raw);

    protected override bool ReleaseHandle()
    {
        NativeMethods.shim_dist_store_free(handle);
        return true;
    }

    internal static T Adopt<T>(IntPtr raw)
        where T : SafeHandle, new()
    {
        if (raw == IntPtr.Zero)
        {
            throw NativeError.Last();
        }

        var owned = new T();
        Marshal.InitHandle(owned, raw);
        return owned;
    }
}

/// <summary>Owns one c10d process group of the shim (<c>intrusive_ptr&lt;c10d::ProcessGroup&gt;*</c>).</summary>
internal sealed class GroupHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    public static GroupHandle Adopt(IntPtr raw) => StoreHandle.Adopt<GroupHandle>(raw);

    protected override bool ReleaseHandle()
    {
        NativeMethods.shim_dist_group_free(handle);
        return true;
    }
}

/// <summary>Owns one <c>c10d::Reducer</c> of the shim.</summary>
internal sealed class ReducerHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    public static ReducerHandle Adopt(IntPtr raw) => StoreHandle.Adopt<ReducerHandle>(raw);

    protected override bool ReleaseHandle()
    {
        NativeMethods.shim_dist_reducer_free(handle);
        return true;
    }
}
