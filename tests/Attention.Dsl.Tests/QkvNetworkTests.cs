using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Modules;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// The QKV family's generated networks (QkvNetworks.cs) against the same networks built in PyTorch from the reference
/// modules (Reference/qkv.py): state dicts load by key, and outputs and gradients agree; the masks and the causal flag
/// do what they say.
/// </summary>
/// <remarks>Tolerance: rtol 1e-4, atol 1e-5 in fp32, as MechanismParityTests explains.</remarks>
public sealed class QkvNetworkTests : NetworkParityTests<QkvNetworkTests>, INetworkArea
{
    private const string Area = "qkv";

    private static readonly Dictionary<string, Func<ParityNetwork>> ByName = new()
    {
        [nameof(AdditiveSelfAttentionNet)] = () => ParityNetwork.Of(new AdditiveSelfAttentionNet(), AdditiveSelfAttentionNet.Summary),
        [nameof(CausalAttentionNet)] = () => ParityNetwork.Of(new CausalAttentionNet(), CausalAttentionNet.Summary),
        [nameof(PreNormEncoderNet)] = () => ParityNetwork.Of(new PreNormEncoderNet(), PreNormEncoderNet.Summary),
        [nameof(MaskedPostNormEncoderNet)] = () => ParityNetwork.Masked(new MaskedPostNormEncoderNet(), MaskedPostNormEncoderNet.Summary),
        [nameof(MaskedQkvNet)] = () => ParityNetwork.Masked(new MaskedQkvNet(), MaskedQkvNet.Summary),
    };

    static string INetworkArea.Area => Area;

    static IReadOnlyDictionary<string, Func<ParityNetwork>> INetworkArea.Networks => ByName;

    [Fact]
    public void A_causal_network_does_not_look_ahead()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(51);
        using var network = new CausalAttentionNet();
        Tensor x = randn(2, 5, 8);
        Tensor changed = x.clone();
        changed[.., 3..] = randn(2, 2, 8);
        Tensor before = network.call(x), after = network.call(changed);
        ReferenceData.AssertClose(before[.., ..3], after[.., ..3], 1e-6, 1e-7, "the steps before the change");
        Assert.False(before[.., 3..].allclose(after[.., 3..]), "the steps after the change differ");
    }

    [Fact]
    public void A_padded_batch_gives_each_sequence_what_it_gives_alone()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(52);
        using var network = new MaskedQkvNet();
        network.eval();
        long[] lengths = [2, 9, 5];
        Tensor[] sequences = lengths.Select(l => randn(1, l, 8)).ToArray();
        // padded to 10 steps with noise, which the mask must hide from every layer
        Tensor batch = cat(sequences.Select(s => cat([s, randn(1, 10 - s.size(1), 8) * 100], 1)).ToArray(), 0);
        Tensor mask = arange(10).unsqueeze(0) < tensor(lengths).unsqueeze(1);
        using (no_grad())
        {
            Tensor together = network.call(batch, mask);
            for (int i = 0; i < lengths.Length; i++)
            {
                Tensor alone = network.call(sequences[i], ones([1, lengths[i]], ScalarType.Bool));
                ReferenceData.AssertClose(alone.select(0, 0), together.select(0, i), 1e-4, 1e-5, $"sequence {i}");
            }
        }
    }

    [Fact]
    public void A_masked_encoder_built_from_residual_blocks_ignores_what_the_padding_holds()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(54);
        using var network = new MaskedPostNormEncoderNet();
        Tensor x = randn(2, 6, 8);
        Tensor mask = arange(6).unsqueeze(0) < tensor(new long[] { 6, 3 }).unsqueeze(1);
        Tensor noisy = x.clone();
        noisy[1, 3..] = randn(3, 8) * 1000;
        ReferenceData.AssertClose(network.call(x, mask), network.call(noisy, mask), 1e-5, 1e-6, "output");
    }

    [Fact]
    public void The_attention_layers_keep_their_weights_for_plots()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(53);
        using var network = new MaskedQkvNet();
        network.keep_attention_weights();
        Tensor mask = arange(6).unsqueeze(0) < tensor(new long[] { 6, 3 }).unsqueeze(1);
        network.call(randn(2, 6, 8), mask);
        IReadOnlyDictionary<string, Tensor> weights = network.attention_weights();
        Assert.Equal(["attn1", "attn_pool1", "mha1", "rel_attn1"], weights.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2L, 6L, 6L], weights["mha1"].shape);
        Assert.Equal([2L, 2L, 6L, 6L], weights["rel_attn1"].shape);
        Assert.True(weights["attn1"][1][.., 3..].eq(0).all().item<bool>(), "local-p gives padded keys no weight");
    }

    [Fact]
    public void A_network_with_a_second_input_attends_to_it()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(55);
        using var network = new CrossAttentionNet();
        var attention = new ScoredAttention(8, 6, ScoreFunction.Additive, units: 4);
        var fc1 = new Linear(6, 8);
        var mha = new MultiheadAttention(8, 2, kdim: 6, vdim: 6, batch_first: true);
        var pool = new AttentionPooling(8);
        var fc2 = new Linear(8, 3);
        nn.Module[] parts = [attention, fc1, mha, pool, fc2];
        using (no_grad())
        {
            foreach (var (mine, theirs) in network.parameters().Zip(parts.SelectMany(static p => p.parameters())))
            {
                Assert.Equal(mine.shape, theirs.shape);
                theirs.copy_(mine);
            }
        }

        Tensor x = randn(2, 5, 8), second = randn(2, 7, 6);
        Tensor h = fc1.call(attention.call(x, second));
        Tensor expected = fc2.call(pool.call(mha.call(h, second, second).output));
        ReferenceData.AssertClose(expected, network.call(x, second), 1e-6, 1e-7, "output");
        Assert.Equal(CrossAttentionNet.Summary.TotalParameters, network.parameters().Sum(p => p.numel()));
    }
}
