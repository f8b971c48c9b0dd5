using System;

namespace Attention.Dsl;

/// <summary>
/// The activation <c>max(0, x)</c>, as <c>torch.nn.ReLU</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>min(max(0, x), 6)</c>, as <c>torch.nn.ReLU6</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLU6Attribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>x</c> for <c>x ≥ 0</c>, otherwise <c>NegativeSlope · x</c>, as <c>torch.nn.LeakyReLU</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <summary>Gets or sets the slope for negative inputs (default 0.01).</summary>
    public double NegativeSlope { get; set; } = 0.01;
}

/// <summary>
/// The activation <c>x · Φ(x)</c>, the Gaussian error linear unit, as <c>torch.nn.GELU</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute : LayerAttribute
{
    /// <summary>Gets or sets whether to use the tanh approximation (PyTorch's <c>approximate="tanh"</c>; default <see langword="false"/>, the exact form).</summary>
    public bool Approximate { get; set; }
}

/// <summary>
/// The activation <c>x · sigmoid(x)</c> (swish), as <c>torch.nn.SiLU</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SiLUAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>1 / (1 + exp(−x))</c>, as <c>torch.nn.Sigmoid</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>tanh(x)</c>, as <c>torch.nn.Tanh</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>x · relu6(x + 3) / 6</c>, as <c>torch.nn.Hardswish</c> (MobileNetV3). Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HardSwishAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>relu6(x + 3) / 6</c>, as <c>torch.nn.Hardsigmoid</c> (MobileNetV3). Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HardSigmoidAttribute : LayerAttribute
{
}

/// <summary>
/// The activation <c>exp(x_i) / Σ_j exp(x_j)</c> along <see cref="Dim"/>, as <c>torch.nn.Softmax</c>. Written as a functional call; it has no parameters and keeps the shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute
{
    /// <summary>Gets or sets the dimension of the batched tensor to normalise along (default −1, the last).</summary>
    public int Dim { get; set; } = -1;
}
