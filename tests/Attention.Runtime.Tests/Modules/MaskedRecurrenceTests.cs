using System;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// Recurrent layers and temporal attention over a padded batch with its padding mask (true = a real step):
/// the padded batch gives what each sequence gives alone, whatever the padding holds; a row with no real
/// step gives zeros; bad masks are refused with the reason. Packing itself is compared with PyTorch in
/// <see cref="RecurrentModuleTests"/>.
/// </summary>
public sealed class MaskedRecurrenceTests
{
    private static readonly long[] Lengths = [2, 5, 3];

    private static Tensor MaskOf(long[] lengths, long steps) =>
        tensor(lengths.SelectMany(l => Enumerable.Range(0, (int)steps).Select(t => t < l)).ToArray(), [lengths.Length, steps]);

    /// <summary>A batch of three sequences of <see cref="Lengths"/>, padded to 5 steps with large garbage, and the sequences alone.</summary>
    private static (Tensor Batch, Tensor[] Alone) Padded(long features)
    {
        Tensor[] alone = Lengths.Select(l => randn([1, l, features], ScalarType.Float64)).ToArray();
        Tensor batch = cat(alone.Select(s => s.size(1) == 5 ? s : cat([s, randn([1, 5 - s.size(1), features], ScalarType.Float64) * 100.0], 1)).ToArray(), 0);
        return (batch, alone);
    }

    [Fact]
    public void A_padded_lstm_batch_gives_each_sequence_its_own_outputs_and_states()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var lstm = nn.LSTM(3, 4, num_layers: 2, bidirectional: true, batch_first: true);
        lstm.to(ScalarType.Float64);
        var (batch, alone) = Padded(3);
        Tensor mask = MaskOf(Lengths, 5);

