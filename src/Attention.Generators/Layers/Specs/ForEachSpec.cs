using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;

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
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var expansion = c.Parser.Expansion;
        if (a.CtorType(0) is not INamedTypeSymbol block || block.TypeKind == TypeKind.Error
            || LayerParser.CheckBlockUse(block, a.CtorLocation(0), Kind, expansion, c.Diagnostics) is not { } layers)
        {
            return null;
        }

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

        var description = "in block '" + block.Name + "' as used by [" + a.Syntax + "] on each element " + Shapes.Format(element)
            + (c.Use?.Description is { } outer ? ", " + outer : string.Empty);
        expansion.Stack.Add(block);
        try
        {
            var count = c.DiagnosticCount;
            var resolved = LayerParser.ResolveBlockLayers(block, element, layers, c.Diagnostics, expansion, new BlockUse(width.Value, 1, description), out var blockOut);
            if (resolved is null || c.DiagnosticCount > count)
            {
                return null;
            }

            var model = LayerParser.CreateBlockModel(block, resolved.Select(static l => l.Layer), blockOut.Expression, expansion);
            if (expansion.Register(model) is { } reason)
            {
                c.Report(DiagnosticInfo.Create(DiagnosticDescriptors.BlockUsesDiffer, a.Syntax.GetLocation(), block.Name, reason));
                return null;
            }

            var output = resolved.Count > 0 ? resolved[resolved.Count - 1].Layer.OutputShape : element.ToEquatableArray();
            var shape = new[] { c.Shape[0] }.Concat(output).ToEquatableArray();
            c.NextChannels = Dim.Of(c.Shape[0]);
            return new ForEachLayer(c.Name, c.Kind, c.Input, shape, resolved.Sum(static l => l.Layer.Parameters),
                block.Name, block.ToDisplayString(TypeFormat), SizeExpression.Of(element[0]), width.Expression, MaskUses.InBlock(model.Layers));
        }
        finally
        {
            expansion.Stack.RemoveAt(expansion.Stack.Count - 1);
        }
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
