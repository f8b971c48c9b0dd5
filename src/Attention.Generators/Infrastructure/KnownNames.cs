namespace Attention.Generators.Infrastructure;

/// <summary>
/// Metadata names of the Attention.Dsl types that the generator recognises. The generator matches
/// by name and never loads the Attention.Dsl assembly.
/// </summary>
internal static class KnownNames
{
    /// <summary>The namespace of every DSL attribute.</summary>
    public const string DslNamespace = "Attention.Dsl";

    /// <summary>The metadata name of <c>Attention.Dsl.NetworkAttribute</c>.</summary>
    public const string NetworkAttribute = "Attention.Dsl.NetworkAttribute";

    /// <summary>The metadata name of <c>Attention.Dsl.BlockAttribute</c>.</summary>
    public const string BlockAttribute = "Attention.Dsl.BlockAttribute";

    /// <summary>The value of <c>Attention.Dsl.Block.Width</c>, a negative sentinel.</summary>
    public const int WidthSentinel = -1048576;

    /// <summary>The value of <c>Attention.Dsl.Block.Stride</c>, a negative sentinel.</summary>
    public const int StrideSentinel = -7;

}
