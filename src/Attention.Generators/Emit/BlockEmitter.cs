using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes the generated part of a <c>[Block]</c> class: a module whose constructor
/// <c>(long in_channels, long width, long stride)</c> computes every layer's size, and whose
/// <c>forward</c> is written out as a network's is.
/// </summary>
internal static class BlockEmitter
{
    /// <summary>The helper that rounds an SE width as timm's <c>make_divisible</c>, written into blocks that need it.</summary>
    public const string MakeDivisibleName = "MakeDivisible";

    /// <summary>The helper that chooses ECA's adaptive kernel, written into blocks that need it.</summary>
    public const string EcaKernelName = "EcaKernel";

    /// <summary>Writes the source file for <paramref name="block"/>.</summary>
    public static string Emit(BlockModel block)
    {
        var used = new HashSet<string> { "nn", "Tensor" };
        return NetworkEmitter.Wrap(block.Namespace, block.ContainingTypes, used, writer => WriteBlock(writer, block, used));
    }

    private static void WriteBlock(IndentedWriter writer, BlockModel block, HashSet<string> used)
    {
        var modifiers = block.Accessibility.Length > 0 ? block.Accessibility + " partial" : "partial";
        var layers = block.Layers.Select(static l => l.Layer).ToList();
        var mechanisms = Mechanisms.Collect(layers);
        writer.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode("
            + IndentedWriter.Literal(GeneratorInfo.Name) + ", " + IndentedWriter.Literal(GeneratorInfo.Version) + ")]");
        writer.WriteLine(modifiers + " class " + block.Name + " : nn.Module<Tensor, Tensor>");
        using (writer.WriteBlock())
        {
            var fields = new List<(string Code, string Comment)>();
            foreach (var layer in block.Layers.Where(static l => l.Layer.HasField))
            {
                var type = NetworkEmitter.FieldType(layer.Layer, mechanisms);
                used.Add(type);
                fields.Add(("private readonly " + type + " " + layer.Layer.Name + ";", "// " + NetworkEmitter.Describe(layer.Layer, layer.Sizes)));
            }

            NetworkEmitter.WriteAligned(writer, fields);
            if (fields.Count > 0)
            {
                writer.WriteLine();
            }

            writer.WriteLine("/// <summary>Creates the block's layers for one use, initialised as PyTorch does, and registers them in forward order.</summary>");
            writer.WriteLine("/// <param name=\"in_channels\">The channels of the block's input.</param>");
            writer.WriteLine("/// <param name=\"width\">The use's width: the value of <c>Block.Width</c>.</param>");
            writer.WriteLine("/// <param name=\"stride\">The use's stride: the value of <c>Block.Stride</c>.</param>");
            writer.WriteLine("public " + block.Name + "(long in_channels, long width, long stride) : base(nameof(" + block.Name + "))");
            using (writer.WriteBlock())
            {
                foreach (var layer in block.Layers.Where(static l => l.Layer.HasField))
                {
                    NetworkEmitter.WriteCreation(writer, layer.Layer, layer.Sizes, mechanisms, used);
                }
            }

            writer.WriteLine();
            writer.WriteLine("/// <summary>Runs the block's layers in order; the output has <c>" + block.OutChannels + "</c> channels.</summary>");
            writer.WriteLine("/// <param name=\"input\">The batch; it stays owned by the caller.</param>");
            writer.WriteLine("/// <returns>A new tensor that the caller owns.</returns>");
            writer.WriteLine("public override Tensor forward(Tensor input)");
            using (writer.WriteBlock())
            {
                if (block.Layers.Count == 0)
                {
                    writer.WriteLine("// No layers: the identity, as a new handle that the caller owns.");
                    writer.WriteLine("return input.view(input.shape);");
                }
                else
                {
                    var lines = new List<(string Code, string Comment)>();
                    var previous = "input";
                    for (var i = 0; i < block.Layers.Count; i++)
                    {
                        var layer = block.Layers[i];
                        var local = "h" + (i + 1).ToString(CultureInfo.InvariantCulture);
                        lines.Add(("Tensor " + local + " = " + NetworkEmitter.Step(layer.Layer, previous, used, layer.Sizes) + ";", "// " + layer.Layer.Name));
                        if (i > 0)
                        {
                            lines.Add((previous + ".Dispose();", string.Empty));
                        }

                        previous = local;
                    }

                    NetworkEmitter.WriteAligned(writer, lines);
                    writer.WriteLine("return " + previous + ";");
                }
            }

            WriteHelpers(writer, block);
            NetworkEmitter.WriteNestedClasses(writer, layers, mechanisms, used);
        }
    }

    /// <summary>Writes the size helpers that the constructor calls, with the generator's own formulas.</summary>
    private static void WriteHelpers(IndentedWriter writer, BlockModel block)
    {
        var sizes = block.Layers.Select(static l => (l.Sizes.Reduced ?? string.Empty) + " " + (l.Sizes.Kernel ?? string.Empty)).ToList();
        if (sizes.Any(static s => s.Contains(MakeDivisibleName + "(")))
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>timm's <c>make_divisible(value, divisor)</c>: the nearest multiple, at least the divisor, never below 90 % of the value.</summary>");
            writer.WriteLine("private static long " + MakeDivisibleName + "(double value, long divisor)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("long rounded = global::System.Math.Max(divisor, (long)(value + (divisor / 2.0)) / divisor * divisor);");
                writer.WriteLine("return rounded < 0.9 * value ? rounded + divisor : rounded;");
            }
        }

        if (sizes.Any(static s => s.Contains(EcaKernelName + "(")))
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>ECA's adaptive kernel: <c>t = int(abs(log2(C) + beta) / gamma)</c>, made odd.</summary>");
            writer.WriteLine("private static long " + EcaKernelName + "(long channels, long gamma, long beta)");
            using (writer.WriteBlock())
            {
                writer.WriteLine("long t = (long)(global::System.Math.Abs((global::System.Math.Log(channels) / global::System.Math.Log(2)) + beta) / gamma);");
                writer.WriteLine("return t % 2 == 1 ? t : t + 1;");
            }
        }
    }
}
