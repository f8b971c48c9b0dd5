using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Dsl;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Layers.Specs;

/// <summary>
/// One repetition of a block in a stage, with the constructor arguments of the block (constants in
/// a network, expressions in a block) and of the projection shortcut, when there is one.
/// </summary>
/// <param name="Name">The state-dict path, such as <c>layer1.0</c>.</param>
/// <param name="InChannels">The block's <c>in_channels</c>.</param>
/// <param name="Width">The block's <c>width</c>.</param>
/// <param name="Stride">The block's <c>stride</c>.</param>
/// <param name="OutChannels">The block's output channels.</param>
/// <param name="Downsample">Whether a projection shortcut (1×1 convolution, BatchNorm) is inserted.</param>
/// <param name="OutputShape">The per-sample output shape.</param>
/// <param name="Parameters">The parameter count, projection included.</param>
internal sealed record RepetitionModel(
    string Name, SizeExpression InChannels, SizeExpression Width, SizeExpression Stride, SizeExpression OutChannels, bool Downsample,
    EquatableArray<int> OutputShape, long Parameters);

/// <summary>
/// An <c>[Apply]</c> (<paramref name="Residual"/> false) or <c>[Residual]</c> stage: a container
/// registered under <paramref name="Name"/> with one child per repetition, named <c>0</c>, <c>1</c> ….
/// </summary>
internal sealed record StageLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    string BlockName, string BlockType, bool Residual, Activation Activation, int Dimensions,
    EquatableArray<RepetitionModel> Repetitions, MaskUse BlockMaskUse)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[Apply(typeof(B))]</c> and <c>[Residual(typeof(B))]</c>: <c>Width = 0</c> (the incoming
/// channels), <c>Stride = 1</c> (first repetition only), <c>Repeat = 1</c> (at most 1024), and for
/// <c>[Residual]</c> <c>Activation = None</c> and <c>Projection = true</c>. Each use is expanded with
/// concrete shapes, so every check and count sees through blocks; the block class is completed once.
/// </summary>
internal sealed class StageSpec(bool residual) : LayerSpec<StageLayer>(residual ? "Residual" : "Apply", "layer")
{
    /// <summary>The most repetitions of one stage; every repetition is a module and a row of the summary.</summary>
    private const int MaxRepeat = 1024;

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var expansion = c.Parser.Expansion;

        // typeof of a missing type is already a compile error.
        if (a.CtorType(0) is not INamedTypeSymbol block || block.TypeKind == TypeKind.Error
            || LayerParser.CheckBlockUse(block, a.CtorLocation(0), Kind, expansion, c.Diagnostics) is not { } layers)
        {
            return null;
        }

        if (c.NamedSize("Width", 0) is not { } width || c.NamedStride("Stride", 1) is not { } stride)
        {
            return null;
        }

        var repeat = a.Int("Repeat", 1);
        var activation = (Activation)a.Int("Activation", (int)Activation.None);
        var projection = a.Bool("Projection", true);
        var ok = c.Check(width.Value >= 0, "Width", "Width is {0}, and must be at least 1 (or 0 for the incoming channels)", width.Value)
            & c.Check(stride.Value >= 1, "Stride", "Stride is {0}, and must be at least 1", stride.Value)
            & c.Check(repeat is >= 1 and <= MaxRepeat, "Repeat", "Repeat is {0}, and must be between 1 and {1}", repeat, MaxRepeat)
            & c.Check(Enum.IsDefined(typeof(Activation), activation), "Activation", "Activation {0} is not a defined Activation", (int)activation);
        if (!ok)
        {
            return null;
        }

        if (width.Value == 0)
        {
            // The incoming channels are the first dimension, which an open length leaves unknown.
            if (c.LengthIsOpen)
            {
                c.RequireFixedLength("Width", "Width = 0 takes the incoming channels, its input's first dimension, which is the open length here; give Width (the features of each step)");
                return null;
            }

            width = c.Channels;
        }

        // A problem inside the block names this use, and the uses that brought this block in.
        var description = "in block '" + block.Name + "' as used by [" + a.Syntax + "]" + (c.Use?.Description is { } outer ? ", " + outer : string.Empty);
        expansion.Stack.Add(block);
        try
        {
            var repetitions = new List<RepetitionModel>();
            var current = c.Shape;
            var inChannels = c.Channels.Expression;
            var total = 0L;
            var blockMaskUse = Layers.MaskUse.PassesThrough;
            for (var r = 0; r < repeat; r++)
            {
                var repetitionStride = r == 0 ? stride : Dim.Of(1);
                var count = c.DiagnosticCount;
                var use = new BlockUse(width.Value, repetitionStride.Value, description);
                var resolved = LayerParser.ResolveBlockLayers(block, current, layers, c.Diagnostics, expansion, use, out var blockOut);
                if (resolved is null || c.DiagnosticCount > count)
                {
                    return null;
                }

                var output = resolved.Count > 0 ? [.. resolved[resolved.Count - 1].Layer.OutputShape] : current;
                var model = LayerParser.CreateBlockModel(block, resolved.Select(static l => l.Layer), blockOut.Expression, expansion);
                blockMaskUse = MaskUses.Of(model.Layers);
                if (expansion.Register(model) is { } reason)
                {
                    c.Report(DiagnosticInfo.Create(DiagnosticDescriptors.BlockUsesDiffer, a.Syntax.GetLocation(), block.Name, reason));
                    return null;
                }

                var parameters = resolved.Sum(static l => l.Layer.Parameters);
                var downsample = false;
                if (residual && !output.SequenceEqual(current))
                {
                    if (!Shortcut(c, current, output, repetitionStride.Value, projection))
                    {
                        return null;
                    }

                    downsample = true;
                    parameters += ((long)current[0] * output[0]) + (2L * output[0]);
                }

                var arguments = new Dictionary<string, SizeExpression>
                {
                    [SizeExpression.InChannels] = inChannels,
                    [SizeExpression.Width] = width.Expression,
                    [SizeExpression.Stride] = repetitionStride.Expression,
                };
                var outChannels = model.OutChannels.Substitute(arguments);
                repetitions.Add(new RepetitionModel(
                    c.Name + "." + r.ToString(CultureInfo.InvariantCulture), inChannels, width.Expression, repetitionStride.Expression, outChannels,
                    downsample, output.ToEquatableArray(), parameters));
                total += parameters;
                current = output;
                inChannels = outChannels;
            }

            // The block takes the network's padding mask when its layers do; a projection shortcut (a convolution over
            // what it takes for channels) would mix the steps.
            var maskUse = repetitions.Any(static r => r.Downsample) ? Layers.MaskUse.Refuses : blockMaskUse;
            c.NextChannels = new Dim(current[0], inChannels);
            return new StageLayer(c.Name, c.Kind, c.Input, current.ToEquatableArray(), total,
                block.Name, block.ToDisplayString(TypeFormat), residual, activation, c.Shape.Length - 1, repetitions.ToEquatableArray(), maskUse);
        }
        finally
        {
            expansion.Stack.RemoveAt(expansion.Stack.Count - 1);
        }
    }

    /// <summary>Checks that a shortcut can match the block's output: a 1×1 projection with the stride; ATTN0006 otherwise.</summary>
    private static bool Shortcut(LayerContext c, int[] input, int[] output, int stride, bool projection)
    {
        string Reason(string text) => string.Format(CultureInfo.InvariantCulture, text, Shapes.Format(output), stride);
        if (!projection)
        {
            c.Mismatch(Reason("the block's output is {0}, and with Projection = false the identity shortcut cannot be added to it"));
            return false;
        }

        if (input.Length is not (2 or 3) || output.Length != input.Length)
        {
            c.Mismatch(Reason("the block's output is {0}, and a projection shortcut (a 1x1 convolution) needs [C, L] or [C, H, W] in and out"));
            return false;
        }

        for (var i = 1; i < input.Length; i++)
        {
            if (((input[i] - 1) / stride) + 1 != output[i])
            {
                c.Mismatch(Reason("the block's output is {0}, which a 1x1 projection shortcut with stride {1} cannot match"));
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    /// <remarks>The block's layers are resolved over the open length, and each reports what needs a fixed one.</remarks>
    public override bool TakesOpenLength => true;

    /// <summary>The name of the nested residual class for <paramref name="activation"/>, and for a block that takes the padding mask.</summary>
    public static string ResidualClass(Activation activation, bool masked = false) =>
        (masked ? "Masked" : string.Empty) + (activation == Activation.None ? "Residual" : "Residual" + activation);

    /// <inheritdoc/>
    protected override MaskUse MaskUse(StageLayer layer) => layer.BlockMaskUse;

    /// <inheritdoc/>
    protected override string ForwardMasked(StageLayer layer, string x, string mask, HashSet<string> used)
    {
        // The blocks' layers take the mask; call_masked hands it to every repetition.
        used.Add(StaticImport + "MaskedModules");
        return layer.Name + ".call_masked(" + x + ", " + mask + ")";
    }

    /// <inheritdoc/>
    protected override string FieldType(StageLayer layer) => "Sequential";

    /// <inheritdoc/>
    protected override string Describe(StageLayer layer) =>
        (layer.Residual ? "Residual(" + layer.BlockName + ")" : layer.BlockName) + " x " + IndentedWriter.Literal(layer.Repetitions.Count);

    /// <inheritdoc/>
    public override IEnumerable<SummaryRow> SummaryRows(LayerModel layer)
    {
        var stage = (StageLayer)layer;
        var kind = stage.Residual ? "Residual(" + stage.BlockName + ")" : stage.BlockName;
        return stage.Repetitions.Select(r => new SummaryRow(r.Name, kind, r.OutputShape, r.Parameters));
    }

    /// <inheritdoc/>
    public override IEnumerable<NestedClass> NestedClasses(LayerModel layer)
    {
        var stage = (StageLayer)layer;
        if (stage.Residual)
        {
            var masked = stage.BlockMaskUse == Layers.MaskUse.Keeps;
            yield return new NestedClass(ResidualClass(stage.Activation, masked), (writer, used) => WriteResidual(writer, stage.Activation, masked, used));
        }
    }

    /// <summary>Writes <c>field = new Sequential(…);</c> with one child per repetition.</summary>
    public override void WriteCreation(IndentedWriter writer, LayerModel layer, HashSet<string> used)
    {
        var stage = (StageLayer)layer;
        used.Add("Sequential");
        writer.WriteLine(stage.Name + " = new Sequential(");
        using (writer.Indent())
        {
            for (var i = 0; i < stage.Repetitions.Count; i++)
            {
                var repetition = stage.Repetitions[i];
                var block = "new " + stage.BlockType + "(" + repetition.InChannels.ToCSharp(used) + ", " + repetition.Width.ToCSharp(used) + ", " + repetition.Stride.ToCSharp(used) + ")";
                var text = stage.Residual
                    ? "new " + ResidualClass(stage.Activation, stage.BlockMaskUse == Layers.MaskUse.Keeps) + "(" + block + ", " + Downsample(stage, repetition, used) + ")"
                    : block;
                writer.WriteLine(text + (i + 1 < stage.Repetitions.Count ? "," : ");"));
            }
        }
    }

    /// <summary>The projection shortcut (ResNet's option B), or <c>null</c> for the identity.</summary>
    private static string Downsample(StageLayer stage, RepetitionModel repetition, HashSet<string> used)
    {
        if (!repetition.Downsample)
        {
            return "downsample: null";
        }

        var dims = stage.Dimensions == 1 ? "1d" : "2d";
        used.Add("Conv" + dims);
        used.Add("BatchNorm" + dims);
        string Size(string value) => stage.Dimensions == 1 ? value : "[" + value + ", " + value + "]";
        var outChannels = repetition.OutChannels.ToCSharp(used);
        var stride = repetition.Stride.Constant == 1 ? string.Empty : ", stride: " + Size(repetition.Stride.ToCSharp(used));
        return "downsample: new Sequential(new Conv" + dims + "(" + repetition.InChannels.ToCSharp(used) + ", " + outChannels + ", " + Size("1")
            + stride + ", bias: false), new BatchNorm" + dims + "(" + outChannels + "))";
    }

    /// <summary>Writes the nested residual module for <paramref name="activation"/>.</summary>
    private static void WriteResidual(IndentedWriter writer, Activation activation, bool masked, HashSet<string> used)
    {
        var name = ResidualClass(activation, masked);
        var function = activation switch
        {
            Activation.ReLU => "relu",
            Activation.ReLU6 => "relu6",
            Activation.SiLU => "silu",
            Activation.HardSwish => "hardswish",
            Activation.GELU => "gelu",
            _ => null,
        };
        if (function is not null)
        {
            used.Add("F");
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// One repetition of a residual stage: <c>y = " + (function is null ? "branch(x) + shortcut(x)" : function + "(branch(x) + shortcut(x))")
            + "</c>, the shortcut being");
        writer.WriteLine("/// <c>downsample</c> (a 1x1 convolution and BatchNorm) where the block changes the shape, else the identity.");
        writer.WriteLine("/// </summary>");
        if (masked)
        {
            used.Add("IMaskedModule");
        }

        writer.WriteLine("private sealed class " + name + (masked ? " : nn.Module<Tensor, Tensor>, IMaskedModule" : " : nn.Module<Tensor, Tensor>"));
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly nn.Module<Tensor, Tensor> branch;");
            writer.WriteLine("private readonly nn.Module<Tensor, Tensor>? downsample;");
            writer.WriteLine();
            writer.WriteLine("public " + name + "(nn.Module<Tensor, Tensor> branch, nn.Module<Tensor, Tensor>? downsample) : base(nameof(" + name + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("this.branch = branch;");
                writer.WriteLine("register_module(\"branch\", branch);");
                writer.WriteLine("this.downsample = downsample;");
                writer.WriteLine("if (downsample is not null)");
                using (writer.WriteBlock())
                {
                    writer.WriteLine("register_module(\"downsample\", downsample);");
                }
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("using Tensor branched = branch.call(input);");
                writer.WriteLine("if (downsample is null)");
                using (writer.WriteBlock())
                {
                    writer.WriteLine("// identity shortcut");
                    WriteSum(writer, function, "input");
                }

                writer.WriteLine();
                writer.WriteLine("// projection shortcut");
                writer.WriteLine("using Tensor shortcut = downsample.call(input);");
                WriteSum(writer, function, "shortcut");
            }

            if (masked)
            {
                // A block that takes the mask has the identity shortcut: the steps stay where they are.
                writer.WriteLine();
                writer.WriteLine("public Tensor forward(Tensor input, Tensor mask)");
                using (writer.WriteBlock())
                {
                    writer.WriteLine("using Tensor branched = ((IMaskedModule)branch).forward(input, mask);");
                    WriteSum(writer, function, "input");
                }
            }
        }
    }

    private static void WriteSum(IndentedWriter writer, string? function, string shortcut)
    {
        if (function is null)
        {
            writer.WriteLine("return branched + " + shortcut + ";");
            return;
        }

        var local = shortcut == "input" ? "sum" : "projectedSum";
        writer.WriteLine("using Tensor " + local + " = branched + " + shortcut + ";");
        writer.WriteLine("return F." + function + "(" + local + ");");
    }
}
