using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Parsing;

/// <summary>
/// Turns one class marked <c>[Network]</c> into a <see cref="NetworkResult"/>: checks the
/// declaration, reads the attribute's arguments, and keeps only equatable data.
/// </summary>
/// <remarks>
/// Attribute arguments that do not bind (a string where an <see langword="int"/> is expected, a
/// non-constant expression) are already compile errors; the parser then produces nothing rather
/// than a second, confusing diagnostic.
/// </remarks>
internal static class NetworkParser
{
    internal static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>Parses the class that <paramref name="context"/> points at.</summary>
    public static NetworkResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not ClassDeclarationSyntax declaration
            || context.TargetSymbol is not INamedTypeSymbol symbol
            || context.Attributes.IsDefaultOrEmpty)
        {
            return NetworkResult.Nothing;
        }

        // [Network] on two parts of one partial class is CS0579; emitting twice would clash.
        if (symbol.GetAttributes().Count(static a => IsNetworkAttribute(a)) > 1)
        {
            return NetworkResult.Nothing;
        }

        var name = declaration.Identifier.Text;
        if (LanguageVersionCheck.Check(declaration.SyntaxTree, declaration.Identifier.GetLocation(), symbol.Name) is { } tooOld)
        {
            return new NetworkResult(null, new EquatableArray<DiagnosticInfo>([tooOld]));
        }

        var diagnostics = new List<DiagnosticInfo>();

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NetworkMustBePartial, declaration.Identifier.GetLocation(), symbol.Name));
        }

        var containingTypes = ParseContainingTypes(declaration, symbol, diagnostics);
        if (CompletionChecks.Problem(symbol, "this()", 0, cancellationToken) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkCannotBeCompleted, problem.Location, symbol.Name, problem.Reason));
        }

        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.GenericNetworkNotSupported, declaration.Identifier.GetLocation(), symbol.Name));
        }

        if (symbol.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == KnownNames.BlockAttribute) is { } blockAttribute
            && blockAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } blockSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockIsNetwork, blockSyntax.GetLocation(), symbol.Name));
        }

        var inputShape = ParseInputShape(context.Attributes[0], declaration, symbol, diagnostics, cancellationToken);
        ParseBaseClass(symbol, diagnostics, cancellationToken);
        var attributes = LayerParser.Collect(symbol, cancellationToken);

        if (diagnostics.Count > 0 || inputShape is null || attributes is null)
        {
            return new NetworkResult(null, diagnostics.ToEquatableArray());
        }

        // The order of attributes is defined within one declaration only.
        var declarations = attributes.Select(static a => a.Arguments.Declaration).Distinct().ToList();
        if (declarations.Count > 1)
        {
            var second = attributes.First(a => a.Arguments.Declaration == declarations[1]);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LayersOnSeveralDeclarations, second.Arguments.Syntax.GetLocation(), "Network '" + symbol.Name + "'"));
            return new NetworkResult(null, diagnostics.ToEquatableArray());
        }

        var paddingMask = ParsePaddingMask(context.Attributes[0], inputShape, symbol, diagnostics, cancellationToken);
        var (secondInput, secondLocation) = ParseSecondInput(symbol, paddingMask is not null, diagnostics, cancellationToken);
        if (diagnostics.Count > 0)
        {
            return new NetworkResult(null, diagnostics.ToEquatableArray());
        }

        var expansion = new BlockExpansion(context.SemanticModel.Compilation, cancellationToken);
        var layers = LayerParser.Resolve(inputShape, attributes, diagnostics, expansion, symbol.Name, paddingMask, secondInput: secondInput);
        if (layers is null)
        {
            // A block used several times reports the same problem at each use.
            return new NetworkResult(null, diagnostics.Distinct().ToEquatableArray());
        }

        if (secondInput is not null && !layers.Any(static l => LayerSpecs.Of(l.Layer).TakesSecondInput(l.Layer)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputShape, secondLocation!, symbol.Name,
                "no layer takes the second input, so it would do nothing; add a layer that fuses two inputs (GatedMultimodalUnit), or remove [SecondInput]"));
            return new NetworkResult(null, diagnostics.ToEquatableArray());
        }

        NameChecker.Check(symbol, context.SemanticModel.Compilation, layers, diagnostics, cancellationToken, masked: paddingMask is not null, second: secondInput is not null);
        if (diagnostics.Count > 0)
        {
            return new NetworkResult(null, diagnostics.ToEquatableArray());
        }

        var model = new NetworkModel(
            HintName: GetFullyQualifiedMetadataName(symbol) + ".g.cs",
            Namespace: symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null,
            ContainingTypes: containingTypes,
            Name: name,
            Accessibility: GetAccessibilityKeywords(declaration.Modifiers),
            InputShape: inputShape.ToEquatableArray(),
            PaddingMask: paddingMask is not null,
            SecondInput: (secondInput ?? []).ToEquatableArray(),
            Shadowed: ShadowedNames.Find(symbol, declaration.Identifier, context.SemanticModel.Compilation, cancellationToken),
            Layers: layers.Select(static l => l.Layer).ToEquatableArray());

        var conflict = expansion.Blocks.Count > 0
            ? DiagnosticInfo.Create(DiagnosticDescriptors.BlockUsesDiffer, declaration.Identifier.GetLocation(), string.Empty, string.Empty)
            : null;
        return new NetworkResult(model, EquatableArray<DiagnosticInfo>.Empty, expansion.Blocks.ToEquatableArray(), conflict);
    }

    /// <summary>Reports ATTN0010 when the class declares a base class: the generated part declares it.</summary>
    private static void ParseBaseClass(INamedTypeSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (symbol.BaseType is null || symbol.BaseType.SpecialType == SpecialType.System_Object)
        {
            return;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax { BaseList: { } list } && list.Types.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NetworkHasBaseClass, list.Types[0].GetLocation(), symbol.Name, symbol.BaseType.ToDisplayString()));
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="attribute"/> is <c>[Network]</c>.</summary>
    internal static bool IsNetworkAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { } type
        && type.MetadataName == "NetworkAttribute"
        && type.ToDisplayString() == KnownNames.NetworkAttribute;

    /// <summary>Collects the containing types outermost first, reporting each one that is not partial.</summary>
    internal static EquatableArray<ContainingTypeModel> ParseContainingTypes(
        ClassDeclarationSyntax declaration,
        INamedTypeSymbol symbol,
        List<DiagnosticInfo> diagnostics)
    {
        var containing = new List<ContainingTypeModel>();
        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeMustBePartial,
                    parent.Identifier.GetLocation(),
                    parent.Identifier.ValueText,
                    symbol.Name));
            }

            var keyword = parent is RecordDeclarationSyntax record
                ? record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record"
                : parent.Keyword.Text;
            containing.Add(new ContainingTypeModel(keyword, parent.Identifier.Text));
        }

        containing.Reverse();
        return containing.ToEquatableArray();
    }

    /// <summary>
    /// Reads the <c>params int[] inputShape</c> argument; returns <see langword="null"/> when it is
    /// invalid (after reporting ATTN0002) or does not bind (the compiler reports that).
    /// </summary>
    private static int[]? ParseInputShape(
        AttributeData attribute,
        ClassDeclarationSyntax declaration,
        INamedTypeSymbol symbol,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array } argument)
        {
            return null;
        }

        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var values = argument.IsNull ? [] : argument.Values;

        if (values.IsDefaultOrEmpty)
        {
            var location = (SyntaxNode?)syntax?.ArgumentList ?? syntax;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidInputShape,
                location?.GetLocation() ?? declaration.Identifier.GetLocation(),
                symbol.Name,
                "it declares no dimensions; give the per-sample shape, such as [Network(1, 28, 28)]"));
            return null;
        }

        var shape = new int[values.Length];
        var valid = true;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Value is not int dimension)
            {
                return null;
            }

            shape[i] = dimension;
            if (dimension == Shapes.Open && i > 0)
            {
                valid = false;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidInputShape,
                    GetElementSyntax(syntax, i, values.Length)?.GetLocation() ?? declaration.Identifier.GetLocation(),
                    symbol.Name,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "dimension {0} is Dimension.Open, and only the first dimension, the length of a sequence, may be left open",
                        i)));
            }
            else if (dimension < 1 && dimension != Shapes.Open)
            {
                valid = false;
                var location = GetElementSyntax(syntax, i, values.Length)?.GetLocation()
                    ?? declaration.Identifier.GetLocation();
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidInputShape,
                    location,
                    symbol.Name,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "dimension {0} is {1}, and every dimension must be at least 1",
                        i,
                        dimension)));
            }
        }

        return valid ? shape : null;
    }

    /// <summary>
    /// The shape of <c>[SecondInput(...)]</c> and where it is written, or nulls when the network has no second input;
    /// reports ATTN0002 for a dimension below 1, an empty shape, or a second input beside a padding mask.
    /// </summary>
    private static (int[]? Shape, Location? Location) ParseSecondInput(
        INamedTypeSymbol symbol, bool masked, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == "Attention.Dsl.SecondInputAttribute");
        if (attribute is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return (null, null);
        }

        var location = syntax.GetLocation();
        var shape = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
            ? attribute.ConstructorArguments[0].Values.Select(static v => v.Value is int d ? d : 0).ToArray()
            : [];
        string? problem = shape.Length == 0 ? "[SecondInput] needs at least one dimension"
            : shape.Any(static d => d < 1) ? "every dimension of [SecondInput] must be at least 1, but it is " + Shapes.Format(shape)
            : masked ? "a network with a padding mask has one input beside it; fuse a second input in the graph form"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputShape, location, symbol.Name, problem));
            return (null, null);
        }

        return (shape, location);
    }

    /// <summary>
    /// The location of <c>PaddingMask = true</c>, or <see langword="null"/> when the network takes no mask;
    /// reports ATTN0002 there when the input is not a sequence (<c>[T]</c> or <c>[T, D]</c>).
    /// </summary>
    private static Location? ParsePaddingMask(
        AttributeData attribute,
        int[] inputShape,
        INamedTypeSymbol symbol,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var masked = attribute.NamedArguments.Any(static a => a.Key == "PaddingMask" && a.Value.Value is true);
        if (!masked || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        var location = syntax.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == "PaddingMask")?.GetLocation()
            ?? syntax.GetLocation();
        if (inputShape.Length > 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidInputShape,
                location,
                symbol.Name,
                "PaddingMask marks the steps of a sequence, [T] token ids or [T, features], but the input is " + Shapes.Format(inputShape)));
        }

        return location;
    }

    /// <summary>
    /// Finds the syntax of the <paramref name="index"/>th shape element: an argument of the
    /// expanded <c>params</c> form, or an element of an explicit array; otherwise the whole
    /// argument list.
    /// </summary>
    private static SyntaxNode? GetElementSyntax(AttributeSyntax? attribute, int index, int count)
    {
        if (attribute?.ArgumentList is not { } list)
        {
            return attribute;
        }

        var arguments = list.Arguments;
        if (arguments.Count == count && arguments.All(static a => a.NameEquals is null && a.NameColon is null))
        {
            if (count != 1 || !IsArrayExpression(arguments[0].Expression))
            {
                return arguments[index];
            }
        }

        if (arguments.Count == 1)
        {
            var elements = arguments[0].Expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Cast<SyntaxNode>().ToList(),
                ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Cast<SyntaxNode>().ToList(),
                CollectionExpressionSyntax collection => collection.Elements.Cast<SyntaxNode>().ToList(),
                _ => null,
            };
            if (elements is not null && elements.Count == count)
            {
                return elements[index];
            }
        }

        return list;
    }

    private static bool IsArrayExpression(ExpressionSyntax expression) =>
        expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax;

    /// <summary>The modifiers among <c>public</c>, <c>internal</c>, <c>protected</c>, <c>private</c>, in source order.</summary>
    internal static string GetAccessibilityKeywords(SyntaxTokenList modifiers) =>
        string.Join(" ", modifiers
            .Where(static m => m.IsKind(SyntaxKind.PublicKeyword)
                || m.IsKind(SyntaxKind.InternalKeyword)
                || m.IsKind(SyntaxKind.ProtectedKeyword)
                || m.IsKind(SyntaxKind.PrivateKeyword))
            .Select(static m => m.Text));

    /// <summary>The name the runtime knows the type by, such as <c>MyApp.Outer+Net</c>.</summary>
    internal static string GetFullyQualifiedMetadataName(INamedTypeSymbol symbol)
    {
        var name = symbol.MetadataName;
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            name = type.MetadataName + "+" + name;
        }

        // Metadata names carry no '@' escapes (a hint name may not contain '@').
        for (var ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            name = ns.MetadataName + "." + name;
        }

        return name;
    }
}
