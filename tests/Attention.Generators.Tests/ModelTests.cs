using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Layers.Specs;
using Attention.Generators.Model;
using Attention.Generators.Tests.Infrastructure;
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
    public void TheSameSourceInTwoCompilationsGivesEqualResults()
    {
        // What the incremental driver compares across edits: a result parsed anew must equal the
        // old one, element by element, whenever the source says the same. Records whose members
        // held arrays, lists or symbols would compare by reference here and fail.
        var first = Result(GeneratedNetworkTests.NestedBlocks);
        var second = Result(GeneratedNetworkTests.NestedBlocks);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.True(first.Blocks.Count > 0 && first.Model!.Layers.Count > 0);

        // One number changed in one block: the results differ, and so does the block's model.
        var edited = Result(GeneratedNetworkTests.NestedBlocks.Replace("SqueezeExcite(Reduction = 4", "SqueezeExcite(Reduction = 2", StringComparison.Ordinal));
        Assert.NotEqual(first, edited);
    }

    [Fact]
    public void TheSameComponentClassInTwoCompilationsGivesEqualResults()
    {
        const string source = """
            using Attention.Dsl;
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;

            /// <summary>A module.</summary>
            public partial class M : nn.Module<Tensor, Tensor>
            {
                [Cbam(Channels = 16, Reduction = 4)] private partial Cbam attend { get; }
                [Linear(4, InFeatures = 16)] private partial Linear fc { get; }

                /// <summary>Runs.</summary>
                /// <param name="input">The batch.</param>
                /// <returns>The result.</returns>
                public override Tensor forward(Tensor input) => fc.call(attend.call(input));
            }
            """;
        var first = ComponentResultOf(source);
        var second = ComponentResultOf(source);
        Assert.NotNull(first.Model);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, ComponentResultOf(source.Replace("Reduction = 4", "Reduction = 8", StringComparison.Ordinal)));
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
            false,
            EquatableArray<int>.Empty,
            EquatableArray<string>.Empty,
            new LayerModel[]
            {
                new LinearLayer("fc1", "Linear", new[] { 4 }.ToEquatableArray(), new[] { 2 }.ToEquatableArray(), 10, SizeExpression.Of(4), SizeExpression.Of(2), true),
            }.ToEquatableArray());

        Assert.Equal(Create(), Create());
        Assert.Equal(Create().GetHashCode(), Create().GetHashCode());
        Assert.NotEqual(Create(), Create() with { InputShape = new[] { 1, 28, 29 }.ToEquatableArray() });
        Assert.NotEqual(Create(), Create() with { Layers = EquatableArray<LayerModel>.Empty });
        Assert.NotEqual(Create(), Create() with { PaddingMask = true });
        Assert.NotEqual(Create(), Create() with { Shadowed = new[] { "Linear" }.ToEquatableArray() });
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

        // Arrays, lists, sets and dictionaries compare by reference: a model holding one never
        // equals its re-parse, and every edit would re-emit. EquatableArray<T> is the one collection.
        Assert.False(type.IsArray, $"{path} is an array ({type}); use EquatableArray<T>");
        var isEquatableArray = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>);
        Assert.True(isEquatableArray || !typeof(System.Collections.IEnumerable).IsAssignableFrom(type), $"{path} is a collection ({type}); use EquatableArray<T>");
        Assert.False(typeof(Delegate).IsAssignableFrom(type), $"{path} is a delegate ({type}), which compares by reference");
        Assert.False(type == typeof(object) || type.IsInterface, $"{path} is typed {type}, which could hold anything");

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, $"{path}<{argument.Name}>", visited);
        }

        // An abstract member holds its concrete types at run time: walk each of them.
        if (type.IsAbstract)
        {
            foreach (var concrete in type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)))
            {
                Walk(concrete, path + "(" + concrete.Name + ")", visited);
            }
        }

        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        foreach (var field in fields.Where(static f => !f.IsStatic))
        {
            // EquatableArray<T> wraps a private T[]: its equality is element-wise by construction.
            if (isEquatableArray && field.FieldType.IsArray)
            {
                continue;
            }

            Walk(field.FieldType, path + "." + field.Name, visited);
        }
    }

    private static NetworkResult Result(string source) => (NetworkResult)TrackedValue(GeneratorHarness.CreateDriver(), source, TrackingNames.NetworkResults);

    private static ComponentResult ComponentResultOf(string source) =>
        (ComponentResult)TrackedValue(GeneratorHarness.CreateDriver(new ComponentGenerator()), source, TrackingNames.ComponentResults, static v => ((ComponentResult)v).Model is not null);

    private static object TrackedValue(GeneratorDriver driver, string source, string step, Func<object, bool>? where = null)
    {
        var run = driver.RunGenerators(GeneratorHarness.CreateCompilation(source)).GetRunResult().Results.Single();
        return run.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Value).First(v => where?.Invoke(v) ?? true);
    }
}
