using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A <c>BatchNorm1d</c> or <c>BatchNorm2d</c>.</summary>
internal sealed record BatchNormLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, SizeExpression Features, double Eps, double Momentum, bool Affine)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[BatchNorm1d]</c> and <c>[BatchNorm2d]</c>: <c>Eps = 1e-5</c>, <c>Momentum = 0.1</c>, <c>Affine = true</c>, over the channels.</summary>
internal sealed class BatchNormSpec(int dimensions) : LayerSpec<BatchNormLayer>(dimensions == 1 ? "BatchNorm1d" : "BatchNorm2d", "bn")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("NumFeatures", false, (size, _) => dimensions == 1 ? [size] : [size, 1, 1]);

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var twoD = dimensions == 2;
        if (!(twoD ? c.RequireRank("[N, C, H, W]", 3) : c.RequireRank("[N, C] or [N, C, L]", 1, 2)))
        {
            return null;
        }

        var eps = c.Arguments.Double("Eps", 1e-5);
        var momentum = c.Arguments.Double("Momentum", 0.1);
        var affine = c.Arguments.Bool("Affine", true);
        c.Check(eps > 0, "Eps", "Eps is {0}, and must be greater than 0", eps);
        c.Check(momentum is >= 0 and <= 1, "Momentum", "Momentum is {0}, and must be in [0, 1]", momentum);
        return new BatchNormLayer(c.Name, c.Kind, c.Input, c.Input, affine ? 2L * c.Shape[0] : 0, dimensions, c.Channels.Expression, eps, momentum, affine);
    }

    /// <inheritdoc/>
    protected override string FieldType(BatchNormLayer layer) => layer.Kind;

    /// <inheritdoc/>
    protected override string Construct(BatchNormLayer layer, HashSet<string> used) =>
        "new " + layer.Kind + "(" + layer.Features.ToCSharp(used)
        + (layer.Eps != 1e-5 ? ", eps: " + IndentedWriter.DoubleLiteral(layer.Eps) : string.Empty)
        + (layer.Momentum != 0.1 ? ", momentum: " + IndentedWriter.DoubleLiteral(layer.Momentum) : string.Empty)
        + (layer.Affine ? ")" : ", affine: false)");

    /// <inheritdoc/>
    protected override string Describe(BatchNormLayer layer) => layer.Kind + "(" + layer.Features + ")";
}

/// <summary>A <c>LayerNorm</c> over the last dimension.</summary>
internal sealed record LayerNormLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression Features, double Eps, bool ElementwiseAffine)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[LayerNorm]</c>: <c>Eps = 1e-5</c>, <c>ElementwiseAffine = true</c>, over the last dimension.</summary>
internal sealed class LayerNormSpec() : LayerSpec<LayerNormLayer>("LayerNorm", "ln")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("Features", false, static (size, _) => [size]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (c.Shape[c.Shape.Length - 1] == Shapes.Open
            && !c.RequireFixedLength(null, "it normalises over the last dimension, which would be the open length, and learns a weight per element of it"))
        {
            return null;
        }

        var eps = c.Arguments.Double("Eps", 1e-5);
        var affine = c.Arguments.Bool("ElementwiseAffine", true);
        c.Check(eps > 0, "Eps", "Eps is {0}, and must be greater than 0", eps);
        var features = c.LastDimension;
        return new LayerNormLayer(c.Name, c.Kind, c.Input, c.Input, affine ? 2L * features.Value : 0, features.Expression, eps, affine);
    }

    /// <inheritdoc/>
    protected override string FieldType(LayerNormLayer layer) => "LayerNorm";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(LayerNormLayer layer) => layer.InputShape.Count >= 2 ? Layers.MaskUse.PassesThrough : Layers.MaskUse.Refuses;

    /// <inheritdoc/>
    protected override string Construct(LayerNormLayer layer, HashSet<string> used) =>
        "new LayerNorm(" + layer.Features.ToCSharp(used)
        + (layer.Eps != 1e-5 ? ", eps: " + IndentedWriter.DoubleLiteral(layer.Eps) : string.Empty)
        + (layer.ElementwiseAffine ? ")" : ", elementwise_affine: false)");

    /// <inheritdoc/>
    protected override string Describe(LayerNormLayer layer) => "LayerNorm(" + layer.Features + ")";
}
