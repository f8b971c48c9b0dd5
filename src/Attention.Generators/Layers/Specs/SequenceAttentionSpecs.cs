using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>Seed 000's attention over <paramref name="Steps"/> steps, one distribution per feature or <paramref name="Shared"/>.</summary>
internal sealed record TemporalAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, int Steps, bool Shared)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[TemporalAttention]</c>, the runtime's <c>TemporalAttention</c>: <c>Shared = false</c>; <c>[T, D]</c> to <c>[T, D]</c>.</summary>
internal sealed class TemporalAttentionSpec() : LayerSpec<TemporalAttentionLayer>("TemporalAttention", "temporal")
{
    /// <inheritdoc/>
    public override string FixedLengthReason => "it learns a layer over the T steps (seed 000's Dense over the steps)";

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, T, features]", 2))
        {
            return null;
        }

        var steps = c.Shape[0];
        return new TemporalAttentionLayer(c.Name, c.Kind, c.Input, c.Input, ((long)steps * steps) + steps, steps, c.Arguments.Bool("Shared", false));
    }

    /// <inheritdoc/>
    protected override string FieldType(TemporalAttentionLayer layer) => "TemporalAttention";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(TemporalAttentionLayer layer) => Layers.MaskUse.Keeps;

    /// <inheritdoc/>
    protected override string ForwardMasked(TemporalAttentionLayer layer, string x, string mask, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + mask + ")";

    /// <inheritdoc/>
    protected override string Construct(TemporalAttentionLayer layer, HashSet<string> used) =>
        "new TemporalAttention(" + IndentedWriter.Literal(layer.Steps) + (layer.Shared ? ", shared: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(TemporalAttentionLayer layer) =>
        "TemporalAttention(" + IndentedWriter.Literal(layer.Steps) + " steps" + (layer.Shared ? ", shared)" : ")");
}

/// <summary>
/// Attention pooling over <paramref name="Features"/> features: Raffel and Ellis' with <paramref name="Steps"/> biases (0 for
/// one), or Yang et al.'s through <paramref name="Units"/> units and a context vector when that is not 0.
/// </summary>
internal sealed record AttentionPoolingLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, SizeExpression Features, int Steps, int Units)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[AttentionPooling]</c>, the runtime's <c>AttentionPooling</c> (<c>StepBias = false</c>), or with <c>Units</c> its
/// <c>ContextAttentionPooling</c> (Yang et al.); <c>[T, D]</c> to <c>[D]</c>.
/// </summary>
internal sealed class AttentionPoolingSpec() : LayerSpec<AttentionPoolingLayer>("AttentionPooling", "attn_pool")
{
    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var units = c.Arguments.Int("Units", 0);
        var stepBias = c.Arguments.Bool("StepBias", false);
        if (!c.Check(units >= 0, "Units", "Units is {0}, and must be at least 1 for Yang et al.'s form, or 0 for Raffel and Ellis'", units)
            || !c.Check(units == 0 || !stepBias, "StepBias", "StepBias is Raffel and Ellis' form (seed 004's per-step bias), and Units = {0} asks for Yang et al.'s, which has none", units)
            || !c.RequireRank("[N, T, features]", 2)
            || (stepBias && !c.RequireFixedLength("StepBias", "StepBias = true learns one bias per step")))
        {
            return null;
        }

        var features = c.LastDimension;
        var steps = stepBias ? c.Shape[0] : 0;
        c.NextChannels = features;
        var parameters = units > 0 ? ((long)features.Value * units) + (2L * units) : features.Value + (steps > 0 ? steps : 1);
        return new AttentionPoolingLayer(c.Name, c.Kind, c.Input, new[] { features.Value }.ToEquatableArray(), parameters, features.Expression, steps, units);
    }

    /// <inheritdoc/>
    protected override string FieldType(AttentionPoolingLayer layer) => layer.Units > 0 ? "ContextAttentionPooling" : "AttentionPooling";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(AttentionPoolingLayer layer) => Layers.MaskUse.Consumes;

    /// <inheritdoc/>
    protected override string ForwardMasked(AttentionPoolingLayer layer, string x, string mask, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + mask + ")";

    /// <inheritdoc/>
    protected override string Construct(AttentionPoolingLayer layer, HashSet<string> used) => layer.Units > 0
        ? "new ContextAttentionPooling(" + layer.Features.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.Units) + ")"
        : "new AttentionPooling(" + layer.Features.ToCSharp(used) + (layer.Steps > 0 ? ", steps: " + IndentedWriter.Literal(layer.Steps) + ")" : ")");

    /// <inheritdoc/>
    protected override string Describe(AttentionPoolingLayer layer) => layer.Units > 0
        ? "ContextAttentionPooling(" + layer.Features + ", " + IndentedWriter.Literal(layer.Units) + " units and a context vector)"
        : "AttentionPooling(" + layer.Features + (layer.Steps > 0 ? ", a bias per step)" : ")");
}

/// <summary>A sinusoidal or learned positional encoding of <paramref name="Features"/> features for up to <paramref name="MaxLength"/> steps.</summary>
internal sealed record PositionalEncodingLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, SizeExpression Features, int MaxLength, bool Learned)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[PositionalEncoding]</c>, the runtime's <c>PositionalEncoding</c>: <c>Learned = false</c>, <c>MaxLength = 0</c> (the input's length).</summary>
internal sealed class PositionalEncodingSpec() : LayerSpec<PositionalEncodingLayer>("PositionalEncoding", "pos")
{
    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, T, features]", 2))
        {
            return null;
        }

        var steps = c.Shape[0];
        var maxLength = c.Arguments.Int("MaxLength", 0);
        if (!c.Check(maxLength == 0 || maxLength >= steps, "MaxLength", "MaxLength is {0}, and must be 0 (the input's length) or at least the {1} steps of the input", maxLength, steps))
        {
            return null;
        }

        if (maxLength == 0 && c.LengthIsOpen)
        {
            c.RequireFixedLength("MaxLength", "its table covers MaxLength steps, and MaxLength = 0 means the input's length; give MaxLength, the longest sequence it will see");
            return null;
        }

        if (maxLength == 0)
        {
            maxLength = steps;
        }

        var features = c.LastDimension;
        var learned = c.Arguments.Bool("Learned", false);
        return new PositionalEncodingLayer(c.Name, c.Kind, c.Input, c.Input, learned ? (long)maxLength * features.Value : 0, features.Expression, maxLength, learned);
    }

    /// <inheritdoc/>
    protected override string FieldType(PositionalEncodingLayer layer) => "PositionalEncoding";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(PositionalEncodingLayer layer) => Layers.MaskUse.PassesThrough;

    /// <inheritdoc/>
    protected override string Construct(PositionalEncodingLayer layer, HashSet<string> used) =>
        "new PositionalEncoding(" + layer.Features.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.MaxLength) + (layer.Learned ? ", learned: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(PositionalEncodingLayer layer) =>
        "PositionalEncoding(" + layer.Features + ", up to " + IndentedWriter.Literal(layer.MaxLength) + " steps, " + (layer.Learned ? "learned)" : "sinusoidal)");
}
