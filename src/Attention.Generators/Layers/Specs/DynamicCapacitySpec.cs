using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A dynamic capacity network: its three blocks and how it cuts patches.</summary>
internal sealed record DynamicCapacityLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    string Coarse, string Fine, string Top, int Channels, int Features, int Patches, int PatchSize, int Stride)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[DynamicCapacity(typeof(Coarse), typeof(Fine), typeof(Top), Patches = k)]</c>, the runtime's <c>DynamicCapacity</c>:
/// <c>PatchSize = 0</c> (the cell's side). The coarse block is resolved over the input, the fine block over one patch,
/// the top block over the coarse map; the stride is the input's side over the map's.
/// </summary>
internal sealed class DynamicCapacitySpec() : LayerSpec<DynamicCapacityLayer>("DynamicCapacity", "dcn")
{
    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var patches = a.Int("Patches", 0);
        var patchSize = a.Int("PatchSize", 0);
        if (!c.Check(patches >= 1, "Patches", "Patches is {0}, and must be at least 1: the cells the fine block refines", patches)
            || !c.Check(patchSize >= 0, "PatchSize", "PatchSize is {0}, and must be at least the cell's side, or 0 for it", patchSize)
            || !c.RequireRank("[N, C, H, W] images", 3)
            || BlockUses.Resolve(c, 0, c.Shape, c.Channels.Value, "the coarse layers") is not { } coarse)
        {
            return null;
        }

        if (coarse.Output.Count != 3 || coarse.Output[1] < 1 || coarse.Output[2] < 1
            || c.Shape[1] % coarse.Output[1] != 0 || c.Shape[2] % coarse.Output[2] != 0 || c.Shape[1] / coarse.Output[1] != c.Shape[2] / coarse.Output[2])
        {
            c.Mismatch("its coarse block '" + coarse.Name + "' gives " + Shapes.Format([.. coarse.Output])
                + ", and must give a feature map [D, h, w] with one cell per s × s pixels of the input (h = H / s, w = W / s)");
            return null;
        }

        var stride = c.Shape[1] / coarse.Output[1];
        var cells = coarse.Output[1] * coarse.Output[2];
        var side = patchSize == 0 ? stride : patchSize;
        var features = coarse.Output[0];
        if (!c.Check(patches <= cells, "Patches", "Patches is {0}, and the coarse map has {1} cells", patches, cells)
            || !c.Check(side >= stride && (side - stride) % 2 == 0, "PatchSize", "PatchSize is {0}, and must be the cell's side, {1}, or that plus an even number of pixels", side, stride)
            || BlockUses.Resolve(c, 1, [c.Shape[0], side, side], c.Channels.Value, "the fine layers") is not { } fine)
        {
            return null;
        }

        if (!(fine.Output.Count == 1 && fine.Output[0] == features) && !(fine.Output.Count == 3 && fine.Output[0] == features && fine.Output[1] == 1 && fine.Output[2] == 1))
        {
            c.Mismatch("its fine block '" + fine.Name + "' turns a " + side + " × " + side + " patch into " + Shapes.Format([.. fine.Output])
                + ", and must give the coarse features' " + features + " numbers, [" + features + "] or [" + features + ", 1, 1]");
            return null;
        }

        if (BlockUses.Resolve(c, 2, [.. coarse.Output], features, "the top layers") is not { } top)
        {
            return null;
        }

        return new DynamicCapacityLayer(c.Name, c.Kind, c.Input, top.Output, coarse.Parameters + fine.Parameters + top.Parameters,
            coarse.Type, fine.Type, top.Type, c.Shape[0], features, patches, side, stride);
    }

    /// <inheritdoc/>
    protected override string FieldType(DynamicCapacityLayer layer) => "DynamicCapacity";

    /// <inheritdoc/>
    protected override string Construct(DynamicCapacityLayer layer, HashSet<string> used)
    {
        string Block(string type, int channels) => "new " + type + "(" + IndentedWriter.Literal(channels) + ", " + IndentedWriter.Literal(channels) + ", 1)";
        return "new DynamicCapacity(" + Block(layer.Coarse, layer.Channels) + ", " + Block(layer.Fine, layer.Channels) + ", " + Block(layer.Top, layer.Features)
            + ", patches: " + IndentedWriter.Literal(layer.Patches) + ", patch_size: " + IndentedWriter.Literal(layer.PatchSize) + ", stride: " + IndentedWriter.Literal(layer.Stride) + ")";
    }

    /// <inheritdoc/>
    protected override string Describe(DynamicCapacityLayer layer) =>
        "DynamicCapacity(" + IndentedWriter.Literal(layer.Patches) + " patches of " + IndentedWriter.Literal(layer.PatchSize) + " × " + IndentedWriter.Literal(layer.PatchSize)
        + ", a cell per " + IndentedWriter.Literal(layer.Stride) + " × " + IndentedWriter.Literal(layer.Stride) + " pixels)";
}
