using System;
using System.Text;
using Attention.Runtime.Native;

namespace Attention.Runtime.Distributed;

/// <summary>
/// A key-value store the processes of a group rendezvous through (c10d's <c>Store</c>, Python's
/// <c>torch.distributed.Store</c>): <see cref="TCPStore"/>, <see cref="FileStore"/>, <see cref="PrefixStore"/>.
/// Reads block until the key is set or the store's timeout passes.
/// </summary>
public abstract class Store : IDisposable
{
    private readonly StoreHandle handle;

    private protected Store(IntPtr raw) => handle = StoreHandle.Adopt(raw);

    internal IntPtr Raw => handle.IsClosed
        ? throw new ObjectDisposedException(GetType().Name, "This store has been disposed.")
        : handle.DangerousGetHandle();

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    public unsafe void set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        fixed (byte* bytes = value)
        {
            NativeError.Check(NativeMethods.shim_dist_store_set(Raw, key, bytes, value.LongLength));
        }
    }

    /// <summary>Sets <paramref name="key"/> to the UTF-8 bytes of <paramref name="value"/>.</summary>
    public void set(string key, string value) => set(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The value of <paramref name="key"/>, waiting for it up to the store's timeout.</summary>
    public unsafe byte[] get(string key)
    {
        NativeError.Check(NativeMethods.shim_dist_store_get(Raw, key, out IntPtr buffer, out long length));
        try
        {
            return new ReadOnlySpan<byte>((void*)buffer, checked((int)length)).ToArray();
        }
        finally
        {
            NativeMethods.shim_dist_buffer_free(buffer);
        }
    }

    /// <summary>Adds <paramref name="amount"/> to the counter <paramref name="key"/> (created at 0) and returns the new value.</summary>
    public long add(string key, long amount)
    {
        NativeError.Check(NativeMethods.shim_dist_store_add(Raw, key, amount, out long result));
        return result;
    }

    /// <summary>How long reads wait for a key from now on.</summary>
    public void set_timeout(TimeSpan timeout) =>
        NativeError.Check(NativeMethods.shim_dist_store_set_timeout(Raw, Timeouts.Milliseconds(timeout)));

    /// <summary>Releases this process's handle (a <see cref="TCPStore"/> server stops when every handle on it is gone).</summary>
    public void Dispose()
    {
        handle.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A store served over TCP by the process that is master (rank 0), the others connect as clients; as
/// <c>torch.distributed.TCPStore(host_name, port, world_size, is_master, timeout)</c> with multi-tenancy on.
/// The master waits until <paramref name="world_size"/> processes (itself included) have connected.
/// </summary>
/// <param name="host_name">The master's address.</param>
/// <param name="port">The master's port (0 to 65535).</param>
/// <param name="world_size">How many processes connect, or -1 for no wait.</param>
/// <param name="is_master">Whether this process serves the store.</param>
/// <param name="timeout">How long to wait for the master, the workers, and keys (default: 30 minutes, as PyTorch).</param>
public sealed class TCPStore(string host_name, int port, int world_size = -1, bool is_master = false, TimeSpan? timeout = null)
    : Store(Create(host_name, port, world_size, is_master, timeout))
{
    private static IntPtr Create(string host, int port, int worldSize, bool isMaster, TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (port is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"port must have value from 0 to 65535 but was {port}.");
        }

        torch.distributed.RequireAvailable();
        long ms = Timeouts.Milliseconds(timeout ?? torch.distributed.default_pg_timeout);
        return NativeMethods.shim_dist_tcp_store(host, port, worldSize, isMaster ? (byte)1 : (byte)0, ms);
    }
}

/// <summary>
/// A store in a file every process can reach (a shared file system for several machines); as
/// <c>torch.distributed.FileStore(file_name, world_size)</c>. The file is deleted when the last process releases it.
/// </summary>
public sealed class FileStore(string file_name, int world_size = -1) : Store(Create(file_name, world_size))
{
    private static IntPtr Create(string path, int worldSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        torch.distributed.RequireAvailable();
        return NativeMethods.shim_dist_file_store(path, worldSize);
    }
}

/// <summary>A view of <paramref name="store"/> whose keys all start with <c>prefix/</c>; as <c>torch.distributed.PrefixStore</c>.</summary>
public sealed class PrefixStore(string prefix, Store store) : Store(Create(prefix, store))
{
    private static IntPtr Create(string prefix, Store store)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(store);
        return NativeMethods.shim_dist_prefix_store(prefix, store.Raw);
    }
}

/// <summary>Timeouts as the shim takes them: whole milliseconds, at least one.</summary>
internal static class Timeouts
{
    public static long Milliseconds(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive.");
        }

        return Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
    }
}
