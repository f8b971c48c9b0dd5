using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Attention.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.CodeFixes;

/// <summary>
/// ATTN0006: a layer cannot take its input shape. Where the generator knows that a layer inserted
/// just before it certainly resolves the shape (a <c>[Flatten]</c>, or a global pool, before a
/// <c>Linear</c> that follows a feature map), it lists them in the diagnostic's <c>Insertable</c>
/// property, and this fix offers each: <c>[Network(1, 28, 28), Linear(10)]</c> becomes
/// <c>[Network(1, 28, 28), Flatten, Linear(10)]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertLayerCodeFix)), Shared]
public sealed class InsertLayerCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["ATTN0006"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Insertable, out string? insertable) || string.IsNullOrEmpty(insertable)
                || root?.FindNode(diagnostic.Location.SourceSpan) is not AttributeSyntax attribute
                || attribute.Parent is not AttributeListSyntax)
            {
                continue;
            }

            foreach (string layer in insertable!.Split(';'))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Insert [{layer}] before [{attribute.Name}]",
                        cancellationToken => InsertAsync(context.Document, attribute, layer, cancellationToken),
                        "Attention.Dsl.Insert" + layer),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> InsertAsync(Document document, AttributeSyntax attribute, string layer, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var list = (AttributeListSyntax)attribute.Parent!;
        return document.WithSyntaxRoot(root.ReplaceNode(list, InsertBefore(list, attribute, layer)));
    }

    /// <summary><paramref name="list"/> with <c>layer</c> inserted just before <paramref name="attribute"/>, separated as users write it: ", ".</summary>
    internal static AttributeListSyntax InsertBefore(AttributeListSyntax list, AttributeSyntax attribute, string layer)
    {
        int index = list.Attributes.IndexOf(attribute);
        var nodes = new List<AttributeSyntax>(list.Attributes);
        var separators = new List<SyntaxToken>(list.Attributes.GetSeparators());
        nodes.Insert(index, SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(layer)).WithLeadingTrivia(attribute.GetLeadingTrivia()));
        nodes[index + 1] = attribute.WithLeadingTrivia();
        separators.Insert(index, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        return list.WithAttributes(SyntaxFactory.SeparatedList(nodes, separators));
    }
}
