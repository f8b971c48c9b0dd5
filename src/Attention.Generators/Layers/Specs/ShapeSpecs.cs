using System.Collections.Generic;
using System.Globalization;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A <c>Dropout</c> module (a field, so that it follows <c>train()</c> and <c>eval()</c>).</summary>
internal sealed record DropoutLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, double P)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[Dropout(p = 0.5)]</c>: <c>torch.nn.Dropout</c>, shape unchanged.</summary>
internal sealed class DropoutSpec() : LayerSpec<DropoutLayer>("Dropout", "drop")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new(null, false, static (_, _) => [1]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var p = c.Arguments.CtorDouble(0, 0.5);
        c.CheckPositional(p is >= 0 and <= 1, 0, "p is {0}, and must be in [0, 1]", p);
        return new DropoutLayer(c.Name, c.Kind, c.Input, c.Input, 0, p);
    }

    /// <inheritdoc/>
    protected override string FieldType(DropoutLayer layer) => "Dropout";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(DropoutLayer layer) => Layers.MaskUse.PassesThrough;

    /// <inheritdoc/>
    protected override string Construct(DropoutLayer layer, HashSet<string> used) => "new Dropout(" + IndentedWriter.DoubleLiteral(layer.P) + ")";

    /// <inheritdoc/>
    protected override string Describe(DropoutLayer layer) => "Dropout(p = " + IndentedWriter.DoubleLiteral(layer.P) + ")";
}

/// <summary>A flatten of batched dimensions <paramref name="StartDim"/> to <paramref name="EndDim"/> (both normalised, non-negative).</summary>
internal sealed record FlattenLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, int StartDim, int EndDim)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[Flatten(StartDim = 1, EndDim = -1)]</c>: dimensions of the batched tensor, as PyTorch; the batch stays.</summary>
internal sealed class FlattenSpec() : LayerSpec<FlattenLayer>("Flatten", "flatten")
{
    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var shape = c.Shape;
        var rank = shape.Length + 1;
        var start = c.Arguments.Int("StartDim", 1);
        var end = c.Arguments.Int("EndDim", -1);
        var s = start < 0 ? start + rank : start;
        var e = end < 0 ? end + rank : end;
        var ok = c.Check(s >= 0 && s < rank, "StartDim", "StartDim is {0}, outside the {1} dimensions of {2}", start, rank, Shapes.Format(shape))
            & c.Check(e >= 0 && e < rank, "EndDim", "EndDim is {0}, outside the {1} dimensions of {2}", end, rank, Shapes.Format(shape));
        if (!ok
            || !c.Check(s != 0, "StartDim", "StartDim is {0}, the batch dimension, which a network must keep", start)
            || !c.Check(s <= e, "EndDim", "EndDim ({0}) comes before StartDim ({1})", end, start))
        {
            return null;
        }

        var output = new List<int>();
        for (var i = 0; i < s - 1; i++)
        {
            output.Add(shape[i]);
        }

        // A product with the open length is open too.
        var product = 1L;
        for (var i = s - 1; i < e && product != Shapes.Open; i++)
        {
            product = shape[i] == Shapes.Open ? Shapes.Open : product * shape[i];
        }

        output.Add((int)product);
        for (var i = e; i < shape.Length; i++)
        {
            output.Add(shape[i]);
        }

        // Flattening the channels with other dimensions leaves a size that no block parameter gives.
        if (s == 1 && e > 1)
        {
            c.NextChannels = Dim.Of(output[0]);
        }

        return new FlattenLayer(c.Name, c.Kind, c.Input, output.ToEquatableArray(), 0, s, e);
    }

    /// <inheritdoc/>
    protected override string? FieldType(FlattenLayer layer) => null;

    /// <inheritdoc/>
    protected override string Forward(FlattenLayer layer, string x, HashSet<string> used) =>
        layer.EndDim == layer.InputShape.Count
            ? x + ".flatten(" + IndentedWriter.Literal(layer.StartDim) + ")"
            : x + ".flatten(" + IndentedWriter.Literal(layer.StartDim) + ", " + IndentedWriter.Literal(layer.EndDim) + ")";
}

