using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A block applied to each of the <c>S</c> elements of the outer axis, and what it does with each element's mask.</summary>
internal sealed record ForEachLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    string BlockName, string BlockType, SizeExpression InChannels, SizeExpression Width, MaskUse BlockMaskUse)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[ForEach(typeof(B))]</c>, the runtime's <c>ForEach</c>: <c>Width = 0</c> (the element's first dimension). The block is
/// expanded over one element's shape; <c>[S, …]</c> to <c>[S, …']</c>. With a block that consumes the padding mask the
/// network's mask has one axis more (<see cref="MaskUse.Nests"/>).
/// </summary>
internal sealed class ForEachSpec() : LayerSpec<ForEachLayer>("ForEach", "each")
{
    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, S, …]: an outer axis and elements of at least one dimension", 2, 3, 4) || c.NamedSize("Width", 0) is not { } width
            || !c.Check(width.Value >= 0, "Width", "Width is {0}, and must be at least 1 (or 0 for the element's first dimension)", width.Value))
        {
            return null;
        }

        int[] element = [.. c.Shape.Skip(1)];
        if (width.Value == 0)
        {
            width = Dim.Of(element[0]);
        }

        if (BlockUses.Resolve(c, 0, element, width.Value, "the block applied to each element " + Shapes.Format(element)) is not { } block)
        {
            return null;
        }

        c.NextChannels = Dim.Of(c.Shape[0]);
        return new ForEachLayer(c.Name, c.Kind, c.Input, new[] { c.Shape[0] }.Concat(block.Output).ToEquatableArray(), block.Parameters,
            block.Name, block.Type, SizeExpression.Of(element[0]), width.Expression, MaskUses.InBlock(block.Layers));
    }

    /// <inheritdoc/>
    protected override string FieldType(ForEachLayer layer) => "ForEach";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(ForEachLayer layer) => layer.BlockMaskUse switch
    {
        Layers.MaskUse.Consumes => Layers.MaskUse.Nests,
        Layers.MaskUse.PassesThrough => Layers.MaskUse.PassesThrough,
        _ => Layers.MaskUse.Refuses,
    };

    /// <inheritdoc/>
    protected override string ForwardMasked(ForEachLayer layer, string x, string mask, HashSet<string> used) =>
        layer.Name + ".call(" + x + ", " + mask + ")";

    /// <inheritdoc/>
    public override string MaskAfter(LayerModel layer, string mask, HashSet<string> used) => "ForEach.outer_mask(" + mask + ")";

    /// <inheritdoc/>
    protected override string Construct(ForEachLayer layer, HashSet<string> used) =>
        "new ForEach(new " + layer.BlockType + "(" + layer.InChannels.ToCSharp(used) + ", " + layer.Width.ToCSharp(used) + ", 1))";

    /// <inheritdoc/>
    protected override string Describe(ForEachLayer layer) => "ForEach(" + layer.BlockName + ")";
}
