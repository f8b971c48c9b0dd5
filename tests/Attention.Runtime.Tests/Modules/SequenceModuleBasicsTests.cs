using System;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// The sequence modules' own behaviour: masks (padding invariance, a fully masked row), the
/// sinusoidal table against the paper's formula, what the recurrent outputs keep and release, and
/// float64 finite-difference gradients. Their outputs inside networks are compared with PyTorch in
/// Attention.Dsl.Tests (PlantedColumnNet, RaffelEllisNet, SharedTemporalGruNet, FinalStateLstmNet).
/// </summary>
public sealed class SequenceModuleBasicsTests
{
    [Fact]
    public void Attention_pooling_over_a_padded_batch_equals_pooling_each_sequence_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var pooling = new AttentionPooling(4);
        Tensor shortSequence = randn(1, 3, 4);
        Tensor longSequence = randn(1, 5, 4);
        // pad the short one with garbage, which the mask must hide
        Tensor padded = cat([shortSequence, randn(1, 2, 4) * 100.0], 1);
        Tensor batch = cat([padded, longSequence], 0);
        Tensor mask = tensor(new[] { true, true, true, false, false, true, true, true, true, true }, [2, 5]);

        Tensor pooled = pooling.call(batch, mask);
        Tensor alone = cat([pooling.call(shortSequence), pooling.call(longSequence)], 0);

