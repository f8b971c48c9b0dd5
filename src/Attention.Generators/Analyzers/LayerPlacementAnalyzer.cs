using System.Collections.Immutable;
using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attention.Generators.Analyzers;

/// <summary>
/// The checks on where layer attributes stand that need no generation: ATTN0009 for a layer
/// attribute on a class marked neither <c>[Network]</c> nor <c>[Block]</c>, and ATTN0106 for a
/// component's size (<c>InFeatures</c>, <c>Channels</c> …) set on a class's layer attribute, where
/// the sequential form infers it. Pure validation belongs in an analyzer: it runs on the symbols
/// once, instead of one generator pipeline per layer kind.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerPlacementAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.LayerWithoutNetwork, DiagnosticDescriptors.InferredSizeSet];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(static c => Analyze(c), SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = type.GetAttributes();
        var placed = attributes.Any(static a => NetworkParser.IsNetworkAttribute(a)) || LayerParser.IsBlock(type);
        foreach (var attribute in attributes)
        {
            if (LayerParser.GetLayerKind(attribute.AttributeClass) is not { } kind
                || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            if (!placed)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LayerWithoutNetwork, syntax.GetLocation(), kind, type.Name));
            }

            if (LayerSpecs.Find(kind)?.Component?.SizeArgument is { } size
                && syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == size) is { } argument)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InferredSizeSet, argument.GetLocation(), size, kind));
            }
        }
    }
}
