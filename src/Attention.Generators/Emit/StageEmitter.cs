using System.Collections.Generic;
using Attention.Dsl;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes <c>[Apply]</c> and <c>[Residual]</c> stages: a <c>Sequential</c> with one child per
/// repetition (<c>layer1.0</c>, <c>layer1.1</c> …), each the block itself or a residual module with
/// the block as <c>branch</c> and the projection as <c>downsample</c>.
/// </summary>
internal static class StageEmitter
{
    /// <summary>The name of the nested residual class for <paramref name="activation"/>.</summary>
    public static string ResidualClass(Activation activation) =>
        activation == Activation.None ? "Residual" : "Residual" + activation;

    /// <summary>Writes <c>field = new Sequential(…);</c> for <paramref name="stage"/>.</summary>
    public static void WriteCreation(IndentedWriter writer, StageLayer stage, HashSet<string> used)
    {
        used.Add("Sequential");
        writer.WriteLine(stage.Name + " = new Sequential(");
        using (writer.Indent())
        {
            for (var i = 0; i < stage.Repetitions.Count; i++)
            {
                var repetition = stage.Repetitions[i];
                var block = "new " + stage.BlockType + "(" + repetition.InChannels + ", " + repetition.Width + ", " + repetition.Stride + ")";
                var text = stage.Residual
                    ? "new " + ResidualClass(stage.Activation) + "(" + block + ", " + Downsample(stage, repetition, used) + ")"
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
        var stride = repetition.Stride == "1" ? string.Empty : ", stride: " + Size(repetition.Stride);
        return "downsample: new Sequential(new Conv" + dims + "(" + repetition.InChannels + ", " + repetition.OutChannels + ", " + Size("1")
            + stride + ", bias: false), new BatchNorm" + dims + "(" + repetition.OutChannels + "))";
    }

    /// <summary>Writes the nested residual module for <paramref name="activation"/>.</summary>
    public static void WriteResidual(IndentedWriter writer, Activation activation, HashSet<string> used)
    {
        var name = ResidualClass(activation);
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
        writer.WriteLine("private sealed class " + name + " : nn.Module<Tensor, Tensor>");
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
