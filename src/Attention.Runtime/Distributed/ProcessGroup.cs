using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Distributed;

/// <summary>The reductions of <see cref="torch.distributed.all_reduce"/>, numbered as c10d's <c>ReduceOp</c>.</summary>
public enum ReduceOp
{
    /// <summary>The sum over the ranks.</summary>
    SUM = 0,

    /// <summary>The product over the ranks.</summary>
    PRODUCT = 2,

    /// <summary>The least value over the ranks.</summary>
    MIN = 3,

    /// <summary>The greatest value over the ranks.</summary>
    MAX = 4,

    /// <summary>Bitwise and (integer and bool tensors).</summary>
    BAND = 5,

    /// <summary>Bitwise or (integer and bool tensors).</summary>
    BOR = 6,

    /// <summary>Bitwise exclusive or (integer and bool tensors).</summary>
    BXOR = 7,
}

/// <summary>
/// A group of processes that run collectives together: one c10d process group (Gloo, or NCCL where libtorch has it).
/// Made by <see cref="torch.distributed.init_process_group"/>; every collective is in place, blocks until done, and
/// fails with c10d's message when a peer dies or the timeout passes.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly GroupHandle handle;

    internal ProcessGroup(IntPtr raw, string backend, int rank, int size, TimeSpan timeout, Store store)
    {
        handle = GroupHandle.Adopt(raw);
        Backend = backend;
        Rank = rank;
        Size = size;
        Timeout = timeout;
        Store = store;
    }

    /// <summary>"gloo" or "nccl".</summary>
    public string Backend { get; }

    /// <summary>This process's rank in the group, 0 to <see cref="Size"/> - 1.</summary>
    public int Rank { get; }

    /// <summary>How many processes the group has.</summary>
    public int Size { get; }

    /// <summary>How long a collective waits before it fails.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The store the group rendezvoused through (kept alive as long as the group).</summary>
    internal Store Store { get; }

    internal IntPtr Raw => handle.IsClosed
        ? throw new InvalidOperationException("This process group has been destroyed (destroy_process_group).")
        : handle.DangerousGetHandle();

    /// <summary>This process's rank (Python's <c>group.rank()</c>).</summary>
    public int rank() => Rank;

    /// <summary>How many processes the group has (Python's <c>group.size()</c>).</summary>
    public int size() => Size;

    /// <summary>Reduces <paramref name="tensor"/> over the group; every rank ends with the result.</summary>
    public unsafe void all_reduce(Tensor tensor, ReduceOp op = ReduceOp.SUM, TimeSpan? timeout = null)
    {
        using var held = new HeldHandles([tensor]);
        fixed (IntPtr* raw = held.Raw)
        {
            Check("all_reduce", timeout, NativeMethods.shim_dist_all_reduce(Raw, raw, 1, (int)op, Wait(timeout)));
        }
    }

    /// <summary>Copies <paramref name="tensor"/> of rank <paramref name="src"/> into every rank's <paramref name="tensor"/>.</summary>
    public unsafe void broadcast(Tensor tensor, int src, TimeSpan? timeout = null)
    {
        CheckRank(src, nameof(src));
        using var held = new HeldHandles([tensor]);
        fixed (IntPtr* raw = held.Raw)
        {
            Check("broadcast", timeout, NativeMethods.shim_dist_broadcast(Raw, raw, 1, src, Wait(timeout)));
        }
    }

    /// <summary>Fills <paramref name="tensor_list"/> (one tensor per rank) with every rank's <paramref name="tensor"/>, in rank order.</summary>
    public unsafe void all_gather(IList<Tensor> tensor_list, Tensor tensor, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(tensor_list);
        if (tensor_list.Count != Size)
        {
            throw new ArgumentException($"all_gather needs one output tensor per rank: {Size}, not {tensor_list.Count}.", nameof(tensor_list));
        }

        using var held = new HeldHandles([.. tensor_list]);
        fixed (IntPtr* raw = held.Raw)
        {
            Check("all_gather", timeout, NativeMethods.shim_dist_all_gather(Raw, raw, held.Raw.Length, torch.Handle(tensor), Wait(timeout)));
        }
    }

    /// <summary>Returns when every rank has reached it.</summary>
    public void barrier(TimeSpan? timeout = null) => Check("barrier", timeout, NativeMethods.shim_dist_barrier(Raw, Wait(timeout)));

    /// <summary>
    /// Copies the tensors of rank <paramref name="src"/> to every rank, packed into buffers of at most
    /// <paramref name="buffer_bytes"/> (c10d's <c>broadcast_coalesced</c>, how DDP syncs module states).
    /// </summary>
    internal unsafe void broadcast_coalesced(IReadOnlyList<Tensor> tensors, long buffer_bytes, int src = 0)
    {
        if (tensors.Count == 0)
        {
            return;
        }

        using var held = new HeldHandles([.. tensors]);
        fixed (IntPtr* raw = held.Raw)
        {
            NativeError.Check(NativeMethods.shim_dist_broadcast_coalesced(Raw, raw, held.Raw.Length, buffer_bytes, src));
        }
    }

    /// <summary>Checks that every rank holds parameters of rank 0's count, shapes and dtypes (c10d's own check).</summary>
    internal unsafe void verify_params(IReadOnlyList<Tensor> parameters)
    {
        using var held = new HeldHandles([.. parameters]);
        fixed (IntPtr* raw = held.Raw)
        {
            NativeError.Check(NativeMethods.shim_dist_verify_params(Raw, raw, held.Raw.Length));
        }
    }

    /// <summary>Releases the group; collectives on it fail from now on.</summary>
    public void Dispose()
    {
        handle.Dispose();
        GC.SuppressFinalize(this);
    }

    // c10d's error (Gloo's "Connection closed by peer", "Operation timed out!") kept, and told where it happened and,
    // for a peer's failure, what it usually means; a refused argument is c10d's message with the collective named.
    private void Check(string name, TimeSpan? timeout, int status)
    {
        if (status == 0)
        {
            return;
        }

        TorchException cause = NativeError.Last();
        string message = cause.Message;
        string? meaning =
            message.Contains("timed out", StringComparison.OrdinalIgnoreCase)
                ? $"No answer within the timeout ({timeout ?? Timeout}): a peer has died, hangs, or runs other collectives than this rank; the group cannot be used further."
            : message.Contains("closed by peer", StringComparison.OrdinalIgnoreCase) || message.Contains("reset by peer", StringComparison.OrdinalIgnoreCase) || message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase)
                ? "A peer has gone (its process ended or its connection broke); the group cannot be used further."
            : null;
        throw new TorchException($"{name} failed on rank {Rank} of {Size} ({Backend}): {message}{(meaning is null ? "" : " " + meaning)}", cause);
    }

    private long Wait(TimeSpan? timeout) => Timeouts.Milliseconds(timeout ?? Timeout);

    private void CheckRank(int rank, string name)
    {
        if (rank < 0 || rank >= Size)
        {
            throw new ArgumentOutOfRangeException(name, rank, $"rank {rank} is not in the group of {Size} processes.");
        }
    }
}
