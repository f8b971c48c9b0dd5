using System;
using System.Collections.Generic;
using Attention.Dsl;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>Attention with a score function and an alignment over <paramref name="QueryFeatures"/>-sized queries and <paramref name="KeyFeatures"/>-sized keys.</summary>
internal sealed record ScoredAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression QueryFeatures, int KeyFeatures, bool KeysAreQueries, Score Score, int Units, Alignment Alignment, int Window, double Temperature, bool Causal,
    bool FromSecondInput)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[ScoredAttention]</c>, the runtime's <c>ScoredAttention</c>: <c>Score = ScaledDot</c>, <c>Alignment = Soft</c>,
/// <c>Units = 0</c> (the key size), <c>Window = 0</c>, <c>Temperature = 1</c>, <c>Causal = false</c>. Self-attention
/// <c>[T, D]</c> to <c>[T, D]</c> in a network; cross-attention (<c>KeyFeatures</c>) as a component.
/// </summary>
internal sealed class ScoredAttentionSpec() : LayerSpec<ScoredAttentionLayer>("ScoredAttention", "attn")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("QueryFeatures", false, static (size, _) => [1, size]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var score = (Score)a.Int("Score", (int)Score.ScaledDot);
        var alignment = (Alignment)a.Int("Alignment", (int)Alignment.Soft);
        var units = a.Int("Units", 0);
        var window = a.Int("Window", 0);
        var temperature = a.Double("Temperature", 1.0);
        var keyFeatures = a.Int("KeyFeatures", 0);
        var local = alignment is Alignment.LocalMonotonic or Alignment.LocalPredictive;
        var ok = c.Check(Enum.IsDefined(typeof(Score), score), "Score", "Score {0} is not a defined Score", (int)score)
            & c.Check(Enum.IsDefined(typeof(Alignment), alignment), "Alignment", "Alignment {0} is not a defined Alignment", (int)alignment)
            & c.Check(units >= 0, "Units", "Units is {0}, and must be at least 1, or 0 for the key size", units)
            & c.Check(temperature > 0, "Temperature", "Temperature is {0}, and must be greater than 0", temperature)
            & (local
                ? c.Check(window >= 1, "Window", "Window is {0}, and a local alignment needs at least 1 step on each side", window)
                : c.Check(window == 0, "Window", "Window is {0}, but it applies only to the local alignments, and Alignment is {1}", window, alignment))
            & c.Check(alignment == Alignment.Hard || temperature == 1.0, "Temperature", "Temperature is {0}, but it applies only to Alignment.Hard, and Alignment is {1}", temperature, alignment)
            & (c.IsComponent
                ? c.Check(keyFeatures >= 0, "KeyFeatures", "KeyFeatures is {0}, and must be at least 1, or 0 for the query size", keyFeatures)
                : c.Check(keyFeatures == 0, "KeyFeatures", "KeyFeatures is {0}, but in a network the layer attends its input to itself; KeyFeatures sizes a cross-attention component, whose forward you write", keyFeatures));
        var fromSecond = a.Bool("AttendToSecondInput", false);
        if (!ok || !c.RequireRank("[N, T, features]", 2) || (fromSecond && !c.RequireSecondInputSequence("AttendToSecondInput", keyFeatures)))
        {
            return null;
        }

        var query = c.LastDimension;
        var keys = fromSecond ? c.SecondInput![1] : keyFeatures == 0 ? query.Value : keyFeatures;
        if (score is Score.Dot or Score.ScaledDot or Score.Cosine
            && !c.Check(keys == query.Value, "KeyFeatures", "KeyFeatures is {0}, but the {1} score compares queries and keys of one size, and queries have {2}; use General, Concat or Additive, which learn a projection", keys, score, query.Value))
        {
            return null;
        }

        var hidden = units == 0 ? keys : units;
        var parameters = score switch
        {
            Score.General => (long)query.Value * keys,
            Score.Concat or Score.Additive => ((long)hidden * (query.Value + keys)) + hidden,
            _ => 0L,
        };
        if (alignment == Alignment.LocalPredictive)
        {
            parameters += ((long)hidden * query.Value) + hidden;
        }

        var output = fromSecond ? new[] { c.Shape[0], keys }.ToEquatableArray() : c.Input;
        return new ScoredAttentionLayer(c.Name, c.Kind, c.Input, output, parameters,
            query.Expression, keys, keyFeatures == 0 && !fromSecond, score, units, alignment, window, temperature, a.Bool("Causal", false), fromSecond);
    }

    /// <inheritdoc/>
    public override bool TakesSecondInput(LayerModel layer) => ((ScoredAttentionLayer)layer).FromSecondInput;

    /// <inheritdoc/>
    protected override string FieldType(ScoredAttentionLayer layer) => "ScoredAttention";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(ScoredAttentionLayer layer) => Layers.MaskUse.Keeps;

    /// <inheritdoc/>
    protected override string Forward(ScoredAttentionLayer layer, string x, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + (layer.FromSecondInput ? "second" : x) + ")";

    /// <inheritdoc/>
    protected override string ForwardMasked(ScoredAttentionLayer layer, string x, string mask, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + x + ", " + mask + ")";

    /// <inheritdoc/>
    protected override string Construct(ScoredAttentionLayer layer, HashSet<string> used)
    {
        var query = layer.QueryFeatures.ToCSharp(used);
        var arguments = query + ", " + (layer.KeysAreQueries ? query : IndentedWriter.Literal(layer.KeyFeatures));
        if (layer.Score != Score.ScaledDot)
        {
            used.Add("ScoreFunction");
            arguments += ", ScoreFunction." + layer.Score;
        }

        if (layer.Units != 0)
        {
            arguments += ", units: " + IndentedWriter.Literal(layer.Units);
        }

        if (layer.Alignment != Alignment.Soft)
        {
            used.Add("AttentionAlignment");
            arguments += ", alignment: AttentionAlignment." + layer.Alignment;
        }

        if (layer.Window != 0)
        {
            arguments += ", window: " + IndentedWriter.Literal(layer.Window);
        }

        if (layer.Temperature != 1.0)
        {
            arguments += ", temperature: " + IndentedWriter.DoubleLiteral(layer.Temperature);
        }

        return "new ScoredAttention(" + arguments + (layer.Causal ? ", causal: true)" : ")");
    }

    /// <inheritdoc/>
    protected override string Describe(ScoredAttentionLayer layer) =>
        "ScoredAttention(" + layer.Score + ", " + layer.QueryFeatures + (layer.KeysAreQueries ? string.Empty : " over " + IndentedWriter.Literal(layer.KeyFeatures))
        + (layer.Units != 0 ? ", " + IndentedWriter.Literal(layer.Units) + " units" : string.Empty)
        + (layer.Alignment == Alignment.Soft ? string.Empty : ", " + layer.Alignment + (layer.Window != 0 ? " window " + IndentedWriter.Literal(layer.Window) : string.Empty))
        + (layer.FromSecondInput ? ", over the second input" : string.Empty)
        + (layer.Causal ? ", causal)" : ")");
}

/// <summary>Multi-head attention over <paramref name="EmbedDim"/> features in <paramref name="Heads"/> heads.</summary>
internal sealed record MultiHeadAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression EmbedDim, int Heads, bool Bias, double Dropout, bool Causal, int KeyFeatures, int ValueFeatures, bool FromSecondInput)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[MultiHeadAttention]</c>, the runtime's <c>MultiheadAttention</c> with <c>batch_first</c>: <c>Heads = 1</c>,
/// <c>Bias = true</c>, <c>Dropout = 0</c>, <c>Causal = false</c>; self-attention <c>[T, E]</c> to <c>[T, E]</c> in a
/// network (<c>self_attend</c>), any query, key and value as a component.
/// </summary>
internal sealed class MultiHeadAttentionSpec() : LayerSpec<MultiHeadAttentionLayer>("MultiHeadAttention", "mha")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("EmbedDim", false, static (size, _) => [1, size], ModuleType: "MultiheadAttention");

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var heads = a.Int("Heads", 1);
        var dropout = a.Double("Dropout", 0);
        var causal = a.Bool("Causal", false);
        var keyFeatures = a.Int("KeyFeatures", 0);
        var valueFeatures = a.Int("ValueFeatures", 0);
        var ok = c.Check(heads >= 1, "Heads", "Heads is {0}, and must be at least 1", heads)
            & c.Check(dropout is >= 0 and < 1, "Dropout", "Dropout is {0}, and must be in [0, 1)", dropout)
            & (c.IsComponent
                ? c.Check(!causal, "Causal", "Causal applies to a network's self-attention; a component's forward passes is_causal: true to call")
                    & c.Check(keyFeatures >= 0, "KeyFeatures", "KeyFeatures is {0}, and must be at least 1, or 0 for EmbedDim", keyFeatures)
                    & c.Check(valueFeatures >= 0, "ValueFeatures", "ValueFeatures is {0}, and must be at least 1, or 0 for EmbedDim", valueFeatures)
                : c.Check(keyFeatures == 0, "KeyFeatures", "KeyFeatures is {0}, but in a network the layer attends its input to itself; KeyFeatures sizes a component, whose forward you write", keyFeatures)
                    & c.Check(valueFeatures == 0, "ValueFeatures", "ValueFeatures is {0}, but in a network the layer attends its input to itself; ValueFeatures sizes a component, whose forward you write", valueFeatures));
        var fromSecond = a.Bool("AttendToSecondInput", false);
        if (!ok || !c.RequireRank("[N, T, features]", 2) || (fromSecond && !c.RequireSecondInputSequence("AttendToSecondInput", keyFeatures)))
        {
            return null;
        }

        var embed = c.LastDimension;
        if (!c.Check(embed.Value % heads == 0, "Heads", "Heads is {0}, and must divide the {1} features of each step", heads, embed.Value))
        {
            return null;
        }

        if (fromSecond)
        {
            keyFeatures = valueFeatures = c.SecondInput![1];
        }

        var bias = a.Bool("Bias", true);
        long e = embed.Value;
        long k = keyFeatures == 0 ? e : keyFeatures;
        long v = valueFeatures == 0 ? e : valueFeatures;
        var parameters = (e * (2 * e + k + v)) + (bias ? 4 * e : 0);
        return new MultiHeadAttentionLayer(c.Name, c.Kind, c.Input, c.Input, parameters, embed.Expression, heads, bias, dropout, causal, keyFeatures, valueFeatures, fromSecond);
    }

    /// <inheritdoc/>
    protected override string FieldType(MultiHeadAttentionLayer layer) => "MultiheadAttention";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(MultiHeadAttentionLayer layer) => Layers.MaskUse.Keeps;

    /// <inheritdoc/>
    public override bool TakesSecondInput(LayerModel layer) => ((MultiHeadAttentionLayer)layer).FromSecondInput;

    /// <inheritdoc/>
    protected override string Forward(MultiHeadAttentionLayer layer, string x, HashSet<string> used)
    {
        if (layer.FromSecondInput)
        {
            // cross-attention: the steps so far are the queries, the second input the keys and values
            return layer.Name + ".call(" + x + ", second, second" + (layer.Causal ? ", is_causal: true).output" : ").output");
        }

        used.Add(StaticImport + "SelfAttention");
        return layer.Name + ".self_attend(" + x + (layer.Causal ? ", is_causal: true)" : ")");
    }

    /// <inheritdoc/>
    protected override string ForwardMasked(MultiHeadAttentionLayer layer, string x, string mask, HashSet<string> used)
    {
        used.Add(StaticImport + "SelfAttention");
        return layer.Name + ".self_attend(" + x + ", " + mask + (layer.Causal ? ", is_causal: true)" : ")");
    }

    /// <inheritdoc/>
    protected override string Construct(MultiHeadAttentionLayer layer, HashSet<string> used)
    {
        var arguments = layer.EmbedDim.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.Heads);
        if (layer.Dropout != 0)
        {
            arguments += ", dropout: " + IndentedWriter.DoubleLiteral(layer.Dropout);
        }

        if (!layer.Bias)
        {
            arguments += ", bias: false";
        }

        if (layer.KeyFeatures != 0)
        {
            arguments += ", kdim: " + IndentedWriter.Literal(layer.KeyFeatures);
        }

        if (layer.ValueFeatures != 0)
        {
            arguments += ", vdim: " + IndentedWriter.Literal(layer.ValueFeatures);
        }

        return "new MultiheadAttention(" + arguments + ", batch_first: true)";
    }

    /// <inheritdoc/>
    protected override string Describe(MultiHeadAttentionLayer layer) =>
        "MultiheadAttention(" + layer.EmbedDim + ", " + IndentedWriter.Literal(layer.Heads) + (layer.Heads == 1 ? " head" : " heads")
        + (layer.KeyFeatures != 0 ? ", keys " + IndentedWriter.Literal(layer.KeyFeatures) : string.Empty)
        + (layer.ValueFeatures != 0 ? ", values " + IndentedWriter.Literal(layer.ValueFeatures) : string.Empty)
        + (layer.Bias ? string.Empty : ", no bias")
        + (layer.Dropout != 0 ? ", dropout " + IndentedWriter.DoubleLiteral(layer.Dropout) : string.Empty)
        + (layer.Causal ? ", causal)" : ")");
}

