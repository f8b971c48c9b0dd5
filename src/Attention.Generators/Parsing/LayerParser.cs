using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Attention.Dsl;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Parsing;

/// <summary>
/// Reads a network's layer attributes in source order and follows the per-sample shape through
/// them with PyTorch's formulas, resolving every inferred size and counting parameters. Each
/// problem becomes a diagnostic on the attribute or argument that causes it.
/// </summary>
internal sealed partial class LayerParser
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly BlockExpansion _expansion;
    private readonly BlockUse? _use;

    private LayerParser(List<DiagnosticInfo> diagnostics, BlockExpansion expansion, BlockUse? use)
    {
        _diagnostics = diagnostics;
        _expansion = expansion;
        _use = use;
    }

    /// <summary>
    /// Gets the layer attributes of <paramref name="symbol"/> in source order, with their kinds;
    /// <see langword="null"/> when an argument does not bind (the compiler reports that).
    /// </summary>
    public static List<(string Kind, AttributeArguments Arguments)>? Collect(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var layers = new List<(string Kind, AttributeArguments Arguments)>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (GetLayerKind(attribute.AttributeClass) is not { } kind)
            {
                continue;
            }

            if (AttributeArguments.Create(attribute, cancellationToken) is not { IsValid: true } arguments)
            {
                return null;
            }

            layers.Add((kind, arguments));
        }

        layers.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Arguments.Syntax.SyntaxTree.FilePath, b.Arguments.Syntax.SyntaxTree.FilePath);
            return byFile != 0 ? byFile : a.Arguments.Syntax.SpanStart.CompareTo(b.Arguments.Syntax.SpanStart);
        });
        return layers;
    }

    /// <summary>The layer kind of an attribute class, such as <c>Conv2d</c>, or <see langword="null"/>.</summary>
    public static string? GetLayerKind(INamedTypeSymbol? type)
    {
        if (type is null || !type.Name.EndsWith("Attribute", StringComparison.Ordinal)
            || type.ContainingNamespace?.ToDisplayString() != KnownNames.DslNamespace
            || type.ContainingType is not null)
        {
            return null;
        }

        var kind = type.Name.Substring(0, type.Name.Length - "Attribute".Length);
        return KnownNames.LayerKinds.Contains(kind) ? kind : null;
    }

    /// <summary>
    /// Resolves <paramref name="layers"/> from <paramref name="inputShape"/>; returns <see langword="null"/>
    /// after reporting the first problem that stops the shape walk.
    /// </summary>
    public static List<(LayerModel Layer, AttributeArguments Arguments)>? Resolve(
        int[] inputShape,
        List<(string Kind, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion) =>
        Resolve(inputShape, layers, diagnostics, expansion, null, null);

    /// <summary>
    /// Resolves <paramref name="layers"/>; inside a block (<paramref name="use"/> given) also writes
    /// each layer's sizes as expressions over the block constructor's parameters into <paramref name="template"/>.
    /// </summary>
    private static List<(LayerModel Layer, AttributeArguments Arguments)>? Resolve(
        int[] inputShape,
        List<(string Kind, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        BlockExpansion expansion,
        BlockUse? use,
        BlockTemplate? template)
    {
        var parser = new LayerParser(diagnostics, expansion, use);
        var resolved = new List<(LayerModel, AttributeArguments)>();
        var shape = inputShape;
        string? channels = "in_channels";
        foreach (var (kind, arguments) in layers)
        {
            var count = diagnostics.Count;
            var layer = parser.ResolveLayer(kind, arguments, shape, channels);
            if (layer is null || diagnostics.Count > count)
            {
                return null;
            }

            resolved.Add((layer, arguments));
            if (template is not null)
            {
                template.Layers.Add(Symbolic(layer, arguments, ref channels));
            }

            shape = [.. layer.OutputShape];
        }

        if (template is not null)
        {
            template.Channels = channels;
        }

        return resolved;
    }

    /// <summary>The default short name of a kind: <c>conv</c>, <c>bn</c>, <c>fc</c>, <c>se</c> ….</summary>
    public static string ShortName(string kind) => kind switch
    {
        "Conv1d" or "Conv2d" => "conv",
        "BatchNorm1d" or "BatchNorm2d" => "bn",
        "LayerNorm" => "ln",
        "Linear" => "fc",
        "Dropout" => "drop",
        "Flatten" => "flatten",
        "LeakyReLU" => "leaky_relu",
        "SqueezeExcite" => "se",
        "ChannelAttention" => "ca",
        "SpatialAttention" => "sa",
        "Apply" or "Residual" => "layer",
        _ when kind.Contains("Pool") => "pool",
        _ => kind.ToLowerInvariant(),
    };

    private LayerModel? ResolveLayer(string kind, AttributeArguments a, int[] shape, string? channelText)
    {
        var name = ResolveName(kind, a);
        if (name is null)
        {
            return null;
        }

        var input = shape.ToEquatableArray();
        switch (kind)
        {
            case "Apply":
            case "Residual":
                return Stage(kind, name, a, shape, channelText);

            case "Conv1d":
            case "Conv2d":
                return Conv(kind, name, a, shape, kind == "Conv1d" ? 1 : 2);

            case "BatchNorm1d":
            case "BatchNorm2d":
            {
                var twoD = kind == "BatchNorm2d";
                if (!RequireRank(kind, a, shape, twoD ? [3] : [1, 2], twoD ? "[N, C, H, W]" : "[N, C] or [N, C, L]"))
                {
                    return null;
                }

                var eps = a.Double("Eps", 1e-5);
                var momentum = a.Double("Momentum", 0.1);
                var affine = a.Bool("Affine", true);
                Check(eps > 0, a, "Eps", kind, "Eps is {0}, and must be greater than 0", eps);
                Check(momentum is >= 0 and <= 1, a, "Momentum", kind, "Momentum is {0}, and must be in [0, 1]", momentum);
                return new BatchNormLayer(name, kind, input, input, affine ? 2L * shape[0] : 0, twoD ? 2 : 1, shape[0], eps, momentum, affine);
            }

            case "LayerNorm":
            {
                var eps = a.Double("Eps", 1e-5);
                var affine = a.Bool("ElementwiseAffine", true);
                Check(eps > 0, a, "Eps", kind, "Eps is {0}, and must be greater than 0", eps);
                var features = shape[shape.Length - 1];
                return new LayerNormLayer(name, kind, input, input, affine ? 2L * features : 0, features, eps, affine);
            }

            case "Linear":
            {
                if (Size(a.CtorInt(0), a.CtorLocation(0), kind, "outFeatures") is not { } outFeatures)
                {
                    return null;
                }

                if (!Check(outFeatures >= 1, a.CtorLocation(0), kind, "outFeatures is {0}, and must be at least 1", outFeatures))
                {
                    return null;
                }

                if (shape.Length > 2)
                {
                    Mismatch(a, kind, shape, "Linear takes [N, features] or [N, T, features]; insert Flatten or a global pool before it");
                    return null;
                }

                var inFeatures = shape[shape.Length - 1];
                var bias = a.Bool("Bias", true);
                var output = shape.Take(shape.Length - 1).Append(outFeatures).ToEquatableArray();
                return new LinearLayer(name, kind, input, output, ((long)inFeatures * outFeatures) + (bias ? outFeatures : 0), inFeatures, outFeatures, bias);
            }

            case "Dropout":
            {
                var p = a.CtorDouble(0, 0.5);
                Check(p is >= 0 and <= 1, a.CtorLocation(0), kind, "p is {0}, and must be in [0, 1]", p);
                return new DropoutLayer(name, kind, input, input, 0, p);
            }

            case "Flatten":
                return Flatten(name, a, shape);

            case "MaxPool1d":
            case "MaxPool2d":
            case "AvgPool1d":
            case "AvgPool2d":
                return Pool(kind, name, a, shape);

            case "GlobalAvgPool1d":
            case "GlobalAvgPool2d":
            case "GlobalMaxPool1d":
            case "GlobalMaxPool2d":
            {
                var dims = kind.EndsWith("2d", StringComparison.Ordinal) ? 2 : 1;
                if (!RequireRank(kind, a, shape, [dims + 1], dims == 2 ? "[N, C, H, W]" : "[N, C, L]"))
                {
                    return null;
                }

                return new GlobalPoolLayer(name, kind, input, new[] { shape[0] }.ToEquatableArray(), 0, dims, kind.StartsWith("GlobalMax", StringComparison.Ordinal));
            }

            case "LeakyReLU":
                return new ActivationLayer(name, kind, input, input, 0, a.Double("NegativeSlope", 0.01));

            case "GELU":
                return new ActivationLayer(name, kind, input, input, 0, a.Bool("Approximate", false) ? 1 : 0);

            case "Softmax":
            {
                var dim = a.Int("Dim", -1);
                var rank = shape.Length + 1;
                Check(dim >= -rank && dim < rank, a.NamedLocation("Dim"), kind, "Dim is {0}, and must be in [{1}, {2}] for input of shape {3}", dim, -rank, rank - 1, Shapes.Format(shape));
                return new ActivationLayer(name, kind, input, input, 0, dim);
            }

            case "SqueezeExcite":
            case "ChannelAttention":
            case "Cbam":
                return ChannelMechanism(kind, name, a, shape);

            case "SpatialAttention":
            {
                if (!RequireRank(kind, a, shape, [3], "[N, C, H, W]"))
                {
                    return null;
                }

                var kernel = a.Int("Kernel", 7);
                RequireOddKernel(a, "Kernel", kind, kernel);
                var batchNorm = a.Bool("BatchNorm", false);
                return new SpatialAttentionLayer(name, kind, input, input, (2L * kernel * kernel) + (batchNorm ? 2 : 0), kernel, batchNorm);
            }

            case "Eca":
            {
                if (!RequireRank(kind, a, shape, [3], "[N, C, H, W]"))
                {
                    return null;
                }

                var channels = shape[0];
                var kernel = a.Int("Kernel", 0);
                var gamma = a.Int("Gamma", 2);
                var beta = a.Int("Beta", 1);
                if (!Check(gamma >= 1, a.NamedLocation("Gamma"), kind, "Gamma is {0}, and must be at least 1", gamma))
                {
                    return null;
                }

                if (kernel == 0)
                {
                    var t = (int)(Math.Abs((Math.Log(channels) / Math.Log(2)) + beta) / gamma);
                    kernel = t % 2 == 1 ? t : t + 1;
                }
                else
                {
                    RequireOddKernel(a, "Kernel", kind, kernel);
                }

                return new EcaLayer(name, kind, input, input, kernel, channels, kernel);
            }

            default:
                return new ActivationLayer(name, kind, input, input, 0, 0);
        }
    }

    private ConvLayer? Conv(string kind, string name, AttributeArguments a, int[] shape, int dims)
    {
        if (Size(a.CtorInt(0), a.CtorLocation(0), kind, "outChannels") is not { } outChannels
            || StrideOf(a.Int("Stride", 1), a.NamedLocation("Stride"), kind) is not { } stride
            || Size(a.Int("Groups", 1), a.NamedLocation("Groups"), kind, "Groups") is not { } groups)
        {
            return null;
        }

        var kernel = a.Int("Kernel", 3);
        var padding = a.Int("Padding", 0);
        var same = a.Bool("SamePadding", false);
        var dilation = a.Int("Dilation", 1);
        var bias = a.Bool("Bias", true);
        var mode = (PaddingMode)a.Int("PaddingMode", 0);

        var ok = Check(outChannels >= 1, a.CtorLocation(0), kind, "outChannels is {0}, and must be at least 1", outChannels)
            & Check(kernel >= 1, a, "Kernel", kind, "Kernel is {0}, and must be at least 1", kernel)
            & Check(stride >= 1, a, "Stride", kind, "Stride is {0}, and must be at least 1", stride)
            & Check(padding >= 0, a, "Padding", kind, "Padding is {0}, and must not be negative", padding)
            & Check(dilation >= 1, a, "Dilation", kind, "Dilation is {0}, and must be at least 1", dilation)
            & Check(groups >= 1, a, "Groups", kind, "Groups is {0}, and must be at least 1", groups)
            & Check(!same || stride == 1, a, "SamePadding", kind, "SamePadding needs Stride = 1, but Stride is {0}", stride)
            & Check(!same || padding == 0, a, "SamePadding", kind, "SamePadding and Padding = {0} cannot both be given", padding);
        if (!ok || !RequireRank(kind, a, shape, [dims + 1], dims == 2 ? "[N, C, H, W]" : "[N, C, L]"))
        {
            return null;
        }

        var inChannels = shape[0];
        if (!Check(inChannels % groups == 0 && outChannels % groups == 0, a, "Groups", kind,
            "Groups is {0}, which must divide both the input channels ({1}) and the output channels ({2})", groups, inChannels, outChannels))
        {
            return null;
        }

        var output = new int[shape.Length];
        output[0] = outChannels;
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
                Mismatch(a, kind, shape, string.Format(CultureInfo.InvariantCulture,
                    "the kernel spans {0} elements, more than the padded input's {1}", effective, padded));
                return null;
            }

            output[i] = (int)(((padded - effective) / stride) + 1);
        }

        var spatial = 1L;
        for (var i = 0; i < dims; i++)
        {
            spatial *= kernel;
        }

        var parameters = ((long)outChannels * (inChannels / groups) * spatial) + (bias ? outChannels : 0);
        return new ConvLayer(name, kind, shape.ToEquatableArray(), output.ToEquatableArray(), parameters,
            dims, inChannels, outChannels, kernel, stride, padding, same, dilation, groups, bias, mode);
    }

    private PoolLayer? Pool(string kind, string name, AttributeArguments a, int[] shape)
    {
        var dims = kind.EndsWith("2d", StringComparison.Ordinal) ? 2 : 1;
        var kernel = a.CtorInt(0);
        if (StrideOf(a.Int("Stride", 0), a.NamedLocation("Stride"), kind) is not { } stride)
        {
            return null;
        }

        var padding = a.Int("Padding", 0);
        var ceil = a.Bool("CeilMode", false);
        var ok = Check(kernel >= 1, a.CtorLocation(0), kind, "kernel is {0}, and must be at least 1", kernel)
            & Check(stride >= 0, a, "Stride", kind, "Stride is {0}, and must be at least 1 (or 0 for the kernel size)", stride)
            & Check(padding >= 0 && padding <= kernel / 2, a, "Padding", kind, "Padding is {0}, and must be between 0 and half the kernel ({1})", padding, kernel / 2);
        if (!ok || !RequireRank(kind, a, shape, [dims + 1], dims == 2 ? "[N, C, H, W]" : "[N, C, L]"))
        {
            return null;
        }

        if (stride == 0)
        {
            stride = kernel;
        }

        var output = new int[shape.Length];
        output[0] = shape[0];
        for (var i = 1; i < shape.Length; i++)
        {
            var padded = shape[i] + (2L * padding);
            if (padded < kernel)
            {
                Mismatch(a, kind, shape, string.Format(CultureInfo.InvariantCulture,
                    "the window of {0} is larger than the padded input's {1}", kernel, padded));
                return null;
            }

            var size = ((padded - kernel + (ceil ? stride - 1 : 0)) / stride) + 1;
            if (ceil && (size - 1) * stride >= shape[i] + padding)
            {
                size--;
            }

            output[i] = (int)size;
        }

        return new PoolLayer(name, kind, shape.ToEquatableArray(), output.ToEquatableArray(), 0,
            dims, kind.StartsWith("Max", StringComparison.Ordinal), kernel, stride, padding, ceil);
    }

    private FlattenLayer? Flatten(string name, AttributeArguments a, int[] shape)
    {
        const string kind = "Flatten";
        var rank = shape.Length + 1;
        var start = a.Int("StartDim", 1);
        var end = a.Int("EndDim", -1);
        var s = start < 0 ? start + rank : start;
        var e = end < 0 ? end + rank : end;
        var ok = Check(s >= 0 && s < rank, a, "StartDim", kind, "StartDim is {0}, outside the {1} dimensions of {2}", start, rank, Shapes.Format(shape))
            & Check(e >= 0 && e < rank, a, "EndDim", kind, "EndDim is {0}, outside the {1} dimensions of {2}", end, rank, Shapes.Format(shape));
        if (!ok
            || !Check(s != 0, a, "StartDim", kind, "StartDim is {0}, the batch dimension, which a network must keep", start)
            || !Check(s <= e, a, "EndDim", kind, "EndDim ({0}) comes before StartDim ({1})", end, start))
        {
            return null;
        }

        var output = new List<int>();
        output.AddRange(shape.Take(s - 1));
        var product = 1L;
        for (var i = s - 1; i < e; i++)
        {
            product *= shape[i];
        }

        output.Add((int)product);
        output.AddRange(shape.Skip(e));
        return new FlattenLayer(name, kind, shape.ToEquatableArray(), output.ToEquatableArray(), 0, s, e);
    }

    private LayerModel? ChannelMechanism(string kind, string name, AttributeArguments a, int[] shape)
    {
        if (!RequireRank(kind, a, shape, [3], "[N, C, H, W]"))
        {
            return null;
        }

        var channels = shape[0];
        var reduction = a.Int("Reduction", 16);
        if (!Check(reduction >= 1 && reduction <= channels, a, "Reduction", kind,
            "Reduction is {0}, and must be between 1 and the {1} input channels", reduction, channels))
        {
            return null;
        }

        var reduced = channels / reduction;
        var input = shape.ToEquatableArray();
        switch (kind)
        {
            case "SqueezeExcite":
            {
                var divisor = a.Int("MakeDivisible", 0);
                if (!Check(divisor >= 0, a, "MakeDivisible", kind, "MakeDivisible is {0}, and must be 0 (off) or at least 1", divisor))
                {
                    return null;
                }

                if (divisor > 0)
                {
                    reduced = MakeDivisible((double)channels / reduction, divisor);
                }

                var bias = a.Bool("Bias", true);
                var inner = (Activation)a.Int("InnerActivation", 0);
                var gate = (Gate)a.Int("Gate", 0);
                Check(Enum.IsDefined(typeof(Activation), inner) && inner != Activation.None, a, "InnerActivation", kind, "InnerActivation {0} is not a defined Activation other than None", inner);
                Check(Enum.IsDefined(typeof(Gate), gate), a, "Gate", kind, "Gate {0} is not a defined Gate", (int)gate);
                return new SqueezeExciteLayer(name, kind, input, input, MlpParameters(channels, reduced, bias), channels, reduced, inner, gate, bias);
            }

            case "ChannelAttention":
            {
                var bias = a.Bool("Bias", true);
                return new ChannelAttentionLayer(name, kind, input, input, MlpParameters(channels, reduced, bias), channels, reduced, bias);
            }

            default:
            {
                var kernel = a.Int("SpatialKernel", 7);
                RequireOddKernel(a, "SpatialKernel", kind, kernel);
                return new CbamLayer(name, kind, input, input, MlpParameters(channels, reduced, true) + (2L * kernel * kernel), channels, reduced, kernel);
            }
        }
    }

    /// <summary>timm's <c>make_divisible(v, divisor)</c>: nearest multiple, at least the divisor, never below 90 % of v.</summary>
    internal static int MakeDivisible(double value, int divisor)
    {
        var rounded = Math.Max(divisor, (int)(value + (divisor / 2.0)) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    private static long MlpParameters(int channels, int reduced, bool bias) =>
        (2L * channels * reduced) + (bias ? channels + reduced : 0);

    private string? ResolveName(string kind, AttributeArguments a)
    {
        var shortName = ShortName(kind);
        _ordinals.TryGetValue(shortName, out var ordinal);
        _ordinals[shortName] = ++ordinal;
        if (a.String("Name") is not { } name)
        {
            // relu6 -> relu6_1, so that the ordinal stays readable after a name ending in a digit.
            var separator = char.IsDigit(shortName[shortName.Length - 1]) ? "_" : string.Empty;
            return shortName + separator + ordinal.ToString(CultureInfo.InvariantCulture);
        }

        var valid = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name)
            && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            && !name.StartsWith("@", StringComparison.Ordinal);
        return Check(valid, a.NamedLocation("Name"), kind, "Name \"{0}\" is not a C# identifier (or is a keyword), so it cannot name a field", name)
            ? name
            : null;
    }

    private bool RequireRank(string kind, AttributeArguments a, int[] shape, int[] ranks, string expected)
    {
        if (ranks.Contains(shape.Length))
        {
            return true;
        }

        Mismatch(a, kind, shape, kind + " takes " + expected);
        return false;
    }

    private void RequireOddKernel(AttributeArguments a, string argument, string kind, int kernel) =>
        Check(kernel >= 1 && kernel % 2 == 1, a, argument, kind, "{1} is {0}, and must be odd and at least 1, so that the output keeps the input's size", kernel, argument);

    private void Mismatch(AttributeArguments a, string kind, int[] shape, string reason) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, a.Syntax.GetLocation(), kind, Shapes.Format(shape), reason));

    private bool Check(bool condition, AttributeArguments a, string argument, string kind, string format, params object[] args) =>
        Check(condition, a.NamedLocation(argument), kind, format, args);

    private bool Check(bool condition, Location location, string kind, string format, params object[] args)
    {
        if (!condition)
        {
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidLayerArgument, location, kind, string.Format(CultureInfo.InvariantCulture, format, args)));
        }

        return condition;
    }
}
