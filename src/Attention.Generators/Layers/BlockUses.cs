using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Layers;

/// <summary>A block expanded for one use inside a layer: its layers' models, output shape and parameters, and its type.</summary>
internal sealed record ResolvedBlock(string Name, string Type, IReadOnlyList<LayerModel> Layers, EquatableArray<int> Output, long Parameters);

/// <summary>
/// The expansion of a <c>[Block]</c> that a layer holds (the spatial transformer's localisation network, the block of a
/// <c>[ForEach]</c>, the parts of a dynamic capacity network): the block is checked, resolved over the shape it gets,
/// registered once, and any problem inside it names the use.
/// </summary>
internal static class BlockUses
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>
    /// The block named by the <c>typeof</c> argument at <paramref name="index"/>, resolved over <paramref name="shape"/>
    /// with <paramref name="width"/> as its <c>Block.Width</c> and a stride of 1; <paramref name="role"/> says what it is to
    /// the layer (for messages). Null after reporting why not.
    /// </summary>
    public static ResolvedBlock? Resolve(LayerContext c, int index, int[] shape, int width, string role)
    {
        var a = c.Arguments;
        var expansion = c.Parser.Expansion;
        if (a.CtorType(index) is not INamedTypeSymbol block || block.TypeKind == TypeKind.Error
            || LayerParser.CheckBlockUse(block, a.CtorLocation(index), c.Kind, expansion, c.Diagnostics) is not { } layers)
        {
            return null;
        }

        var description = "in block '" + block.Name + "' as " + role + " of [" + a.Syntax + "]" + (c.Use?.Description is { } outer ? ", " + outer : string.Empty);
        expansion.Stack.Add(block);
        try
        {
            var count = c.DiagnosticCount;
            var resolved = LayerParser.ResolveBlockLayers(block, shape, layers, c.Diagnostics, expansion, new BlockUse(width, 1, description), out var blockOut);
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

            var output = resolved.Count > 0 ? resolved[resolved.Count - 1].Layer.OutputShape : shape.ToEquatableArray();
            return new ResolvedBlock(block.Name, block.ToDisplayString(TypeFormat), model.Layers.ToList(), output, resolved.Sum(static l => l.Layer.Parameters));
        }
        finally
        {
            expansion.Stack.RemoveAt(expansion.Stack.Count - 1);
        }
    }
}
