using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Layers.Specs;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Parsing;

/// <summary>The width and stride that one use gives a block, and how to name that use in a diagnostic.</summary>
/// <param name="Width">The value of <c>Block.Width</c>.</param>
/// <param name="Stride">The value of <c>Block.Stride</c>.</param>
/// <param name="Description">The use as a diagnostic names it, such as <c>in block 'B' as used by [Apply(typeof(B), Width = 2)]</c>; <see langword="null"/> for a block's nominal use.</param>
internal sealed record BlockUse(int Width, int Stride, string? Description);

/// <summary>
/// What one network's parse shares across the blocks it expands: the chain of blocks being
/// expanded (ATTN0014) and the block classes to complete, one model per class (ATTN0016).
/// </summary>
internal sealed class BlockExpansion(Compilation compilation, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, BlockModel> _byHint = new(StringComparer.Ordinal);

    /// <summary>Gets the compilation, for the members a block's module inherits.</summary>
    public Compilation Compilation { get; } = compilation;

    /// <summary>Gets the block classes whose member names were checked (ATTN0008).</summary>
    public HashSet<INamedTypeSymbol> NamesChecked { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Gets the cancellation token of the parse.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets the blocks being expanded, outermost first.</summary>
    public List<INamedTypeSymbol> Stack { get; } = [];

    /// <summary>Gets the block classes to complete, in order of first use.</summary>
    public List<BlockModel> Blocks { get; } = [];

    /// <summary>Records <paramref name="model"/>; returns why it differs from an earlier use, or <see langword="null"/>.</summary>
    public string? Register(BlockModel model)
    {
        if (!_byHint.TryGetValue(model.HintName, out var earlier))
        {
            _byHint[model.HintName] = model;
            Blocks.Add(model);
            return null;
        }

        return BlockModel.Difference(earlier, model);
    }
}

/// <summary>Block uses: the checks on the block a stage names, the block's layers for one use, and the block's module.</summary>
internal sealed partial class LayerParser
{
    /// <summary>Whether <paramref name="type"/> is marked <c>[Block]</c>.</summary>
    internal static bool IsBlock(INamedTypeSymbol type) =>
        type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.BlockAttribute);

    /// <summary>
    /// Checks that <paramref name="block"/>, named by a <paramref name="kind"/> stage at <paramref name="location"/>,
    /// can be expanded: a partial <c>[Block]</c> class, not a network, not already being expanded, with
    /// its layers on one declaration. Returns its layer attributes, or <see langword="null"/> after a diagnostic.
    /// </summary>
    internal static List<(string Kind, AttributeArguments Arguments)>? CheckBlockUse(
        INamedTypeSymbol block, Location location, string kind, BlockExpansion expansion, List<DiagnosticInfo> diagnostics)
    {
        if (!IsBlock(block))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, location, kind, block.ToDisplayString()));
            return null;
        }

        if (block.GetAttributes().Any(static x => NetworkParser.IsNetworkAttribute(x)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockIsNetwork, location, block.Name));
            return null;
        }

        if (expansion.Stack.Contains(block, SymbolEqualityComparer.Default))
        {
            var chain = expansion.Stack.SkipWhile(b => !SymbolEqualityComparer.Default.Equals(b, block)).Select(static b => b.Name).Append(block.Name);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecursiveBlock, location, block.Name, string.Join(" -> ", chain)));
            return null;
        }

        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(expansion.CancellationToken) is ClassDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockMustBePartial, declaration.Identifier.GetLocation(), block.Name));
                return null;
            }
        }

        if (BlockDeclarationProblem(block, expansion) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBlockDeclaration, problem.Location, block.Name, problem.Reason));
            return null;
        }

        if (Collect(block, expansion.CancellationToken) is not { } layers)
        {
            return null;
        }

        // The order of attributes is defined within one declaration only.
        if (layers.Select(static l => l.Arguments.Declaration).Distinct().Skip(1).FirstOrDefault() is { } secondDeclaration)
        {
            var second = layers.First(l => l.Arguments.Declaration == secondDeclaration);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LayersOnSeveralDeclarations, second.Arguments.Syntax.GetLocation(), "Block '" + block.Name + "'"));
            return null;
        }

        return layers;
    }

    /// <summary>
    /// Resolves a block's layers for one use from <paramref name="shape"/>: each size is both its value
    /// for this use and its expression over the block constructor's parameters. Checks the block's
    /// member names once per parse (ATTN0008).
    /// </summary>
    internal static List<(LayerModel Layer, AttributeArguments Arguments)>? ResolveBlockLayers(
        INamedTypeSymbol block,
        int[] shape,
        List<(string Kind, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion,
        BlockUse use,
        out Dim outChannels)
    {
        var count = diagnostics.Count;
        var channels = new Dim(shape[0], SizeExpression.Parameter(SizeExpression.InChannels));
        var resolved = Resolve(shape, channels, layers, diagnostics, expansion, use, out outChannels);
        if (resolved is null || diagnostics.Count > count)
        {
            return null;
        }

        if (expansion.NamesChecked.Add(block))
        {
            NameChecker.Check(block, expansion.Compilation, resolved, diagnostics, expansion.CancellationToken, block: true);
            if (diagnostics.Count > count)
            {
                return null;
            }
        }

        return resolved;
    }

    /// <summary>
    /// The module of a <c>[Block]</c> class on its own, so that a block no network uses is a module
    /// too: its layers resolved for a nominal use (64 channels in, width 64, stride 1, 56×56 or 56
    /// long samples). <see langword="null"/> when the block has a problem (reported by the networks
    /// that use it) or needs a use to be written; a network's use takes precedence.
    /// </summary>
    internal static BlockModel? Standalone(INamedTypeSymbol block, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!IsBlock(block) || block.GetAttributes().Any(static a => NetworkParser.IsNetworkAttribute(a)))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var expansion = new BlockExpansion(compilation, cancellationToken);
        if (CheckBlockUse(block, Location.None, "Apply", expansion, diagnostics) is not { } layers)
        {
            return null;
        }

        int[] shape = layers.Count == 0 ? [64, 56, 56] : layers[0].Kind switch
        {
            "Linear" or "LayerNorm" or "Dropout" => [64],
            var kind when kind.EndsWith("1d", StringComparison.Ordinal) => [64, 56],
            _ => [64, 56, 56],
        };

        expansion.Stack.Add(block);
        var resolved = ResolveBlockLayers(block, shape, layers, diagnostics, expansion, new BlockUse(64, 1, null), out var outChannels);
        return resolved is null || diagnostics.Count > 0
            ? null
            : CreateBlockModel(block, resolved.Select(static l => l.Layer), outChannels.Expression, expansion);
    }

    /// <summary>Why the generated module cannot complete <paramref name="block"/>, and where; <see langword="null"/> when it can.</summary>
    private static (Location Location, string Reason)? BlockDeclarationProblem(INamedTypeSymbol block, BlockExpansion expansion)
    {
        if (CompletionChecks.Problem(block, "this(in_channels, width, stride)", 3, expansion.CancellationToken) is { } problem)
        {
            return problem;
        }

        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(expansion.CancellationToken) is not ClassDeclarationSyntax declaration)
            {
                continue;
            }

            if (declaration.TypeParameterList is { } parameters)
            {
                return (parameters.GetLocation(), "it is generic, and a block's sizes come from each use, not from type parameters");
            }

            // The base class, when there is one, comes first in the base list of one declaration.
            if (block.BaseType is { SpecialType: not SpecialType.System_Object } baseType
                && declaration.BaseList is { } list && list.Types.Count > 0
                && SymbolEqualityComparer.Default.Equals(
                    expansion.Compilation.GetSemanticModel(list.SyntaxTree).GetTypeInfo(list.Types[0].Type, expansion.CancellationToken).Type,
                    baseType))
            {
                return (list.Types[0].GetLocation(), "it derives from '" + baseType.ToDisplayString() + "', and the generated part derives it from nn.Module<Tensor, Tensor>");
            }

            for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return (parent.Identifier.GetLocation(), "the type '" + parent.Identifier.ValueText + "' that contains it is not partial");
                }

                if (parent.TypeParameterList is not null)
                {
                    return (parent.Identifier.GetLocation(), "the type '" + parent.Identifier.ValueText + "' that contains it is generic");
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The module class of <paramref name="block"/> as its layers resolved for one use describe it,
    /// with every use-dependent number cleared: the shapes and parameter counts, which belong to the
    /// use, not to the class.
    /// </summary>
    internal static BlockModel CreateBlockModel(INamedTypeSymbol block, IEnumerable<LayerModel> layers, SizeExpression outChannels, BlockExpansion expansion)
    {
        var containing = new List<ContainingTypeModel>();
        for (var type = block.ContainingType; type is not null; type = type.ContainingType)
        {
            var keyword = type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
            containing.Insert(0, new ContainingTypeModel(keyword, Escape(type.Name)));
        }

        var accessibility = string.Empty;
        var shadowed = EquatableArray<string>.Empty;
        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(expansion.CancellationToken) is ClassDeclarationSyntax declaration)
            {
                if (shadowed.Count == 0)
                {
                    shadowed = ShadowedNames.Find(block, declaration.Identifier, expansion.Compilation, expansion.CancellationToken);
                }

                var keywords = NetworkParser.GetAccessibilityKeywords(declaration.Modifiers);
                if (keywords.Length > 0)
                {
                    accessibility = keywords;
                    break;
                }
            }
        }

        return new BlockModel(
            NetworkParser.GetFullyQualifiedMetadataName(block) + ".g.cs",
            block.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NetworkParser.NamespaceFormat) : null,
            containing.ToEquatableArray(),
            Escape(block.Name),
            accessibility,
            shadowed,
            layers.Select(ForClass).ToEquatableArray(),
            outChannels);
    }

    /// <summary>A block layer without what belongs to one use: shapes (their rank kept) and counts.</summary>
    private static LayerModel ForClass(LayerModel layer)
    {
        var cleared = layer with
        {
            InputShape = new int[layer.InputShape.Count].ToEquatableArray(),
            OutputShape = new int[layer.OutputShape.Count].ToEquatableArray(),
            Parameters = 0,
        };
        return cleared is StageLayer stage
            ? stage with { Repetitions = stage.Repetitions.Select(static r => r with { OutputShape = EquatableArray<int>.Empty, Parameters = 0 }).ToEquatableArray() }
            : cleared;
    }

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
