using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>
/// A parameter-free activation written as a functional call. <paramref name="Argument"/> is the
/// negative slope of <c>LeakyReLU</c>, 1 for the tanh approximation of <c>GELU</c>, or the
/// (batched) dimension of <c>Softmax</c>; 0 otherwise.
/// </summary>
internal sealed record ActivationLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters, double Argument)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// The element-wise activations and <c>Softmax</c>: no state, shape unchanged, written as
/// <c>F.relu(x)</c> …. <c>LeakyReLU.NegativeSlope = 0.01</c>, <c>GELU.Approximate = false</c>,
/// <c>Softmax.Dim = -1</c>.
/// </summary>
internal sealed class ActivationSpec : LayerSpec<ActivationLayer>
{
    private readonly string _function;

    /// <summary>Creates the spec of <paramref name="kind"/>, written as <c>F.{function}</c>.</summary>
    public ActivationSpec(string kind, string function)
        : base(kind, kind == "LeakyReLU" ? "leaky_relu" : kind.ToLowerInvariant())
    {
        _function = function;
    }

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        double argument = 0;
        switch (Kind)
        {
            case "LeakyReLU":
                argument = c.Arguments.Double("NegativeSlope", 0.01);
                break;
            case "GELU":
                argument = c.Arguments.Bool("Approximate", false) ? 1 : 0;
                break;
            case "Softmax":
            {
                var dim = c.Arguments.Int("Dim", -1);
                var rank = c.Shape.Length + 1;
                c.Check(dim >= -rank && dim < rank, "Dim", "Dim is {0}, and must be in [{1}, {2}] for input of shape {3}", dim, -rank, rank - 1, Shapes.Format(c.Shape));
                argument = dim;
                break;
            }
        }

        return new ActivationLayer(c.Name, c.Kind, c.Input, c.Input, 0, argument);
    }

    /// <inheritdoc/>
    protected override string? FieldType(ActivationLayer layer) => null;

    /// <inheritdoc/>
    /// <remarks>A softmax over any dimension but the last would mix the steps.</remarks>
    protected override MaskUse MaskUse(ActivationLayer layer) =>
        Kind == "Softmax" && (long)layer.Argument != -1 && (long)layer.Argument != layer.InputShape.Count
            ? Layers.MaskUse.Refuses
            : Layers.MaskUse.PassesThrough;

    /// <inheritdoc/>
    protected override string Forward(ActivationLayer layer, string x, HashSet<string> used)
    {
        used.Add("F");
        return Kind switch
        {
            "LeakyReLU" => "F.leaky_relu(" + x + ", " + IndentedWriter.DoubleLiteral(layer.Argument) + ")",
            "GELU" when layer.Argument != 0 => "F.gelu(" + x + ", approximate: \"tanh\")",
            "Softmax" => "F.softmax(" + x + ", " + IndentedWriter.Literal((long)layer.Argument) + ")",
            _ => "F." + _function + "(" + x + ")",
        };
    }
}
