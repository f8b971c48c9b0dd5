using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Layers;

/// <summary>
/// What a <see cref="LayerSpec"/> resolves one layer attribute against: its arguments, the incoming
/// per-sample shape (with the channels as generated code computes them), the block use it sits in,
/// and the checks that turn a bad argument or shape into a diagnostic on the attribute.
/// </summary>
internal sealed class LayerContext
{
    private readonly List<DiagnosticInfo> _diagnostics;

    /// <summary>Gets the diagnostics of the parse, for layers that resolve others (block uses).</summary>
    internal List<DiagnosticInfo> Diagnostics => _diagnostics;

    internal LayerContext(
        string kind,
        string name,
        AttributeArguments arguments,
        int[] shape,
        Dim channels,
        BlockUse? use,
        LayerParser parser,
        List<DiagnosticInfo> diagnostics)
    {
        Kind = kind;
        Name = name;
        Arguments = arguments;
        Shape = shape;
        Channels = channels;
        Use = use;
        Parser = parser;
        _diagnostics = diagnostics;
        NextChannels = channels;
    }

    /// <summary>Gets the layer kind, such as <c>Conv2d</c>.</summary>
    public string Kind { get; }

    /// <summary>Gets the layer's field and state-dict name.</summary>
    public string Name { get; }

    /// <summary>Gets the attribute's arguments.</summary>
    public AttributeArguments Arguments { get; }

    /// <summary>Gets the per-sample input shape.</summary>
    public int[] Shape { get; }

    /// <summary>Gets the per-sample input shape as a model keeps it.</summary>
    public EquatableArray<int> Input => Shape.ToEquatableArray();

    /// <summary>Gets the input's first dimension (channels or features) with the expression generated code uses for it.</summary>
    public Dim Channels { get; }

    /// <summary>Gets the input's last dimension: <see cref="Channels"/> for a one-dimensional sample, else a literal.</summary>
    public Dim LastDimension => Shape.Length == 1 ? Channels : Dim.Of(Shape[Shape.Length - 1]);

    /// <summary>
    /// Gets or sets the output's first dimension as generated code computes it; unchanged by default,
    /// so a spec whose output changes the first dimension sets it.
    /// </summary>
    public Dim NextChannels { get; set; }

    /// <summary>Gets the width and stride of the block use being expanded, or <see langword="null"/> in a network.</summary>
    public BlockUse? Use { get; }

    /// <summary>
    /// Gets whether the layer is a component on a property of a hand-written module, whose forward the user writes
    /// (a cross-attention component may then take a second input), rather than a step of a network or block.
    /// </summary>
    public bool IsComponent => Parser.ForComponent;

    /// <summary>Gets the per-sample shape of the network's second input (<c>[SecondInput]</c>), or <see langword="null"/> when there is none.</summary>
    public int[]? SecondInput => Parser.SecondInput;

    /// <summary>
    /// ATTN0005 on <paramref name="argument"/> unless the network has a second input of sequences <c>[S, features]</c> for
    /// the layer's keys, and on <c>KeyFeatures</c> unless it is left to that input (<paramref name="keyFeatures"/> 0).
    /// </summary>
    public bool RequireSecondInputSequence(string argument, int keyFeatures) =>
        Check(!IsComponent && SecondInput is { Length: 2 }, argument,
            "{0} takes the keys from the network's second input, which must be declared with [SecondInput(S, features)] as sequences; it is {1}",
            argument, IsComponent ? "a component, whose forward you write" : SecondInput is null ? "missing" : Shapes.Format(SecondInput))
        && Check(keyFeatures == 0, "KeyFeatures", "KeyFeatures is {0}, but the keys come from the second input", keyFeatures);

    /// <summary>Gets the parser, for layers that expand blocks.</summary>
    internal LayerParser Parser { get; }

    /// <summary>Gets the number of diagnostics reported so far, to tell whether a step reported one.</summary>
    public int DiagnosticCount => _diagnostics.Count;

    /// <summary>Reports <paramref name="diagnostic"/> as it is (a problem of the use itself, not of a layer in a block).</summary>
    public void Report(DiagnosticInfo diagnostic) => _diagnostics.Add(diagnostic);

    /// <summary>ATTN0005 on the named argument <paramref name="argument"/> unless <paramref name="condition"/> holds.</summary>
    public bool Check(bool condition, string argument, string format, params object[] args) =>
        Check(condition, Arguments.NamedLocation(argument), format, args);

    /// <summary>ATTN0005 on the constructor argument at <paramref name="index"/> unless <paramref name="condition"/> holds.</summary>
    public bool CheckPositional(bool condition, int index, string format, params object[] args) =>
        Check(condition, Arguments.CtorLocation(index), format, args);

