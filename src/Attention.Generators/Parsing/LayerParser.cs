using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Threading;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attention.Generators.Parsing;

/// <summary>
/// Reads a network's (or a block's) layer attributes in source order and follows the per-sample
/// shape through them, each layer resolved by its <see cref="LayerSpec"/>; names the layers, and
/// stops at the first layer that reports a problem.
/// </summary>
internal sealed partial class LayerParser
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    private LayerParser(List<DiagnosticInfo> diagnostics, BlockExpansion expansion)
    {
        _diagnostics = diagnostics;
        Expansion = expansion;
    }

    /// <summary>Gets what the parse shares across the blocks it expands.</summary>
    internal BlockExpansion Expansion { get; }

    /// <summary>Gets whether the layer being resolved is a component on a property (its inputs are the user's forward's).</summary>
    internal bool ForComponent { get; private init; }

    /// <summary>Gets the per-sample shape of the network's second input, or <see langword="null"/> when it has none (and in blocks).</summary>
    internal int[]? SecondInput { get; private init; }

    /// <summary>
    /// Gets the layer attributes of <paramref name="symbol"/> in source order, with their kinds;
    /// <see langword="null"/> when an argument does not bind (the compiler reports that).
    /// </summary>
    public static List<(string Kind, AttributeArguments Arguments)>? Collect(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var layers = new List<(string Kind, AttributeArguments Arguments)>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (GetLayerKind(attribute.AttributeClass) is not { } kind)
            {
                continue;
            }

            if (AttributeArguments.Create(attribute, cancellationToken) is not { IsValid: true } arguments)
            {
                return null;
            }

            layers.Add((kind, arguments));
        }

        layers.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Arguments.Syntax.SyntaxTree.FilePath, b.Arguments.Syntax.SyntaxTree.FilePath);
            return byFile != 0 ? byFile : a.Arguments.Syntax.SpanStart.CompareTo(b.Arguments.Syntax.SpanStart);
        });
        return layers;
    }

    /// <summary>The layer kind of an attribute class, such as <c>Conv2d</c>, or <see langword="null"/>.</summary>
    public static string? GetLayerKind(INamedTypeSymbol? type)
    {
        if (type is null || !type.Name.EndsWith("Attribute", StringComparison.Ordinal)
            || type.ContainingNamespace?.ToDisplayString() != KnownNames.DslNamespace
            || type.ContainingType is not null)
        {
            return null;
        }

        var kind = type.Name.Substring(0, type.Name.Length - "Attribute".Length);
        return LayerSpecs.Find(kind) is not null ? kind : null;
    }

    /// <summary>
    /// Resolves a network's <paramref name="layers"/> from <paramref name="inputShape"/>; returns
    /// <see langword="null"/> after reporting the first problem that stops the shape walk. With a padding
    /// mask (<paramref name="maskLocation"/> given, the <c>PaddingMask</c> argument), checks that each layer
    /// the mask reaches takes it, and that one does.
    /// </summary>
    public static List<(LayerModel Layer, AttributeArguments Arguments)>? Resolve(
        int[] inputShape,
        List<(string Kind, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion,
        string networkName,
        Location? maskLocation,
        bool component = false,
        int[]? secondInput = null)
    {
        var resolved = Resolve(inputShape, Dim.Of(inputShape[0]), layers, diagnostics, expansion, null, out _, component, secondInput);
        if (resolved is null || maskLocation is null)
        {
            return resolved;
        }

        // The mask has one step axis per [ForEach] that reduces its elements (words, then sentences); those come first.
        var taken = false;
        var depth = MaskUses.Depth(resolved.Select(static l => l.Layer));
        foreach (var (layer, arguments) in resolved)
        {
            var use = LayerSpecs.Of(layer).MaskUse(layer);
            if (depth > 1 && use is MaskUse.Keeps or MaskUse.Consumes)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PaddingMaskNotTaken, arguments.Syntax.GetLocation(), networkName,
                    layer.Kind + " takes a mask of its steps, but the mask still marks the steps within each of them; reduce those first with [ForEach] of a block that takes the mask"));
                return null;
            }

            switch (use)
            {
                case MaskUse.Refuses:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PaddingMaskNotTaken, arguments.Syntax.GetLocation(), networkName,
                        layer.Kind + " would mix the padded steps into the real ones; reduce the steps first with a layer that takes the mask "
                        + "(AttentionPooling, or Lstm/Gru with Output = LastStep or FinalState)"));
                    return null;
                case MaskUse.Nests when depth == 1:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PaddingMaskNotTaken, arguments.Syntax.GetLocation(), networkName,
                        layer.Kind + "'s block takes a mask of each element's steps, but the mask has no such axis left here; put [ForEach] first, where the mask is [N, S, W]"));
                    return null;
                case MaskUse.Nests:
                    taken = true;
                    depth--;
                    continue;
                case MaskUse.Keeps:
                    taken = true;
                    continue;
                case MaskUse.Consumes:
                    return resolved;
            }
        }

        if (!taken)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PaddingMaskNotTaken, maskLocation, networkName,
                "no layer takes it, so it would do nothing; remove PaddingMask, or add a layer that takes it (Lstm, Gru, TemporalAttention, AttentionPooling, the QKV attention layers)"));
            return null;
        }

        return resolved;
    }

    /// <summary>
    /// Resolves <paramref name="layers"/> from <paramref name="shape"/>, whose first dimension generated
    /// code computes as <paramref name="channels"/>; inside a block (<paramref name="use"/> given),
    /// sizes become expressions over the block constructor's parameters.
    /// </summary>
    private static List<(LayerModel Layer, AttributeArguments Arguments)>? Resolve(
        int[] shape,
        Dim channels,
        List<(string Kind, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion,
        BlockUse? use,
        out Dim outChannels,
        bool component = false,
        int[]? secondInput = null)
    {
        var parser = new LayerParser(diagnostics, expansion) { ForComponent = component, SecondInput = secondInput };
        var resolved = new List<(LayerModel, AttributeArguments)>();
        var total = 0L;
        outChannels = channels;
        foreach (var (kind, arguments) in layers)
        {
            var count = diagnostics.Count;
            var spec = LayerSpecs.Find(kind) ?? throw new InvalidOperationException("No layer spec for the kind '" + kind + "'");
            if (parser.ResolveName(spec, arguments, use) is not { } name)
            {
                return null;
            }

            // No layer takes a number that is not finite: checked once here rather than in every spec.
            if (arguments.NonFinite() is { } nonFinite)
            {
                var message = nonFinite.Argument + " is " + (double.IsNaN(nonFinite.Value) ? "NaN" : nonFinite.Value > 0 ? "infinite" : "negative infinity")
                    + ", and must be a finite number";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, nonFinite.Location, kind,
                    use?.Description is { } where ? message + " (" + where + ")" : message));
                return null;
            }

            if (Shapes.HasOpen(shape) && !spec.TakesOpenLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LengthLeftOpen, arguments.Syntax.GetLocation(), kind,
                    spec.FixedLengthReason + (use?.Description is { } description ? " (" + description + ")" : string.Empty), Shapes.Format(shape)));
                return null;
            }

            var context = new LayerContext(kind, name, arguments, shape, channels, use, parser, diagnostics);
            LayerModel? layer;
            try
            {
                layer = spec.Resolve(context);
                total = checked(total + (layer?.Parameters ?? 0));
            }
            catch (System.OverflowException)
            {
                var message = "its sizes overflow: a dimension would exceed 2,147,483,647 or the parameter count 9.2e18";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, arguments.Syntax.GetLocation(), kind, Shapes.Format(shape),
                    use?.Description is { } where ? message + " (" + where + ")" : message));
                return null;
            }

            if (layer is null || diagnostics.Count > count)
            {
                return null;
            }

            resolved.Add((layer, arguments));
            shape = [.. layer.OutputShape];

            // A spec that changes the first dimension says how generated code computes it; a literal otherwise.
            channels = shape.Length > 0 && context.NextChannels.Value == shape[0] ? context.NextChannels : Dim.Of(shape.Length > 0 ? shape[0] : 0);
        }

        outChannels = channels;
        return resolved;
    }

    private string? ResolveName(LayerSpec spec, AttributeArguments a, BlockUse? use)
    {
        var shortName = spec.ShortName;
        _ordinals.TryGetValue(shortName, out var ordinal);
        _ordinals[shortName] = ++ordinal;
        if (a.String("Name") is not { } name)
        {
            // relu6 -> relu6_1, so that the ordinal stays readable after a name ending in a digit.
            var separator = char.IsDigit(shortName[shortName.Length - 1]) ? "_" : string.Empty;
            return shortName + separator + ordinal.ToString(CultureInfo.InvariantCulture);
        }

        var valid = SyntaxFacts.IsValidIdentifier(name)
            && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None
            && !name.StartsWith("@", StringComparison.Ordinal);
        if (!valid)
        {
            var message = string.Format(CultureInfo.InvariantCulture, "Name \"{0}\" is not a C# identifier (or is a keyword), so it cannot name a field", name);
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidLayerArgument, a.NamedLocation("Name"), spec.Kind,
                use?.Description is { } description ? message + " (" + description + ")" : message));
            return null;
        }

        return name;
    }
}
