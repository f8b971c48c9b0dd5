using System;
using System.Collections.Generic;
using Attention.Dsl;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Shared;

namespace Attention.Generators.Layers.Specs;

/// <summary>What the channel mechanisms (SE, CBAM's channel attention, CBAM) share: a reduction MLP over <c>[C, H, W]</c>.</summary>
internal static class ReductionMlp
{
    /// <summary>A component of a mechanism over <c>[C, H, W]</c>: <c>Channels</c> gives C.</summary>
    public static readonly ComponentSpec Component = new("Channels", true, static (size, _) => [size, 1, 1]);

    /// <summary>The parameters of <c>fc1</c> (C → C_r) and <c>fc2</c> (C_r → C).</summary>
    public static long Parameters(int channels, int reduced, bool bias) => (2L * channels * reduced) + (bias ? channels + reduced : 0);

    /// <summary>
    /// The hidden width for <c>Reduction</c> (default <paramref name="defaultReduction"/>): <c>C / r</c>,
    /// or rounded to the nearest with <paramref name="roundToNearest"/>; null after ATTN0005.
    /// </summary>
    public static Dim? Reduced(LayerContext c, int defaultReduction, bool roundToNearest)
    {
        var channels = c.Channels;
        var reduction = c.Arguments.Int("Reduction", defaultReduction);
        if (!c.Check(reduction >= 1 && reduction <= channels.Value, "Reduction",
            "Reduction is {0}, and must be between 1 and the {1} input channels", reduction, channels.Value))
        {
            return null;
        }

        return roundToNearest
            ? new Dim(ChannelRules.ReducedWidth(channels.Value, reduction, true), RuleSize.Apply(SizeRule.RoundedReduction, channels.Expression, SizeExpression.Of(reduction)))
            : new Dim(channels.Value / reduction, channels.Expression / SizeExpression.Of(reduction));
    }

    /// <summary><c>(C -> C_r -> C</c> for a field's comment.</summary>
    public static string Describe(SizeExpression channels, SizeExpression reduced) => channels + " -> " + reduced + " -> " + channels;
}

/// <summary>Squeeze-and-Excitation over <paramref name="Channels"/> channels through <paramref name="Reduced"/> hidden units.</summary>
internal sealed record SqueezeExciteLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression Channels, SizeExpression Reduced, Activation InnerActivation, Gate Gate, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[SqueezeExcite]</c> (Hu et al. 2018), the runtime's <c>SqueezeExcite</c> module: <c>Form</c>
/// chooses the defaults — <c>Original</c>: <c>Reduction = 16</c>, <c>MakeDivisible = 0</c>,
/// <c>Gate = Sigmoid</c>; <c>MobileNetV3</c>: 4, 8, <c>HardSigmoid</c> — and <c>InnerActivation = ReLU</c>,
/// <c>Bias = true</c> in both.
/// </summary>
internal sealed class SqueezeExciteSpec() : LayerSpec<SqueezeExciteLayer>("SqueezeExcite", "se")
{
    /// <inheritdoc/>
    public override ComponentSpec Component => ReductionMlp.Component;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var form = (SqueezeExciteForm)a.Int("Form", (int)SqueezeExciteForm.Original);
        if (!c.Check(Enum.IsDefined(typeof(SqueezeExciteForm), form), "Form", "Form {0} is not a defined SqueezeExciteForm", (int)form)
            || !c.RequireRank("[N, C, H, W]", 3))
        {
            return null;
        }

        var mobile = form == SqueezeExciteForm.MobileNetV3;
        var divisor = a.Int("MakeDivisible", mobile ? 8 : 0);
        if (!c.Check(divisor >= 0, "MakeDivisible", "MakeDivisible is {0}, and must be 0 (off) or at least 1", divisor)
            || ReductionMlp.Reduced(c, mobile ? 4 : 16, roundToNearest: false) is not { } reduced)
        {
            return null;
        }

        var channels = c.Channels;
        if (divisor > 0)
        {
            var reduction = a.Int("Reduction", mobile ? 4 : 16);
            reduced = new Dim(
                ChannelRules.MakeDivisible((double)channels.Value / reduction, divisor),
                RuleSize.Apply(SizeRule.MakeDivisible, channels.Expression, SizeExpression.Of(reduction), SizeExpression.Of(divisor)));
        }

