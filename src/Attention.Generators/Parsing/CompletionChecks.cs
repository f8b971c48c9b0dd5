using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Parsing;

/// <summary>
/// What keeps a generated part from completing a class that is otherwise fine, shared by networks and blocks: a
/// static class (a module is an instance), a file-local class (its generated part lives in another file), and a
/// constructor of the user's that does not chain to the generated one, which creates and registers the layers.
/// </summary>
internal static class CompletionChecks
{
    /// <summary>The first such problem of <paramref name="symbol"/> and where it is, or <see langword="null"/>.</summary>
    /// <param name="symbol">The class.</param>
    /// <param name="generated">The generated constructor as the message names it, such as <c>this()</c>.</param>
    /// <param name="generatedParameters">How many parameters the generated constructor takes (a user constructor of that arity clashes with it instead: ATTN0008).</param>
    /// <param name="cancellationToken">Cancels reading the syntax.</param>
    public static (Location Location, string Reason)? Problem(INamedTypeSymbol symbol, string generated, int generatedParameters, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.StaticKeyword))
                {
                    return (modifier.GetLocation(), "it is static, and a module is an instance with layers; remove 'static'");
                }

                if (modifier.IsKind(SyntaxKind.FileKeyword))
                {
                    return (modifier.GetLocation(), "it is file-local, and its generated part is in another file, which a file-local class cannot span; declare it internal instead");
                }
            }
        }

        foreach (var constructor in symbol.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared && c.Parameters.Length != generatedParameters))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: var initializer } declaration
                    && initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) != true)
                {
                    return (declaration.Identifier.GetLocation(),
                        "its constructor " + constructor.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
                        + " does not call " + generated + ", the generated constructor that creates and registers the layers; add ': " + generated + "'");
                }
            }
        }

        return null;
    }
}