    /// <summary>ATTN0005 at <paramref name="location"/> unless <paramref name="condition"/> holds.</summary>
    public bool Check(bool condition, Location location, string format, params object[] args)
    {
        if (!condition)
        {
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidLayerArgument, location, Kind, InUse(string.Format(CultureInfo.InvariantCulture, format, args))));
        }

        return condition;
    }

    /// <summary>
    /// ATTN0006 on the attribute: the layer cannot take the input shape, for <paramref name="reason"/>;
    /// <paramref name="insertable"/> names layers that, inserted before this one, certainly resolve it (the code fix offers them).
    /// </summary>
    public void Mismatch(string reason, params string[] insertable) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, Arguments.Syntax.GetLocation(), Kind, Shapes.Format(Shape), InUse(reason))
            with { Insertable = string.Join(";", insertable) });

    /// <summary>ATTN0006 unless the input has one of <paramref name="ranks"/> per-sample dimensions.</summary>
    public bool RequireRank(string expected, params int[] ranks)
    {
        if (ranks.Contains(Shape.Length))
        {
            return true;
        }

        Mismatch(Kind + " takes " + expected);
        return false;
    }

    /// <summary>Gets whether the input's length (its first dimension) is left open.</summary>
    public bool LengthIsOpen => Shape.Length > 0 && Shape[0] == Shapes.Open;

    /// <summary>
    /// ATTN0019 on <paramref name="argument"/> (the attribute when <see langword="null"/>) when the input's length
    /// is left open, for <paramref name="why"/>; whether the length is fixed.
    /// </summary>
    public bool RequireFixedLength(string? argument, string why)
    {
        if (!Shapes.HasOpen(Shape))
        {
            return true;
        }

        var location = argument is null ? Arguments.Syntax.GetLocation() : Arguments.NamedLocation(argument);
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LengthLeftOpen, location, Kind, InUse(why), Shapes.Format(Shape)));
        return false;
    }

    /// <summary>ATTN0005 unless <paramref name="kernel"/>, the value of <paramref name="argument"/>, is odd and at least 1.</summary>
    public bool RequireOddKernel(string argument, int kernel) =>
        Check(kernel >= 1 && kernel % 2 == 1, argument, "{1} is {0}, and must be odd and at least 1, so that the output keeps the input's size", kernel, argument);

    /// <summary>A size given as the constructor argument at <paramref name="index"/>, which may be <c>k * Block.Width</c> in a block.</summary>
    public Dim? PositionalSize(int index, string argument) => Size(Arguments.CtorInt(index), Arguments.CtorLocation(index), argument);

    /// <summary>A size given as the named argument <paramref name="argument"/>, which may be <c>k * Block.Width</c> in a block.</summary>
    public Dim? NamedSize(string argument, int fallback) => Size(Arguments.Int(argument, fallback), Arguments.NamedLocation(argument), argument);

    /// <summary>A stride given as the named argument <paramref name="argument"/>, which may be <c>Block.Stride</c> in a block.</summary>
    public Dim? NamedStride(string argument, int fallback)
    {
        var raw = Arguments.Int(argument, fallback);
        var location = Arguments.NamedLocation(argument);
        if (raw == KnownNames.StrideSentinel)
        {
            if (Use is null)
            {
                Sentinel(location, "Block.Stride", "is valid only in the layers of a [Block] class");
                return null;
            }

            return new Dim(Use.Stride, SizeExpression.Parameter(SizeExpression.Stride));
        }

        if (raw < 0 && raw % KnownNames.WidthSentinel == 0)
        {
            Sentinel(location, WidthText(raw / KnownNames.WidthSentinel) + " as " + argument, "stands for a size; use Block.Stride for strides");
            return null;
        }

        return Dim.Of(raw);
    }

    private Dim? Size(int raw, Location location, string argument)
    {
        if (raw == KnownNames.StrideSentinel)
        {
            Sentinel(location, "Block.Stride as " + argument, "stands for a stride; use Block.Width for sizes");
            return null;
        }

        if (raw >= 0 || raw % KnownNames.WidthSentinel != 0)
        {
            return Dim.Of(raw);
        }

        var factor = raw / KnownNames.WidthSentinel;
        if (Use is null)
        {
            Sentinel(location, WidthText(factor), "is valid only in the layers of a [Block] class");
            return null;
        }

        var value = (int)System.Math.Min(int.MaxValue, (long)factor * Use.Width);
        return new Dim(value, SizeExpression.Of(factor) * SizeExpression.Parameter(SizeExpression.Width));
    }

    private static string WidthText(int factor) =>
        factor == 1 ? "Block.Width" : factor.ToString(CultureInfo.InvariantCulture) + " * Block.Width";

    private void Sentinel(Location location, string what, string why) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SentinelOutsideBlock, location, Kind, what, InUse(why)));

    /// <summary>The message with the use that brought the block in, so that a problem inside a block names its cause.</summary>
    private string InUse(string message) => Use?.Description is { } description ? message + " (" + description + ")" : message;
}
