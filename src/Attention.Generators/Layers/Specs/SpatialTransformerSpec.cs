using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;

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
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

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

        var height = a.Int("OutputHeight", 0);
        var width = a.Int("OutputWidth", 0);
        var ok = c.Check(height >= 0, "OutputHeight", "OutputHeight is {0}, and must be at least 1, or 0 for the input's", height)
            & c.Check(width >= 0, "OutputWidth", "OutputWidth is {0}, and must be at least 1, or 0 for the input's", width);
        if (!ok || !c.RequireRank("[N, C, H, W] images", 3))
        {
            return null;
        }

        var description = "in block '" + block.Name + "' as the localisation network of [" + a.Syntax + "]" + (c.Use?.Description is { } outer ? ", " + outer : string.Empty);
        expansion.Stack.Add(block);
        try
        {
            var count = c.DiagnosticCount;
            var use = new BlockUse(c.Channels.Value, 1, description);
            var resolved = LayerParser.ResolveBlockLayers(block, c.Shape, layers, c.Diagnostics, expansion, use, out var blockOut);
            if (resolved is null || c.DiagnosticCount > count)
            {
                return null;
            }

            var model = LayerParser.CreateBlockModel(block, System.Linq.Enumerable.Select(resolved, static l => l.Layer), blockOut.Expression, expansion);
            if (expansion.Register(model) is { } reason)
            {
                c.Report(Diagnostics.DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.BlockUsesDiffer, a.Syntax.GetLocation(), block.Name, reason));
                return null;
            }

            var output = resolved.Count > 0 ? resolved[resolved.Count - 1].Layer.OutputShape : c.Input;
            if (output.Count != 1)
            {
                c.Mismatch("its localisation block '" + block.Name + "' ends in " + Shapes.Format([.. output])
                    + ", and fc_loc needs a vector; end the block with Flatten and a Linear layer, or a global pool");
                return null;
            }

            long parameters = 0;
            foreach (var (layer, _) in resolved)
            {
                parameters += layer.Parameters;
            }

            var features = output[0];
            parameters += (6L * features) + 6;
            int[] shape = [c.Shape[0], height == 0 ? c.Shape[1] : height, width == 0 ? c.Shape[2] : width];
            return new SpatialTransformerLayer(c.Name, c.Kind, c.Input, shape.ToEquatableArray(), parameters,
                block.ToDisplayString(TypeFormat), c.Channels.Expression, features, a.Bool("AlignCorners", false), height, width);
        }
        finally
        {
            expansion.Stack.RemoveAt(expansion.Stack.Count - 1);
        }
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
