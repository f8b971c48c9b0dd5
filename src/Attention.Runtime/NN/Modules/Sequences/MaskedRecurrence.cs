using System;
using System.Linq;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.utils.rnn;

namespace Attention.Runtime.Modules;

/// <summary>
/// Recurrent layers over a padded batch with its padding mask: each sequence stops at its own last real step
/// (the batch is packed for the kernels and padded again), so a padded batch gives exactly what the sequences
/// give one by one. The results have the shapes of the unmasked <c>call</c> (batch first): padded steps of the
/// output are zero, and the final states are those after each sequence's last real step. A row with no real step
/// gets zeros everywhere.
/// </summary>
/// <remarks>The mask is <c>[N, T]</c> booleans, true = a real step, right-padded (every real step first).</remarks>
public static class MaskedRecurrence
{
    /// <summary>Runs <paramref name="lstm"/> (batch first) over the real steps of <paramref name="input"/> <c>[N, T, D]</c>.</summary>
    public static (Tensor output, (Tensor h_n, Tensor c_n) state) call_masked(this LSTM lstm, Tensor input, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        using var packing = Packing.Of(lstm, input, mask);
        var (output, (hN, cN)) = lstm.forward(packing.Packed);
        using (output)
        {
            return (packing.Unpack(output), (packing.ZeroEmpty(hN), packing.ZeroEmpty(cN)));
        }
    }

    /// <summary>Runs <paramref name="gru"/> (batch first) over the real steps of <paramref name="input"/> <c>[N, T, D]</c>.</summary>
    public static (Tensor output, Tensor h_n) call_masked(this GRU gru, Tensor input, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(gru);
        using var packing = Packing.Of(gru, input, mask);
        var (output, hN) = gru.forward(packing.Packed);
        using (output)
        {
            return (packing.Unpack(output), packing.ZeroEmpty(hN));
        }
    }

    /// <summary>The last layer's output at each sequence's last real step, <c>[N, H·dirs]</c> (zeros for a row with none).</summary>
    public static Tensor last_step(this (Tensor output, (Tensor h_n, Tensor c_n) state) result, Tensor mask) =>
        LastRealStep(result.every_step(), mask);

    /// <summary>The GRU's output at each sequence's last real step, <c>[N, H·dirs]</c> (zeros for a row with none).</summary>
    public static Tensor last_step(this (Tensor output, Tensor h_n) result, Tensor mask) => LastRealStep(result.every_step(), mask);

    private static Tensor LastRealStep(Tensor output, Tensor mask)
    {
        using (output)
        {
            long[] lengths = PaddingMask.Lengths(mask, output, "last_step");
            // index [N, 1, H]: each row's last real step (step 0 for an empty row, whose output is zero anyway)
            using Tensor last = tensor(lengths.Select(static l => Math.Max(l - 1, 0)).ToArray(), device: output.device);
            using Tensor column = last.view(-1, 1, 1);
            using Tensor index = column.expand(output.size(0), 1, output.size(2));
            using Tensor picked = output.gather(1, index);
            return picked.squeeze(1);
        }
    }

    /// <summary>A padded batch packed for a recurrent layer, and the way back.</summary>
    private sealed class Packing : IDisposable
    {
        private readonly long steps;
        private readonly bool batchFirst;
        private readonly Tensor? nonEmpty;   // [N] 1 for rows with a real step, when some row has none

        private Packing(PackedSequence packed, long steps, bool batchFirst, Tensor? nonEmpty)
        {
            Packed = packed;
            this.steps = steps;
            this.batchFirst = batchFirst;
            this.nonEmpty = nonEmpty;
        }

        public PackedSequence Packed { get; }

        public static Packing Of<T>(RNNBase<T> layer, Tensor input, Tensor mask)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (!layer.batch_first || input.Dim() != 3)
            {
                throw new ArgumentException($"{layer.name}.call_masked takes a batch-first layer and a batch [N, T, D], but got " +
                    $"batch_first = {layer.batch_first} and [{string.Join(", ", input.shape)}].", nameof(input));
            }

            long[] lengths = PaddingMask.Lengths(mask, input, layer.name);
            // The kernels need at least one step per sequence: an empty row runs over one padded step, then is zeroed.
            bool anyEmpty = lengths.Contains(0);
            long[] runLengths = anyEmpty ? lengths.Select(static l => Math.Max(l, 1)).ToArray() : lengths;
            Tensor? nonEmpty = anyEmpty
                ? tensor(lengths.Select(static l => l > 0 ? 1.0 : 0.0).ToArray(), dtype: input.dtype, device: input.device)
                : null;
            return new Packing(pack_padded_sequence(input, runLengths, batch_first: true, enforce_sorted: false), input.size(1), true, nonEmpty);
        }

        /// <summary>The packed output padded back to <c>[N, T, H]</c> in the batch's order, zeros after each length.</summary>
        public Tensor Unpack(PackedSequence output)
        {
            var (padded, lengths) = pad_packed_sequence(output, batchFirst, 0.0, steps);
            lengths.Dispose();
            if (nonEmpty is null)
            {
                return padded;
            }

            using (padded)
            using (Tensor rows = nonEmpty.view(-1, 1, 1))
            {
                return padded * rows;
            }
        }

        /// <summary>A final state <c>[layers·dirs, N, H]</c> with the rows that have no real step zeroed; <paramref name="state"/> is released.</summary>
        public Tensor ZeroEmpty(Tensor state)
        {
            if (nonEmpty is null)
            {
                return state;
            }

            using (state)
            using (Tensor rows = nonEmpty.view(1, -1, 1))
            {
                return state * rows;
            }
        }

        public void Dispose()
        {
            Packed.Dispose();
            nonEmpty?.Dispose();
        }
    }
}
