using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>nn.MultiheadAttention against Reference/cases_attention_modules.py, and its masks, modes and errors.</summary>
public sealed class MultiheadAttentionTests : ReferenceParityTests<MultiheadAttentionTests>, IReferenceArea
{
    private const string Area = "attention_modules";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["mha_init"] = _ => Init(40, () => nn.MultiheadAttention(8, 2)),
        ["mha_init_kdim_vdim_bias_kv"] = _ => Init(41, () => nn.MultiheadAttention(8, 2, add_bias_kv: true, kdim: 6, vdim: 5)),
        ["mha_init_no_bias"] = _ => Init(42, () => nn.MultiheadAttention(6, 3, bias: false)),
        ["mha_self_attention"] = x => Run(nn.MultiheadAttention(8, 2), x, sequences: 1),
        ["mha_self_attention_without_weights"] = x => Run(nn.MultiheadAttention(8, 2), x, sequences: 1, needWeights: false),
        ["mha_cross_attention_batch_first"] = x => Run(nn.MultiheadAttention(8, 2, batch_first: true), x, sequences: 3, average: false),
        ["mha_shared_key_value"] = x => Run(nn.MultiheadAttention(6, 3), x, sequences: 2),
        ["mha_key_padding_mask"] = x => Run(nn.MultiheadAttention(8, 2), x, sequences: 1, masks: [KeyPadding]),
        ["mha_key_padding_mask_without_weights"] = x =>
            Run(nn.MultiheadAttention(8, 2), x, sequences: 1, masks: [KeyPadding], needWeights: false),
        ["mha_causal_mask_batch_first"] = x => Run(nn.MultiheadAttention(8, 2, batch_first: true), x, sequences: 1, masks: [Attention]),
        ["mha_float_mask_and_padding"] = x => Run(nn.MultiheadAttention(8, 2, dtype: ScalarType.Float64), x, sequences: 1,
            masks: [Attention, KeyPadding], needWeights: false),
        ["mha_per_head_mask"] = x => Run(nn.MultiheadAttention(8, 2), x, sequences: 3, masks: [Attention], average: false),
        ["mha_kdim_vdim_bias_kv_zero_attn"] = x => Run(nn.MultiheadAttention(8, 2, kdim: 6, vdim: 5, add_bias_kv: true, add_zero_attn: true),
            x, sequences: 3, masks: [KeyPadding]),
        ["mha_unbatched"] = x => Run(nn.MultiheadAttention(4, 2), x, sequences: 1),
        ["mha_dropout_in_training"] = x =>
        {
            var mha = nn.MultiheadAttention(8, 2, dropout: 0.5);
            Load(mha, x[1..]);
            manual_seed(60);
            var (output, weights) = mha.call(x[0], x[0], x[0], need_weights: true, average_attn_weights: false);
            return new[] { output, weights! };
        },
    };

    private const string KeyPadding = "key_padding_mask";
    private const string Attention = "attn_mask";

    private static Tensor[] Init(long seed, Func<nn.Module> create)
    {
        manual_seed(seed);
        return create().parameters().ToArray<Tensor>();
    }

    private static void Load(nn.Module module, Tensor[] weights)
    {
        using (no_grad())
        {
            foreach (var (parameter, weight) in module.parameters().Zip(weights, (p, w) => (p, w)))
            {
                parameter.copy_(weight);
            }
        }
    }

    // Inputs: the distinct sequences (1: self-attention, 2: shared key and value, 3: all distinct), the masks, the weights.
    // Outputs as the reference: output, weights (with need_weights), then the gradients of the sequences and the
    // parameters under the loss Σoutput² + Σweights².
    private static Tensor[] Run(MultiheadAttention mha, Tensor[] x, int sequences, string[]? masks = null, bool needWeights = true, bool average = true)
    {
        masks ??= [];
        Tensor[] inputs = x[..sequences].Select(s => s.requires_grad_()).ToArray();
        Tensor? Mask(string name) => Array.IndexOf(masks, name) is >= 0 and var i ? x[sequences + i] : null;
        Load(mha, x[(sequences + masks.Length)..]);
        Tensor query = inputs[0], key = inputs[Math.Min(1, sequences - 1)], value = inputs[sequences - 1];
        var (output, weights) = mha.call(query, key, value, key_padding_mask: Mask(KeyPadding), need_weights: needWeights,
            attn_mask: Mask(Attention), average_attn_weights: average);
        Assert.Equal(needWeights, weights is not null);
        Tensor loss = (output * output).sum();
        if (weights is not null)
        {
            loss = loss + (weights * weights).sum();
        }

        loss.backward();
        return [output, .. weights is null ? Array.Empty<Tensor>() : [weights], .. inputs.Select(s => s.grad!), .. mha.parameters().Select(p => p.grad!)];
    }

    static string IReferenceArea.Area => Area;

    // The products run through oneDNN's sgemm here (see CpuGemm) and the reference BLAS in PyTorch: the sums of the
    // attention's gradients differ in their last bits (up to 1.5e-5 absolute on values of 0.07); the float64
    // gradient checks hold the arithmetic itself.
    static double IReferenceArea.RelativeTolerance => 1e-4;

    static double IReferenceArea.AbsoluteTolerance => 1e-5;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void Parameters_have_pytorchs_names_and_count()
    {
        using var mha = nn.MultiheadAttention(8, 2);
        string[] expected = ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"];
        Assert.Equal(expected, mha.named_parameters().Select(p => p.name));
        Assert.Equal(expected, mha.state_dict().Keys);
        Assert.Equal(288, mha.parameters().Sum(p => p.numel()));

        using var separate = nn.MultiheadAttention(8, 2, add_bias_kv: true, kdim: 6, vdim: 5);
        Assert.Equal(["q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "bias_k", "bias_v", "out_proj.weight", "out_proj.bias"],
            separate.named_parameters().Select(p => p.name));
        Assert.Equal(264, separate.parameters().Sum(p => p.numel()));
    }

    // A module with non-zero biases, so that every parameter shows in the output.
    private static MultiheadAttention Randomised(long embedDim, long heads, bool batchFirst = false, double dropout = 0)
    {
        var mha = nn.MultiheadAttention(embedDim, heads, dropout: dropout, batch_first: batchFirst);
        using (no_grad())
        {
            foreach (nn.Parameter parameter in mha.parameters())
            {
                parameter.copy_(randn(parameter.shape) * 0.5);
            }
        }

        return mha;
    }

    [Fact]
    public void Weights_or_not_give_the_same_output_with_every_kind_of_mask()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(1);
        using MultiheadAttention mha = Randomised(8, 2, batchFirst: true);
        Tensor query = randn(2, 3, 8), memory = randn(2, 4, 8);
        Tensor padding = tensor(new[] { false, false, true, false, false, false, false, true }, [2, 4]);
        Tensor bias = randn(3, 4);
        Tensor perHead = rand(4, 3, 4) > 0.7;

        foreach (var (keyPadding, attnMask, causal) in new (Tensor?, Tensor?, bool)[]
                 { (null, null, false), (padding, null, false), (null, bias, false), (padding, bias, true), (null, perHead, false), (null, null, true) })
        {
            var explicitly = mha.call(query, memory, memory, keyPadding, need_weights: true, attn_mask: attnMask, is_causal: causal);
            var fused = mha.call(query, memory, memory, keyPadding, need_weights: false, attn_mask: attnMask, is_causal: causal);
            ReferenceData.AssertClose(explicitly.output, fused.output, 1e-5, 1e-6, "output");
            Assert.Null(fused.weights);
        }
    }

    [Fact]
    public void Is_causal_equals_a_causal_attention_mask()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(2);
        using MultiheadAttention mha = Randomised(8, 2);
        Tensor x = randn(4, 2, 8);
        Tensor causal = ones([4, 4], ScalarType.Bool).triu(1);
        foreach (bool needWeights in new[] { false, true })
        {
            var masked = mha.call(x, x, x, need_weights: needWeights, attn_mask: causal);
            var hinted = mha.call(x, x, x, need_weights: needWeights, is_causal: true);
            ReferenceData.AssertClose(masked.output, hinted.output, 1e-5, 1e-6, "output");
        }
    }

    [Fact]
    public void Bool_and_float_masks_agree()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(3);
        using MultiheadAttention mha = Randomised(8, 2);
        Tensor x = randn(4, 2, 8);
        Tensor padding = tensor(new[] { false, true, false, false, false, false, true, true }, [2, 4]);
        Tensor additive = zeros(2, 4).masked_fill(padding, double.NegativeInfinity);
        ReferenceData.AssertClose(mha.call(x, x, x, padding).output, mha.call(x, x, x, additive).output, 1e-6, 1e-7, "output");
    }

    [Fact]
    public void A_query_that_may_attend_to_no_key_gets_zeros_not_nan()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(4);
        using MultiheadAttention mha = Randomised(4, 2);
        Tensor x = randn(3, 2, 4);
        Tensor padding = tensor(new[] { false, false, true, true, true, true }, [2, 3]); // batch entry 1 has no key
        foreach (bool needWeights in new[] { false, true })
        {
            var (output, weights) = mha.call(x, x, x, padding, need_weights: needWeights);
            ReferenceData.AssertClose(mha.out_proj.bias!.expand(3, 4), output[.., 1], 1e-6, 1e-7, "output of the masked entry");
            Assert.True(output.isfinite().all().item<bool>());
            if (weights is not null)
            {
                ReferenceData.AssertClose(zeros(3, 3), weights[1], 0, 0, "weights of the masked entry");
            }
        }
    }

    [Fact]
    public void Gradients_are_finite_and_match_finite_differences_with_masked_rows()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(5);
        using MultiheadAttention mha = Randomised(4, 2);
        mha.to(ScalarType.Float64);
        Tensor padding = tensor(new[] { false, true, true, true, true, true }, [2, 3]);
        foreach (bool needWeights in new[] { false, true })
        {
            GradCheck.Assert(x => mha.call(x[0], x[1], x[1], padding, need_weights: needWeights, is_causal: true).output,
                randn(3, 2, 4), randn(3, 2, 4));
        }
    }

    [Fact]
    public void Dropout_acts_on_the_weights_in_training_only()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(6);
        using MultiheadAttention mha = Randomised(8, 2, dropout: 0.5);
        using var plain = nn.MultiheadAttention(8, 2);
        plain.load_state_dict(mha.state_dict());
        Tensor x = randn(4, 2, 8);
        Tensor reference = plain.call(x, x, x).output;

        mha.eval();
        ReferenceData.AssertClose(reference, mha.call(x, x, x).output, 0, 0, "eval, fused");
        ReferenceData.AssertClose(reference, mha.call(x, x, x, need_weights: true).output, 1e-5, 1e-6, "eval, explicit");

        mha.train();
        manual_seed(7);
        Tensor fused = mha.call(x, x, x).output;
        manual_seed(7);
        var (explicitly, weights) = mha.call(x, x, x, need_weights: true, average_attn_weights: false);
        Assert.False(fused.allclose(reference));
        ReferenceData.AssertClose(explicitly, fused, 1e-5, 1e-6, "the same dropout draws in both paths");
        // Dropped weights are zero and kept ones are scaled by 1/(1 − p): no row sums to one any more.
        Assert.True(weights!.eq(0).any().item<bool>());
    }

    [Fact]
    public void Embed_dim_not_divisible_by_num_heads_throws_pytorchs_message()
    {
        var error = Assert.Throws<ArgumentException>(() => nn.MultiheadAttention(10, 3));
        Assert.StartsWith("embed_dim must be divisible by num_heads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_sizes_throw_torch_exceptions()
    {
        using DisposeScope scope = NewDisposeScope();
        using var mha = nn.MultiheadAttention(8, 2);
        Tensor x = zeros(4, 2, 8);
        var error = Assert.Throws<TorchException>(() => mha.call(zeros(4, 2, 6), x, x));
        Assert.Equal("was expecting embedding dimension of 8, but got 6", error.Message);
        error = Assert.Throws<TorchException>(() => mha.call(x, zeros(4, 2, 6), zeros(4, 2, 6)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<TorchException>(() => mha.call(x, x, x, attn_mask: zeros(4, 3)));
        Assert.Equal("The shape of the 2D attn_mask is [4, 3], but should be (4, 4).", error.Message);
        error = Assert.Throws<TorchException>(() => mha.call(x, x, x, key_padding_mask: zeros([2, 5], ScalarType.Bool)));
        Assert.Equal("expecting key_padding_mask shape of (2, 4), but got [2, 5]", error.Message);
        error = Assert.Throws<TorchException>(() => mha.call(x, x, x, key_padding_mask: zeros([2, 4], ScalarType.Int64)));
        Assert.Equal("only bool and floating types of key_padding_mask are supported", error.Message);
    }
}
