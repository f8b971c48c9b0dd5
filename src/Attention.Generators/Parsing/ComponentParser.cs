using System;
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
/// Turns a class whose components are layer attributes on <see langword="partial"/> properties (the
/// graph form: <c>forward</c> written by hand) into a <see cref="ComponentResult"/>. The sizes that a
/// <c>[Network]</c> infers are read from the attribute instead, then each component is resolved by
/// <see cref="LayerParser"/> as a one-layer network, so the two forms share every argument check.
/// </summary>
internal static class ComponentParser
{
    /// <summary>The attribute property that gives a component's input size, or <see langword="null"/> when the kind needs none.</summary>
    public static string? SizeArgument(string kind) => LayerSpecs.Find(kind)?.Component?.SizeArgument;

    /// <summary>
    /// Parses the class that declares the property <paramref name="context"/> points at. Only the
    /// pipeline of the first attribute of the class's first component property (by file, then
    /// position) speaks for the class; the others give <see cref="ComponentResult.Nothing"/>, so each
    /// class is emitted and reported once.
    /// </summary>
    public static ComponentResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IPropertySymbol { ContainingType: { } type } || context.TargetNode is not PropertyDeclarationSyntax target)
        {
            return ComponentResult.Nothing;
        }

        var properties = CollectProperties(type, cancellationToken);
        if (properties is null || properties.Count == 0
            || properties[0].Syntax.SyntaxTree.FilePath != target.SyntaxTree.FilePath
            || properties[0].Syntax.SpanStart != target.SpanStart
            || !context.Attributes.Any(a => a.ApplicationSyntaxReference?.Span == properties[0].Attributes[0].Arguments.Syntax.Span))
        {
            return ComponentResult.Nothing;
        }

        var declaration = target.Parent as ClassDeclarationSyntax;
        if (declaration is not null
            && LanguageVersionCheck.Check(declaration.SyntaxTree, declaration.Identifier.GetLocation(), type.Name) is { } tooOld)
        {
            return new ComponentResult(null, new EquatableArray<DiagnosticInfo>([tooOld]));
        }

        var diagnostics = new List<DiagnosticInfo>();
        CheckClass(type, declaration, diagnostics, cancellationToken);
        var containingTypes = declaration is not null
            ? NetworkParser.ParseContainingTypes(declaration, type, diagnostics)
            : EquatableArray<ContainingTypeModel>.Empty;

        // Components are single layers, never block uses; the expansion is what the layer parser requires.
        var expansion = new BlockExpansion(context.SemanticModel.Compilation, cancellationToken);
        var components = new List<ComponentModel>();
        foreach (var (property, syntax, attributes) in properties)
        {
            if (ParseComponent(property, syntax, attributes, diagnostics, expansion) is { } component)
            {
                components.Add(component);
            }
        }

        var moduleMembers = CollectModuleMembers(type, properties, diagnostics, context.SemanticModel.Compilation, cancellationToken);
        if (diagnostics.Count == 0)
        {
            CheckNames(type, components, diagnostics);
        }

        if (diagnostics.Count > 0 || declaration is null)
        {
            return new ComponentResult(null, diagnostics.ToEquatableArray());
        }

        var model = new ComponentClassModel(
            HintName: NetworkParser.GetFullyQualifiedMetadataName(type) + ".g.cs",
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns
                ? ns.ToDisplayString(NetworkParser.NamespaceFormat)
                : null,
            ContainingTypes: containingTypes,
            Name: declaration.Identifier.Text,
            Shadowed: ShadowedNames.Find(type, declaration.Identifier, context.SemanticModel.Compilation, cancellationToken),
            Components: components.ToEquatableArray(),
            ModuleMembers: moduleMembers.ToEquatableArray());
        return new ComponentResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The instance fields and auto-properties of <paramref name="type"/> whose type is a runtime module
    /// and that have an initialiser, each with its place among the component properties (by file, then
    /// position); ATTN0108 for such a member without an initialiser, which nothing would register.
    /// </summary>
    private static List<ModuleMemberModel> CollectModuleMembers(
        INamedTypeSymbol type,
        List<(IPropertySymbol Property, PropertyDeclarationSyntax Syntax, List<(string Kind, AttributeArguments Arguments)> Attributes)> components,
        List<DiagnosticInfo> diagnostics,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        var module = compilation.GetTypeByMetadataName(ModuleMetadataName);
        var found = new List<(SyntaxNode Syntax, string Name, bool Initialised, Location Location)>();
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || module is null)
            {
                continue;
            }

            switch (member)
            {
                case IFieldSymbol field when IsModule(field.Type, module)
                    && field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator:
                    found.Add((declarator, field.Name, declarator.Initializer is not null, declarator.Identifier.GetLocation()));
                    break;

                // An auto-property: a computed one (a body, an arrow) holds nothing of its own.
                case IPropertySymbol property when IsModule(property.Type, module)
                    && !components.Any(c => SymbolEqualityComparer.Default.Equals(c.Property, property))
                    && property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration
                    && declaration.ExpressionBody is null
                    && declaration.AccessorList?.Accessors.All(static a => a.Body is null && a.ExpressionBody is null) == true
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword):
                    found.Add((declaration, property.Name, declaration.Initializer is not null, declaration.Identifier.GetLocation()));
                    break;
            }
        }

        static int Compare(SyntaxNode a, SyntaxNode b)
        {
            var byFile = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
            return byFile != 0 ? byFile : a.SpanStart.CompareTo(b.SpanStart);
        }

        var members = new List<ModuleMemberModel>();
        foreach (var (syntax, name, initialised, location) in found.OrderBy(static f => f.Syntax, Comparer<SyntaxNode>.Create(Compare)))
        {
            if (!initialised)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnregisteredModuleMember, location, name));
                continue;
            }

            var position = components.Count(c => Compare(c.Syntax, syntax) < 0);
            var written = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
            members.Add(new ModuleMemberModel(written, name, position));
        }

        return members;
    }

    private const string ModuleMetadataName = "Attention.Runtime.torch+nn+Module";

    /// <summary>Whether <paramref name="type"/> is, or derives from, the runtime's <c>nn.Module</c>.</summary>
    private static bool IsModule(ITypeSymbol type, INamedTypeSymbol module)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, module))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The component kind of an attribute class, or <see langword="null"/>.</summary>
    public static string? GetComponentKind(INamedTypeSymbol? type) =>
        LayerParser.GetLayerKind(type) is { } kind && LayerSpecs.Find(kind)?.Component is not null ? kind : null;

    /// <summary>
    /// The properties of <paramref name="type"/> with component attributes, in declaration order;
    /// <see langword="null"/> when an attribute argument does not bind (the compiler reports that).
    /// </summary>
    private static List<(IPropertySymbol Property, PropertyDeclarationSyntax Syntax, List<(string Kind, AttributeArguments Arguments)> Attributes)>?
        CollectProperties(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var found = new List<(IPropertySymbol, PropertyDeclarationSyntax, List<(string, AttributeArguments)>)>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            var attributes = new List<(string, AttributeArguments)>();
            foreach (var attribute in property.GetAttributes())
            {
                if (GetComponentKind(attribute.AttributeClass) is not { } kind)
                {
                    continue;
                }

                if (AttributeArguments.Create(attribute, cancellationToken) is not { IsValid: true } arguments)
                {
                    return null;
                }

                attributes.Add((kind, arguments));
            }

            if (attributes.Count > 0
                && attributes[0].Item2.Syntax.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { } syntax)
            {
                attributes.Sort(static (a, b) => a.Item2.Syntax.SpanStart.CompareTo(b.Item2.Syntax.SpanStart));
                found.Add((property, syntax, attributes));
            }
        }

        found.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Item2.SyntaxTree.FilePath, b.Item2.SyntaxTree.FilePath);
            return byFile != 0 ? byFile : a.Item2.SpanStart.CompareTo(b.Item2.SpanStart);
        });
        return found;
    }

    /// <summary>Checks that the class is a partial, non-generic class deriving from nn.Module&lt;…&gt; (directly or through a base with a name constructor), without constructors.</summary>
    private static void CheckClass(INamedTypeSymbol type, ClassDeclarationSyntax? declaration, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declarations = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .ToList();
        var location = (declaration ?? declarations.FirstOrDefault())?.Identifier.GetLocation() ?? Location.None;

        if (declaration is null || !(IsModule(type.BaseType) || IsNamedModuleBase(type.BaseType)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentClassNotModule, location, type.Name));
            return;
        }

        if (declarations.Count == 1 && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkMustBePartial, location, type.Name));
        }

        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetworkNotSupported, location, type.Name));
        }

        foreach (var constructor in type.InstanceConstructors.Where(static c => !c.IsImplicitlyDeclared))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax syntax)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentClassHasConstructor, syntax.Identifier.GetLocation(), type.Name));
                }
            }
        }
    }

    /// <summary>Whether <paramref name="type"/> is the runtime's <c>nn.Module</c> with one to three inputs.</summary>
    private static bool IsModule(INamedTypeSymbol? type) =>
        type is { Name: "Module", Arity: >= 2 and <= 4, ContainingType: { Name: "nn", ContainingType: { Name: "torch", ContainingType: null } torch } }
        && torch.ContainingNamespace.ToDisplayString() == "Attention.Runtime";

    /// <summary>
    /// Whether <paramref name="type"/> is a class of the user's that derives from <c>nn.Module&lt;…&gt;</c> with one to
    /// three inputs and has a constructor taking the module's name (one string), which the generated constructor calls:
    /// a base that holds the forward pass shared by several classes of components.
    /// </summary>
    private static bool IsNamedModuleBase(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Class)
        {
            return false;
        }

        var derives = false;
        for (var current = type.BaseType; current is not null && !derives; current = current.BaseType)
        {
            derives = IsModule(current);
        }

        return derives && type.InstanceConstructors.Any(static c =>
            c.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal or Accessibility.Internal
            && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String);
    }

    /// <summary>Whether <paramref name="type"/> is <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</summary>
    private static bool IsTensorModule(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 2 } named
        && IsModule(named)
        && named.TypeArguments.All(static t => t is { Name: "Tensor", ContainingType: { Name: "torch", ContainingType: null } torch }
            && torch.ContainingNamespace.ToDisplayString() == "Attention.Runtime");

    private static ComponentModel? ParseComponent(
        IPropertySymbol property,
        PropertyDeclarationSyntax syntax,
        List<(string Kind, AttributeArguments Arguments)> attributes,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion)
    {
        var count = diagnostics.Count;
        var name = property.Name;
        var (kind, a) = attributes[0];
        if (attributes.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralComponentAttributes, attributes[1].Arguments.Syntax.GetLocation(), name));
        }

        CheckProperty(property, syntax, diagnostics);

        // The runtime module of the kind; a mechanism may also be held as nn.Module<Tensor, Tensor>.
        var component = LayerSpecs.Find(kind)!.Component!;
        var moduleType = component.ModuleType ?? kind;
        var typeMatches = property.Type is INamedTypeSymbol { Arity: 0 } t && t.Name == moduleType && t.ContainingType is null
                && t.ContainingNamespace.ToDisplayString() == "Attention.Runtime.Modules"
            || (component.IsMechanism && IsTensorModule(property.Type));
        if (!typeMatches && property.Type.TypeKind != TypeKind.Error)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ComponentTypeMismatch, syntax.Type.GetLocation(), name, kind,
                component.IsMechanism ? moduleType + " or nn.Module<Tensor, Tensor>" : moduleType, property.Type.ToDisplayString()));
        }

        if (a.String("Name") is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidLayerArgument, a.NamedLocation("Name"), kind,
                "Name is not used on a component, which is registered under its property's name"));
        }

        // The size that [Network] would infer: required (and at least 1) unless the kind needs none.
        var size = 1;
        var sizeArgument = component.SizeArgument;
        var sizeGiven = sizeArgument is not null && HasNamed(a, sizeArgument);
        if (sizeArgument is not null)
        {
            size = a.Int(sizeArgument, 0);
            var optional = component.SizeIsOptional?.Invoke(a) == true;
            if (!sizeGiven && !optional)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentSizeMissing, a.Syntax.GetLocation(), name, kind, sizeArgument));
            }
            else if (sizeGiven && size < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidLayerArgument, a.NamedLocation(sizeArgument), kind,
                    string.Format(CultureInfo.InvariantCulture, "{0} is {1}, and must be at least 1", sizeArgument, size)));
            }

            if (!sizeGiven)
            {
                size = 1;
            }
        }

        if (diagnostics.Count > count)
        {
            return null;
        }

        // Resolve as a one-layer network over a per-sample shape that the component accepts.
        var resolved = LayerParser.Resolve(component.SampleShape(size, a), [(kind, a)], diagnostics, expansion, property.Name, null, component: true);
        if (resolved is null || resolved.Count != 1)
        {
            return null;
        }

        // A component has no input shape: the sample shape it was resolved against is not kept.
        var layer = resolved[0].Layer with { Name = name, InputShape = EquatableArray<int>.Empty, OutputShape = EquatableArray<int>.Empty };
        var modifiers = string.Join(" ", syntax.Modifiers.Select(static m => m.Text));
        return new ComponentModel(
            syntax.Identifier.Text,
            name,
            "_" + name,
            modifiers,
            IsTensorModule(property.Type) ? "nn.Module<Tensor, Tensor>" : moduleType,
            property.NullableAnnotation == NullableAnnotation.Annotated,
            layer);
    }

    private static void CheckProperty(IPropertySymbol property, PropertyDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problem = "must be declared partial; the generator implements it";
        }
        else if (property.IsStatic)
        {
            problem = "must not be static; components belong to each instance of the module";
        }
        else if (syntax.AccessorList is null
            || syntax.AccessorList.Accessors.Any(static x => !x.IsKind(SyntaxKind.GetAccessorDeclaration))
            || !syntax.AccessorList.Accessors.Any(static x => x.IsKind(SyntaxKind.GetAccessorDeclaration)))
        {
            problem = "must have a get accessor only, '{ get; }'; the component is set once, by the generated constructor";
        }
        else if (property.PartialImplementationPart is not null || property.PartialDefinitionPart is not null)
        {
            problem = "already has an implementation; the generator writes it";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidComponentProperty, syntax.Identifier.GetLocation(), property.Name, problem));
        }
    }

    /// <summary>ATTN0008 for a backing field name that a member of the class already uses.</summary>
    private static void CheckNames(INamedTypeSymbol type, List<ComponentModel> components, List<DiagnosticInfo> diagnostics)
    {
        var members = type.GetMembers().Where(static m => !m.IsImplicitlyDeclared).ToList();
        var generated = components.Select(static c => (c.Field, c.Layer.Name));
        foreach (var (member, reason) in generated)
        {
            if (members.FirstOrDefault(m => m.Name == member) is { } clash)
            {
                var location = clash.Locations.FirstOrDefault() ?? Location.None;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberNameClash, location, member, type.Name,
                    "a member of the class (the generator writes it for '" + reason + "')"));
            }
        }
    }

    private static bool HasNamed(AttributeArguments a, string name) => a.Has(name);
}
