using System;
using System.Collections;
using System.Collections.Generic;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Distributed;

/// <summary>
/// The share of a data set one rank trains on, as PyTorch's <c>torch.utils.data.DistributedSampler</c> and with its
/// indices: shuffled by <c>randperm</c> of a generator seeded with <c>seed + epoch</c> (the same on every rank, and the
/// same as Python's), padded by repeating the first indices to a multiple of the world size (or cut, with
/// <c>drop_last</c>), then every <c>num_replicas</c>-th from <c>rank</c>. Every rank gets <see cref="num_samples"/>
/// indices, so all run the same number of steps. Call <see cref="set_epoch"/> before each epoch for a new order.
/// </summary>
public sealed class DistributedSampler : IEnumerable<long>
{
    private readonly long length;
    private readonly bool shuffle;
    private readonly ulong seed;
    private readonly bool dropLast;
    private long epoch;

    /// <summary>A sampler over <paramref name="dataset_length"/> examples for one rank.</summary>
    /// <param name="dataset_length">How many examples the data set has.</param>
    /// <param name="num_replicas">How many ranks share it (the default group's size if null).</param>
    /// <param name="rank">This rank (the default group's rank if null).</param>
    /// <param name="shuffle">Whether each epoch has its own order.</param>
    /// <param name="seed">The seed of the order, the same on every rank.</param>
    /// <param name="drop_last">Whether the tail that does not divide evenly is dropped instead of padded.</param>
    public DistributedSampler(long dataset_length, int? num_replicas = null, int? rank = null, bool shuffle = true, ulong seed = 0, bool drop_last = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataset_length);
        this.num_replicas = num_replicas ?? distributed.get_world_size();
        this.rank = rank ?? distributed.get_rank();
        if (this.num_replicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(num_replicas), this.num_replicas, "num_replicas must be positive.");
        }

        if (this.rank < 0 || this.rank >= this.num_replicas)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), this.rank, $"Invalid rank {this.rank}, rank should be in the interval [0, {this.num_replicas - 1}]");
        }

        length = dataset_length;
        this.shuffle = shuffle;
        this.seed = seed;
        dropLast = drop_last;
        num_samples = drop_last && length % this.num_replicas != 0
            ? (length - this.num_replicas + this.num_replicas - 1) / this.num_replicas
            : (length + this.num_replicas - 1) / this.num_replicas;
        if (num_samples < 0)
        {
            num_samples = 0;
        }
    }

    /// <summary>How many ranks share the data set.</summary>
    public int num_replicas { get; }

    /// <summary>The rank this sampler serves.</summary>
    public int rank { get; }

    /// <summary>How many indices this rank gets per epoch (the same on every rank).</summary>
    public long num_samples { get; }

    /// <summary>The indices of all ranks together per epoch.</summary>
    public long total_size => num_samples * num_replicas;

    /// <summary>Sets the epoch the order is drawn for; call it on every rank with the same value.</summary>
    public void set_epoch(long epoch) => this.epoch = epoch;

    /// <summary>This rank's indices for the current epoch.</summary>
    public long[] Indices()
    {
        long[] order = Order();
        long total = total_size;
        var padded = new long[total];
        for (long i = 0; i < total; i++)
        {
            padded[i] = order[i % order.LongLength];  // past the end: the first indices again, as PyTorch pads
        }

        var mine = new long[num_samples];
        for (long i = 0; i < num_samples; i++)
        {
            mine[i] = padded[rank + (i * num_replicas)];
        }

        return mine;
    }

    /// <inheritdoc/>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)Indices()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private long[] Order()
    {
        if (length == 0)
        {
            return [];
        }

        if (!shuffle)
        {
            var range = new long[length];
            for (long i = 0; i < length; i++)
            {
                range[i] = i;
            }

            return range;
        }

        using Tensor permutation = Tensor.FromNative(NativeMethods.shim_randperm_seeded(length, unchecked(seed + (ulong)epoch)));
        return permutation.data<long>();
    }
}