        var (output, (h, c)) = lstm.call_masked(batch, mask);
        Tensor last = lstm.call_masked(batch, mask).last_step(mask);
        for (int row = 0; row < Lengths.Length; row++)
        {
            var (own, (ownH, ownC)) = lstm.call(alone[row]);
            long length = Lengths[row];
            ReferenceData.AssertClose(own.select(0, 0), output.select(0, row).narrow(0, 0, length), 1e-12, 1e-12, $"output {row}");
            Assert.Equal(0.0, output.select(0, row).narrow(0, length, 5 - length).abs().sum().item<double>());
            ReferenceData.AssertClose(ownH.select(1, 0), h.select(1, row), 1e-12, 1e-12, $"h_n {row}");
            ReferenceData.AssertClose(ownC.select(1, 0), c.select(1, row), 1e-12, 1e-12, $"c_n {row}");
            ReferenceData.AssertClose(own.select(0, 0).select(0, -1), last.select(0, row), 1e-12, 1e-12, $"last step {row}");
        }
    }

    [Fact]
    public void A_padded_gru_batch_gives_each_sequence_its_own_final_state_and_gradients_ignore_padding()
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        using var gru = nn.GRU(3, 4, batch_first: true);
        gru.to(ScalarType.Float64);
        var (batch, alone) = Padded(3);
        batch.requires_grad_();
        Tensor mask = MaskOf(Lengths, 5);

        Tensor final = gru.call_masked(batch, mask).final_state();
        final.sum().backward();
        for (int row = 0; row < Lengths.Length; row++)
        {
            ReferenceData.AssertClose(gru.call(alone[row]).final_state().select(0, 0), final.select(0, row), 1e-12, 1e-12, $"h_n {row}");
            Assert.Equal(0.0, batch.grad!.select(0, row).narrow(0, Lengths[row], 5 - Lengths[row]).abs().sum().item<double>());
        }

        GradCheck.Assert(x => gru.call_masked(x[0], mask).final_state(), batch.detach());
    }

    [Fact]
    public void A_row_with_no_real_step_gives_zeros_and_no_nan()
    {
        using var scope = NewDisposeScope();
        manual_seed(23);
        using var lstm = nn.LSTM(3, 4, batch_first: true);
        Tensor x = randn(2, 4, 3).requires_grad_();
        Tensor mask = MaskOf([0, 4], 4);

        var (output, (h, c)) = lstm.call_masked(x, mask);
        (output.sum() + h.sum() + c.sum()).backward();

        Assert.Equal(0f, output.select(0, 0).abs().sum().item<float>());
        Assert.Equal(0f, h.select(1, 0).abs().sum().item<float>());
        Assert.NotEqual(0f, h.select(1, 1).abs().sum().item<float>());
        Assert.False(x.grad!.isnan().any().item<bool>());
        Assert.Equal(0f, x.grad!.select(0, 0).abs().sum().item<float>());
    }

    [Fact]
    public void Masks_that_are_not_right_padded_bool_and_batch_shaped_are_refused()
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, 4, batch_first: true);
        Tensor x = randn(2, 4, 3);

        var error = Assert.Throws<ArgumentException>(() => lstm.call_masked(x, tensor(new[] { true, false, true, false, true, true, true, true }, [2, 4])));
        Assert.Contains("row 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("right-padded", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => lstm.call_masked(x, ones(2, 4)));
        Assert.Contains("must be bool", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => lstm.call_masked(x, ones([2, 5], ScalarType.Bool)));
        Assert.Contains("[2, 4, 3]", error.Message, StringComparison.Ordinal);
        using var timeFirst = nn.LSTM(3, 4);
        Assert.Throws<ArgumentException>(() => timeFirst.call_masked(x, ones([2, 4], ScalarType.Bool)));
    }

    [Fact]
    public void Packing_refuses_unsorted_lengths_when_told_they_are_sorted_and_a_short_total_length()
    {
        using var scope = NewDisposeScope();
        Tensor x = randn(3, 5, 2);
        Assert.Throws<ArgumentException>(() => nn.utils.rnn.pack_padded_sequence(x, [2, 5, 3], batch_first: true));
        Assert.Throws<ArgumentException>(() => nn.utils.rnn.pack_padded_sequence(x, [5, 3], batch_first: true));
        using var packed = nn.utils.rnn.pack_padded_sequence(x, [5, 3, 2], batch_first: true);
        Assert.Throws<ArgumentException>(() => nn.utils.rnn.pad_packed_sequence(packed, batch_first: true, total_length: 4));
        var error = Assert.Throws<ArgumentException>(() => nn.utils.rnn.pack_padded_sequence(x, [6, 3, 2], batch_first: true));
        Assert.Contains("length 0 is 6", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => nn.utils.rnn.pack_padded_sequence(x, [5, 3, 0], batch_first: true));
        Assert.Contains("length 2 is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_temporal_attention_ignores_what_the_padding_holds_and_weights_it_zero()
    {
        using var scope = NewDisposeScope();
        manual_seed(24);
        using var attention = new TemporalAttention(5, shared: true) { keep_weights = true };
        Tensor x = randn(3, 5, 4);
        Tensor other = x.clone();
        Tensor mask = MaskOf([2, 5, 0], 5);
        // different garbage in the padded steps
        other.narrow(1, 2, 3).select(0, 0).fill_(50.0);

        Tensor y = attention.call(x, mask);
        Tensor weights = attention.weights!.clone();
        ReferenceData.AssertClose(y, attention.call(other, mask), 0, 0, "padding");
        float[] w = weights.data<float>();
        Assert.Equal(1.0, w.Take(2).Sum(), 5);
        Assert.All(w.Skip(2).Take(3), v => Assert.Equal(0f, v));
        Assert.Equal(1.0, w.Skip(5).Take(5).Sum(), 5);
        Assert.All(w.Skip(10), v => Assert.Equal(0f, v));
        Assert.Equal(0f, y.select(0, 2).abs().sum().item<float>());
        using var inDouble = new TemporalAttention(5);
        inDouble.to(ScalarType.Float64);
        GradCheck.Assert(input => inDouble.call(input[0], mask), x);
    }

    [Fact]
    public void Nothing_is_left_behind()
    {
        using var lstm = nn.LSTM(3, 4, batch_first: true);
        using var gru = nn.GRU(3, 4, batch_first: true, bidirectional: true);
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor x = randn(3, 5, 3);
            Tensor mask = MaskOf([2, 0, 5], 5);
            long before = LiveTensors.Settled();
            lstm.call_masked(x, mask).every_step().Dispose();
            lstm.call_masked(x, mask).last_step(mask).Dispose();
            lstm.call_masked(x, mask).final_state().Dispose();
            gru.call_masked(x, mask).final_state(bidirectional: true).Dispose();
            gru.call_masked(x, mask).last_step(mask).Dispose();
            Assert.Equal(before, LiveTensors.Settled());
        }
    }
}
