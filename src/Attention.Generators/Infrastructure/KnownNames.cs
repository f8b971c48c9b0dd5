namespace Attention.Generators.Infrastructure;

/// <summary>
/// Metadata names of the Attention.Dsl types that the generator recognises. The generator matches
/// by name and never loads the Attention.Dsl assembly.
/// </summary>
internal static class KnownNames
{
    /// <summary>The metadata name of <c>Attention.Dsl.NetworkAttribute</c>.</summary>
    public const string NetworkAttribute = "Attention.Dsl.NetworkAttribute";
}
