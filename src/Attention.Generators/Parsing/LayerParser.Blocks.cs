using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Attention.Dsl;
using Attention.Generators.Diagnostics;
using Attention.Generators.Emit;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attention.Generators.Parsing;

/// <summary>The width and stride that one use gives a block.</summary>
internal sealed record BlockUse(int Width, int Stride);

/// <summary>
/// What one network's parse shares across the blocks it expands: the chain of blocks being
/// expanded (ATTN0014) and the block classes to complete, one model per class (ATTN0016).
/// </summary>
internal sealed class BlockExpansion(Compilation compilation, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, BlockModel> _byHint = new(StringComparer.Ordinal);

    /// <summary>Gets the compilation, for the members a block's module inherits.</summary>
    public Compilation Compilation { get; } = compilation;

    /// <summary>Gets the block classes whose member names were checked (ATTN0008).</summary>
    public HashSet<INamedTypeSymbol> NamesChecked { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Gets the cancellation token of the parse.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets the blocks being expanded, outermost first.</summary>
    public List<INamedTypeSymbol> Stack { get; } = [];

    /// <summary>Gets the block classes to complete, in order of first use.</summary>
    public List<BlockModel> Blocks { get; } = [];

    /// <summary>Records <paramref name="model"/>; returns why it differs from an earlier use, or <see langword="null"/>.</summary>
    public string? Register(BlockModel model)
    {
        if (!_byHint.TryGetValue(model.HintName, out var earlier))
        {
            _byHint[model.HintName] = model;
            Blocks.Add(model);
            return null;
        }

        if (earlier.Equals(model))
        {
            return null;
        }

        for (var i = 0; i < Math.Min(earlier.Layers.Count, model.Layers.Count); i++)
        {
            if (!earlier.Layers[i].Equals(model.Layers[i]))
            {
                return "the sizes of its layer '" + model.Layers[i].Layer.Name + "' do not follow from in_channels, width and stride alone";
            }
        }

        return "its output channels do not follow from in_channels, width and stride alone";
    }
}

/// <summary>Block uses: <c>[Apply]</c> and <c>[Residual]</c> stages, and the sentinels <c>Block.Width</c> and <c>Block.Stride</c>.</summary>
internal sealed partial class LayerParser
{
    /// <summary>The most repetitions of one stage; every repetition is a module and a row of the summary.</summary>
    private const int MaxRepeat = 1024;

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;
    private static readonly Regex Parameter = new(@"\b(in_channels|width|stride)\b", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="type"/> is marked <c>[Block]</c>.</summary>
    internal static bool IsBlock(INamedTypeSymbol type) =>
        type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.BlockAttribute);

    /// <summary>A size argument: <c>k * Block.Width</c> becomes <c>k</c> times the use's width; ATTN0012 outside a block.</summary>
    private int? Size(int raw, Location location, string kind, string argument)
    {
        if (raw == KnownNames.StrideSentinel)
        {
            Sentinel(location, kind, "Block.Stride as " + argument, "stands for a stride; use Block.Width for sizes");
            return null;
        }

        if (raw >= 0 || raw % KnownNames.WidthSentinel != 0)
        {
            return raw;
        }

        var factor = raw / KnownNames.WidthSentinel;
        if (_use is null)
        {
            Sentinel(location, kind, WidthText(factor), "is valid only in the layers of a [Block] class");
            return null;
        }

        return (int)Math.Min(int.MaxValue, (long)factor * _use.Width);
    }

    /// <summary>A stride argument: <c>Block.Stride</c> becomes the use's stride; ATTN0012 outside a block.</summary>
    private int? StrideOf(int raw, Location location, string kind)
    {
        if (raw == KnownNames.StrideSentinel)
        {
            if (_use is null)
            {
                Sentinel(location, kind, "Block.Stride", "is valid only in the layers of a [Block] class");
                return null;
            }

            return _use.Stride;
        }

        if (raw < 0 && raw % KnownNames.WidthSentinel == 0)
        {
            Sentinel(location, kind, WidthText(raw / KnownNames.WidthSentinel) + " as Stride", "stands for a size; use Block.Stride for strides");
            return null;
        }

        return raw;
    }

    private static string WidthText(int factor) =>
        factor == 1 ? "Block.Width" : factor.ToString(CultureInfo.InvariantCulture) + " * Block.Width";

    private void Sentinel(Location location, string kind, string what, string why) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SentinelOutsideBlock, location, kind, what, why));

    /// <summary>Expands an <c>[Apply]</c> or <c>[Residual]</c> stage with concrete shapes.</summary>
    private StageLayer? Stage(string kind, string name, AttributeArguments a, int[] shape, string? channels)
    {
        // typeof of a missing type is already a compile error.
        if (a.CtorType(0) is not INamedTypeSymbol block || block.TypeKind == TypeKind.Error)
        {
            return null;
        }

        var location = a.CtorLocation(0);
        if (!IsBlock(block))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, location, kind, block.ToDisplayString()));
            return null;
        }

        if (block.GetAttributes().Any(static x => NetworkParser.IsNetworkAttribute(x)))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockIsNetwork, location, block.Name));
            return null;
        }

        if (_expansion.Stack.Contains(block, SymbolEqualityComparer.Default))
        {
            var chain = _expansion.Stack.SkipWhile(b => !SymbolEqualityComparer.Default.Equals(b, block)).Select(static b => b.Name).Append(block.Name);
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecursiveBlock, location, block.Name, string.Join(" -> ", chain)));
            return null;
        }

        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_expansion.CancellationToken) is ClassDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockMustBePartial, declaration.Identifier.GetLocation(), block.Name));
                return null;
            }
        }

        if (BlockDeclarationProblem(block) is { } problem)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBlockDeclaration, problem.Location, block.Name, problem.Reason));
            return null;
        }

        var rawWidth = a.Int("Width", 0);
        var rawStride = a.Int("Stride", 1);
        if (Size(rawWidth, a.NamedLocation("Width"), kind, "Width") is not { } width
            || StrideOf(rawStride, a.NamedLocation("Stride"), kind) is not { } stride)
        {
            return null;
        }

        var repeat = a.Int("Repeat", 1);
        var residual = kind == "Residual";
        var activation = (Activation)a.Int("Activation", (int)Activation.None);
        var projection = a.Bool("Projection", true);
        var ok = Check(width >= 0, a, "Width", kind, "Width is {0}, and must be at least 1 (or 0 for the incoming channels)", width)
            & Check(stride >= 1, a, "Stride", kind, "Stride is {0}, and must be at least 1", stride)
            & Check(repeat is >= 1 and <= MaxRepeat, a, "Repeat", kind, "Repeat is {0}, and must be between 1 and {1}", repeat, MaxRepeat)
            & Check(Enum.IsDefined(typeof(Activation), activation), a, "Activation", kind, "Activation {0} is not a defined Activation", (int)activation);
        if (!ok || Collect(block, _expansion.CancellationToken) is not { } layers)
        {
            return null;
        }

        // The order of attributes is defined within one declaration only.
        if (layers.Select(static l => l.Arguments.Declaration).Distinct().Skip(1).FirstOrDefault() is { } secondDeclaration)
        {
            var second = layers.First(l => l.Arguments.Declaration == secondDeclaration);
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LayersOnSeveralDeclarations, second.Arguments.Syntax.GetLocation(), "Block '" + block.Name + "'"));
            return null;
        }

        if (width == 0)
        {
            width = shape[0];
        }

        // Sizes as the enclosing module's constructor writes them: literals in a network,
        // expressions over in_channels, width and stride in a block.
        string Literal(long value) => IndentedWriter.Literal(value);
        var symbolic = _use is not null;
        var widthText = !symbolic ? Literal(width)
            : rawWidth == 0 ? channels ?? Literal(width)
            : rawWidth < 0 ? Scaled(rawWidth / KnownNames.WidthSentinel, "width")
            : Literal(width);
        var strideText = symbolic && rawStride == KnownNames.StrideSentinel ? "stride" : Literal(stride);

        _expansion.Stack.Add(block);
        try
        {
            var repetitions = new List<RepetitionModel>();
            var current = shape;
            var inText = symbolic ? channels ?? Literal(shape[0]) : Literal(shape[0]);
            var total = 0L;
            for (var r = 0; r < repeat; r++)
            {
                var s = r == 0 ? stride : 1;
                var template = new BlockTemplate();
                var count = _diagnostics.Count;
                var resolved = Resolve(current, layers, _diagnostics, _expansion, new BlockUse(width, s), template);
                if (resolved is null || _diagnostics.Count > count)
                {
                    return null;
                }

                if (_expansion.NamesChecked.Add(block))
                {
                    NameChecker.Check(block, _expansion.Compilation, resolved, _diagnostics, _expansion.CancellationToken, block: true);
                    if (_diagnostics.Count > count)
                    {
                        return null;
                    }
                }

                var output = resolved.Count > 0 ? [.. resolved[resolved.Count - 1].Layer.OutputShape] : current;
                var model = CreateBlockModel(block, template, output);
                if (_expansion.Register(model) is { } reason)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockUsesDiffer, a.Syntax.GetLocation(), block.Name, reason));
                    return null;
                }

                var parameters = resolved.Sum(static l => l.Layer.Parameters);
                var downsample = false;
                if (residual && !output.SequenceEqual(current))
                {
                    if (!Shortcut(kind, a, current, output, s, projection))
                    {
                        return null;
                    }

                    downsample = true;
                    parameters += ((long)current[0] * output[0]) + (2L * output[0]);
                }

                var rText = r == 0 ? strideText : "1";
                var outText = symbolic ? Substitute(model.OutChannels, inText, widthText, rText) : Literal(output[0]);
                repetitions.Add(new RepetitionModel(
                    name + "." + r.ToString(CultureInfo.InvariantCulture), inText, widthText, rText, outText, downsample,
                    output.ToEquatableArray(), parameters));
                total += parameters;
                current = output;
                inText = outText;
            }

            return new StageLayer(name, kind, shape.ToEquatableArray(), current.ToEquatableArray(), total,
                block.Name, block.ToDisplayString(TypeFormat), residual, activation, shape.Length - 1, repetitions.ToEquatableArray());
        }
        finally
        {
            _expansion.Stack.RemoveAt(_expansion.Stack.Count - 1);
        }
    }

    /// <summary>
    /// The module of a <c>[Block]</c> class on its own, so that a block no network uses is a module
    /// too: its layers resolved for a nominal use (64 channels in, width 64, stride 1, 56×56 or 56
    /// long samples). <see langword="null"/> when the block has a problem (reported by the networks
    /// that use it) or needs a use to be written; a network's use takes precedence.
    /// </summary>
    internal static BlockModel? Standalone(INamedTypeSymbol block, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!IsBlock(block) || block.GetAttributes().Any(static a => NetworkParser.IsNetworkAttribute(a)))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var expansion = new BlockExpansion(compilation, cancellationToken);
        var parser = new LayerParser(diagnostics, expansion, null);
        if (block.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax d && !d.Modifiers.Any(SyntaxKind.PartialKeyword))
            || parser.BlockDeclarationProblem(block) is not null
            || Collect(block, cancellationToken) is not { } layers
            || layers.Select(static l => l.Arguments.Declaration).Distinct().Count() > 1)
        {
            return null;
        }

        int[] shape = layers.Count == 0 ? [64, 56, 56] : layers[0].Kind switch
        {
            "Linear" or "LayerNorm" or "Dropout" => [64],
            var kind when kind.EndsWith("1d", StringComparison.Ordinal) => [64, 56],
            _ => [64, 56, 56],
        };

        expansion.Stack.Add(block);
        var template = new BlockTemplate();
        var resolved = Resolve(shape, layers, diagnostics, expansion, new BlockUse(64, 1), template);
        if (resolved is null || diagnostics.Count > 0)
        {
            return null;
        }

        NameChecker.Check(block, compilation, resolved, diagnostics, cancellationToken, block: true);
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var output = resolved.Count > 0 ? [.. resolved[resolved.Count - 1].Layer.OutputShape] : shape;
        return parser.CreateBlockModel(block, template, output);
    }

    /// <summary>Why the generated module cannot complete <paramref name="block"/>, and where; <see langword="null"/> when it can.</summary>
    private (Location Location, string Reason)? BlockDeclarationProblem(INamedTypeSymbol block)
    {
        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_expansion.CancellationToken) is not ClassDeclarationSyntax declaration)
            {
                continue;
            }

            if (declaration.TypeParameterList is { } parameters)
            {
                return (parameters.GetLocation(), "it is generic, and a block's sizes come from each use, not from type parameters");
            }

            // The base class, when there is one, comes first in the base list of one declaration.
            if (block.BaseType is { SpecialType: not SpecialType.System_Object } baseType
                && declaration.BaseList is { } list && list.Types.Count > 0
                && SymbolEqualityComparer.Default.Equals(
                    _expansion.Compilation.GetSemanticModel(list.SyntaxTree).GetTypeInfo(list.Types[0].Type, _expansion.CancellationToken).Type,
                    baseType))
            {
                return (list.Types[0].GetLocation(), "it derives from '" + baseType.ToDisplayString() + "', and the generated part derives it from nn.Module<Tensor, Tensor>");
            }

            for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return (parent.Identifier.GetLocation(), "the type '" + parent.Identifier.ValueText + "' that contains it is not partial");
                }

                if (parent.TypeParameterList is not null)
                {
                    return (parent.Identifier.GetLocation(), "the type '" + parent.Identifier.ValueText + "' that contains it is generic");
                }
            }
        }

        return null;
    }

    /// <summary>Checks that a shortcut can match the block's output: a 1×1 projection with the stride; ATTN0006 otherwise.</summary>
    private bool Shortcut(string kind, AttributeArguments a, int[] input, int[] output, int stride, bool projection)
    {
        string Reason(string text) => string.Format(CultureInfo.InvariantCulture, text, Shapes.Format(output), stride);
        if (!projection)
        {
            Mismatch(a, kind, input, Reason("the block's output is {0}, and with Projection = false the identity shortcut cannot be added to it"));
            return false;
        }

        if (input.Length is not (2 or 3) || output.Length != input.Length)
        {
            Mismatch(a, kind, input, Reason("the block's output is {0}, and a projection shortcut (a 1x1 convolution) needs [C, L] or [C, H, W] in and out"));
            return false;
        }

        for (var i = 1; i < input.Length; i++)
        {
            if (((input[i] - 1) / stride) + 1 != output[i])
            {
                Mismatch(a, kind, input, Reason("the block's output is {0}, which a 1x1 projection shortcut with stride {1} cannot match"));
                return false;
            }
        }

        return true;
    }

    private BlockModel CreateBlockModel(INamedTypeSymbol block, BlockTemplate template, int[] output)
    {
        var containing = new List<ContainingTypeModel>();
        for (var type = block.ContainingType; type is not null; type = type.ContainingType)
        {
            var keyword = type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
            containing.Insert(0, new ContainingTypeModel(keyword, Escape(type.Name)));
        }

        var accessibility = string.Empty;
        foreach (var reference in block.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_expansion.CancellationToken) is ClassDeclarationSyntax declaration)
            {
                var keywords = NetworkParser.GetAccessibilityKeywords(declaration.Modifiers);
                if (keywords.Length > 0)
                {
                    accessibility = keywords;
                    break;
                }
            }
        }

        return new BlockModel(
            NetworkParser.GetFullyQualifiedMetadataName(block) + ".g.cs",
            block.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NetworkParser.NamespaceFormat) : null,
            containing.ToEquatableArray(),
            Escape(block.Name),
            accessibility,
            template.Layers.ToEquatableArray(),
            template.Channels ?? IndentedWriter.Literal(output[0]));
    }

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary><paramref name="factor"/> times <paramref name="name"/>, as C# source.</summary>
    private static string Scaled(int factor, string name) =>
        factor == 1 ? name : factor.ToString(CultureInfo.InvariantCulture) + " * " + name;

    /// <summary>Puts the enclosing use's expressions into an expression over a block's parameters.</summary>
    private static string Substitute(string expression, string inChannels, string width, string stride)
    {
        string Value(string parameter) => parameter switch
        {
            "in_channels" => inChannels,
            "width" => width,
            _ => stride,
        };

        return Parameter.Match(expression) is { Success: true } whole && whole.Length == expression.Length
            ? Value(expression)
            : Parameter.Replace(expression, m => Paren(Value(m.Value)));
    }

    private static string Paren(string expression) =>
        expression.All(static c => char.IsLetterOrDigit(c) || c == '_') ? expression : "(" + expression + ")";

    /// <summary>The sizes of a size argument inside a block: <c>width</c>, <c>4 * width</c>, or the literal.</summary>
    private static string SizeText(int raw, int value) =>
        raw < 0 && raw % KnownNames.WidthSentinel == 0
            ? Scaled(raw / KnownNames.WidthSentinel, "width")
            : IndentedWriter.Literal(value);

    /// <summary>
    /// One layer of a block with its use-dependent numbers cleared and written as expressions over
    /// the block constructor's parameters; <paramref name="channels"/> follows the channel count.
    /// </summary>
    private static BlockLayerModel Symbolic(LayerModel layer, AttributeArguments a, ref string? channels)
    {
        var rank = layer.InputShape.Count;
        var sizes = LayerSizes.Literal;
        LayerModel cleared = layer;
        switch (layer)
        {
            case ConvLayer conv:
            {
                var stride = a.Int("Stride", 1) == KnownNames.StrideSentinel ? "stride" : null;
                var outText = SizeText(a.CtorInt(0), conv.OutChannels);
                var rawGroups = a.Int("Groups", 1);
                var groups = rawGroups < 0 ? SizeText(rawGroups, conv.Groups) : null;
                sizes = new LayerSizes(channels, outText, stride, null, Groups: groups);
                cleared = conv with
                {
                    InChannels = channels is null ? conv.InChannels : 0,
                    OutChannels = 0,
                    Stride = stride is null ? conv.Stride : 0,
                    Groups = groups is null ? conv.Groups : 0,
                };
                channels = outText;
                break;
            }

            case BatchNormLayer bn:
                sizes = new LayerSizes(channels, null, null, null);
                cleared = bn with { Features = channels is null ? bn.Features : 0 };
                break;

            case LayerNormLayer ln when rank == 1 && channels is not null:
                sizes = new LayerSizes(channels, null, null, null);
                cleared = ln with { Features = 0 };
                break;

            case LinearLayer linear:
            {
                var inText = rank == 1 ? channels : null;
                var outText = SizeText(a.CtorInt(0), linear.OutFeatures);
                sizes = new LayerSizes(inText, outText, null, null);
                cleared = linear with { InFeatures = inText is null ? linear.InFeatures : 0, OutFeatures = 0 };
                if (rank == 1)
                {
                    channels = outText;
                }

                break;
            }

            case FlattenLayer flatten when flatten.StartDim == 1 && flatten.EndDim > 1:
                channels = null;
                break;

            case PoolLayer pool when a.Int("Stride", 0) == KnownNames.StrideSentinel:
                sizes = new LayerSizes(null, null, "stride", null);
                cleared = pool with { Stride = 0 };
                break;

            case SqueezeExciteLayer se when channels is not null:
            {
                var reduction = IndentedWriter.Literal(a.Int("Reduction", 16));
                var divisor = a.Int("MakeDivisible", 0);
                var reduced = divisor > 0
                    ? BlockEmitter.MakeDivisibleName + "((double)" + Paren(channels) + " / " + reduction + ", " + IndentedWriter.Literal(divisor) + ")"
                    : channels + " / " + reduction;
                sizes = new LayerSizes(channels, null, null, reduced);
                cleared = se with { Channels = 0, Reduced = 0 };
                break;
            }

            case ChannelAttentionLayer ca when channels is not null:
                sizes = new LayerSizes(channels, null, null, channels + " / " + IndentedWriter.Literal(a.Int("Reduction", 16)));
                cleared = ca with { Channels = 0, Reduced = 0 };
                break;

            case CbamLayer cbam when channels is not null:
                sizes = new LayerSizes(channels, null, null, channels + " / " + IndentedWriter.Literal(a.Int("Reduction", 16)));
                cleared = cbam with { Channels = 0, Reduced = 0 };
                break;

            case EcaLayer eca when a.Int("Kernel", 0) == 0 && channels is not null:
                sizes = new LayerSizes(channels, null, null, null,
                    BlockEmitter.EcaKernelName + "(" + channels + ", " + IndentedWriter.Literal(a.Int("Gamma", 2)) + ", " + IndentedWriter.Literal(a.Int("Beta", 1)) + ")");
                cleared = eca with { Channels = 0, Kernel = 0 };
                break;

            case EcaLayer eca:
                cleared = eca with { Channels = 0 };
                break;

            case StageLayer stage:
                cleared = stage with
                {
                    Repetitions = stage.Repetitions.Select(static r => r with { OutputShape = EquatableArray<int>.Empty, Parameters = 0 }).ToEquatableArray(),
                };
                channels = stage.Repetitions[stage.Repetitions.Count - 1].OutChannels;
                break;
        }

        var zeros = new int[rank].ToEquatableArray();
        cleared = cleared with { InputShape = zeros, OutputShape = new int[layer.OutputShape.Count].ToEquatableArray(), Parameters = 0 };
        return new BlockLayerModel(cleared, sizes);
    }
}

/// <summary>A block's layers as its module class writes them, and its output channels as an expression.</summary>
internal sealed class BlockTemplate
{
    /// <summary>Gets the layers in source order.</summary>
    public List<BlockLayerModel> Layers { get; } = [];

    /// <summary>Gets or sets the channel count after the last layer, or <see langword="null"/> where it is not an expression of the parameters.</summary>
    public string? Channels { get; set; } = "in_channels";
}