        Assert.True(allclose(pooled, alone, rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void A_fully_masked_row_pools_to_zeros_and_its_weights_are_zero()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        using var pooling = new AttentionPooling(3, steps: 4) { keep_weights = true };
        Tensor x = randn(2, 4, 3).requires_grad_();
        Tensor mask = tensor(new[] { false, false, false, false, true, false, true, false }, [2, 4]);

        Tensor pooled = pooling.call(x, mask);
        pooled.sum().backward();

        Assert.Equal(new float[3], pooled.select(0, 0).data<float>().ToArray());
        Assert.False(pooled.isnan().any().item<bool>());
        Assert.False(x.grad!.isnan().any().item<bool>());
        float[] weights = pooling.weights!.data<float>().ToArray();
        Assert.Equal(new float[4], weights.Take(4).ToArray());
        Assert.Equal(1.0, weights.Skip(4).Sum(), 5);
        Assert.Equal(0f, weights[5]);
        Assert.Equal(0f, weights[7]);
    }

    [Fact]
    public void A_mask_of_another_shape_is_refused_with_the_shapes_named()
    {
        using var scope = NewDisposeScope();
        using var pooling = new AttentionPooling(3);
        var error = Assert.Throws<ArgumentException>(() => pooling.call(randn(2, 4, 3), ones([2, 5], ScalarType.Bool)));
        Assert.Contains("[2, 4]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AttentionPooling(3, steps: 5).call(randn(2, 4, 3)));
        Assert.Throws<ArgumentException>(() => new TemporalAttention(5).call(randn(2, 4, 3)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(5)]
    public void The_sinusoidal_table_is_the_papers(int features)
    {
        using var scope = NewDisposeScope();
        using var encoding = new PositionalEncoding(features, max_length: 9);
        Tensor x = zeros(2, 7, features);
        float[] values = encoding.call(x).select(0, 1).data<float>().ToArray();

        for (int p = 0; p < 7; p++)
        {
            for (int i = 0; 2 * i < features; i++)
            {
                double angle = p / Math.Pow(10000, 2.0 * i / features);
                // fp32 table: within 2 ulp of the double-precision formula
                Assert.True(Math.Abs(Math.Sin(angle) - values[(p * features) + (2 * i)]) < 2.5e-7, $"sin at {p}, {i}");
                if ((2 * i) + 1 < features)
                {
                    Assert.True(Math.Abs(Math.Cos(angle) - values[(p * features) + (2 * i) + 1]) < 2.5e-7, $"cos at {p}, {i}");
                }
            }
        }

        Assert.Empty(encoding.state_dict());
        Assert.Empty(encoding.parameters());
        Assert.Throws<ArgumentException>(() => encoding.call(zeros(1, 10, features)));
    }

    [Fact]
    public void A_learned_table_is_a_parameter_that_training_moves()
    {
        using var scope = NewDisposeScope();
        using var encoding = new PositionalEncoding(4, max_length: 6, learned: true);
        Assert.Equal(["weight"], encoding.state_dict().Keys);
        encoding.call(ones(2, 3, 4)).sum().backward();
        float[] gradient = encoding.weight!.grad!.data<float>().ToArray();
        Assert.All(gradient.Take(12), g => Assert.Equal(2f, g));   // rows 0–2, summed over the batch
        Assert.All(gradient.Skip(12), g => Assert.Equal(0f, g));   // rows beyond the input's length
    }

    [Fact]
    public void Recurrent_outputs_keep_what_they_name_and_release_the_rest()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        using var lstm = new LSTM(3, 4, num_layers: 2, batch_first: true, bidirectional: true);
        using var gru = new GRU(3, 4, batch_first: true);
        Tensor x = randn(2, 5, 3);

        using (no_grad())
        {
            Tensor every = lstm.call(x).every_step();
            Tensor last = lstm.call(x).last_step();
            Tensor final = lstm.call(x).final_state(bidirectional: true);
            Tensor gruFinal = gru.call(x).final_state();
            Tensor gruLast = gru.call(x).last_step();
            Assert.Equal([2L, 5, 8], every.shape);
            Assert.Equal([2L, 8], last.shape);
            Assert.Equal([2L, 8], final.shape);
            // the forward half of the final state is the last step's; the backward half is step 0's
            Assert.True(allclose(final.narrow(1, 0, 4), every.select(1, -1).narrow(1, 0, 4)));
            Assert.True(allclose(final.narrow(1, 4, 4), every.select(1, 0).narrow(1, 4, 4)));
            Assert.False(allclose(last, final));
            // a one-layer, one-direction GRU: final state and last step agree
            Assert.True(allclose(gruFinal, gruLast));

            // Each keeps one tensor and releases the rest of the result.
            long before = LiveTensors.Settled();
            lstm.call(x).every_step().Dispose();
            lstm.call(x).last_step().Dispose();
            lstm.call(x).final_state(bidirectional: true).Dispose();
            gru.call(x).final_state().Dispose();
            gru.call(x).last_step().Dispose();
            Assert.Equal(before, LiveTensors.Settled());
        }
    }

    [Fact]
    public void Gradients_agree_with_finite_differences_in_float64()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        GradCheck.AssertModule(new TemporalAttention(4), randn(2, 4, 3));
        GradCheck.AssertModule(new TemporalAttention(4, shared: true), randn(2, 4, 3));
        GradCheck.AssertModule(new AttentionPooling(3), randn(2, 5, 3));
        GradCheck.AssertModule(new AttentionPooling(3, steps: 5), randn(2, 5, 3));
        GradCheck.AssertModule(new PositionalEncoding(3, 6, learned: true), randn(2, 5, 3));
    }

    [Fact]
    public void Kept_weights_are_per_step_distributions_and_leak_nothing()
    {
        using var temporal = new TemporalAttention(5) { keep_weights = true };
        using (NewDisposeScope())
        {
            temporal.call(randn(2, 5, 3));
        }

        // the kept weights are replaced, not accumulated
        long before = LiveTensors.Settled();
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            temporal.call(randn(2, 5, 3));
        }

        Assert.Equal(before, LiveTensors.Settled());
        Assert.Equal([2L, 5], temporal.weights!.shape);
        Assert.False(temporal.weights.requires_grad);
        using (NewDisposeScope())
        {
            Assert.Equal(new[] { 1.0, 1.0 }, temporal.weights.sum([1]).to(ScalarType.Float64).data<double>().ToArray().Select(v => Math.Round(v, 5)));
        }

        temporal.keep_weights = false;
        Assert.Null(temporal.weights);
        Assert.Equal(before - 1, LiveTensors.Settled());
    }
}
