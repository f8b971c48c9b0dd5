using System;
using System.Threading;
using Attention.Generators.Diagnostics;
using Attention.Generators.Emit;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators;

/// <summary>
/// Completes modules written by hand (the graph form): a <see langword="partial"/> class deriving from
/// <c>nn.Module&lt;…&gt;</c> with its own <c>forward</c>, whose components are layer attributes on
/// <see langword="partial"/> get-only properties. Each property gets a read-only backing field, and a
/// generated parameterless constructor creates the components and registers them under the property
/// names in declaration order.
/// </summary>
/// <remarks>
/// One pipeline per component kind finds the properties; the class's first component property parses
/// the whole class, the others yield nothing. Diagnostics and models flow to separate outputs, and
/// nothing is combined with the compilation. ATTN0106 (a component size set on a class's layer
/// attribute) is reported by <see cref="Analyzers.LayerPlacementAnalyzer"/>.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ComponentGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var spec in LayerSpecs.Components)
        {
            var results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    spec.AttributeMetadataName,
                    static (node, _) => node is PropertyDeclarationSyntax,
                    static (context, cancellationToken) => ParseGuarded(context, cancellationToken))
                .WithTrackingName(TrackingNames.ComponentResults);

            var diagnostics = results
                .SelectMany(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.ComponentDiagnostics);

            var models = results
                .Where(static result => result.Model is not null)
                .Select(static (result, _) => result.Model!)
                .WithTrackingName(TrackingNames.ComponentModels);

            context.RegisterSourceOutput(diagnostics, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
            context.RegisterSourceOutput(models, static (context, model) => EmitGuarded(context, model));
        }
    }

    /// <summary>Runs <paramref name="parse"/>, turning an unexpected exception into ATTN9999 on <paramref name="target"/>.</summary>
    internal static ComponentResult Guard(SyntaxNode target, Func<ComponentResult> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var (location, name) = target is PropertyDeclarationSyntax property
                ? (property.Identifier.GetLocation(), property.Identifier.ValueText)
                : (target.GetLocation(), "declaration");
            var diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError, location, name, exception.GetType().FullName ?? "Exception", exception.Message);
            return new ComponentResult(null, new EquatableArray<DiagnosticInfo>([diagnostic]));
        }
    }

    private static ComponentResult ParseGuarded(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Guard(context.TargetNode, () => ComponentParser.Parse(context, cancellationToken));

    private static void EmitGuarded(SourceProductionContext context, ComponentClassModel model) =>
        NetworkGenerator.AddSourceGuarded(context, model.HintName, model.Name, () => ComponentEmitter.Emit(model));
}
