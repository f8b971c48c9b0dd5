using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// ScoredAttention (every score function and alignment) and RelativePositionAttention against the modules written from
/// the papers in Reference/cases_qkv.py, and their masks, modes, gradients and errors.
/// </summary>
public sealed class QkvAttentionTests : ReferenceParityTests<QkvAttentionTests>, IReferenceArea
{
    private const string Area = "qkv";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["qkv_dot_self"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Dot), x),
        ["qkv_scaled_dot_self"] = x => Scored(new ScoredAttention(4, 4), x),
        ["qkv_general_self"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.General), x),
        ["qkv_concat_self"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Concat, units: 3), x),
        ["qkv_additive_self"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Additive, units: 3), x),
        ["qkv_cosine_self"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Cosine), x),
        ["qkv_general_cross_masked"] = x => Scored(new ScoredAttention(4, 5, ScoreFunction.General), x, cross: true, masked: true),
        ["qkv_concat_cross_masked"] = x => Scored(new ScoredAttention(4, 5, ScoreFunction.Concat), x, cross: true, masked: true),
        ["qkv_additive_cross_masked"] = x => Scored(new ScoredAttention(4, 5, ScoreFunction.Additive, units: 3), x, cross: true, masked: true),
        ["qkv_dot_cross_masked"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Dot), x, cross: true, masked: true),
        ["qkv_scaled_dot_cross_masked"] = x => Scored(new ScoredAttention(4, 4), x, cross: true, masked: true),
        ["qkv_cosine_cross_masked"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Cosine), x, cross: true, masked: true),
        ["qkv_scaled_dot_self_causal"] = x => Scored(new ScoredAttention(4, 4, causal: true), x),
        ["qkv_additive_self_causal_masked"] = x =>
            Scored(new ScoredAttention(4, 4, ScoreFunction.Additive, units: 3, causal: true), x, masked: true),
        ["qkv_local_m_scaled_dot_self"] = x =>
            Scored(new ScoredAttention(4, 4, alignment: AttentionAlignment.LocalMonotonic, window: 1), x),
        ["qkv_local_m_additive_cross_masked"] = x =>
            Scored(new ScoredAttention(4, 5, ScoreFunction.Additive, units: 3, alignment: AttentionAlignment.LocalMonotonic, window: 1), x, cross: true, masked: true),
        ["qkv_local_p_general_self_masked"] = x =>
            Scored(new ScoredAttention(4, 4, ScoreFunction.General, alignment: AttentionAlignment.LocalPredictive, window: 2), x, masked: true),
        ["qkv_local_p_concat_cross"] = x =>
            Scored(new ScoredAttention(4, 5, ScoreFunction.Concat, units: 3, alignment: AttentionAlignment.LocalPredictive, window: 2), x, cross: true),
        ["qkv_hard_dot_self_masked"] = x => Scored(new ScoredAttention(4, 4, ScoreFunction.Dot, alignment: AttentionAlignment.Hard), x, masked: true),
        ["qkv_additive_cross_masked_float64"] = x =>
            Scored(new ScoredAttention(4, 5, ScoreFunction.Additive, units: 3), x, cross: true, masked: true),
        ["rpa_plain"] = x => Relative(new RelativePositionAttention(8, 2, 2), x),
        ["rpa_masked"] = x => Relative(new RelativePositionAttention(8, 2, 2), x, masked: true),
        ["rpa_causal"] = x => Relative(new RelativePositionAttention(8, 2, 2, causal: true), x),
        ["rpa_relative_values"] = x => Relative(new RelativePositionAttention(8, 2, 2, relative_values: true), x),
        ["rpa_no_bias"] = x => Relative(new RelativePositionAttention(8, 2, 2, bias: false), x),
        ["rpa_relative_values_masked_float64"] = x => Relative(new RelativePositionAttention(8, 2, 2, relative_values: true), x, masked: true),
    };

    static string IReferenceArea.Area => Area;

    // The products run through oneDNN's sgemm here (see CpuGemm) and the reference BLAS in PyTorch: the sums of the
    // attention's gradients differ in their last bits (up to 1.5e-5 absolute on values of 0.07); the float64
    // gradient checks hold the arithmetic itself.
    static double IReferenceArea.RelativeTolerance => 1e-4;

    static double IReferenceArea.AbsoluteTolerance => 1e-5;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    /// <summary>Copies the case's parameter values into <paramref name="module"/>, in its parameter order, in its dtype.</summary>
    private static void Load(nn.Module module, Tensor[] values)
    {
        nn.Parameter[] parameters = module.parameters().ToArray();
        Assert.Equal(parameters.Length, values.Length);
        module.to(values.Length > 0 ? values[0].dtype : ScalarType.Float32);
        using (no_grad())
        {
            foreach (var (parameter, value) in module.parameters().Zip(values))
            {
                parameter.copy_(value);
            }
        }
    }

    // Inputs: query, keys (cross only), mask (masked only), the parameters, W. Outputs: output, weights, the gradients of
    // (output · W).sum() with respect to the query, the keys (cross only) and every parameter.
    private static Tensor[] Scored(ScoredAttention attention, Tensor[] x, bool cross = false, bool masked = false)
    {
        int at = 0;
        Tensor query = x[at++].requires_grad_();
        Tensor keys = cross ? x[at++].requires_grad_() : query;
        Tensor? mask = masked ? x[at++] : null;
        Load(attention, x[at..^1]);
        attention.to(query.dtype);
        attention.eval();
        attention.keep_weights = true;
        Tensor output = attention.call(query, keys, mask);
        (output * x[^1]).sum().backward();
        Tensor[] gradients = cross ? [query.grad!, keys.grad!] : [query.grad!];
        return [output, attention.weights!.clone(), .. gradients, .. attention.parameters().Select(p => p.grad!)];
    }

    // Inputs: x, mask (masked only), the parameters, W. Outputs: output, weights [N, heads, T, T], the gradients.
    private static Tensor[] Relative(RelativePositionAttention attention, Tensor[] x, bool masked = false)
    {
        Tensor input = x[0].requires_grad_();
        Tensor? mask = masked ? x[1] : null;
        Load(attention, x[(masked ? 2 : 1)..^1]);
        attention.keep_weights = true;
        Tensor output = attention.call(input, mask);
        (output * x[^1]).sum().backward();
        return [output, attention.weights!.clone(), input.grad!, .. attention.parameters().Select(p => p.grad!)];
    }

    [Fact]
    public void Parameters_have_the_documented_names_and_counts()
    {
        using var additive = new ScoredAttention(4, 5, ScoreFunction.Additive, units: 3, alignment: AttentionAlignment.LocalPredictive, window: 2);
        Assert.Equal(["query_proj.weight", "key_proj.weight", "energy.weight", "position_proj.weight", "position_energy.weight"],
            additive.named_parameters().Select(p => p.name));
        Assert.Equal((3 * 4) + (3 * 5) + 3 + (3 * 4) + 3, additive.parameters().Sum(p => p.numel()));
        using var general = new ScoredAttention(4, 5, ScoreFunction.General);
        Assert.Equal([4L, 5L], general.key_proj!.weight.shape);
        using var dot = new ScoredAttention(4, 4, ScoreFunction.Dot);
        Assert.Empty(dot.parameters());

        using var relative = new RelativePositionAttention(8, 2, 3, relative_values: true);
        Assert.Equal(["in_proj_weight", "in_proj_bias", "relative_keys.weight", "relative_values.weight", "out_proj.weight", "out_proj.bias"],
            relative.state_dict().Keys);
        Assert.Equal((4 * 64) + (4 * 8) + (2 * 7 * 4), relative.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Gradients_match_finite_differences_for_every_score_with_masked_rows()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(11);
        Tensor mask = tensor(new[] { true, true, true, false, false, false, false, false }, [2, 4]);   // row 1: no key
        foreach (ScoreFunction score in Enum.GetValues<ScoreFunction>())
        {
            bool sameSize = score is ScoreFunction.Dot or ScoreFunction.ScaledDot or ScoreFunction.Cosine;
            using var attention = new ScoredAttention(3, sameSize ? 3 : 2, score, units: 2);
            attention.to(ScalarType.Float64);
            GradCheck.Assert(x => attention.call(x[0], x[1], mask),
                randn([2, 3, 3], ScalarType.Float64), randn([2, 4, sameSize ? 3 : 2], ScalarType.Float64));
        }

        using var local = new ScoredAttention(3, 3, ScoreFunction.General, alignment: AttentionAlignment.LocalPredictive, window: 2);
        local.to(ScalarType.Float64);
        GradCheck.Assert(x => local.call(x[0], x[1], mask), randn([2, 3, 3], ScalarType.Float64), randn([2, 4, 3], ScalarType.Float64));

        using var relative = new RelativePositionAttention(4, 2, 2, relative_values: true, causal: true);
        relative.to(ScalarType.Float64);
        GradCheck.Assert(x => relative.call(x[0], mask), randn([2, 4, 4], ScalarType.Float64));
    }

    [Fact]
    public void A_query_with_no_key_to_weigh_gets_zeros_and_finite_gradients()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(12);
        Tensor mask = tensor(new[] { true, true, false, false, false, false }, [2, 3]);
        foreach (AttentionAlignment alignment in Enum.GetValues<AttentionAlignment>())
        {
            bool local = alignment is AttentionAlignment.LocalMonotonic or AttentionAlignment.LocalPredictive;
            using var attention = new ScoredAttention(4, 4, ScoreFunction.Additive, alignment: alignment, window: local ? 1 : 0);
            Tensor x = randn(2, 3, 4).requires_grad_();
            Tensor y = attention.call(x, x, mask);
            Assert.True(y[1].eq(0).all().item<bool>(), $"{alignment}: the row without keys is zero");
            y.sum().backward();
            Assert.True(x.grad!.isfinite().all().item<bool>(), $"{alignment}: finite gradients");
        }
    }

    [Fact]
    public void Hard_attention_takes_one_key_in_training_and_passes_the_soft_gradient()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(13);
        using var attention = new ScoredAttention(4, 4, ScoreFunction.General, alignment: AttentionAlignment.Hard, temperature: 0.5);
        attention.keep_weights = true;
        Tensor x = randn(3, 5, 4).requires_grad_();
        Tensor y = attention.call(x, x, null);
        Tensor weights = attention.weights!;
        Assert.True(weights.eq(0).logical_or(weights.eq(1)).all().item<bool>(), "one-hot in the forward pass");
        ReferenceData.AssertClose(ones(3, 5), weights.sum(-1), 0, 0, "one key per query");
        y.sum().backward();
        // straight-through: the scores' parameters get the gradient of the soft sample
        Assert.True(attention.key_proj!.weight.grad!.abs().sum().item<float>() > 0);

        attention.eval();
        Tensor best = attention.call(x, x, null);
        Tensor again = attention.call(x, x, null);
        Assert.True(best.equal(again), "evaluation is deterministic");
    }

    [Fact]
    public void Local_m_weighs_only_the_window_and_local_p_is_not_renormalised()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(14);
        using var monotonic = new ScoredAttention(4, 4, alignment: AttentionAlignment.LocalMonotonic, window: 1) { keep_weights = true };
        Tensor x = randn(2, 6, 4);
        monotonic.call(x, x, null);
        Tensor outside = ones([6, 6], ScalarType.Bool).triu(2).logical_or(ones([6, 6], ScalarType.Bool).tril(-2));
        Assert.True((monotonic.weights! * outside).eq(0).all().item<bool>(), "no weight beyond one step from t");

        using var predictive = new ScoredAttention(4, 4, alignment: AttentionAlignment.LocalPredictive, window: 2) { keep_weights = true };
        predictive.call(x, x, null);
        Assert.True(predictive.weights!.sum(-1).lt(1.0 - 1e-6).all().item<bool>(), "the Gaussian takes weight off every row");
    }

    [Fact]
    public void Relative_attention_with_far_distances_and_zero_tables_is_multi_head_attention()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(15);
        using var relative = new RelativePositionAttention(8, 2, 5);
        using var mha = nn.MultiheadAttention(8, 2, batch_first: true);
        using (no_grad())
        {
            relative.relative_keys.weight.zero_();
            mha.in_proj_weight!.copy_(relative.in_proj_weight);
            mha.in_proj_bias!.copy_(randn(24));
            relative.in_proj_bias!.copy_(mha.in_proj_bias);
            mha.out_proj.weight.copy_(relative.out_proj.weight);
        }

        Tensor x = randn(2, 6, 8);
        Tensor mask = tensor(new[] { true, true, true, true, true, true, true, true, true, false, false, false }, [2, 6]);
        ReferenceData.AssertClose(mha.self_attend(x, mask), relative.call(x, mask), 1e-5, 1e-6, "output with a mask");
        ReferenceData.AssertClose(mha.self_attend(x), relative.call(x), 1e-5, 1e-6, "output");
    }

    [Fact]
    public void Multihead_attention_keeps_weights_on_request_and_its_output_does_not_change()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(16);
        using var mha = nn.MultiheadAttention(8, 2, batch_first: true);
        Tensor x = randn(2, 5, 8);
        Tensor mask = tensor(new[] { true, true, true, true, true, true, true, false, false, false }, [2, 5]);
        Tensor fused = mha.self_attend(x, mask);
        Assert.Null(mha.weights);
        mha.keep_weights = true;
        Tensor kept = mha.self_attend(x, mask);
        ReferenceData.AssertClose(fused, kept, 1e-5, 1e-6, "output");
        Assert.Equal([2L, 5L, 5L], mha.weights!.shape);
        Assert.True(mha.weights[1][.., 3..].eq(0).all().item<bool>(), "padded keys get no weight");
        mha.keep_weights = false;
        Assert.Null(mha.weights);
    }

    [Fact]
    public void Bad_arguments_and_inputs_are_refused_with_the_reason()
    {
        Assert.Contains("compares vectors of one size", Assert.Throws<ArgumentException>(() => new ScoredAttention(4, 5, ScoreFunction.Dot)).Message, StringComparison.Ordinal);
        Assert.Contains("window of at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredAttention(4, 4, alignment: AttentionAlignment.LocalMonotonic)).Message, StringComparison.Ordinal);
        Assert.Contains("only to the local alignments", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredAttention(4, 4, window: 2)).Message, StringComparison.Ordinal);
        Assert.Contains("only to hard attention", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredAttention(4, 4, temperature: 0.5)).Message, StringComparison.Ordinal);
        Assert.Contains("divisible", Assert.Throws<ArgumentException>(() => new RelativePositionAttention(6, 4, 2)).Message, StringComparison.Ordinal);

        using DisposeScope scope = NewDisposeScope();
        using var attention = new ScoredAttention(4, 5, ScoreFunction.General);
        Assert.Contains("keys [N, S, 5]", Assert.Throws<ArgumentException>(() => attention.call(randn(2, 3, 4), randn(2, 3, 4), null)).Message, StringComparison.Ordinal);
        Assert.Contains("must be bool", Assert.Throws<ArgumentException>(() => attention.call(randn(2, 3, 4), randn(2, 3, 5), ones(2, 3))).Message, StringComparison.Ordinal);
        using var relative = new RelativePositionAttention(8, 2, 2);
        Assert.Contains("8 features", Assert.Throws<ArgumentException>(() => relative.call(randn(2, 3, 6))).Message, StringComparison.Ordinal);
    }
}
