using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A <c>Linear</c> layer over the last dimension.</summary>
internal sealed record LinearLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression InFeatures, SizeExpression OutFeatures, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[Linear(outFeatures, Bias = true)]</c>: <c>torch.nn.Linear</c> over the last dimension of <c>[F]</c> or <c>[T, F]</c>.</summary>
internal sealed class LinearSpec() : LayerSpec<LinearLayer>("Linear", "fc")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("InFeatures", false, static (size, _) => [size]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (c.PositionalSize(0, "outFeatures") is not { } outFeatures
            || !c.CheckPositional(outFeatures.Value >= 1, 0, "outFeatures is {0}, and must be at least 1", outFeatures.Value))
        {
            return null;
        }

        if (c.Shape.Length > 2)
        {
            // A Flatten resolves it when every size is fixed; a global average pool when the input is a [C, H, W] map.
            var insertable = new List<string>();
            if (!c.Shape.Contains(Shapes.Open))
            {
                insertable.Add("Flatten");
            }

            if (c.Shape.Length == 3 && c.Shape[0] != Shapes.Open)
            {
                insertable.Add("GlobalAvgPool2d");
            }

            c.Mismatch("Linear takes [N, features] or [N, T, features]; insert Flatten or a global pool before it", [.. insertable]);
            return null;
        }

        if (c.Shape[c.Shape.Length - 1] == Shapes.Open
            && !c.RequireFixedLength(null, "its input features would be the open length (or a product with it, after a Flatten), and a Linear layer has a fixed number of them"))
        {
            return null;
        }

        var inFeatures = c.LastDimension;
        var bias = c.Arguments.Bool("Bias", true);
        var output = c.Shape.Take(c.Shape.Length - 1).Append(outFeatures.Value).ToEquatableArray();
        if (c.Shape.Length == 1)
        {
            c.NextChannels = outFeatures;
        }

        var parameters = ((long)inFeatures.Value * outFeatures.Value) + (bias ? outFeatures.Value : 0);
        return new LinearLayer(c.Name, c.Kind, c.Input, output, parameters, inFeatures.Expression, outFeatures.Expression, bias);
    }

    /// <inheritdoc/>
    protected override MaskUse MaskUse(LinearLayer layer) => layer.InputShape.Count == 2 ? Layers.MaskUse.PassesThrough : Layers.MaskUse.Refuses;

    /// <inheritdoc/>
    protected override string FieldType(LinearLayer layer) => "Linear";

    /// <inheritdoc/>
    protected override string Construct(LinearLayer layer, HashSet<string> used) =>
        "new Linear(" + layer.InFeatures.ToCSharp(used) + ", " + layer.OutFeatures.ToCSharp(used) + (layer.Bias ? ")" : ", bias: false)");

    /// <inheritdoc/>
    protected override string Describe(LinearLayer layer) =>
        "Linear(" + layer.InFeatures + " -> " + layer.OutFeatures + (layer.Bias ? ")" : ", no bias)");
}
