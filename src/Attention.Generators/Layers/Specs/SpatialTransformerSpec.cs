using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A spatial transformer over <c>[C, H, W]</c> whose localisation block gives <paramref name="Features"/> numbers.</summary>
internal sealed record SpatialTransformerLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    string BlockType, SizeExpression InChannels, int Features, bool AlignCorners, int OutputHeight, int OutputWidth)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[SpatialTransformer(typeof(Localisation))]</c>, the runtime's <c>SpatialTransformer</c>: <c>AlignCorners = false</c>
/// (always written out), <c>OutputHeight = OutputWidth = 0</c> (the input's). The localisation block is expanded over the
/// input, as a <c>[Apply]</c> with the incoming channels as its width, and must end in a vector.
/// </summary>
internal sealed class SpatialTransformerSpec() : LayerSpec<SpatialTransformerLayer>("SpatialTransformer", "stn")
{
    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var height = a.Int("OutputHeight", 0);
        var width = a.Int("OutputWidth", 0);
        var ok = c.Check(height >= 0, "OutputHeight", "OutputHeight is {0}, and must be at least 1, or 0 for the input's", height)
            & c.Check(width >= 0, "OutputWidth", "OutputWidth is {0}, and must be at least 1, or 0 for the input's", width);
        if (!ok || !c.RequireRank("[N, C, H, W] images", 3)
            || BlockUses.Resolve(c, 0, c.Shape, c.Channels.Value, "the localisation network") is not { } localisation)
        {
            return null;
        }

        if (localisation.Output.Count != 1)
        {
            c.Mismatch("its localisation block '" + localisation.Name + "' ends in " + Shapes.Format([.. localisation.Output])
                + ", and fc_loc needs a vector; end the block with Flatten and a Linear layer, or a global pool");
            return null;
        }

        var features = localisation.Output[0];
        int[] shape = [c.Shape[0], height == 0 ? c.Shape[1] : height, width == 0 ? c.Shape[2] : width];
        return new SpatialTransformerLayer(c.Name, c.Kind, c.Input, shape.ToEquatableArray(), localisation.Parameters + (6L * features) + 6,
            localisation.Type, c.Channels.Expression, features, a.Bool("AlignCorners", false), height, width);
    }

    /// <inheritdoc/>
    protected override string FieldType(SpatialTransformerLayer layer) => "SpatialTransformer";

    /// <inheritdoc/>
    protected override string Construct(SpatialTransformerLayer layer, HashSet<string> used)
    {
        var channels = layer.InChannels.ToCSharp(used);
        var size = layer.OutputHeight != 0 || layer.OutputWidth != 0
            ? ", output_size: [" + IndentedWriter.Literal(layer.OutputShape[1]) + ", " + IndentedWriter.Literal(layer.OutputShape[2]) + "]"
            : string.Empty;
        return "new SpatialTransformer(new " + layer.BlockType + "(" + channels + ", " + channels + ", 1), " + IndentedWriter.Literal(layer.Features)
            + ", align_corners: " + (layer.AlignCorners ? "true" : "false") + size + ")";
    }

    /// <inheritdoc/>
    protected override string Describe(SpatialTransformerLayer layer) =>
        "SpatialTransformer(" + layer.BlockType.Substring(layer.BlockType.LastIndexOf('.') + 1) + " -> " + IndentedWriter.Literal(layer.Features) + " -> θ, align_corners "
        + (layer.AlignCorners ? "true" : "false") + ")";
}
