using System;

namespace Attention.Dsl;

/// <summary>
/// Batch normalization of <c>[C]</c> or <c>[C, L]</c> samples, as <c>torch.nn.BatchNorm1d</c>;
/// the feature count is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·C</c> with <see cref="Affine"/>; the running mean and variance are buffers.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm1dAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets the weight of the current batch in the running statistics (default 0.1).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Gets or sets whether the layer learns a scale and a shift (default <see langword="true"/>).</summary>
    public bool Affine { get; set; } = true;

    /// <summary>
    /// Gets or sets the number of features (channels), for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of features (channels) (at least 1); 0 (unset) by default.</value>
    public int NumFeatures { get; set; }
}

/// <summary>
/// Batch normalization of <c>[C, H, W]</c> samples, as <c>torch.nn.BatchNorm2d</c>; the channel
/// count is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·C</c> with <see cref="Affine"/>; the running mean and variance are buffers.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2dAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets the weight of the current batch in the running statistics (default 0.1).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Gets or sets whether the layer learns a scale and a shift (default <see langword="true"/>).</summary>
    public bool Affine { get; set; } = true;

    /// <summary>
    /// Gets or sets the number of channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of channels (at least 1); 0 (unset) by default.</value>
    public int NumFeatures { get; set; }
}

/// <summary>
/// Layer normalization over the last dimension, as <c>torch.nn.LayerNorm(D)</c>; <c>D</c> is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·D</c> with <see cref="ElementwiseAffine"/>.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets whether the layer learns a per-element scale and shift (default <see langword="true"/>).</summary>
    public bool ElementwiseAffine { get; set; } = true;

    /// <summary>
    /// Gets or sets the size of the normalised last dimension, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The size of the normalised last dimension (at least 1); 0 (unset) by default.</value>
    public int Features { get; set; }
}
