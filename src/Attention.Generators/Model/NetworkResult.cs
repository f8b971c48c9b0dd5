using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// The outcome of parsing one <c>[Network]</c> class: a model when the declaration is valid, and
/// the diagnostics found on the way. Both parts are equatable, so the result caches as a whole.
/// </summary>
/// <param name="Model">The network to emit, or <see langword="null"/> when an error prevents emission.</param>
/// <param name="Diagnostics">The diagnostics to report for this declaration.</param>
internal sealed record NetworkResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>A result with nothing to emit and nothing to report.</summary>
    public static readonly NetworkResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
