using System;
using System.Collections.Generic;
using System.Linq;
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
/// Completes every <see langword="partial"/> class marked <c>[Attention.Dsl.Network]</c>.
/// </summary>
/// <remarks>
/// The pipeline: <c>ForAttributeWithMetadataName</c> finds the classes; <see cref="NetworkParser"/>
/// turns each into an equatable <see cref="NetworkResult"/>; diagnostics and models then flow to two
/// separate outputs, so a change that only moves a diagnostic does not re-emit source, and the
/// reverse. Nothing is combined with the compilation, so an edit elsewhere leaves every step cached.
/// Any exception other than cancellation is reported as ATTN9999 and never reaches the compiler.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (context, cancellationToken) => ParseGuarded(context, cancellationToken))
            .WithTrackingName(TrackingNames.NetworkResults);

        // A problem inside a block that several networks use is found by each of them; report it once,
        // naming the first use that found it.
        var diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Collect()
            .SelectMany(static (all, _) => all.SelectMany(static d => d)
                .GroupBy(static d => (d.DescriptorId, d.FilePath, d.Span))
                .Select(static g => g.First()))
            .WithTrackingName(TrackingNames.NetworkDiagnostics);

        var models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.NetworkModels);

        context.RegisterSourceOutput(diagnostics, static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(models, static (context, model) => EmitGuarded(context, model));

        // Every [Block] class on its own, for a nominal use; a network's use takes precedence.
        var standaloneResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.BlockAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (context, cancellationToken) => ParseBlockGuarded(context, cancellationToken))
            .WithTrackingName(TrackingNames.StandaloneBlocks);
        context.RegisterSourceOutput(
            standaloneResults.SelectMany(static (result, _) => result.Diagnostics),
            static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
        var standaloneBlocks = standaloneResults
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!);

        // Each block class is completed once, however many networks use it; a network that needs it
        // written otherwise than an earlier one gets ATTN0016.
        var plan = results
            .Where(static result => result.Model is not null && result.Blocks.Count > 0)
            .Collect()
            .Combine(standaloneBlocks.Collect())
            .Select(static (pair, _) => BlockPlan.Create(pair.Left, pair.Right));
        var blocks = plan
            .SelectMany(static (plan, _) => plan.Blocks)
            .WithTrackingName(TrackingNames.BlockModels);
        context.RegisterSourceOutput(blocks, static (context, block) => EmitBlockGuarded(context, block));
        context.RegisterSourceOutput(
            plan.SelectMany(static (plan, _) => plan.Conflicts),
            static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    /// <summary>Runs <paramref name="parse"/>, turning an unexpected exception into ATTN9999 on <paramref name="target"/>.</summary>
    internal static NetworkResult Guard(SyntaxNode target, Func<NetworkResult> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new NetworkResult(null, new EquatableArray<DiagnosticInfo>([InternalError(target, exception)]));
        }
    }

    /// <summary>ATTN9999 for <paramref name="exception"/>, on the name of the class <paramref name="target"/> declares.</summary>
    private static DiagnosticInfo InternalError(SyntaxNode target, Exception exception)
    {
        var location = target is ClassDeclarationSyntax declaration
            ? declaration.Identifier.GetLocation()
            : target.GetLocation();
        var name = target is ClassDeclarationSyntax named ? named.Identifier.ValueText : "declaration";
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.InternalError, location, name, exception.GetType().FullName ?? "Exception", exception.Message);
    }

    /// <summary>
    /// A block's standalone model, or none where the block needs a real use (the networks that use
    /// it report its problems); an unexpected exception becomes ATTN9999.
    /// </summary>
    private static BlockResult ParseBlockGuarded(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.TargetNode is ClassDeclarationSyntax declaration
                && LanguageVersionCheck.Check(declaration.SyntaxTree, declaration.Identifier.GetLocation(), declaration.Identifier.ValueText) is { } tooOld)
            {
                return new BlockResult(null, new EquatableArray<DiagnosticInfo>([tooOld]));
            }

            var model = context.TargetSymbol is INamedTypeSymbol symbol
                ? LayerParser.Standalone(symbol, context.SemanticModel.Compilation, cancellationToken)
                : null;
            return new BlockResult(model, EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new BlockResult(null, new EquatableArray<DiagnosticInfo>([InternalError(context.TargetNode, exception)]));
        }
    }

    private static NetworkResult ParseGuarded(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Guard(context.TargetNode, () => NetworkParser.Parse(context, cancellationToken));

    private static void EmitBlockGuarded(SourceProductionContext context, BlockModel block) =>
        AddSourceGuarded(context, block.HintName, block.Name, () => BlockEmitter.Emit(block));

    private static void EmitGuarded(SourceProductionContext context, NetworkModel model) =>
        AddSourceGuarded(context, model.HintName, model.Name, () => NetworkEmitter.Emit(model));

    /// <summary>
    /// Adds the source <paramref name="emit"/> writes under <paramref name="hintName"/>, turning an
    /// unexpected exception into ATTN9999 (with no location) naming <paramref name="name"/>.
    /// </summary>
    internal static void AddSourceGuarded(SourceProductionContext context, string hintName, string name, Func<string> emit)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError,
                Location.None,
                name,
                exception.GetType().FullName ?? "Exception",
                exception.Message));
        }
    }
}
