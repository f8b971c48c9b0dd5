using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// The outcome of parsing one <c>[Network]</c> class: a model when the declaration is valid, the
/// block classes it uses, and the diagnostics found on the way. All parts are equatable, so the
/// result caches as a whole; the network's model does not hold its blocks, so that an edit to a
/// block re-emits the network only when the network's own code changes.
/// </summary>
/// <param name="Model">The network to emit, or <see langword="null"/> when an error prevents emission.</param>
/// <param name="Diagnostics">The diagnostics to report for this declaration.</param>
/// <param name="Blocks">The <c>[Block]</c> classes the network uses, directly or through other blocks, to complete as modules.</param>
/// <param name="BlockConflict">
/// ATTN0016 on the network's name, its message still to be completed, for a block that this network
/// needs written otherwise than another network does; <see langword="null"/> when the network uses no block.
/// </param>
internal sealed record NetworkResult(
    NetworkModel? Model,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<BlockModel> Blocks = default,
    DiagnosticInfo? BlockConflict = null)
{
    /// <summary>A result with nothing to emit and nothing to report.</summary>
    public static readonly NetworkResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
