using System.Collections.Generic;
using System.Globalization;
using Attention.Dsl;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A <c>Conv1d</c> (<paramref name="Dimensions"/> 1) or <c>Conv2d</c> (2).</summary>
internal sealed record ConvLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, SizeExpression InChannels, SizeExpression OutChannels, int Kernel, SizeExpression Stride, int Padding, bool SamePadding,
    int Dilation, SizeExpression Groups, bool Bias, PaddingMode PaddingMode)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[Conv1d(outChannels)]</c> and <c>[Conv2d(outChannels)]</c>: <c>Kernel = 3</c>, <c>Stride = 1</c>,
/// <c>Padding = 0</c>, <c>SamePadding = false</c>, <c>Dilation = 1</c>, <c>Groups = 1</c>, <c>Bias = true</c>,
/// <c>PaddingMode = Zeros</c>; output sizes by PyTorch's formula.
/// </summary>
internal sealed class ConvSpec(int dimensions) : LayerSpec<ConvLayer>(dimensions == 1 ? "Conv1d" : "Conv2d", "conv")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("InChannels", false, (size, a) =>
    {
        var kernel = a.Int("Kernel", 3);
        var dilation = a.Int("Dilation", 1);
        var span = kernel >= 1 && dilation >= 1 ? (int)System.Math.Min(((long)dilation * (kernel - 1)) + 1, int.MaxValue) : 1;
        return dimensions == 1 ? [size, span] : [size, span, span];
    });

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        if (c.PositionalSize(0, "outChannels") is not { } outChannels
            || c.NamedStride("Stride", 1) is not { } stride
            || c.NamedSize("Groups", 1) is not { } groups)
        {
            return null;
        }

        var kernel = a.Int("Kernel", 3);
        var padding = a.Int("Padding", 0);
        var same = a.Bool("SamePadding", false);
        var dilation = a.Int("Dilation", 1);
        var bias = a.Bool("Bias", true);
        var mode = (PaddingMode)a.Int("PaddingMode", 0);

        var ok = c.CheckPositional(outChannels.Value >= 1, 0, "outChannels is {0}, and must be at least 1", outChannels.Value)
            & c.Check(kernel >= 1, "Kernel", "Kernel is {0}, and must be at least 1", kernel)
            & c.Check(stride.Value >= 1, "Stride", "Stride is {0}, and must be at least 1", stride.Value)
            & c.Check(padding >= 0, "Padding", "Padding is {0}, and must not be negative", padding)
            & c.Check(dilation >= 1, "Dilation", "Dilation is {0}, and must be at least 1", dilation)
            & c.Check(groups.Value >= 1, "Groups", "Groups is {0}, and must be at least 1", groups.Value)
            & c.Check(!same || stride.Value == 1, "SamePadding", "SamePadding needs Stride = 1, but Stride is {0}", stride.Value)
            & c.Check(!same || padding == 0, "SamePadding", "SamePadding and Padding = {0} cannot both be given", padding);
        if (!ok || !c.RequireRank(dimensions == 2 ? "[N, C, H, W]" : "[N, C, L]", dimensions + 1))
        {
            return null;
        }

        var inChannels = c.Channels;
        if (!c.Check(inChannels.Value % groups.Value == 0 && outChannels.Value % groups.Value == 0, "Groups",
            "Groups is {0}, which must divide both the input channels ({1}) and the output channels ({2})", groups.Value, inChannels.Value, outChannels.Value))
        {
            return null;
        }

        var shape = c.Shape;
        var output = new int[shape.Length];
        output[0] = outChannels.Value;
        var effective = ((long)dilation * (kernel - 1)) + 1;
        for (var i = 1; i < shape.Length; i++)
        {
            if (same)
            {
                output[i] = shape[i];
                continue;
            }

            var padded = shape[i] + (2L * padding);
            if (padded < effective)
            {
                c.Mismatch(string.Format(CultureInfo.InvariantCulture, "the kernel spans {0} elements, more than the padded input's {1}", effective, padded));
                return null;
            }

            output[i] = (int)(((padded - effective) / stride.Value) + 1);
        }

        var spatial = 1L;
        for (var i = 0; i < dimensions; i++)
        {
            spatial *= kernel;
        }

        c.NextChannels = outChannels;
        var parameters = ((long)outChannels.Value * (inChannels.Value / groups.Value) * spatial) + (bias ? outChannels.Value : 0);
        return new ConvLayer(c.Name, c.Kind, c.Input, output.ToEquatableArray(), parameters,
            dimensions, inChannels.Expression, outChannels.Expression, kernel, stride.Expression, padding, same, dilation, groups.Expression, bias, mode);
    }

    /// <inheritdoc/>
    protected override string FieldType(ConvLayer layer) => layer.Kind;

    /// <inheritdoc/>
    protected override string Construct(ConvLayer layer, HashSet<string> used)
    {
        string Size(string value) => dimensions == 1 ? value : "[" + value + ", " + value + "]";
        string N(long value) => IndentedWriter.Literal(value);

        var arguments = layer.InChannels.ToCSharp(used) + ", " + layer.OutChannels.ToCSharp(used) + ", " + Size(N(layer.Kernel));
        if (layer.SamePadding)
        {
            arguments += ", padding: \"same\"";
        }

        if (layer.Stride.Constant != 1)
        {
            arguments += ", stride: " + Size(layer.Stride.ToCSharp(used));
        }

        if (!layer.SamePadding && layer.Padding != 0)
        {
            arguments += ", padding: " + Size(N(layer.Padding));
        }

        if (layer.Dilation != 1)
        {
            arguments += ", dilation: " + Size(N(layer.Dilation));
        }

        if (layer.Groups.Constant != 1)
        {
            arguments += ", groups: " + layer.Groups.ToCSharp(used);
        }

        if (!layer.Bias)
        {
            arguments += ", bias: false";
        }

        if (layer.PaddingMode != PaddingMode.Zeros)
        {
            arguments += ", padding_mode: " + IndentedWriter.Literal(layer.PaddingMode.ToString().ToLowerInvariant());
        }

        return "new " + layer.Kind + "(" + arguments + ")";
    }

    /// <inheritdoc/>
    protected override string Describe(ConvLayer layer)
    {
        string N(long value) => IndentedWriter.Literal(value);
        var kernel = dimensions == 2 ? N(layer.Kernel) + "x" + N(layer.Kernel) : N(layer.Kernel);
        var parts = new List<string> { layer.InChannels + " -> " + layer.OutChannels, kernel };
        if (layer.Stride is ParameterSize)
        {
            parts.Add("the use's stride");
        }
        else if (layer.Stride.Constant != 1)
        {
            parts.Add("stride " + layer.Stride);
        }

        if (layer.SamePadding) parts.Add("same padding");
        if (layer.Padding != 0) parts.Add("padding " + N(layer.Padding));
        if (layer.Dilation != 1) parts.Add("dilation " + N(layer.Dilation));
        if (layer.Groups.Constant != 1) parts.Add("groups " + layer.Groups);
        if (!layer.Bias) parts.Add("no bias");
        return layer.Kind + "(" + string.Join(", ", parts) + ")";
    }
}
