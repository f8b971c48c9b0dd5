using System;

namespace Attention.Dsl;

/// <summary>
/// Maximum pooling over [C, L] samples with a window, as <c>torch.nn.MaxPool1d</c>;
/// each output size is <c>⌊(size + 2·Padding − Kernel) / Stride⌋ + 1</c> (rounded up with <see cref="CeilMode"/>).
/// Written as a functional call; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool1dAttribute : LayerAttribute
{
    /// <summary>Declares maximum pooling with a window of <paramref name="kernel"/>.</summary>
    /// <param name="kernel">The window size (at least 1).</param>
    public MaxPool1dAttribute(int kernel) => Kernel = kernel;

    /// <summary>Gets the window size.</summary>
    public int Kernel { get; }

    /// <summary>Gets or sets the stride; 0 (the default) means the window size, as PyTorch.</summary>
    public int Stride { get; set; }

    /// <summary>Gets or sets the implicit padding on every side (default 0; at most half the window).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether output sizes round up instead of down (default <see langword="false"/>).</summary>
    public bool CeilMode { get; set; }
}

/// <summary>
/// Maximum pooling over [C, H, W] samples with a square window, as <c>torch.nn.MaxPool2d</c>;
/// each output size is <c>⌊(size + 2·Padding − Kernel) / Stride⌋ + 1</c> (rounded up with <see cref="CeilMode"/>).
/// Written as a functional call; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2dAttribute : LayerAttribute
{
    /// <summary>Declares maximum pooling with a window of <paramref name="kernel"/>.</summary>
    /// <param name="kernel">The window size (at least 1).</param>
    public MaxPool2dAttribute(int kernel) => Kernel = kernel;

    /// <summary>Gets the window size.</summary>
    public int Kernel { get; }

    /// <summary>Gets or sets the stride; 0 (the default) means the window size, as PyTorch.</summary>
    public int Stride { get; set; }

    /// <summary>Gets or sets the implicit padding on every side (default 0; at most half the window).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether output sizes round up instead of down (default <see langword="false"/>).</summary>
    public bool CeilMode { get; set; }
}

/// <summary>
/// Average pooling over [C, L] samples with a window, as <c>torch.nn.AvgPool1d</c>;
/// each output size is <c>⌊(size + 2·Padding − Kernel) / Stride⌋ + 1</c> (rounded up with <see cref="CeilMode"/>).
/// Written as a functional call; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool1dAttribute : LayerAttribute
{
    /// <summary>Declares average pooling with a window of <paramref name="kernel"/>.</summary>
    /// <param name="kernel">The window size (at least 1).</param>
    public AvgPool1dAttribute(int kernel) => Kernel = kernel;

    /// <summary>Gets the window size.</summary>
    public int Kernel { get; }

    /// <summary>Gets or sets the stride; 0 (the default) means the window size, as PyTorch.</summary>
    public int Stride { get; set; }

    /// <summary>Gets or sets the implicit padding on every side (default 0; at most half the window).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether output sizes round up instead of down (default <see langword="false"/>).</summary>
    public bool CeilMode { get; set; }
}

/// <summary>
/// Average pooling over [C, H, W] samples with a square window, as <c>torch.nn.AvgPool2d</c>;
/// each output size is <c>⌊(size + 2·Padding − Kernel) / Stride⌋ + 1</c> (rounded up with <see cref="CeilMode"/>).
/// Written as a functional call; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2dAttribute : LayerAttribute
{
    /// <summary>Declares average pooling with a window of <paramref name="kernel"/>.</summary>
    /// <param name="kernel">The window size (at least 1).</param>
    public AvgPool2dAttribute(int kernel) => Kernel = kernel;

    /// <summary>Gets the window size.</summary>
    public int Kernel { get; }

    /// <summary>Gets or sets the stride; 0 (the default) means the window size, as PyTorch.</summary>
    public int Stride { get; set; }

    /// <summary>Gets or sets the implicit padding on every side (default 0; at most half the window).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether output sizes round up instead of down (default <see langword="false"/>).</summary>
    public bool CeilMode { get; set; }
}

/// <summary>
/// Global average pooling: the mean over L of [C, L] samples, giving <c>[C]</c>
/// (a batch of <c>[N, C]</c>). Written as <c>mean</c> over the spatial dimensions; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool1dAttribute : LayerAttribute
{
}

/// <summary>
/// Global average pooling: the mean over H and W of [C, H, W] samples, giving <c>[C]</c>
/// (a batch of <c>[N, C]</c>). Written as <c>mean</c> over the spatial dimensions; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2dAttribute : LayerAttribute
{
}

/// <summary>
/// Global max pooling: the maximum over L of [C, L] samples, giving <c>[C]</c>
/// (a batch of <c>[N, C]</c>). Written as <c>amax</c> over the spatial dimensions; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool1dAttribute : LayerAttribute
{
}

/// <summary>
/// Global max pooling: the maximum over H and W of [C, H, W] samples, giving <c>[C]</c>
/// (a batch of <c>[N, C]</c>). Written as <c>amax</c> over the spatial dimensions; it has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool2dAttribute : LayerAttribute
{
}
