using System;

namespace Attention.Dsl;

/// <summary>
/// A 1-D convolution over <c>[C, L]</c> samples, as <c>torch.nn.Conv1d</c>. The input channels are
/// inferred; the output length is <c>⌊(L + 2·Padding − Dilation·(Kernel − 1) − 1) / Stride⌋ + 1</c>.
/// </summary>
/// <remarks>Parameters: <c>out · (in / Groups) · Kernel</c>, plus <c>out</c> with a bias.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class Conv1dAttribute : LayerAttribute
{
    /// <summary>Declares a 1-D convolution with <paramref name="outChannels"/> output channels.</summary>
    /// <param name="outChannels">The number of output channels (at least 1).</param>
    public Conv1dAttribute(int outChannels) => OutChannels = outChannels;

    /// <summary>Gets the number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Gets or sets the kernel size (default 3).</summary>
    public int Kernel { get; set; } = 3;

    /// <summary>Gets or sets the stride (default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Gets or sets the padding added to both ends (default 0).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether to pad so that the output is as long as the input (PyTorch's <c>padding="same"</c>; stride 1 only).</summary>
    public bool SamePadding { get; set; }

    /// <summary>Gets or sets the spacing between kernel elements (default 1).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Gets or sets the number of groups, which must divide both channel counts (default 1).</summary>
    public int Groups { get; set; } = 1;

    /// <summary>Gets or sets whether the convolution adds a learned bias (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Gets or sets how the input is padded (default <see cref="Dsl.PaddingMode.Zeros"/>).</summary>
    public PaddingMode PaddingMode { get; set; }

    /// <summary>
    /// Gets or sets the number of input channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels (at least 1); 0 (unset) by default.</value>
    public int InChannels { get; set; }
}

/// <summary>
/// A 2-D convolution over <c>[C, H, W]</c> samples with a square kernel, as <c>torch.nn.Conv2d</c>.
/// The input channels are inferred; each output size is
/// <c>⌊(size + 2·Padding − Dilation·(Kernel − 1) − 1) / Stride⌋ + 1</c>.
/// </summary>
/// <remarks>Parameters: <c>out · (in / Groups) · Kernel²</c>, plus <c>out</c> with a bias.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute : LayerAttribute
{
    /// <summary>Declares a 2-D convolution with <paramref name="outChannels"/> output channels.</summary>
    /// <param name="outChannels">The number of output channels (at least 1).</param>
    public Conv2dAttribute(int outChannels) => OutChannels = outChannels;

    /// <summary>Gets the number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Gets or sets the kernel size, the same in both dimensions (default 3).</summary>
    public int Kernel { get; set; } = 3;

    /// <summary>Gets or sets the stride (default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Gets or sets the padding added to every side (default 0).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets whether to pad so that the output is as large as the input (PyTorch's <c>padding="same"</c>; stride 1 only).</summary>
    public bool SamePadding { get; set; }

    /// <summary>Gets or sets the spacing between kernel elements (default 1).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Gets or sets the number of groups, which must divide both channel counts (default 1).</summary>
    public int Groups { get; set; } = 1;

    /// <summary>Gets or sets whether the convolution adds a learned bias (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Gets or sets how the input is padded (default <see cref="Dsl.PaddingMode.Zeros"/>).</summary>
    public PaddingMode PaddingMode { get; set; }

    /// <summary>
    /// Gets or sets the number of input channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels (at least 1); 0 (unset) by default.</value>
    public int InChannels { get; set; }
}
