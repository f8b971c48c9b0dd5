using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>A gated multimodal unit fusing <paramref name="InFeatures1"/> and <paramref name="InFeatures2"/> features into <paramref name="OutFeatures"/>.</summary>
internal sealed record GatedMultimodalUnitLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int InFeatures1, int InFeatures2, int OutFeatures, bool ScalarGate, bool GateOnHidden, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[GatedMultimodalUnit(outFeatures, InFeatures1 = …, InFeatures2 = …)]</c>, the runtime's <c>GatedMultimodalUnit</c>:
/// <c>ScalarGate = false</c>, <c>GateOnHidden = false</c>, <c>Bias = false</c>. It takes two inputs: a component, or a layer of a
/// network with a second input, which fuses the features so far with that input.
/// </summary>
internal sealed class GatedMultimodalUnitSpec() : LayerSpec<GatedMultimodalUnitLayer>("GatedMultimodalUnit", "gmu")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("InFeatures1", false, static (size, _) => [size]);

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        if (!c.IsComponent && c.SecondInput is null)
        {
            c.Mismatch("GatedMultimodalUnit fuses two inputs, and this network has one; give it a second input with [SecondInput(...)], or declare the unit on a property of a module whose forward passes both");
            return null;
        }

        var a = c.Arguments;
        var outFeatures = a.CtorInt(0);
        if (!c.CheckPositional(outFeatures >= 1, 0, "outFeatures is {0}, and must be at least 1", outFeatures))
        {
            return null;
        }

        int first, second;
        int[] output;
        if (c.IsComponent)
        {
            first = c.Shape[0];
            second = a.Int("InFeatures2", 0);
            if (!(a.Has("InFeatures2")
                ? c.Check(second >= 1, "InFeatures2", "InFeatures2 is {0}, and must be at least 1", second)
                : c.Check(false, "InFeatures2", "InFeatures2, the size of the second input, is required")))
            {
                return null;
            }

            output = [outFeatures];
        }
        else
        {
            // In a network: the features so far [..., d1] with the second input [..., d2] of the same leading dimensions.
            // (InFeatures1, the component size, set in a network is the placement analyzer's ATTN0106.)
            var other = c.SecondInput!;
            if (!c.Check(!a.Has("InFeatures2"), "InFeatures2", "InFeatures2 sizes a component; in a network the unit takes the second input's features, {0}", other[other.Length - 1]))
            {
                return null;
            }

            if (other.Length != c.Shape.Length || !other.Take(other.Length - 1).SequenceEqual(c.Shape.Take(c.Shape.Length - 1)))
            {
                c.Mismatch("it fuses features of the same leading dimensions, and the second input is " + Shapes.Format(other));
                return null;
            }

            first = c.Shape[c.Shape.Length - 1];
            second = other[other.Length - 1];
            output = [.. c.Shape.Take(c.Shape.Length - 1), outFeatures];
            if (output.Length == 1)
            {
                c.NextChannels = Dim.Of(outFeatures);
            }
        }

        var scalar = a.Bool("ScalarGate", false);
        var onHidden = a.Bool("GateOnHidden", false);
        var bias = a.Bool("Bias", false);
        long gateIn = onHidden ? 2L * outFeatures : (long)first + second;
        long gateOut = scalar ? 1 : outFeatures;
        var parameters = ((long)outFeatures * (first + second)) + (gateIn * gateOut) + (bias ? (2L * outFeatures) + gateOut : 0);
        return new GatedMultimodalUnitLayer(c.Name, c.Kind, c.Input, output.ToEquatableArray(), parameters,
            first, second, outFeatures, scalar, onHidden, bias);
    }

    /// <inheritdoc/>
    public override bool TakesSecondInput(LayerModel layer) => true;

    /// <inheritdoc/>
    protected override string Forward(GatedMultimodalUnitLayer layer, string x, HashSet<string> used) => layer.Name + ".call(" + x + ", second)";

    /// <inheritdoc/>
    protected override string FieldType(GatedMultimodalUnitLayer layer) => "GatedMultimodalUnit";

    /// <inheritdoc/>
    protected override string Construct(GatedMultimodalUnitLayer layer, HashSet<string> used) =>
        "new GatedMultimodalUnit(" + IndentedWriter.Literal(layer.InFeatures1) + ", " + IndentedWriter.Literal(layer.InFeatures2) + ", " + IndentedWriter.Literal(layer.OutFeatures)
        + (layer.ScalarGate ? ", scalar_gate: true" : string.Empty)
        + (layer.GateOnHidden ? ", gate_on_hidden: true" : string.Empty)
        + (layer.Bias ? ", bias: true)" : ")");

    /// <inheritdoc/>
    protected override string Describe(GatedMultimodalUnitLayer layer) =>
        "GatedMultimodalUnit(" + IndentedWriter.Literal(layer.InFeatures1) + " and " + IndentedWriter.Literal(layer.InFeatures2) + " -> " + IndentedWriter.Literal(layer.OutFeatures)
        + (layer.ScalarGate ? ", one gate per sample" : string.Empty)
        + (layer.GateOnHidden ? ", gate on the projections" : string.Empty)
        + (layer.Bias ? ", with bias)" : ")");
}
