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

        // A generated member may have the name of a shadowed type (a layer named Linear): where it is used as a value,
        // the name is the member's and stays; where a type is expected, it is the type's and is qualified.
        var members = new HashSet<string>(root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Where(static v => v.Parent?.Parent is FieldDeclarationSyntax)
            .Select(static v => v.Identifier.ValueText)
            .Concat(root.DescendantNodes().OfType<PropertyDeclarationSyntax>().Select(static p => p.Identifier.ValueText)));
        var uses = root.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(n => names.Contains(n.Identifier.ValueText) && StartsAName(n)
                && !(members.Contains(n.Identifier.ValueText) && !InTypeContext(n)))
            .ToList();
        if (uses.Count == 0)
        {
            return source;
        }

        var rewritten = root.ReplaceNodes(uses, (original, _) => SyntaxFactory.ParseName(targets[original.Identifier.ValueText]).WithTriviaFrom(original))
            .ToFullString();
        return Realign(rewritten);
    }

    /// <summary>
    /// Aligns the trailing <c>// </c> comments again after longer names moved them: within each run of consecutive
    /// lines of one indentation (a block the emitters aligned), every trailing comment starts two spaces after the
    /// longest code line of the run, as <c>NetworkEmitter.WriteAligned</c> writes it.
    /// </summary>
    private static string Realign(string source)
    {
        var newline = source.Contains("\r\n") ? "\r\n" : "\n";
        var lines = source.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        var start = 0;
        while (start < lines.Count)
        {
            var indent = Indentation(lines[start]);
            var end = start;
            while (end < lines.Count && lines[end].Trim().Length > 0 && Indentation(lines[end]) == indent && !lines[end].TrimStart().StartsWith("//", System.StringComparison.Ordinal))
            {
                end++;
            }

            var run = Enumerable.Range(start, end - start).Select(i => (Index: i, Split: SplitComment(lines[i]))).ToList();
            if (run.Any(static r => r.Split.Comment is not null))
            {
                var width = run.Where(static r => r.Split.Comment is not null).Max(static r => r.Split.Code.Length);
                foreach (var (index, (code, comment)) in run.Where(static r => r.Split.Comment is not null))
                {
                    lines[index] = code.PadRight(width) + "  " + comment;
                }
            }

            start = end == start ? start + 1 : end;
        }

        return string.Join(newline, lines);
    }

    private static int Indentation(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>A line of code and its trailing comment (two or more spaces, then <c>// </c>), or the line and null.</summary>
    private static (string Code, string? Comment) SplitComment(string line)
    {
        var at = line.IndexOf("  // ", System.StringComparison.Ordinal);
        return at <= 0 || line.Substring(0, at).Trim().Length == 0 ? (line, null) : (line.Substring(0, at).TrimEnd(), line.Substring(at).TrimStart());
    }

    /// <summary>
    /// Whether <paramref name="name"/> is looked up by itself: not after a dot, not a named argument, not in a using
    /// directive, and not part of the name a namespace declaration declares (the user's namespace may have the name).
    /// </summary>
    private static bool StartsAName(IdentifierNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name != name,
        QualifiedNameSyntax qualified => qualified.Right != name && !DeclaresANamespace(name),
        AliasQualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax or BaseNamespaceDeclarationSyntax => false,
        _ => name.FirstAncestorOrSelf<UsingDirectiveSyntax>() is null,
    };

    /// <summary>Whether <paramref name="name"/> names a type: it, or the qualified name it starts, is where a type is expected.</summary>
    private static bool InTypeContext(NameSyntax name)
    {
        NameSyntax outermost = name;
        while (outermost.Parent is QualifiedNameSyntax qualified)
        {
            outermost = qualified;
        }

        return SyntaxFacts.IsInTypeOnlyContext(outermost) || outermost.Parent is TypeArgumentListSyntax;
    }

    /// <summary>Whether <paramref name="name"/> is within the name of a namespace declaration.</summary>
    private static bool DeclaresANamespace(NameSyntax name)
    {
        SyntaxNode current = name;
        while (current.Parent is QualifiedNameSyntax)
        {
            current = current.Parent;
        }

        return current.Parent is BaseNamespaceDeclarationSyntax declaration && declaration.Name == current;
    }
}
