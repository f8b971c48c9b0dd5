using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Dsl;
using Attention.Generators.Emit;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;
using Attention.Shared;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The registry of layer specs against the attributes users write, and the size expressions that
/// blocks are generated from.
/// </summary>
public sealed class LayerSpecTests
{
    private static readonly Type[] LayerAttributes =
        [.. typeof(LayerAttribute).Assembly.GetTypes().Where(static t => !t.IsAbstract && typeof(LayerAttribute).IsAssignableFrom(t))];

    [Fact]
    public void Every_layer_attribute_has_a_spec_and_every_spec_an_attribute()
    {
        var attributeKinds = LayerAttributes.Select(static t => t.Name.Substring(0, t.Name.Length - "Attribute".Length)).OrderBy(static k => k, StringComparer.Ordinal);
        var specKinds = LayerSpecs.All.Select(static s => s.Kind).OrderBy(static k => k, StringComparer.Ordinal);
        Assert.Equal(attributeKinds, specKinds);
        Assert.All(LayerSpecs.All, static spec => Assert.NotNull(typeof(LayerAttribute).Assembly.GetType(spec.AttributeMetadataName)));
    }

    [Fact]
    public void Exactly_the_component_kinds_may_stand_on_properties_and_their_size_argument_exists()
    {
        foreach (var type in LayerAttributes)
        {
            var spec = LayerSpecs.Find(type.Name.Substring(0, type.Name.Length - "Attribute".Length))!;
            var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(type, typeof(AttributeUsageAttribute))!;
            Assert.True(
                usage.ValidOn.HasFlag(AttributeTargets.Property) == spec.Component is not null,
                spec.Kind + ": AttributeTargets.Property and ComponentSpec must agree");
            if (spec.Component?.SizeArgument is { } size)
            {
                Assert.NotNull(type.GetProperty(size));
            }
        }
    }

    [Fact]
    public void Short_names_are_identifiers_so_that_default_field_names_compile()
    {
        Assert.All(LayerSpecs.All, static spec => Assert.True(
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(spec.ShortName + "1"), spec.ShortName));
    }

    [Fact]
    public void A_model_of_an_unknown_kind_is_an_error_not_a_fall_through()
    {
        var model = new NetworkModel("Net.g.cs", null, EquatableArray<ContainingTypeModel>.Empty, "Net", "public",
            new[] { 4 }.ToEquatableArray(), false, EquatableArray<int>.Empty, EquatableArray<string>.Empty, new LayerModel[] { new UnknownLayer("x1", "Mystery", new[] { 4 }.ToEquatableArray(), new[] { 4 }.ToEquatableArray(), 0) }.ToEquatableArray());

        var exception = Assert.Throws<InvalidOperationException>(() => NetworkEmitter.Emit(model));
        Assert.Contains("Mystery", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "4 * width")]
    [InlineData(1, "width")]
    public void Products_fold_a_factor_of_one(long factor, string expected) =>
        Assert.Equal(expected, (SizeExpression.Of(factor) * Width).ToCSharp());

    [Fact]
    public void Expressions_are_written_with_the_parentheses_that_keep_their_meaning()
    {
        var quarter = SizeExpression.Of(4) * Width / SizeExpression.Of(16);
        Assert.Equal("4 * width / 16", quarter.ToCSharp());
        Assert.Equal("2 * (width / 4)", (SizeExpression.Of(2) * (Width / SizeExpression.Of(4))).ToCSharp());
        Assert.Equal("width / (2 * stride)", (Width / (SizeExpression.Of(2) * SizeExpression.Parameter(SizeExpression.Stride))).ToCSharp());
    }

    [Fact]
    public void Substituting_constants_folds_to_the_value_the_generator_computed()
    {
        var reduced = (SizeExpression.Of(4) * Width) / SizeExpression.Of(16);
        var arguments = new Dictionary<string, SizeExpression> { [SizeExpression.Width] = SizeExpression.Of(64) };
        Assert.Equal(SizeExpression.Of(16), reduced.Substitute(arguments));

        // Into another block's parameters: still an expression, over the outer block's.
        var outer = new Dictionary<string, SizeExpression> { [SizeExpression.Width] = SizeExpression.Of(2) * Width };
        Assert.Equal("4 * (2 * width) / 16", reduced.Substitute(outer).ToCSharp());
    }

    [Theory]
    [InlineData(64, 4, 8, 16)]
    [InlineData(32, 16, 8, 8)]
    [InlineData(72, 4, 8, 24)]
    [InlineData(100, 4, 8, 24)]
    public void Size_rules_fold_to_the_shared_rule(int channels, int reduction, int divisor, int expected)
    {
        var rule = RuleSize.Apply(SizeRule.MakeDivisible, SizeExpression.Parameter(SizeExpression.InChannels), SizeExpression.Of(reduction), SizeExpression.Of(divisor));
        Assert.Equal("SqueezeExcite.make_divisible((double)in_channels / " + reduction + ", " + divisor + ")", rule.ToCSharp());
        var folded = rule.Substitute(new Dictionary<string, SizeExpression> { [SizeExpression.InChannels] = SizeExpression.Of(channels) });
        Assert.Equal(SizeExpression.Of(expected), folded);
        Assert.Equal(expected, ChannelRules.MakeDivisible((double)channels / reduction, divisor));
    }

    [Theory]
    [InlineData(64, 3)]
    [InlineData(128, 5)]
    [InlineData(256, 5)]
    [InlineData(512, 5)]
    [InlineData(2048, 7)]
    public void Eca_kernels_follow_the_papers_code(int channels, int expected) =>
        Assert.Equal(SizeExpression.Of(expected), RuleSize.Apply(SizeRule.EcaKernel, SizeExpression.Of(channels), SizeExpression.Of(2), SizeExpression.Of(1)));

    [Theory]
    [InlineData(64, 16, false, 4)]
    [InlineData(40, 16, false, 2)]
    [InlineData(40, 16, true, 3)]
    [InlineData(24, 16, true, 2)]
    [InlineData(8, 16, true, 1)]
    public void Reduced_widths_round_down_or_to_the_nearest(int channels, int reduction, bool nearest, int expected) =>
        Assert.Equal(expected, ChannelRules.ReducedWidth(channels, reduction, nearest));

    private static SizeExpression Width => SizeExpression.Parameter(SizeExpression.Width);

    private sealed record UnknownLayer(string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters)
        : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);
}
