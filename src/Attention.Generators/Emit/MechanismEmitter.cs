using System.Collections.Generic;
using System.Linq;
using Attention.Dsl;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes the private nested module class of one attention mechanism variant, its math spelled
/// out step by step with the shapes in comments. Sizes are constructor arguments; the options that
/// change the code (activations, bias, BatchNorm) are fixed per variant.
/// </summary>
internal static class MechanismEmitter
{
    /// <summary>Writes the class <paramref name="className"/> for <paramref name="variant"/>.</summary>
    public static void Write(
        IndentedWriter writer,
        MechanismVariant variant,
        string className,
        List<(MechanismVariant Variant, string ClassName)> mechanisms,
        HashSet<string> used)
    {
        switch (variant.Kind)
        {
            case "SqueezeExcite":
                WriteSqueezeExcite(writer, variant, className, used);
                break;
            case "ChannelAttention":
                WriteChannelAttention(writer, variant, className, used);
                break;
            case "SpatialAttention":
                WriteSpatialAttention(writer, variant, className, used);
                break;
            case "Cbam":
                WriteCbam(writer, className, mechanisms);
                break;
            default:
                WriteEca(writer, className, used);
                break;
        }
    }

    private static void WriteSqueezeExcite(IndentedWriter writer, MechanismVariant variant, string className, HashSet<string> used)
    {
        used.Add("Linear");
        used.Add("F");
        var bias = variant.Bias ? string.Empty : ", bias: false";
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Squeeze-and-Excitation (Hu et al., 2018): the channels re-weighted by a gate computed from");
        writer.WriteLine("/// their global averages, <c>y = x * " + GateText(variant.Gate) + "(fc2(" + ActivationName(variant.InnerActivation) + "(fc1(mean(x)))))</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly Linear fc1;");
            writer.WriteLine("private readonly Linear fc2;");
            writer.WriteLine();
            writer.WriteLine("public " + className + "(long channels, long reduced) : base(nameof(" + className + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("fc1 = new Linear(channels, reduced" + bias + ");");
                writer.WriteLine("register_module(\"fc1\", fc1);");
                writer.WriteLine("fc2 = new Linear(reduced, channels" + bias + ");");
                writer.WriteLine("register_module(\"fc2\", fc2);");
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("// squeeze: [N, C, H, W] -> [N, C]");
                writer.WriteLine("using Tensor squeezed = input.mean([2, 3]);");
                writer.WriteLine("// excite: [N, C] -> [N, C_r] -> [N, C]");
                writer.WriteLine("using Tensor hidden = fc1.call(squeezed);");
                writer.WriteLine("using Tensor activated = " + ActivationCall(variant.InnerActivation, "hidden") + ";");
                writer.WriteLine("using Tensor excited = fc2.call(activated);");
                writer.WriteLine(variant.Gate == Gate.HardSigmoid
                    ? "// gate: hard sigmoid, relu6(x + 3) / 6, weights in [0, 1]"
                    : "// gate: sigmoid, weights in (0, 1)");
                writer.WriteLine("using Tensor weights = " + (variant.Gate == Gate.HardSigmoid ? "F.hardsigmoid(excited)" : "F.sigmoid(excited)") + ";");
                WriteChannelScale(writer);
            }
        }
    }

    private static void WriteChannelAttention(IndentedWriter writer, MechanismVariant variant, string className, HashSet<string> used)
    {
        used.Add("Linear");
        used.Add("F");
        var bias = variant.Bias ? string.Empty : ", bias: false";
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// CBAM's channel attention (Woo et al., 2018): a shared MLP over the global average and the");
        writer.WriteLine("/// global maximum of each channel, <c>y = x * sigmoid(mlp(mean(x)) + mlp(max(x)))</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly Linear fc1;");
            writer.WriteLine("private readonly Linear fc2;");
            writer.WriteLine();
            writer.WriteLine("public " + className + "(long channels, long reduced) : base(nameof(" + className + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("fc1 = new Linear(channels, reduced" + bias + ");");
                writer.WriteLine("register_module(\"fc1\", fc1);");
                writer.WriteLine("fc2 = new Linear(reduced, channels" + bias + ");");
                writer.WriteLine("register_module(\"fc2\", fc2);");
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("// pool over H and W, by average and by maximum: [N, C, H, W] -> 2 x [N, C]");
                writer.WriteLine("using Tensor average = input.mean([2, 3]);");
                writer.WriteLine("using Tensor maximum = input.amax([2, 3]);");
                writer.WriteLine("// the same MLP on both: [N, C] -> [N, C_r] -> [N, C]");
                writer.WriteLine("using Tensor fromAverage = Mlp(average);");
                writer.WriteLine("using Tensor fromMaximum = Mlp(maximum);");
                writer.WriteLine("// gate: sigmoid of the sum, weights in (0, 1)");
                writer.WriteLine("using Tensor sum = fromAverage + fromMaximum;");
                writer.WriteLine("using Tensor weights = F.sigmoid(sum);");
                WriteChannelScale(writer);
            }

            writer.WriteLine();
            writer.WriteLine("private Tensor Mlp(Tensor pooled)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("using Tensor hidden = fc1.call(pooled);");
                writer.WriteLine("using Tensor activated = F.relu(hidden);");
                writer.WriteLine("return fc2.call(activated);");
            }
        }
    }

    private static void WriteSpatialAttention(IndentedWriter writer, MechanismVariant variant, string className, HashSet<string> used)
    {
        used.Add("Conv2d");
        used.Add("F");
        used.Add("torch");
        if (variant.BatchNorm)
        {
            used.Add("BatchNorm2d");
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// CBAM's spatial attention (Woo et al., 2018): a k x k convolution over the channel-wise average");
        writer.WriteLine("/// and maximum, <c>y = x * sigmoid(" + (variant.BatchNorm ? "bn(conv(...))" : "conv(...)") + ")</c>, one weight per position.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly Conv2d conv;");
            if (variant.BatchNorm)
            {
                writer.WriteLine("private readonly BatchNorm2d bn;");
            }

            writer.WriteLine();
            writer.WriteLine("public " + className + "(long kernel) : base(nameof(" + className + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("conv = new Conv2d(2, 1, [kernel, kernel], padding: [kernel / 2, kernel / 2], bias: false);");
                writer.WriteLine("register_module(\"conv\", conv);");
                if (variant.BatchNorm)
                {
                    writer.WriteLine("bn = new BatchNorm2d(1);");
                    writer.WriteLine("register_module(\"bn\", bn);");
                }
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("// pool over the channels, by average and by maximum: [N, C, H, W] -> [N, 2, H, W]");
                writer.WriteLine("using Tensor average = input.mean([1], keepdim: true);");
                writer.WriteLine("using Tensor maximum = input.amax([1], keepdim: true);");
                writer.WriteLine("using Tensor pooled = torch.cat([average, maximum], 1);");
                writer.WriteLine("// k x k convolution to one map: [N, 2, H, W] -> [N, 1, H, W]");
                writer.WriteLine("using Tensor logits = conv.call(pooled);");
                var gated = "logits";
                if (variant.BatchNorm)
                {
                    writer.WriteLine("using Tensor normalized = bn.call(logits);");
                    gated = "normalized";
                }

                writer.WriteLine("// gate and scale: [N, C, H, W] * [N, 1, H, W]");
                writer.WriteLine("using Tensor weights = F.sigmoid(" + gated + ");");
                writer.WriteLine("return input * weights;");
            }
        }
    }

    private static void WriteCbam(IndentedWriter writer, string className, List<(MechanismVariant Variant, string ClassName)> mechanisms)
    {
        var channel = mechanisms.First(m => m.Variant == Mechanisms.ChannelAttention(true)).ClassName;
        var spatial = mechanisms.First(m => m.Variant == Mechanisms.SpatialAttention(false)).ClassName;
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// CBAM (Woo et al., 2018): channel attention, then spatial attention on the refined map, with no");
        writer.WriteLine("/// residual (the paper's form).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly " + channel + " channel;");
            writer.WriteLine("private readonly " + spatial + " spatial;");
            writer.WriteLine();
            writer.WriteLine("public " + className + "(long channels, long reduced, long kernel) : base(nameof(" + className + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("channel = new " + channel + "(channels, reduced);");
                writer.WriteLine("register_module(\"channel\", channel);");
                writer.WriteLine("spatial = new " + spatial + "(kernel);");
                writer.WriteLine("register_module(\"spatial\", spatial);");
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("// [N, C, H, W] -> [N, C, H, W], one weight per channel");
                writer.WriteLine("using Tensor refined = channel.call(input);");
                writer.WriteLine("// [N, C, H, W] -> [N, C, H, W], one weight per position");
                writer.WriteLine("return spatial.call(refined);");
            }
        }
    }

    private static void WriteEca(IndentedWriter writer, string className, HashSet<string> used)
    {
        used.Add("Conv1d");
        used.Add("F");
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Efficient channel attention (Wang et al., 2020): a k-wide 1-D convolution across the channels'");
        writer.WriteLine("/// global averages, <c>y = x * sigmoid(conv1d(mean(x)))</c>, with no dimensionality reduction.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            writer.WriteLine("private readonly Conv1d conv;");
            writer.WriteLine();
            writer.WriteLine("public " + className + "(long kernel) : base(nameof(" + className + "))");
            using (writer.WriteBlock())
            {
                writer.WriteLine("conv = new Conv1d(1, 1, kernel, padding: (kernel - 1) / 2, bias: false);");
                writer.WriteLine("register_module(\"conv\", conv);");
            }

            writer.WriteLine();
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("// squeeze: [N, C, H, W] -> [N, C], seen as one channel of length C: [N, 1, C]");
                writer.WriteLine("using Tensor squeezed = input.mean([2, 3]);");
                writer.WriteLine("using Tensor sequence = squeezed.unsqueeze(1);");
                writer.WriteLine("// interaction of each channel with its k neighbours: [N, 1, C] -> [N, 1, C]");
                writer.WriteLine("using Tensor logits = conv.call(sequence);");
                writer.WriteLine("// gate: sigmoid, weights in (0, 1)");
                writer.WriteLine("using Tensor weights = F.sigmoid(logits);");
                WriteChannelScale(writer);
            }
        }
    }

    /// <summary>Writes <c>return input * weights</c> with the per-channel weights viewed as <c>[N, C, 1, 1]</c>.</summary>
    private static void WriteChannelScale(IndentedWriter writer)
    {
        writer.WriteLine("// scale: [N, C, H, W] * [N, C, 1, 1]");
        writer.WriteLine("using Tensor scale = weights.view(input.size(0), input.size(1), 1, 1);");
        writer.WriteLine("return input * scale;");
    }

    private static string ActivationName(Activation activation) => activation switch
    {
        Activation.ReLU6 => "relu6",
        Activation.SiLU => "silu",
        Activation.HardSwish => "hardswish",
        Activation.GELU => "gelu",
        _ => "relu",
    };

    private static string ActivationCall(Activation activation, string x) => "F." + ActivationName(activation) + "(" + x + ")";

    private static string GateText(Gate gate) => gate == Gate.HardSigmoid ? "hardsigmoid" : "sigmoid";
}
