using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes the generated part of a <c>[Block]</c> class: a module whose constructor
/// <c>(long in_channels, long width, long stride)</c> computes every layer's size, and whose
/// <c>forward</c> is written out as a network's is.
/// </summary>
internal static class BlockEmitter
{
    /// <summary>Writes the source file for <paramref name="block"/>.</summary>
    public static string Emit(BlockModel block)
    {
        var used = new HashSet<string> { "nn", "Tensor" };
        return NetworkEmitter.Wrap(block.Namespace, block.ContainingTypes, block.Shadowed, used, writer => WriteBlock(writer, block, used));
    }

    private static void WriteBlock(IndentedWriter writer, BlockModel block, HashSet<string> used)
    {
        var modifiers = block.Accessibility.Length > 0 ? block.Accessibility + " partial" : "partial";
        writer.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode("
            + IndentedWriter.Literal(GeneratorInfo.Name) + ", " + IndentedWriter.Literal(GeneratorInfo.Version) + ")]");
        // A block whose layers take the padding mask also runs with it, as an IMaskedModule.
        var masked = MaskUses.InBlock(block.Layers) is MaskUse.Keeps or MaskUse.Consumes;
        if (masked)
        {
            used.Add("IMaskedModule");
        }

        writer.WriteLine(modifiers + " class " + block.Name + (masked ? " : nn.Module<Tensor, Tensor>, IMaskedModule" : " : nn.Module<Tensor, Tensor>"));
        using (writer.WriteBlock())
        {
            var fields = new List<(string Code, string Comment)>();
            foreach (var layer in block.Layers)
            {
                var spec = LayerSpecs.Of(layer);
                if (spec.FieldType(layer) is { } type)
                {
                    used.Add(type);
                    fields.Add(("private readonly " + type + " " + layer.Name + ";", "// " + spec.Describe(layer)));
                }
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
                NetworkEmitter.WriteCreations(writer, block.Layers, used);
            }

            writer.WriteLine();
            writer.WriteLine("/// <summary>Runs the block's layers in order; the output has <c>" + block.OutChannels.ToCSharp() + "</c> channels.</summary>");
            writer.WriteLine("/// <param name=\"input\">The batch; it stays owned by the caller.</param>");
            writer.WriteLine("/// <returns>A new tensor that the caller owns.</returns>");
            writer.WriteLine("public override Tensor forward(Tensor input)");
            WriteForward(writer, block, masked: false, used);
            if (masked)
            {
                writer.WriteLine();
                writer.WriteLine("/// <summary>Runs the block's layers in order, handing the padding mask to those that take it.</summary>");
                writer.WriteLine("/// <param name=\"input\">The batch; it stays owned by the caller.</param>");
                writer.WriteLine("/// <param name=\"mask\">The padding mask <c>[N, T]</c>, bool, true for a real step.</param>");
                writer.WriteLine("/// <returns>A new tensor that the caller owns.</returns>");
                writer.WriteLine("public Tensor forward(Tensor input, Tensor mask)");
                WriteForward(writer, block, masked: true, used);
            }

            NetworkEmitter.WriteNestedClasses(writer, block.Layers, used);
        }
    }

    /// <summary>Writes the body of a forward method: each layer in order, with the mask where it takes it.</summary>
    private static void WriteForward(IndentedWriter writer, BlockModel block, bool masked, HashSet<string> used)
    {
        using (writer.WriteBlock())
        {
            if (block.Layers.Count == 0)
            {
                writer.WriteLine("// No layers: the identity, as a new handle that the caller owns.");
                writer.WriteLine("return input.view(input.shape);");
                return;
            }

            var lines = new List<(string Code, string Comment)>();
            var previous = "input";
            for (var i = 0; i < block.Layers.Count; i++)
            {
                var layer = block.Layers[i];
                var spec = LayerSpecs.Of(layer);
                var local = "h" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var use = masked ? spec.MaskUse(layer) : MaskUse.Refuses;
                var step = use is MaskUse.Keeps or MaskUse.Consumes ? spec.ForwardMasked(layer, previous, "mask", used) : spec.Forward(layer, previous, used);
                masked &= use != MaskUse.Consumes;
                lines.Add(("Tensor " + local + " = " + step + ";", "// " + layer.Name));
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
}
