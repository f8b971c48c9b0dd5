using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes the short names that the user's code shadows (<see cref="Parsing.ShadowedNames"/>) fully qualified in a
/// generated file: every use of such a name where it starts a name or member access (<c>Linear</c>, <c>F.relu</c>,
/// <c>nn.Module&lt;…&gt;</c>) becomes <c>global::…</c>. The emitters keep writing short names; this is the one place
/// that knows they can be shadowed.
/// </summary>
internal static class ShadowedNameRewriter
{
    /// <summary><paramref name="source"/> with each name of <paramref name="shadowed"/> qualified as <paramref name="targets"/> says.</summary>
    public static string Qualify(string source, EquatableArray<string> shadowed, IReadOnlyDictionary<string, string> targets)
    {
        var names = new HashSet<string>(shadowed.Where(targets.ContainsKey));
        if (names.Count == 0)
        {
            return source;
        }

        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var uses = root.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(n => names.Contains(n.Identifier.ValueText) && StartsAName(n))
            .ToList();
        return root.ReplaceNodes(uses, (original, _) => SyntaxFactory.ParseName(targets[original.Identifier.ValueText]).WithTriviaFrom(original))
            .ToFullString();
    }

    /// <summary>Whether <paramref name="name"/> is looked up by itself: not after a dot, not a named argument, not in a using directive.</summary>
    private static bool StartsAName(IdentifierNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name != name,
        QualifiedNameSyntax qualified => qualified.Right != name,
        AliasQualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
        _ => name.FirstAncestorOrSelf<UsingDirectiveSyntax>() is null,
    };
}