/// <summary>Self-attention with relative positions (Shaw et al. 2018) over <paramref name="EmbedDim"/> features.</summary>
internal sealed record RelativePositionAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression EmbedDim, int Heads, int MaxDistance, bool RelativeValues, bool Bias, bool Causal)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[RelativePositionAttention]</c>, the runtime's <c>RelativePositionAttention</c>: <c>Heads = 1</c>,
/// <c>MaxDistance = 4</c>, <c>RelativeValues = false</c>, <c>Bias = true</c>, <c>Causal = false</c>; <c>[T, E]</c> to <c>[T, E]</c>.
/// </summary>
internal sealed class RelativePositionAttentionSpec() : LayerSpec<RelativePositionAttentionLayer>("RelativePositionAttention", "rel_attn")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("EmbedDim", false, static (size, _) => [1, size]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var heads = a.Int("Heads", 1);
        var maxDistance = a.Int("MaxDistance", 4);
        var ok = c.Check(heads >= 1, "Heads", "Heads is {0}, and must be at least 1", heads)
            & c.Check(maxDistance >= 1, "MaxDistance", "MaxDistance is {0}, and must be at least 1", maxDistance);
        if (!ok || !c.RequireRank("[N, T, features]", 2))
        {
            return null;
        }

        var embed = c.LastDimension;
        if (!c.Check(embed.Value % heads == 0, "Heads", "Heads is {0}, and must divide the {1} features of each step", heads, embed.Value))
        {
            return null;
        }

        var bias = a.Bool("Bias", true);
        var relativeValues = a.Bool("RelativeValues", false);
        long e = embed.Value;
        var table = ((2L * maxDistance) + 1) * (e / heads);
        var parameters = (4 * e * e) + (bias ? 4 * e : 0) + (relativeValues ? 2 * table : table);
        return new RelativePositionAttentionLayer(c.Name, c.Kind, c.Input, c.Input, parameters, embed.Expression, heads, maxDistance, relativeValues, bias, a.Bool("Causal", false));
    }

    /// <inheritdoc/>
    protected override string FieldType(RelativePositionAttentionLayer layer) => "RelativePositionAttention";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(RelativePositionAttentionLayer layer) => Layers.MaskUse.Keeps;

    /// <inheritdoc/>
    protected override string ForwardMasked(RelativePositionAttentionLayer layer, string x, string mask, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + mask + ")";

    /// <inheritdoc/>
    protected override string Construct(RelativePositionAttentionLayer layer, HashSet<string> used) =>
        "new RelativePositionAttention(" + layer.EmbedDim.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.Heads) + ", " + IndentedWriter.Literal(layer.MaxDistance)
        + (layer.Bias ? string.Empty : ", bias: false")
        + (layer.RelativeValues ? ", relative_values: true" : string.Empty)
        + (layer.Causal ? ", causal: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(RelativePositionAttentionLayer layer) =>
        "RelativePositionAttention(" + layer.EmbedDim + ", " + IndentedWriter.Literal(layer.Heads) + (layer.Heads == 1 ? " head" : " heads")
        + ", distances up to " + IndentedWriter.Literal(layer.MaxDistance)
        + (layer.RelativeValues ? ", relative values" : string.Empty)
        + (layer.Bias ? string.Empty : ", no bias")
        + (layer.Causal ? ", causal)" : ")");
}
