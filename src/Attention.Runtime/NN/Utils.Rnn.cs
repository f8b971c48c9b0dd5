using System;
using System.Linq;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// torch.nn.utils.rnn: packed sequences, so that recurrent layers stop each sequence of a padded batch
// at its own length.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class utils
        {
            /// <summary>Packing and unpacking of padded batches of sequences, as torch.nn.utils.rnn.</summary>
            public static class rnn
            {
                /// <summary>
                /// Packs a padded batch of sequences: <paramref name="input"/> is (T, N, *), or (N, T, *) with
                /// <paramref name="batch_first"/>, and <paramref name="lengths"/> holds each sequence's length (each at
                /// least 1 and at most T). With <paramref name="enforce_sorted"/> the lengths must already decrease; without
                /// it the batch is sorted here and <see cref="PackedSequence.unsorted_indices"/> restores its order.
                /// </summary>
                /// <returns>A new packed sequence that the caller owns; <paramref name="input"/> stays the caller's.</returns>
                public static PackedSequence pack_padded_sequence(Tensor input, long[] lengths, bool batch_first = false, bool enforce_sorted = true)
                {
                    ArgumentNullException.ThrowIfNull(input);
                    ArgumentNullException.ThrowIfNull(lengths);
                    int batchDim = batch_first ? 0 : 1;
                    if (input.Dim() < 2 || input.size(batchDim) != lengths.Length)
                    {
                        throw new ArgumentException(
                            $"pack_padded_sequence: {lengths.Length} lengths for an input of shape [{string.Join(", ", input.shape)}] " +
                            $"whose batch dimension is {batchDim}.", nameof(lengths));
                    }

                    long steps = input.size(batch_first ? 1 : 0);
                    for (int i = 0; i < lengths.Length; i++)
                    {
                        if (lengths[i] < 1 || lengths[i] > steps)
                        {
                            throw new ArgumentException(
                                $"pack_padded_sequence: every length must be between 1 and the input's {steps} steps, but length {i} is {lengths[i]}.",
                                nameof(lengths));
                        }
                    }

                    long[] order = Enumerable.Range(0, lengths.Length).Select(static i => (long)i).ToArray();
                    if (!enforce_sorted)
                    {
                        // A stable sort by decreasing length, as torch.sort(descending=True) on CPU.
                        order = order.OrderByDescending(i => lengths[i]).ToArray();
                    }
                    else
                    {
                        for (int i = 1; i < lengths.Length; i++)
                        {
                            if (lengths[i] > lengths[i - 1])
                            {
                                throw new ArgumentException(
                                    "pack_padded_sequence: `lengths` array must be sorted in decreasing order when `enforce_sorted` is True. " +
                                    "Pass enforce_sorted: false to sort here.", nameof(lengths));
                            }
                        }
                    }

                    long[] sortedLengths = order.Select(i => lengths[i]).ToArray();
                    using Tensor lengthTensor = tensor(sortedLengths);
                    Tensor? sortedIndices = null, unsortedIndices = null;
                    Tensor? sortedInput = null;
                    try
                    {
                        if (!enforce_sorted)
                        {
                            long[] inverse = new long[order.Length];
                            for (int i = 0; i < order.Length; i++)
                            {
                                inverse[order[i]] = i;
                            }

                            sortedIndices = tensor(order, device: input.device);
                            unsortedIndices = tensor(inverse, device: input.device);
                            sortedInput = input.index_select(batchDim, sortedIndices);
                        }

                        NativeError.Check(NativeMethods.shim_pack_padded_sequence(Handle(sortedInput ?? input), Handle(lengthTensor),
                            Flag(batch_first), out IntPtr data, out IntPtr batchSizes));
                        return new PackedSequence(Tensor.FromRaw(data), Tensor.FromRaw(batchSizes), sortedIndices, unsortedIndices);
                    }
                    catch
                    {
                        sortedIndices?.Dispose();
                        unsortedIndices?.Dispose();
                        throw;
                    }
                    finally
                    {
                        sortedInput?.Dispose();
                    }
                }

                /// <summary>
                /// Unpacks <paramref name="sequence"/> into a padded batch, (T, N, *) or (N, T, *) with
                /// <paramref name="batch_first"/>, in the batch's original order; the steps after each sequence's length
                /// hold <paramref name="padding_value"/>. T is the longest length, or <paramref name="total_length"/>
                /// (which must not be shorter).
                /// </summary>
                /// <returns>The padded batch and the lengths (int64, CPU), both new tensors that the caller owns.</returns>
                public static (Tensor padded, Tensor lengths) pad_packed_sequence(PackedSequence sequence, bool batch_first = false,
                    double padding_value = 0.0, long? total_length = null)
                {
                    ArgumentNullException.ThrowIfNull(sequence);
                    long longest = sequence.batch_sizes.size(0);
                    if (total_length is { } total && total < longest)
                    {
                        throw new ArgumentException(
                            $"Expected total_length to be at least the length of the longest sequence in input, but got total_length={total} " +
                            $"and max sequence length being {longest}", nameof(total_length));
                    }

                    NativeError.Check(NativeMethods.shim_pad_packed_sequence(Handle(sequence.data), Handle(sequence.batch_sizes), Flag(batch_first),
                        padding_value, total_length ?? longest, out IntPtr rawPadded, out IntPtr rawLengths));
                    Tensor padded = Tensor.FromRaw(rawPadded);
                    Tensor lengths = Tensor.FromRaw(rawLengths);
                    if (sequence.unsorted_indices is not { } unsorted)
                    {
                        return (padded, lengths);
                    }

                    using (padded)
                    using (lengths)
                    using (Tensor unsortedOnCpu = unsorted.cpu())
                    {
                        return (padded.index_select(batch_first ? 0 : 1, unsorted), lengths.index_select(0, unsortedOnCpu));
                    }
                }

                /// <summary>
                /// A batch of sequences packed for the recurrent kernels, as torch.nn.utils.rnn.PackedSequence: the steps
                /// time-major in <see cref="data"/>, <see cref="batch_sizes"/>[t] sequences long at step t, and, when the batch
                /// was sorted to pack it, the permutations to and from that order. It owns all four tensors.
                /// </summary>
                public sealed class PackedSequence : IDisposable
                {
                    internal PackedSequence(Tensor data, Tensor batch_sizes, Tensor? sorted_indices, Tensor? unsorted_indices)
                    {
                        this.data = data;
                        this.batch_sizes = batch_sizes;
                        this.sorted_indices = sorted_indices;
                        this.unsorted_indices = unsorted_indices;
                    }

                    /// <summary>The steps of every sequence, time-major: (Σ lengths, *).</summary>
                    public Tensor data { get; }

                    /// <summary>How many sequences are still running at each step (int64, CPU), decreasing.</summary>
                    public Tensor batch_sizes { get; }

                    /// <summary>The batch index of each packed sequence, or null when the batch was packed in its own order.</summary>
                    public Tensor? sorted_indices { get; }

                    /// <summary>The packed position of each sequence of the batch, the inverse of <see cref="sorted_indices"/>.</summary>
                    public Tensor? unsorted_indices { get; }

                    /// <summary>A packed sequence with the same layout and order as this one but other <paramref name="newData"/>, which it takes over.</summary>
                    internal PackedSequence WithData(Tensor newData) =>
                        new(newData, batch_sizes.clone(), sorted_indices?.clone(), unsorted_indices?.clone());

                    /// <summary>Releases the four tensors.</summary>
                    public void Dispose()
                    {
                        data.Dispose();
                        batch_sizes.Dispose();
                        sorted_indices?.Dispose();
                        unsorted_indices?.Dispose();
                    }
                }
            }
        }
    }
}
