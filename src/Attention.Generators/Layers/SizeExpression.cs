using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Shared;

namespace Attention.Generators.Layers;

/// <summary>
/// A size as generated code computes it: a constant in a network; inside a <c>[Block]</c>, an
/// expression over the block constructor's parameters (<c>in_channels</c>, <c>width</c>,
/// <c>stride</c>), such as <c>4 * width</c> or <c>Eca.adaptive_kernel_size(width)</c>. Equatable
/// data, so that two uses of a block that need the same code have equal models.
/// </summary>
internal abstract record SizeExpression
{
    /// <summary>The block constructor parameter for the channels of the block's input.</summary>
    public const string InChannels = "in_channels";

    /// <summary>The block constructor parameter for the use's <c>Width</c>.</summary>
    public const string Width = "width";

    /// <summary>The block constructor parameter for the use's <c>Stride</c>.</summary>
    public const string Stride = "stride";

    /// <summary>A constant size.</summary>
    public static SizeExpression Of(long value) => new ConstantSize(value);

    /// <summary>A block constructor parameter.</summary>
    public static SizeExpression Parameter(string name) => new ParameterSize(name);

    /// <summary>The value when the expression is a constant, otherwise <see langword="null"/>.</summary>
    public long? Constant => this is ConstantSize constant ? constant.Value : null;

    /// <summary>Gets the binding strength in C#: 3 for atoms and calls, 2 for products and quotients.</summary>
    protected abstract int Precedence { get; }

    /// <summary>The expression as C# source; <paramref name="used"/> collects the aliases it names.</summary>
    public abstract string ToCSharp(HashSet<string>? used = null);

    /// <summary>
    /// Replaces block parameters by the expressions in <paramref name="arguments"/> (a use of a block
    /// inside another block, or in a network), folding what becomes constant.
    /// </summary>
    public abstract SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments);

    /// <summary><paramref name="left"/> times <paramref name="right"/>, folded when both are constants.</summary>
    public static SizeExpression operator *(SizeExpression left, SizeExpression right) =>
        left.Constant is { } a && right.Constant is { } b ? Of(a * b)
        : left.Constant == 1 ? right
        : right.Constant == 1 ? left
        : new ProductSize(left, right);

    /// <summary><paramref name="left"/> divided by <paramref name="right"/> (integer division), folded when both are constants.</summary>
    public static SizeExpression operator /(SizeExpression left, SizeExpression right) =>
        left.Constant is { } a && right.Constant is { } b && b != 0 ? Of(a / b)
        : right.Constant == 1 ? left
        : new QuotientSize(left, right);

    /// <summary>The C# of <paramref name="operand"/>, parenthesised when it binds less tightly than <paramref name="precedence"/> requires.</summary>
    protected static string Operand(SizeExpression operand, int precedence, HashSet<string>? used)
    {
        var text = operand.ToCSharp(used);
        return operand.Precedence < precedence ? "(" + text + ")" : text;
    }

    /// <inheritdoc/>
    public sealed override string ToString() => ToCSharp();
}

/// <summary>A constant size.</summary>
internal sealed record ConstantSize(long Value) : SizeExpression
{
    /// <inheritdoc/>
    protected override int Precedence => 3;

    /// <inheritdoc/>
    public override string ToCSharp(HashSet<string>? used = null) => IndentedWriter.Literal(Value);

    /// <inheritdoc/>
    public override SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments) => this;
}

/// <summary>A parameter of the block constructor: <c>in_channels</c>, <c>width</c> or <c>stride</c>.</summary>
internal sealed record ParameterSize(string Name) : SizeExpression
{
    /// <inheritdoc/>
    protected override int Precedence => 3;

    /// <inheritdoc/>
    public override string ToCSharp(HashSet<string>? used = null) => Name;

    /// <inheritdoc/>
    public override SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments) =>
        arguments.TryGetValue(Name, out var value) ? value : this;
}

/// <summary>A product of two sizes.</summary>
internal sealed record ProductSize(SizeExpression Left, SizeExpression Right) : SizeExpression
{
    /// <inheritdoc/>
    protected override int Precedence => 2;

