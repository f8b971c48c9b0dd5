using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Attention.Generators.Emit;
using Attention.Generators.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Parsing;

/// <summary>
/// Finds the short names of the generated file (the aliases of the runtime's types, such as <c>Tensor</c>, <c>F</c>
/// or <c>Linear</c>) that the user's code would shadow inside the generated class: a member of the class, a type
/// nested in it or in a containing type, a type or namespace of an enclosing namespace (from any assembly), or the
/// class's own name. The emitters write those names fully qualified instead (<see cref="ShadowedNameRewriter"/>),
/// so generated code compiles whatever names the user's code uses.
/// </summary>
internal static class ShadowedNames
{
    private const string ModulesNamespace = "Attention.Runtime.Modules";

    /// <summary>The aliases of the generated file that something in scope of <paramref name="symbol"/> would shadow, sorted.</summary>
    /// <param name="symbol">The class the generated part completes.</param>
    /// <param name="identifier">The class's name in its declaration: where the user's scope is looked up.</param>
    /// <param name="compilation">The user's compilation.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public static EquatableArray<string> Find(INamedTypeSymbol symbol, SyntaxToken identifier, Compilation compilation, CancellationToken cancellationToken)
    {
        if (identifier.SyntaxTree is not { } tree || !compilation.ContainsSyntaxTree(tree))
        {
            return EquatableArray<string>.Empty;
        }

        var model = compilation.GetSemanticModel(tree);
        var shadowed = new List<string>();
        foreach (var (name, target) in Candidates(compilation))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inClass = symbol.Name == name || symbol.GetMembers(name).Any(static m => !m.IsImplicitlyDeclared);
            if (inClass || model.LookupSymbols(identifier.SpanStart, name: name).Any(s => !IsTarget(s, target)))
            {
                shadowed.Add(name);
            }
        }

        shadowed.Sort(System.StringComparer.Ordinal);
        return shadowed.ToEquatableArray();
    }

    /// <summary>Every short name a generated file may alias, with the symbol it stands for (null when the runtime is not referenced).</summary>
    private static IEnumerable<(string Name, INamedTypeSymbol? Target)> Candidates(Compilation compilation)
    {
        foreach (var alias in NetworkEmitter.RuntimeAliases)
        {
            yield return (alias.Alias, compilation.GetTypeByMetadataName(alias.MetadataName));
        }

        INamespaceSymbol? modules = compilation.GlobalNamespace;
        foreach (var part in ModulesNamespace.Split('.'))
        {
            modules = modules?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        if (modules is null)
        {
            yield break;
        }

        foreach (var type in modules.GetTypeMembers().Where(static t => t.DeclaredAccessibility == Accessibility.Public))
        {
            yield return (type.Name, type);
        }
    }

    /// <summary>Whether <paramref name="found"/> is the runtime's own type under that name (a user's using of it is no conflict).</summary>
    private static bool IsTarget(ISymbol found, INamedTypeSymbol? target)
    {
        var type = found is IAliasSymbol alias ? alias.Target : found;
        return target is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target.OriginalDefinition);
    }
}
