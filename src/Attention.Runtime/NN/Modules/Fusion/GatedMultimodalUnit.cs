using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// The gated multimodal unit (Arevalo, Solorio, Montes-y-Gómez and González, "Gated Multimodal Units for Information
/// Fusion", 2017; seed 002's <c>GatedMultimodalLayer</c>): each modality is projected into a joint space,
/// <c>h₁ = tanh(W₁x₁)</c>, <c>h₂ = tanh(W₂x₂)</c>; a gate <c>z = σ(W_z[x₁; x₂])</c> decides, per unit, how much of each
/// goes on: <c>h = z·h₁ + (1 − z)·h₂</c>. The inputs are <c>[N, …, d₁]</c> and <c>[N, …, d₂]</c> (the same leading
/// dimensions); the output is <c>[N, …, out]</c>.
/// <para>
/// Parameters (Linear without bias unless <see cref="bias"/>): <c>hidden1</c> [out, d₁], <c>hidden2</c> [out, d₂],
/// <c>gate</c> [out or 1, d₁ + d₂] (or <c>[…, 2·out]</c> when the gate reads the projections). Options: one scalar gate
/// per sample, as seed 002's code (<see cref="scalar_gate"/>), and the gate over <c>[h₁; h₂]</c> instead of the inputs,
/// as the seed's code too (<see cref="gate_on_hidden"/>). The seed's code also projects the second input with
/// <c>hidden1</c>, a bug not copied here. The gate <c>z</c> can be kept for plots (<see cref="IAttentionWeights"/>).
/// </para>
/// </summary>
public sealed class GatedMultimodalUnit : nn.Module<Tensor, Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>A unit fusing <paramref name="in_features1"/> and <paramref name="in_features2"/> features into <paramref name="out_features"/>.</summary>
    /// <param name="in_features1">d₁, the size of the first modality (at least 1).</param>
    /// <param name="in_features2">d₂, the size of the second modality (at least 1).</param>
    /// <param name="out_features">The size of the joint space (at least 1).</param>
    /// <param name="scalar_gate">Whether one gate per sample weighs the modalities, instead of one per unit (the paper).</param>
    /// <param name="gate_on_hidden">Whether the gate reads the projections <c>[h₁; h₂]</c> instead of the inputs (the paper).</param>
    /// <param name="bias">Whether the three layers have biases (the paper's equations have none).</param>
    public GatedMultimodalUnit(long in_features1, long in_features2, long out_features, bool scalar_gate = false, bool gate_on_hidden = false, bool bias = false)
        : base(nameof(GatedMultimodalUnit))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(in_features1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(in_features2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(out_features);
        this.in_features1 = in_features1;
        this.in_features2 = in_features2;
        this.out_features = out_features;
        this.scalar_gate = scalar_gate;
        this.gate_on_hidden = gate_on_hidden;
        this.bias = bias;
        hidden1 = new Linear(in_features1, out_features, bias);
        hidden2 = new Linear(in_features2, out_features, bias);
        gate = new Linear(gate_on_hidden ? 2 * out_features : in_features1 + in_features2, scalar_gate ? 1 : out_features, bias);
        register_module(nameof(hidden1), hidden1);
        register_module(nameof(hidden2), hidden2);
        register_module(nameof(gate), gate);
    }

    /// <summary>d₁, the size of the first modality.</summary>
    public long in_features1 { get; }

    /// <summary>d₂, the size of the second modality.</summary>
    public long in_features2 { get; }

    /// <summary>The size of the joint space.</summary>
    public long out_features { get; }

    /// <summary>Whether one gate per sample weighs the modalities.</summary>
    public bool scalar_gate { get; }

    /// <summary>Whether the gate reads the projections instead of the inputs.</summary>
    public bool gate_on_hidden { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool bias { get; }

    /// <summary>W₁, the first modality's projection.</summary>
    public Linear hidden1 { get; }

    /// <summary>W₂, the second modality's projection.</summary>
    public Linear hidden2 { get; }

    /// <summary>W_z, the gate.</summary>
    public Linear gate { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The gate z of the last forward pass, <c>[N, …, out]</c> (or <c>[N, …, 1]</c>), while <see cref="keep_weights"/> is on: the weight of the first modality.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>Fuses <paramref name="input1"/> <c>[N, …, d₁]</c> and <paramref name="input2"/> <c>[N, …, d₂]</c> into <c>[N, …, out]</c>.</summary>
    public override Tensor forward(Tensor input1, Tensor input2)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        long[] shape1 = input1.shape, shape2 = input2.shape;
        if (shape1.Length < 1 || shape1[^1] != in_features1 || shape2.Length != shape1.Length || shape2[^1] != in_features2
            || !shape1.AsSpan(0, shape1.Length - 1).SequenceEqual(shape2.AsSpan(0, shape2.Length - 1)))
        {
            throw new ArgumentException(
                $"{name} fuses [N, …, {in_features1}] with [N, …, {in_features2}] of the same leading dimensions, but got [{string.Join(", ", shape1)}] and [{string.Join(", ", shape2)}].",
                nameof(input2));
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor h1 = hidden1.call(input1).tanh();                                            // [N, …, out]
        Tensor h2 = hidden2.call(input2).tanh();                                            // [N, …, out]
        Tensor gateInput = gate_on_hidden ? cat([h1, h2], -1) : cat([input1, input2], -1);
        Tensor z = gate.call(gateInput).sigmoid();                                         // [N, …, out or 1]
        kept.Store(z);
        return (z * h1 + (1.0 - z) * h2).MoveToOuterDisposeScope();
    }
}
