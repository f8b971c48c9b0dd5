namespace Attention.Shared;

/// <summary>
/// The keys of the properties the generator attaches to its diagnostics for the code fixes to read.
/// Compiled into both as source, so the two can never disagree on a name.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>
    /// On ATTN0006: the layers (attribute names, separated by <c>;</c>) any one of which, inserted just before the
    /// offending layer, certainly resolves the shape.
    /// </summary>
    public const string Insertable = "Insertable";
}