    /// <inheritdoc/>
    public override string ToCSharp(HashSet<string>? used = null) => Operand(Left, 2, used) + " * " + Operand(Right, 3, used);

    /// <inheritdoc/>
    public override SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments) =>
        Left.Substitute(arguments) * Right.Substitute(arguments);
}

/// <summary>An integer quotient of two sizes.</summary>
internal sealed record QuotientSize(SizeExpression Left, SizeExpression Right) : SizeExpression
{
    /// <inheritdoc/>
    protected override int Precedence => 2;

    /// <inheritdoc/>
    public override string ToCSharp(HashSet<string>? used = null) => Operand(Left, 2, used) + " / " + Operand(Right, 3, used);

    /// <inheritdoc/>
    public override SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments) =>
        Left.Substitute(arguments) / Right.Substitute(arguments);
}

/// <summary>The size rules of <see cref="ChannelRules"/>, which the runtime exposes for generated code.</summary>
internal enum SizeRule
{
    /// <summary><c>make_divisible(channels / reduction, divisor)</c>: arguments channels, reduction, divisor.</summary>
    MakeDivisible,

    /// <summary>ECA's adaptive kernel: arguments channels, gamma, beta.</summary>
    EcaKernel,

    /// <summary><c>channels / reduction</c> rounded to the nearest, at least 1: arguments channels, reduction.</summary>
    RoundedReduction,
}

/// <summary>A size computed by a rule of <see cref="ChannelRules"/> from other sizes.</summary>
internal sealed record RuleSize(SizeRule Rule, EquatableArray<SizeExpression> Arguments) : SizeExpression
{
    /// <summary>The rule applied to <paramref name="arguments"/>, computed now when they are all constants.</summary>
    public static SizeExpression Apply(SizeRule rule, params SizeExpression[] arguments)
    {
        if (arguments.All(static a => a.Constant is not null))
        {
            var v = arguments.Select(static a => (int)a.Constant!.Value).ToArray();
            return Of(rule switch
            {
                SizeRule.MakeDivisible => ChannelRules.MakeDivisible((double)v[0] / v[1], v[2]),
                SizeRule.EcaKernel => ChannelRules.EcaKernel(v[0], v[1], v[2]),
                _ => ChannelRules.ReducedWidth(v[0], v[1], roundToNearest: true),
            });
        }

        return new RuleSize(rule, arguments.ToEquatableArray());
    }

    /// <inheritdoc/>
    protected override int Precedence => 3;

    /// <inheritdoc/>
    public override string ToCSharp(HashSet<string>? used = null)
    {
        string Argument(int i) => Arguments[i].ToCSharp(used);
        switch (Rule)
        {
            case SizeRule.MakeDivisible:
                used?.Add("SqueezeExcite");
                return "SqueezeExcite.make_divisible((double)" + Operand(Arguments[0], 3, used) + " / " + Operand(Arguments[1], 3, used) + ", " + Argument(2) + ")";
            case SizeRule.EcaKernel:
                used?.Add("Eca");
                return "Eca.adaptive_kernel_size(" + Argument(0) + ", " + Argument(1) + ", " + Argument(2) + ")";
            default:
                used?.Add("ChannelAttention");
                return "ChannelAttention.reduced_width(" + Argument(0) + ", " + Argument(1) + ", round_to_nearest: true)";
        }
    }

    /// <inheritdoc/>
    public override SizeExpression Substitute(IReadOnlyDictionary<string, SizeExpression> arguments) =>
        Apply(Rule, Arguments.Select(a => a.Substitute(arguments)).ToArray());
}

/// <summary>
/// One size as the parser follows it: its value for the use being resolved, and how generated code
/// computes it.
/// </summary>
/// <param name="Value">The value for this use.</param>
/// <param name="Expression">The expression generated code writes (a constant outside blocks).</param>
internal readonly record struct Dim(int Value, SizeExpression Expression)
{
    /// <summary>A size that generated code writes as a literal.</summary>
    public static Dim Of(int value) => new(value, SizeExpression.Of(value));
}
