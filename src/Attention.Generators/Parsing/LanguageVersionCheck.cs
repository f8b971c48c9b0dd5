using Attention.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attention.Generators.Parsing;

/// <summary>ATTN0018: the generated code needs C# 12 (collection expressions); an older project gets a diagnostic instead of code that does not compile.</summary>
internal static class LanguageVersionCheck
{
    /// <summary>The oldest language version the generated code compiles with.</summary>
    public const LanguageVersion Required = LanguageVersion.CSharp12;

    /// <summary>ATTN0018 on <paramref name="location"/> when <paramref name="tree"/> is parsed as C# older than <see cref="Required"/>, else <see langword="null"/>.</summary>
    public static DiagnosticInfo? Check(SyntaxTree tree, Location location, string name) =>
        tree.Options is CSharpParseOptions { LanguageVersion: var version } && version < Required
            ? DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, location, name, "12", "collection expressions", version.ToDisplayString())
            : null;
}
