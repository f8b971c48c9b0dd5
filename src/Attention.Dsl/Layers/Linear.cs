using System;

namespace Attention.Dsl;

/// <summary>
/// A fully connected layer <c>y = x·Wᵀ + b</c> over the last dimension, as <c>torch.nn.Linear</c>;
/// the input features are inferred. It takes <c>[D]</c> or <c>[T, D]</c> samples: put
/// <see cref="FlattenAttribute"/> or a global pool before it on feature maps.
/// </summary>
/// <remarks>Parameters: <c>in · out</c>, plus <c>out</c> with a bias.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute : LayerAttribute
{
    /// <summary>Declares a fully connected layer with <paramref name="outFeatures"/> outputs.</summary>
    /// <param name="outFeatures">The number of output features (at least 1).</param>
    public LinearAttribute(int outFeatures) => OutFeatures = outFeatures;

    /// <summary>Gets the number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>Gets or sets whether the layer adds a learned bias (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// Gets or sets the number of input features, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input features (at least 1); 0 (unset) by default.</value>
    public int InFeatures { get; set; }
}

/// <summary>
/// Dropout, as <c>torch.nn.Dropout</c>: in training mode each element is zeroed with probability
/// <c>p</c> and the rest scaled by <c>1 / (1 − p)</c>; after <c>eval()</c> it is the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares dropout with probability <paramref name="p"/>.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1] (default 0.5).</param>
    public DropoutAttribute(double p = 0.5) => P = p;

    /// <summary>Gets the probability of zeroing an element.</summary>
    public double P { get; }
}

/// <summary>
/// Flattens a range of dimensions into one, as <c>torch.nn.Flatten</c>. The dimensions are those of
/// the batched tensor, as in PyTorch: the default flattens everything but the batch dimension.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
    /// <summary>Gets or sets the first dimension to flatten (default 1; must not be the batch dimension).</summary>
    public int StartDim { get; set; } = 1;

    /// <summary>Gets or sets the last dimension to flatten (default −1, the last).</summary>
    public int EndDim { get; set; } = -1;
}
