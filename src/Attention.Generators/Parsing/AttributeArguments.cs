using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Parsing;

/// <summary>
/// Reads the bound arguments of one layer attribute, with the defaults of the attribute's
/// properties, and finds the syntax of each argument so that a diagnostic can point at it.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _data;

    public AttributeArguments(AttributeData data, AttributeSyntax syntax)
    {
        _data = data;
        Syntax = syntax;
    }

    /// <summary>Gets the attribute as written.</summary>
    public AttributeSyntax Syntax { get; }

    /// <summary>Gets whether every argument bound to a constant (otherwise the compiler reports an error).</summary>
    public bool IsValid =>
        _data.AttributeConstructor is not null
        && _data.ConstructorArguments.All(static a => a.Kind != TypedConstantKind.Error)
        && _data.NamedArguments.All(static a => a.Value.Kind != TypedConstantKind.Error);

    /// <summary>Gets the constructor argument at <paramref name="index"/> as an <see cref="int"/>.</summary>
    public int CtorInt(int index) =>
        index < _data.ConstructorArguments.Length && _data.ConstructorArguments[index].Value is int value ? value : 0;

    /// <summary>Gets the constructor argument at <paramref name="index"/> as a type (a <c>typeof</c>), or <see langword="null"/>.</summary>
    public ITypeSymbol? CtorType(int index) =>
        index < _data.ConstructorArguments.Length ? _data.ConstructorArguments[index].Value as ITypeSymbol : null;

    /// <summary>Gets the constructor argument at <paramref name="index"/> as a <see cref="double"/>, or <paramref name="fallback"/>.</summary>
    public double CtorDouble(int index, double fallback) =>
        index < _data.ConstructorArguments.Length ? ToDouble(_data.ConstructorArguments[index].Value, fallback) : fallback;

    /// <summary>Gets the named argument <paramref name="name"/> as an <see cref="int"/> (enums as their value), or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) => Find(name) is { Value: int value } ? value : fallback;

    /// <summary>Gets the named argument <paramref name="name"/> as a <see cref="double"/>, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback) => Find(name) is { } constant ? ToDouble(constant.Value, fallback) : fallback;

    /// <summary>Gets the named argument <paramref name="name"/> as a <see cref="bool"/>, or <paramref name="fallback"/>.</summary>
    public bool Bool(string name, bool fallback) => Find(name) is { Value: bool value } ? value : fallback;

    /// <summary>Gets the named argument <paramref name="name"/> as a string, or <see langword="null"/>.</summary>
    public string? String(string name) => Find(name)?.Value as string;

    /// <summary>Whether the named argument <paramref name="name"/> is written.</summary>
    public bool Has(string name) =>
        Syntax.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == name) == true;

    /// <summary>Where the named argument <paramref name="name"/> is written; the attribute when it is not.</summary>
    public Location NamedLocation(string name) =>
        Syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation()
        ?? Syntax.GetLocation();

    /// <summary>Where the constructor argument at <paramref name="index"/> is written; the attribute when it is not.</summary>
    public Location CtorLocation(int index)
    {
        var positional = Syntax.ArgumentList?.Arguments.Where(static a => a.NameEquals is null).ToList();
        return positional is not null && index < positional.Count ? positional[index].GetLocation() : Syntax.GetLocation();
    }

    /// <summary>
    /// The first argument given as a floating-point number that is not finite (NaN or an infinity), with where it is
    /// written and how it reads (the property's name, or <c>argument N</c>); <see langword="null"/> when there is none.
    /// </summary>
    public (Location Location, string Argument, double Value)? NonFinite()
    {
        for (var i = 0; i < _data.ConstructorArguments.Length; i++)
        {
            if (_data.ConstructorArguments[i].Value is double or float && ToDouble(_data.ConstructorArguments[i].Value, 0) is var value && !IsFinite(value))
            {
                return (CtorLocation(i), "argument " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), value);
            }
        }

        foreach (var argument in _data.NamedArguments)
        {
            if (argument.Value.Value is double or float && ToDouble(argument.Value.Value, 0) is var value && !IsFinite(value))
            {
                return (NamedLocation(argument.Key), argument.Key, value);
            }
        }

        return null;
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>Gets the declaration that the attribute is applied to.</summary>
    public SyntaxNode? Declaration => Syntax.Parent?.Parent;

    /// <summary>Reads the syntax of <paramref name="data"/>; <see langword="null"/> when it has none.</summary>
    public static AttributeArguments? Create(AttributeData data, CancellationToken cancellationToken) =>
        data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax
            ? new AttributeArguments(data, syntax)
            : null;

    private TypedConstant? Find(string name)
    {
        foreach (var argument in _data.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static double ToDouble(object? value, double fallback) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => fallback,
    };

    /// <inheritdoc/>
    public override string ToString() => Syntax.ToString() ?? string.Empty;
}
