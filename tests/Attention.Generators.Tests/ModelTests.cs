using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Layers.Specs;
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
        Walk(typeof(BlockResult), "BlockResult", visited);

        // Layers are held through their abstract base; walk every concrete layer type as well.
        foreach (var layer in LayerTypes)
        {
            Walk(layer, layer.Name, visited);
        }

        // The walk reached every model type, so the check above covered them.
        Assert.Contains(typeof(NetworkModel), visited);
        Assert.Contains(typeof(ContainingTypeModel), visited);
        Assert.Contains(typeof(DiagnosticInfo), visited);
        Assert.Contains(typeof(LayerModel), visited);
        Assert.Contains(typeof(BlockModel), visited);
        Assert.Contains(typeof(SizeExpression), visited);
        Assert.Contains(typeof(RepetitionModel), visited);
        Assert.True(LayerTypes.Count >= 13, "every layer kind has a model type");
    }

    [Fact]
    public void ComponentModelGraphHoldsNoCompilerObjects()
    {
        var visited = new HashSet<Type>();
        Walk(typeof(ComponentResult), "ComponentResult", visited);

        Assert.Contains(typeof(ComponentClassModel), visited);
        Assert.Contains(typeof(ComponentModel), visited);
        Assert.Contains(typeof(ContainingTypeModel), visited);
        Assert.Contains(typeof(DiagnosticInfo), visited);
        Assert.Contains(typeof(LayerModel), visited);
    }

    [Fact]
    public void LayerModelsAreEquatableByValue()
    {
        Assert.All(LayerTypes, static type => Assert.Contains(typeof(IEquatable<LayerModel>), type.GetInterfaces()));
    }

    [Theory]
    [InlineData(typeof(NetworkResult))]
    [InlineData(typeof(NetworkModel))]
    [InlineData(typeof(ContainingTypeModel))]
    [InlineData(typeof(BlockModel))]
    [InlineData(typeof(BlockResult))]
    [InlineData(typeof(SizeExpression))]
    [InlineData(typeof(BlockPlan))]
    [InlineData(typeof(RepetitionModel))]
    [InlineData(typeof(DiagnosticInfo))]
    [InlineData(typeof(EquatableArray<int>))]
    [InlineData(typeof(ComponentResult))]
    [InlineData(typeof(ComponentClassModel))]
    [InlineData(typeof(ComponentModel))]
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
            new[] { 1, 28, 28 }.ToEquatableArray(),
            new LayerModel[]
            {
                new LinearLayer("fc1", "Linear", new[] { 4 }.ToEquatableArray(), new[] { 2 }.ToEquatableArray(), 10, SizeExpression.Of(4), SizeExpression.Of(2), true),
            }.ToEquatableArray());

        Assert.Equal(Create(), Create());
        Assert.Equal(Create().GetHashCode(), Create().GetHashCode());
        Assert.NotEqual(Create(), Create() with { InputShape = new[] { 1, 28, 29 }.ToEquatableArray() });
        Assert.NotEqual(Create(), Create() with { Layers = EquatableArray<LayerModel>.Empty });
    }

    private static readonly IReadOnlyList<Type> LayerTypes =
        [.. typeof(LayerModel).Assembly.GetTypes().Where(static t => !t.IsAbstract && typeof(LayerModel).IsAssignableFrom(t))];

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