        var bias = a.Bool("Bias", true);
        var inner = (Activation)a.Int("InnerActivation", (int)Activation.ReLU);
        var gate = (Gate)a.Int("Gate", (int)(mobile ? Gate.HardSigmoid : Gate.Sigmoid));
        c.Check(Enum.IsDefined(typeof(Activation), inner) && inner != Activation.None, "InnerActivation", "InnerActivation {0} is not a defined Activation other than None", inner);
        c.Check(Enum.IsDefined(typeof(Gate), gate), "Gate", "Gate {0} is not a defined Gate", (int)gate);
        return new SqueezeExciteLayer(c.Name, c.Kind, c.Input, c.Input, ReductionMlp.Parameters(channels.Value, reduced.Value, bias),
            channels.Expression, reduced.Expression, inner, gate, bias);
    }

    /// <inheritdoc/>
    protected override string FieldType(SqueezeExciteLayer layer) => "SqueezeExcite";

    /// <inheritdoc/>
    protected override string Construct(SqueezeExciteLayer layer, HashSet<string> used)
    {
        var arguments = layer.Channels.ToCSharp(used) + ", " + layer.Reduced.ToCSharp(used);
        if (layer.InnerActivation != Activation.ReLU)
        {
            used.Add("ActivationKind");
            arguments += ", inner_activation: ActivationKind." + layer.InnerActivation;
        }

        if (layer.Gate != Gate.Sigmoid)
        {
            used.Add("ActivationKind");
            arguments += ", gate: ActivationKind." + layer.Gate;
        }

        return "new SqueezeExcite(" + arguments + (layer.Bias ? ")" : ", bias: false)");
    }

    /// <inheritdoc/>
    protected override string Describe(SqueezeExciteLayer layer) =>
        "SqueezeExcite(" + ReductionMlp.Describe(layer.Channels, layer.Reduced)
        + (layer.InnerActivation != Activation.ReLU ? ", " + layer.InnerActivation : string.Empty)
        + (layer.Gate != Gate.Sigmoid ? ", " + layer.Gate + " gate" : string.Empty)
        + (layer.Bias ? ")" : ", no bias)");
}

/// <summary>CBAM's channel attention over <paramref name="Channels"/> channels through <paramref name="Reduced"/> hidden units.</summary>
internal sealed record ChannelAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression Channels, SizeExpression Reduced, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[ChannelAttention]</c> (CBAM's CAM, Woo et al. 2018), the runtime's <c>ChannelAttention</c>:
/// <c>Reduction = 16</c>, <c>Bias = true</c>, <c>RoundToNearest = false</c> (timm rounds C / r to the nearest).
/// </summary>
internal sealed class ChannelAttentionSpec() : LayerSpec<ChannelAttentionLayer>("ChannelAttention", "ca")
{
    /// <inheritdoc/>
    public override ComponentSpec Component => ReductionMlp.Component;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, C, H, W]", 3)
            || ReductionMlp.Reduced(c, 16, c.Arguments.Bool("RoundToNearest", false)) is not { } reduced)
        {
            return null;
        }

        var bias = c.Arguments.Bool("Bias", true);
        return new ChannelAttentionLayer(c.Name, c.Kind, c.Input, c.Input, ReductionMlp.Parameters(c.Channels.Value, reduced.Value, bias),
            c.Channels.Expression, reduced.Expression, bias);
    }

    /// <inheritdoc/>
    protected override string FieldType(ChannelAttentionLayer layer) => "ChannelAttention";

    /// <inheritdoc/>
    protected override string Construct(ChannelAttentionLayer layer, HashSet<string> used) =>
        "new ChannelAttention(" + layer.Channels.ToCSharp(used) + ", " + layer.Reduced.ToCSharp(used) + (layer.Bias ? ")" : ", bias: false)");

    /// <inheritdoc/>
    protected override string Describe(ChannelAttentionLayer layer) =>
        "ChannelAttention(" + ReductionMlp.Describe(layer.Channels, layer.Reduced) + (layer.Bias ? ")" : ", no bias)");
}

/// <summary>CBAM's spatial attention with a <paramref name="Kernel"/>-wide convolution.</summary>
internal sealed record SpatialAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, int Kernel, bool BatchNorm)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[SpatialAttention]</c> (CBAM's SAM), the runtime's <c>SpatialAttention</c>: <c>Kernel = 7</c> (odd), <c>BatchNorm = false</c> (timm adds one).</summary>
internal sealed class SpatialAttentionSpec() : LayerSpec<SpatialAttentionLayer>("SpatialAttention", "sa")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new(null, true, static (_, _) => [1, 1, 1]);

    /// <summary>The parameters of the 2 → 1 convolution and the optional BatchNorm.</summary>
    public static long Parameters(int kernel, bool batchNorm) => (2L * kernel * kernel) + (batchNorm ? 2 : 0);

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, C, H, W]", 3))
        {
            return null;
        }

        var kernel = c.Arguments.Int("Kernel", 7);
        c.RequireOddKernel("Kernel", kernel);
        var batchNorm = c.Arguments.Bool("BatchNorm", false);
        return new SpatialAttentionLayer(c.Name, c.Kind, c.Input, c.Input, Parameters(kernel, batchNorm), kernel, batchNorm);
    }

    /// <inheritdoc/>
    protected override string FieldType(SpatialAttentionLayer layer) => "SpatialAttention";

    /// <inheritdoc/>
    protected override string Construct(SpatialAttentionLayer layer, HashSet<string> used) =>
        "new SpatialAttention(" + IndentedWriter.Literal(layer.Kernel) + (layer.BatchNorm ? ", batch_norm: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(SpatialAttentionLayer layer) =>
        "SpatialAttention(" + IndentedWriter.Literal(layer.Kernel) + "x" + IndentedWriter.Literal(layer.Kernel) + (layer.BatchNorm ? ", BatchNorm)" : ")");
}

