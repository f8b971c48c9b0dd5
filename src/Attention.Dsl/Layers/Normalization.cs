using System;

namespace Attention.Dsl;

/// <summary>
/// Batch normalization of <c>[C]</c> or <c>[C, L]</c> samples, as <c>torch.nn.BatchNorm1d</c>;
/// the feature count is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·C</c> with <see cref="Affine"/>; the running mean and variance are buffers.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm1dAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets the weight of the current batch in the running statistics (default 0.1).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Gets or sets whether the layer learns a scale and a shift (default <see langword="true"/>).</summary>
    public bool Affine { get; set; } = true;
}

/// <summary>
/// Batch normalization of <c>[C, H, W]</c> samples, as <c>torch.nn.BatchNorm2d</c>; the channel
/// count is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·C</c> with <see cref="Affine"/>; the running mean and variance are buffers.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2dAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets the weight of the current batch in the running statistics (default 0.1).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Gets or sets whether the layer learns a scale and a shift (default <see langword="true"/>).</summary>
    public bool Affine { get; set; } = true;
}

/// <summary>
/// Layer normalization over the last dimension, as <c>torch.nn.LayerNorm(D)</c>; <c>D</c> is inferred.
/// </summary>
/// <remarks>Parameters: <c>2·D</c> with <see cref="ElementwiseAffine"/>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Gets or sets the value added to the variance for stability (default 1e-5).</summary>
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets whether the layer learns a per-element scale and shift (default <see langword="true"/>).</summary>
    public bool ElementwiseAffine { get; set; } = true;
}
