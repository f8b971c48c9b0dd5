using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Distributed;

/// <summary>
/// Data-parallel training of any module, generated networks included, as PyTorch's
/// <c>torch.nn.parallel.DistributedDataParallel</c>, on c10d's own <c>Reducer</c>. At construction every rank checks
/// that it holds rank 0's parameters (count, shapes, dtypes) and takes rank 0's parameter and buffer values. In
/// backward, gradients are all-reduced in buckets (1 MiB first, then <c>bucket_cap_mb</c>) as soon as a bucket's last
/// gradient is ready, overlapping with the rest of backward, and averaged over the ranks. Buffers (batch-norm
/// statistics) are taken from rank 0 before each forward. Parameter names gain the prefix <c>module.</c>, as PyTorch's.
/// </summary>
/// <typeparam name="TInput">The wrapped module's input.</typeparam>
/// <typeparam name="TOutput">The wrapped module's output.</typeparam>
public sealed class DistributedDataParallel<TInput, TOutput> : nn.Module<TInput, TOutput>
{
    // PyTorch's sizes: module states are broadcast in 250 MiB buffers; the first gradient bucket is 1 MiB.
    private const long StateBroadcastBytes = 250L << 20;
    private const long FirstBucketBytes = 1L << 20;

    private readonly ProcessGroup group;
    private readonly ReducerHandle reducer;
    private readonly Tensor[] synchronizedBuffers;
    private readonly bool findUnusedParameters;
    private readonly long bucketBytes;
    private bool requireForwardParamSync = true;

    /// <summary>Wraps <paramref name="module"/>, which every rank of <paramref name="process_group"/> builds alike.</summary>
    /// <param name="module">The module to train; its parameters stay its own (the wrapper holds no copy).</param>
    /// <param name="process_group">The group to average over (the default group if null).</param>
    /// <param name="broadcast_buffers">Whether buffers are taken from rank 0 before each forward.</param>
    /// <param name="bucket_cap_mb">The size of a gradient bucket in MiB (PyTorch's default 25).</param>
    /// <param name="find_unused_parameters">
    /// Whether parameters that get no gradient in an iteration are found by walking the graph from the output (costs a
    /// walk per iteration; without it, such a parameter makes the next iteration fail with c10d's explanation).
    /// </param>
    /// <param name="gradient_as_bucket_view">Whether gradients are views into the buckets (saves one copy and memory).</param>
    public DistributedDataParallel(nn.Module<TInput, TOutput> module, ProcessGroup? process_group = null, bool broadcast_buffers = true,
        double bucket_cap_mb = 25, bool find_unused_parameters = false, bool gradient_as_bucket_view = false)
        : base("DistributedDataParallel")
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(bucket_cap_mb > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket_cap_mb), bucket_cap_mb, "bucket_cap_mb must be positive.");
        }

        group = process_group ?? distributed.WORLD;
        this.module = module;
        register_module("module", module);
        findUnusedParameters = find_unused_parameters;
        bucketBytes = (long)(bucket_cap_mb * (1 << 20));

        // Shared parameters are reduced once; frozen ones not at all (as PyTorch's DDP).
        Tensor[] parameters = [.. module.parameters().Where(p => p.requires_grad).Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>()];
        if (parameters.Length == 0)
        {
            throw new ArgumentException("DistributedDataParallel is not needed when a module doesn't have any parameter that requires a gradient.", nameof(module));
        }

        synchronizedBuffers = broadcast_buffers ? [.. module.buffers()] : [];
        group.verify_params(parameters);
        using (no_grad())
        {
            group.broadcast_coalesced([.. module.parameters(), .. module.buffers()], StateBroadcastBytes);
        }

        using var held = new HeldHandles(parameters);
        unsafe
        {
            fixed (IntPtr* raw = held.Raw)
            {
                reducer = ReducerHandle.Adopt(NativeMethods.shim_dist_reducer_new(group.Raw, raw, parameters.Length, bucketBytes,
                    FirstBucketBytes, find_unused_parameters ? (byte)1 : (byte)0, gradient_as_bucket_view ? (byte)1 : (byte)0));
            }
        }
    }

    /// <summary>The wrapped module (PyTorch's <c>ddp.module</c>): save and evaluate it, not the wrapper.</summary>
    public nn.Module<TInput, TOutput> module { get; }

    /// <summary>The group gradients are averaged over.</summary>
    public ProcessGroup process_group => group;

    /// <summary>How many gradient buckets the reducer all-reduces per backward.</summary>
    public int bucket_count => NativeMethods.shim_dist_reducer_bucket_count(reducer.DangerousGetHandle()) is var n and >= 0 ? n : throw NativeError.Last();

    /// <summary>Whether the next backward averages gradients over the ranks (false inside <see cref="no_sync"/>).</summary>
    public bool require_backward_grad_sync { get; private set; } = true;

    /// <summary>
    /// Runs the module. With gradients on, the reducer is armed so that the following backward averages the gradients;
    /// the buffers are first taken from rank 0.
    /// </summary>
    public override TOutput forward(TInput input)
    {
        bool sync = is_grad_enabled() && require_backward_grad_sync;
        if (sync)
        {
            NativeError.Check(NativeMethods.shim_dist_reducer_prepare_for_forward(reducer.DangerousGetHandle()));
        }

        if (requireForwardParamSync && synchronizedBuffers.Length > 0)
        {
            using (no_grad())
            {
                group.broadcast_coalesced(synchronizedBuffers, bucketBytes);
            }
        }

        TOutput output = module.call(input);
        if (sync)
        {
            requireForwardParamSync = true;
            Tensor[] outputs = findUnusedParameters ? [.. TensorsOf(output)] : [];
            using var held = new HeldHandles(outputs);
            unsafe
            {
                fixed (IntPtr* raw = held.Raw)
                {
                    NativeError.Check(NativeMethods.shim_dist_reducer_prepare_for_backward(reducer.DangerousGetHandle(), raw, outputs.Length));
                }
            }
        }
        else
        {
            requireForwardParamSync = false;
        }

        return output;
    }

    /// <summary>
    /// Until disposed, backward accumulates local gradients without averaging (gradient accumulation over several
    /// micro-batches); the first backward after it averages the accumulated sum. As PyTorch's <c>ddp.no_sync()</c>.
    /// </summary>
    public IDisposable no_sync()
    {
        bool previous = require_backward_grad_sync;
        require_backward_grad_sync = false;
        return new Restore(() => require_backward_grad_sync = previous);
    }

    /// <summary>
    /// Releases the reducer. The wrapped module stays the caller's, usable after the wrapper is gone (to evaluate or
    /// save it), so it is not disposed with the wrapper.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reducer.Dispose();
        }

        base.Dispose(disposing);
    }

    private protected override bool DisposesChildren => false;

    // The tensors of an output, for find_unused_parameters: a tensor, or a tuple of them.
    private static IEnumerable<Tensor> TensorsOf(object? output)
    {
        switch (output)
        {
            case Tensor tensor:
                yield return tensor;
                break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                {
                    foreach (Tensor inner in TensorsOf(tuple[i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
