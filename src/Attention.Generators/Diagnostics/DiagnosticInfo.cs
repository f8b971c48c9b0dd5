using System.Collections.Immutable;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Attention.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain, equatable data: a descriptor ID, where it points, and its message
/// arguments. Pipeline steps carry these instead of <see cref="Diagnostic"/> or
/// <see cref="Location"/>, which would hold syntax trees alive and defeat caching.
/// </summary>
/// <param name="DescriptorId">The ID of a descriptor in <see cref="DiagnosticDescriptors"/>.</param>
/// <param name="FilePath">The path of the syntax tree the diagnostic points into.</param>
/// <param name="Span">The span in that tree.</param>
/// <param name="LineSpan">The same span as lines and columns.</param>
/// <param name="MessageArgs">The arguments of the descriptor's message format.</param>
/// <param name="Insertable">
/// For ATTN0006, the layers (attribute names, separated by <c>;</c>) any one of which, inserted just
/// before the offending layer, certainly resolves the shape: the code fix offers each. Empty otherwise.
/// </param>
internal sealed record DiagnosticInfo(
    string DescriptorId,
    string FilePath,
    TextSpan Span,
    LinePositionSpan LineSpan,
    EquatableArray<string> MessageArgs,
    string Insertable = "")
{

    /// <summary>Captures a diagnostic of <paramref name="descriptor"/> at <paramref name="location"/>.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] messageArgs)
    {
        var tree = location.SourceTree;
        return new DiagnosticInfo(
            descriptor.Id,
            tree?.FilePath ?? string.Empty,
            location.SourceSpan,
            location.GetLineSpan().Span,
            messageArgs.ToEquatableArray());
    }

    /// <summary>Recreates the diagnostic for reporting.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            DiagnosticDescriptors.Get(DescriptorId),
            Location.Create(FilePath, Span, LineSpan),
            Insertable.Length == 0 ? null : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Insertable, Insertable),
            MessageArgs.Cast<object?>().ToArray());
}