/// <summary>A max or average pool with a window; <paramref name="Stride"/> is resolved (never 0).</summary>
internal sealed record PoolLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, bool Max, int Kernel, SizeExpression Stride, int Padding, bool CeilMode)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[MaxPool1d/2d(kernel)]</c> and <c>[AvgPool1d/2d(kernel)]</c>: <c>Stride = 0</c> (the kernel),
/// <c>Padding = 0</c>, <c>CeilMode = false</c>; written as <c>F.max_pool2d</c> … calls.
/// </summary>
internal sealed class PoolSpec(bool max, int dimensions)
    : LayerSpec<PoolLayer>((max ? "MaxPool" : "AvgPool") + dimensions.ToString(CultureInfo.InvariantCulture) + "d", "pool")
{
    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var kernel = c.Arguments.CtorInt(0);
        if (c.NamedStride("Stride", 0) is not { } stride)
        {
            return null;
        }

        var padding = c.Arguments.Int("Padding", 0);
        var ceil = c.Arguments.Bool("CeilMode", false);
        var ok = c.CheckPositional(kernel >= 1, 0, "kernel is {0}, and must be at least 1", kernel)
            & c.Check(stride.Value >= 0, "Stride", "Stride is {0}, and must be at least 1 (or 0 for the kernel size)", stride.Value)
            & c.Check(padding >= 0 && padding <= kernel / 2, "Padding", "Padding is {0}, and must be between 0 and half the kernel ({1})", padding, kernel / 2);
        if (!ok || !c.RequireRank(dimensions == 2 ? "[N, C, H, W]" : "[N, C, L]", dimensions + 1))
        {
            return null;
        }

        if (stride.Value == 0)
        {
            stride = Dim.Of(kernel);
        }

        var shape = c.Shape;
        var output = new int[shape.Length];
        output[0] = shape[0];
        for (var i = 1; i < shape.Length; i++)
        {
            var padded = shape[i] + (2L * padding);
            if (padded < kernel)
            {
                c.Mismatch(string.Format(CultureInfo.InvariantCulture, "the window of {0} is larger than the padded input's {1}", kernel, padded));
                return null;
            }

            var size = ((padded - kernel + (ceil ? stride.Value - 1 : 0)) / stride.Value) + 1;
            if (ceil && (size - 1) * stride.Value >= shape[i] + padding)
            {
                size--;
            }

            output[i] = (int)size;
        }

        return new PoolLayer(c.Name, c.Kind, c.Input, output.ToEquatableArray(), 0, dimensions, max, kernel, stride.Expression, padding, ceil);
    }

    /// <inheritdoc/>
    protected override string? FieldType(PoolLayer layer) => null;

    /// <inheritdoc/>
    protected override string Forward(PoolLayer layer, string x, HashSet<string> used)
    {
        used.Add("F");
        var call = "F." + (max ? "max" : "avg") + "_pool" + dimensions.ToString(CultureInfo.InvariantCulture) + "d(" + x + ", " + IndentedWriter.Literal(layer.Kernel);
        if (layer.Stride.Constant != layer.Kernel)
        {
            call += ", stride: " + layer.Stride.ToCSharp(used);
        }

        if (layer.Padding != 0)
        {
            call += ", padding: " + IndentedWriter.Literal(layer.Padding);
        }

        return call + (layer.CeilMode ? ", ceil_mode: true)" : ")");
    }
}

/// <summary>A global max or average pool to <c>[C]</c>.</summary>
internal sealed record GlobalPoolLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, int Dimensions, bool Max)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[GlobalAvgPool1d/2d]</c> and <c>[GlobalMaxPool1d/2d]</c>: <c>[C, …]</c> to <c>[C]</c>, as <c>mean</c> or <c>amax</c>.</summary>
internal sealed class GlobalPoolSpec(bool max, int dimensions)
    : LayerSpec<GlobalPoolLayer>((max ? "GlobalMaxPool" : "GlobalAvgPool") + dimensions.ToString(CultureInfo.InvariantCulture) + "d", "pool")
{
    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c) =>
        c.RequireRank(dimensions == 2 ? "[N, C, H, W]" : "[N, C, L]", dimensions + 1)
            ? new GlobalPoolLayer(c.Name, c.Kind, c.Input, new[] { c.Shape[0] }.ToEquatableArray(), 0, dimensions, max)
            : null;

    /// <inheritdoc/>
    protected override string? FieldType(GlobalPoolLayer layer) => null;

    /// <inheritdoc/>
    protected override string Forward(GlobalPoolLayer layer, string x, HashSet<string> used) =>
        x + (max ? ".amax(" : ".mean(") + (dimensions == 2 ? "[2, 3])" : "[2])");
}
