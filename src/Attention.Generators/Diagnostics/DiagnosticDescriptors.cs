using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are <c>ATTN0001</c> onwards and are never reused;
/// each one is listed in <c>AnalyzerReleases.Unshipped.md</c> until a release moves it to
/// <c>AnalyzerReleases.Shipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of every Attention.Dsl diagnostic.</summary>
    public const string Category = "Attention.Dsl";

    // Each ID has a page at docs/diagnostics/{ID}.md in this repository; the base is the address
    // that repository is to be published at.
    private const string HelpLinkBase = "https://github.com/attention-dsl/attention-dsl/blob/main/docs/diagnostics/";

    /// <summary>ATTN0001: a class marked <c>[Network]</c> is not <see langword="partial"/>.</summary>
    public static readonly DiagnosticDescriptor NetworkMustBePartial = Create(
        id: "ATTN0001",
        title: "Network class must be partial",
        messageFormat: "Network class '{0}' must be declared partial so that its generated members can be added",
        description: "The generator completes a [Network] class by adding members to it in another file, which C# allows only for partial classes. Add the partial modifier to the class declaration.");

    /// <summary>ATTN0002: the input shape of <c>[Network]</c> has no dimensions, or a dimension below 1.</summary>
    public static readonly DiagnosticDescriptor InvalidInputShape = Create(
        id: "ATTN0002",
        title: "Invalid input shape",
        messageFormat: "Invalid input shape for network '{0}': {1}",
        description: "[Network] takes the per-sample input shape without the batch dimension, such as [Network(1, 28, 28)]. It needs at least one dimension, and every dimension must be at least 1.");

    /// <summary>ATTN0003: a network class is nested in a type that is not <see langword="partial"/>.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Create(
        id: "ATTN0003",
        title: "Type containing a network class must be partial",
        messageFormat: "Type '{0}' contains network class '{1}' and must be declared partial",
        description: "Generated members of a nested network class are written inside a partial declaration of every type that contains it, which C# allows only when those types are partial. Add the partial modifier to each containing type.");

    /// <summary>ATTN0004: a network class is generic, or nested in a generic type.</summary>
    public static readonly DiagnosticDescriptor GenericNetworkNotSupported = Create(
        id: "ATTN0004",
        title: "Generic network classes are not supported",
        messageFormat: "Network class '{0}' cannot be generic or nested in a generic type",
        description: "A network's layers and shapes are fixed at compile time, so a type parameter has nothing to select. Declare the network as a non-generic class outside any generic type.");

    /// <summary>ATTN9999: the generator met a state it did not expect; reported instead of crashing the build.</summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        id: "ATTN9999",
        title: "Attention.Generators failed unexpectedly",
        messageFormat: "Attention.Generators failed while processing '{0}': {1}: {2}",
        description: "The generator caught an exception it did not expect and generated nothing for this declaration. This is a bug in Attention.Generators; please report it with the declaration that triggers it.");

    /// <summary>All descriptors by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        NetworkMustBePartial,
        InvalidInputShape,
        ContainingTypeMustBePartial,
        GenericNetworkNotSupported,
        InternalError,
    }.ToImmutableDictionary(static d => d.Id);

    /// <summary>Gets the descriptor with <paramref name="id"/>, or the internal-error descriptor for an unknown ID.</summary>
    public static DiagnosticDescriptor Get(string id) =>
        ById.TryGetValue(id, out var descriptor) ? descriptor : InternalError;

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md");
}