/// <summary>CBAM: channel attention, then spatial attention.</summary>
internal sealed record CbamLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression Channels, SizeExpression Reduced, int SpatialKernel, bool Bias, bool BatchNorm)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[Cbam]</c> (Woo et al. 2018), the runtime's <c>Cbam</c>: <c>Reduction = 16</c>,
/// <c>SpatialKernel = 7</c>, <c>Bias = true</c> (the paper; timm has none), <c>BatchNorm = false</c>
/// (timm adds one after the spatial convolution), <c>RoundToNearest = false</c> (timm rounds C / r).
/// </summary>
internal sealed class CbamSpec() : LayerSpec<CbamLayer>("Cbam", "cbam")
{
    /// <inheritdoc/>
    public override ComponentSpec Component => ReductionMlp.Component;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, C, H, W]", 3)
            || ReductionMlp.Reduced(c, 16, c.Arguments.Bool("RoundToNearest", false)) is not { } reduced)
        {
            return null;
        }

        var kernel = c.Arguments.Int("SpatialKernel", 7);
        c.RequireOddKernel("SpatialKernel", kernel);
        var bias = c.Arguments.Bool("Bias", true);
        var batchNorm = c.Arguments.Bool("BatchNorm", false);
        var parameters = ReductionMlp.Parameters(c.Channels.Value, reduced.Value, bias) + SpatialAttentionSpec.Parameters(kernel, batchNorm);
        return new CbamLayer(c.Name, c.Kind, c.Input, c.Input, parameters, c.Channels.Expression, reduced.Expression, kernel, bias, batchNorm);
    }

    /// <inheritdoc/>
    protected override string FieldType(CbamLayer layer) => "Cbam";

    /// <inheritdoc/>
    protected override string Construct(CbamLayer layer, HashSet<string> used) =>
        "new Cbam(" + layer.Channels.ToCSharp(used) + ", " + layer.Reduced.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.SpatialKernel)
        + (layer.Bias ? string.Empty : ", bias: false")
        + (layer.BatchNorm ? ", batch_norm: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(CbamLayer layer) =>
        "Cbam(" + ReductionMlp.Describe(layer.Channels, layer.Reduced) + ", "
        + IndentedWriter.Literal(layer.SpatialKernel) + "x" + IndentedWriter.Literal(layer.SpatialKernel)
        + (layer.Bias ? string.Empty : ", no bias")
        + (layer.BatchNorm ? ", BatchNorm)" : ")");
}

/// <summary>Efficient channel attention with an odd <paramref name="Kernel"/>.</summary>
internal sealed record EcaLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, SizeExpression Kernel)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[Eca]</c> (Wang et al. 2020), the runtime's <c>Eca</c>: <c>Kernel = 0</c> (adaptive, from the
/// channels with <c>Gamma = 2</c>, <c>Beta = 1</c>, as the paper's code), otherwise odd.
/// </summary>
internal sealed class EcaSpec() : LayerSpec<EcaLayer>("Eca", "eca")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("Channels", true, static (size, _) => [size, 1, 1], static a => a.Int("Kernel", 0) != 0);

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.RequireRank("[N, C, H, W]", 3))
        {
            return null;
        }

        var kernel = c.Arguments.Int("Kernel", 0);
        var gamma = c.Arguments.Int("Gamma", 2);
        var beta = c.Arguments.Int("Beta", 1);
        if (!c.Check(gamma >= 1, "Gamma", "Gamma is {0}, and must be at least 1", gamma))
        {
            return null;
        }

        Dim resolved;
        if (kernel == 0)
        {
            var channels = c.Channels;
            resolved = new Dim(
                ChannelRules.EcaKernel(channels.Value, gamma, beta),
                RuleSize.Apply(SizeRule.EcaKernel, channels.Expression, SizeExpression.Of(gamma), SizeExpression.Of(beta)));
        }
        else
        {
            c.RequireOddKernel("Kernel", kernel);
            resolved = Dim.Of(kernel);
        }

        return new EcaLayer(c.Name, c.Kind, c.Input, c.Input, resolved.Value, resolved.Expression);
    }

    /// <inheritdoc/>
    protected override string FieldType(EcaLayer layer) => "Eca";

    /// <inheritdoc/>
    protected override string Construct(EcaLayer layer, HashSet<string> used) => "new Eca(" + layer.Kernel.ToCSharp(used) + ")";

    /// <inheritdoc/>
    protected override string Describe(EcaLayer layer) => "Eca(k = " + layer.Kernel + ")";
}
