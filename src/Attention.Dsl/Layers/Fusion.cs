using System;

namespace Attention.Dsl;

/// <summary>
/// The gated multimodal unit (Arevalo et al. 2017; seed 002), the runtime's <c>GatedMultimodalUnit</c>:
/// <c>h₁ = tanh(W₁x₁)</c>, <c>h₂ = tanh(W₂x₂)</c>, <c>z = σ(W_z[x₁; x₂])</c>, <c>h = z·h₁ + (1 − z)·h₂</c>. It fuses two
/// inputs: in a network with a <see cref="SecondInputAttribute"/> it fuses the features so far with the second input
/// (<c>InFeatures1</c> and <c>InFeatures2</c> are inferred), and as a component of a hand-written module its forward
/// passes both: <c>fusion.call(text, image)</c>.
/// </summary>
/// <remarks>
/// Parameters: <c>out · (d₁ + d₂)</c> for the projections (<c>hidden1.weight</c>, <c>hidden2.weight</c>) and
/// <c>(out or 1) · (d₁ + d₂, or 2·out with <see cref="GateOnHidden"/>)</c> for the gate (<c>gate.weight</c>); biases with
/// <see cref="Bias"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class GatedMultimodalUnitAttribute : LayerAttribute
{
    /// <summary>Declares a unit with a joint space of <paramref name="outFeatures"/> units.</summary>
    /// <param name="outFeatures">The size of the joint space (at least 1).</param>
    public GatedMultimodalUnitAttribute(int outFeatures) => OutFeatures = outFeatures;

    /// <summary>Gets the size of the joint space.</summary>
    public int OutFeatures { get; }

    /// <summary>Gets or sets d₁, the size of the first input (required for a component; a network infers it).</summary>
    public int InFeatures1 { get; set; }

    /// <summary>Gets or sets d₂, the size of the second input (required for a component; a network takes it from <see cref="SecondInputAttribute"/>).</summary>
    public int InFeatures2 { get; set; }

    /// <summary>Gets or sets whether one gate per sample weighs the inputs, as seed 002's code (default <see langword="false"/>: one per unit, the paper).</summary>
    public bool ScalarGate { get; set; }

    /// <summary>Gets or sets whether the gate reads the projections <c>[h₁; h₂]</c>, as seed 002's code (default <see langword="false"/>: the inputs, the paper).</summary>
    public bool GateOnHidden { get; set; }

    /// <summary>Gets or sets whether the three layers have biases (default <see langword="false"/>, as the paper's equations).</summary>
    public bool Bias { get; set; }
}
