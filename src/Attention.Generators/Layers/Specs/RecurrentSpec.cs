using System;
using System.Collections.Generic;
using Attention.Dsl;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>An LSTM or GRU over <c>[T, D]</c> (<c>batch_first</c>) and what it hands on.</summary>
internal sealed record RecurrentLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    SizeExpression InputSize, int HiddenSize, int Layers, bool Bidirectional, double Dropout, bool Bias, RecurrentOutput Output)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary>
/// <c>[Lstm(hiddenSize)]</c> and <c>[Gru(hiddenSize)]</c>: <c>Layers = 1</c>, <c>Bidirectional = false</c>,
/// <c>Dropout = 0</c> (between layers), <c>Bias = true</c>, <c>Output = EveryStep</c>; the runtime's
/// <c>LSTM</c>/<c>GRU</c> with <c>batch_first</c>, and <c>RecurrentOutputs</c> to pick what goes on.
/// </summary>
internal sealed class RecurrentSpec(bool lstm) : LayerSpec<RecurrentLayer>(lstm ? "Lstm" : "Gru", lstm ? "lstm" : "gru")
{
    private readonly int _gates = lstm ? 4 : 3;
    private readonly string _module = lstm ? "LSTM" : "GRU";

    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new("InputSize", false, static (size, _) => [1, size], ModuleType: lstm ? "LSTM" : "GRU");

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var a = c.Arguments;
        var hidden = a.CtorInt(0);
        var layers = a.Int("Layers", 1);
        var bidirectional = a.Bool("Bidirectional", false);
        var dropout = a.Double("Dropout", 0);
        var bias = a.Bool("Bias", true);
        var output = (RecurrentOutput)a.Int("Output", (int)RecurrentOutput.EveryStep);
        var ok = c.CheckPositional(hidden >= 1, 0, "hiddenSize is {0}, and must be at least 1", hidden)
            & c.Check(layers is >= 1 and <= 64, "Layers", "Layers is {0}, and must be between 1 and 64", layers)
            & c.Check(dropout is >= 0 and < 1, "Dropout", "Dropout is {0}, and must be in [0, 1)", dropout)
            & c.Check(Enum.IsDefined(typeof(RecurrentOutput), output), "Output", "Output {0} is not a defined RecurrentOutput", (int)output)
            & c.Check(!c.IsComponent || a.Int("Output", -1) == -1, "Output", "Output chooses what a network's next layer gets; a component's forward takes what it needs from call's (output, state)");
        if (!ok
            || !c.Check(dropout == 0 || layers > 1, "Dropout", "Dropout is {0}, but it applies between stacked layers and Layers is 1, so it would do nothing", dropout)
            || !c.RequireRank("[N, T, features]", 2))
        {
            return null;
        }

        var directions = bidirectional ? 2 : 1;
        var features = c.LastDimension;
        var parameters = 0L;
        for (var layer = 0; layer < layers; layer++)
        {
            long inputSize = layer == 0 ? features.Value : (long)hidden * directions;
            parameters += directions * ((_gates * (long)hidden * (inputSize + hidden)) + (bias ? 2L * _gates * hidden : 0));
        }

        var width = hidden * directions;
        int[] shape = output == RecurrentOutput.EveryStep ? [c.Shape[0], width] : [width];
        c.NextChannels = Dim.Of(shape[0]);
        return new RecurrentLayer(c.Name, c.Kind, c.Input, shape.ToEquatableArray(), parameters,
            features.Expression, hidden, layers, bidirectional, dropout, bias, output);
    }

    /// <inheritdoc/>
    protected override string FieldType(RecurrentLayer layer) => _module;

    /// <inheritdoc/>
    protected override MaskUse MaskUse(RecurrentLayer layer) =>
        layer.Output == RecurrentOutput.EveryStep ? Layers.MaskUse.Keeps : Layers.MaskUse.Consumes;

    /// <inheritdoc/>
    protected override string Construct(RecurrentLayer layer, HashSet<string> used)
    {
        var arguments = layer.InputSize.ToCSharp(used) + ", " + IndentedWriter.Literal(layer.HiddenSize);
        if (layer.Layers != 1)
        {
            arguments += ", num_layers: " + IndentedWriter.Literal(layer.Layers);
        }

        if (!layer.Bias)
        {
            arguments += ", bias: false";
        }

        arguments += ", batch_first: true";
        if (layer.Dropout != 0)
        {
            arguments += ", dropout: " + IndentedWriter.DoubleLiteral(layer.Dropout);
        }

        return "new " + _module + "(" + arguments + (layer.Bidirectional ? ", bidirectional: true)" : ")");
    }

    /// <inheritdoc/>
    protected override string Describe(RecurrentLayer layer) =>
        _module + "(" + layer.InputSize + " -> " + IndentedWriter.Literal(layer.HiddenSize)
        + (layer.Layers != 1 ? ", " + IndentedWriter.Literal(layer.Layers) + " layers" : string.Empty)
        + (layer.Bidirectional ? ", bidirectional" : string.Empty)
        + (layer.Bias ? string.Empty : ", no bias")
        + (layer.Dropout != 0 ? ", dropout " + IndentedWriter.DoubleLiteral(layer.Dropout) : string.Empty)
        + ", " + layer.Output switch
        {
            RecurrentOutput.LastStep => "last step",
            RecurrentOutput.FinalState => "final state",
            _ => "every step",
        } + ")";

    /// <inheritdoc/>
    protected override string Forward(RecurrentLayer layer, string x, HashSet<string> used)
    {
        // The runtime's extension methods keep the chosen tensor and release the rest of the result.
        used.Add(StaticImport + "RecurrentOutputs");
        return layer.Name + ".call(" + x + ")." + layer.Output switch
        {
            RecurrentOutput.LastStep => "last_step()",
            RecurrentOutput.FinalState => layer.Bidirectional ? "final_state(bidirectional: true)" : "final_state()",
            _ => "every_step()",
        };
    }

    /// <inheritdoc/>
    protected override string ForwardMasked(RecurrentLayer layer, string x, string mask, HashSet<string> used)
    {
        // call_masked packs the batch so that each sequence stops at its last real step.
        used.Add(StaticImport + "RecurrentOutputs");
        used.Add(StaticImport + "MaskedRecurrence");
        return layer.Name + ".call_masked(" + x + ", " + mask + ")." + layer.Output switch
        {
            RecurrentOutput.LastStep => "last_step(" + mask + ")",
            RecurrentOutput.FinalState => layer.Bidirectional ? "final_state(bidirectional: true)" : "final_state()",
            _ => "every_step()",
        };
    }
}
