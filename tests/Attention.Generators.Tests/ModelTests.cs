using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The pipeline models must be plain equatable data: anything that holds a symbol, syntax, a
/// location or a compilation would keep old compilations alive and break caching.
/// </summary>
public sealed class ModelTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SyntaxToken),
        typeof(Location),
        typeof(Compilation),
        typeof(SemanticModel),
        typeof(AttributeData),
        typeof(Diagnostic),
    ];

    [Fact]
    public void ModelGraphHoldsNoCompilerObjects()
    {
        var visited = new HashSet<Type>();
        Walk(typeof(NetworkResult), "NetworkResult", visited);

        // The walk reached every model type, so the check above covered them.
        Assert.Contains(typeof(NetworkModel), visited);
        Assert.Contains(typeof(ContainingTypeModel), visited);
        Assert.Contains(typeof(DiagnosticInfo), visited);
    }

    [Theory]
    [InlineData(typeof(NetworkResult))]
    [InlineData(typeof(NetworkModel))]
    [InlineData(typeof(ContainingTypeModel))]
    [InlineData(typeof(DiagnosticInfo))]
    [InlineData(typeof(EquatableArray<int>))]
    public void ModelTypesAreEquatable(Type type)
    {
        Assert.Contains(typeof(IEquatable<>).MakeGenericType(type), type.GetInterfaces());
    }

    [Fact]
    public void EqualContentMeansEqualModels()
    {
        static NetworkModel Create() => new(
            "Models.Net.g.cs",
            "Models",
            new[] { new ContainingTypeModel("class", "Outer") }.ToEquatableArray(),
            "Net",
            "public",
            new[] { 1, 28, 28 }.ToEquatableArray());

        Assert.Equal(Create(), Create());
        Assert.Equal(Create().GetHashCode(), Create().GetHashCode());
        Assert.NotEqual(Create(), Create() with { InputShape = new[] { 1, 28, 29 }.ToEquatableArray() });
    }

    private static void Walk(Type type, string path, HashSet<Type> visited)
    {
        foreach (var forbidden in Forbidden)
        {
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} is a {type}, which is a {forbidden.Name}");
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !visited.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", visited);
            return;
        }

        Assert.False(type == typeof(object) || type.IsInterface, $"{path} is typed {type}, which could hold anything");

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, $"{path}<{argument.Name}>", visited);
        }

        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        foreach (var field in fields.Where(static f => !f.IsStatic))
        {
            Walk(field.FieldType, path + "." + field.Name, visited);
        }
    }
}
