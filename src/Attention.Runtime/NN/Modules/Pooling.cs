using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

// The pooling layers of torch.nn. A stride left out equals the kernel size. PyTorch's return_indices
// (which changes the output type) is forward_with_indices here, as in TorchSharp.

/// <summary>Maximum over sliding windows of (N, C, L) or (C, L) input, as torch.nn.MaxPool1d.</summary>
public sealed class MaxPool1d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
    : nn.Module<Tensor, Tensor>(nameof(MaxPool1d))
{
    /// <summary>Window length.</summary>
    public long kernel_size { get; } = kernel_size;

    /// <summary>Step between windows; the kernel size when none was given.</summary>
    public long stride { get; } = stride ?? kernel_size;

    /// <summary>Implicit −∞ padding added on both sides.</summary>
    public long padding { get; } = padding;

    /// <summary>Spacing between the elements of a window.</summary>
    public long dilation { get; } = dilation;

    /// <summary>Whether the output length rounds up instead of down.</summary>
    public bool ceil_mode { get; } = ceil_mode;

    /// <summary>Pools (N, C, L) or (C, L) input to length ⌊(L + 2·padding − dilation·(kernel_size − 1) − 1)/stride⌋ + 1 (rounded up with <see cref="ceil_mode"/>).</summary>
    public override Tensor forward(Tensor input) => nn.functional.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode);

    /// <summary>The pooled output and the index of each maximum within its input plane.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) =>
        nn.functional.max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode);
}

/// <summary>Maximum over sliding windows of (N, C, H, W) or (C, H, W) input, as torch.nn.MaxPool2d.</summary>
public sealed class MaxPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>A MaxPool2d with sizes given per dimension (a single element applies to both).</summary>
    public MaxPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
        : base(nameof(MaxPool2d))
    {
        ArgumentNullException.ThrowIfNull(kernel_size);
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding ?? [0];
        this.dilation = dilation ?? [1];
        this.ceil_mode = ceil_mode;
    }

    /// <summary>A square window of <paramref name="kernel_size"/>, with the same stride, padding and dilation in both dimensions.</summary>
    public MaxPool2d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
        : this([kernel_size], [stride ?? kernel_size], [padding], [dilation], ceil_mode)
    {
    }

    /// <summary>Window size (height, width); one value applies to both.</summary>
    public long[] kernel_size { get; }

    /// <summary>Step between windows (height, width); the kernel size when none was given.</summary>
    public long[] stride { get; }

    /// <summary>Implicit −∞ padding on each side (height, width).</summary>
    public long[] padding { get; }

    /// <summary>Spacing between the elements of a window (height, width).</summary>
    public long[] dilation { get; }

    /// <summary>Whether output sizes round up instead of down.</summary>
    public bool ceil_mode { get; }

    /// <summary>Pools (N, C, H, W) or (C, H, W) input over each window, as <c>torch.nn.functional.max_pool2d</c>.</summary>
    public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);

    /// <summary>The pooled output and the flat index (h·W + w) of each maximum within its input plane.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) =>
        nn.functional.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode);
}

/// <summary>Mean over sliding windows of (N, C, L) or (C, L) input, as torch.nn.AvgPool1d.</summary>
public sealed class AvgPool1d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true)
    : nn.Module<Tensor, Tensor>(nameof(AvgPool1d))
{
    /// <summary>Window length.</summary>
    public long kernel_size { get; } = kernel_size;

    /// <summary>Step between windows; the kernel size when none was given.</summary>
    public long stride { get; } = stride ?? kernel_size;

    /// <summary>Implicit zero padding added on both sides.</summary>
    public long padding { get; } = padding;

    /// <summary>Whether the output length rounds up instead of down.</summary>
    public bool ceil_mode { get; } = ceil_mode;

    /// <summary>Whether the zero padding counts in the divisor of each mean.</summary>
    public bool count_include_pad { get; } = count_include_pad;

    /// <summary>Averages (N, C, L) or (C, L) input over each window, as <c>torch.nn.functional.avg_pool1d</c>.</summary>
    public override Tensor forward(Tensor input) => nn.functional.avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad);
}

/// <summary>Mean over sliding windows of (N, C, H, W) or (C, H, W) input, as torch.nn.AvgPool2d.</summary>
public sealed class AvgPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>An AvgPool2d with sizes given per dimension (a single element applies to both).</summary>
    public AvgPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true,
        long? divisor_override = null)
        : base(nameof(AvgPool2d))
    {
        ArgumentNullException.ThrowIfNull(kernel_size);
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding ?? [0];
        this.ceil_mode = ceil_mode;
        this.count_include_pad = count_include_pad;
        this.divisor_override = divisor_override;
    }

    /// <summary>A square window of <paramref name="kernel_size"/>, with the same stride and padding in both dimensions.</summary>
    public AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true,
        long? divisor_override = null)
        : this([kernel_size], [stride ?? kernel_size], [padding], ceil_mode, count_include_pad, divisor_override)
    {
    }

    /// <summary>Window size (height, width); one value applies to both.</summary>
    public long[] kernel_size { get; }

    /// <summary>Step between windows (height, width); the kernel size when none was given.</summary>
    public long[] stride { get; }

    /// <summary>Implicit zero padding on each side (height, width).</summary>
    public long[] padding { get; }

    /// <summary>Whether output sizes round up instead of down.</summary>
    public bool ceil_mode { get; }

    /// <summary>Whether the zero padding counts in the divisor of each mean.</summary>
    public bool count_include_pad { get; }

    /// <summary>When set, each window's sum is divided by this instead of the window size.</summary>
    public long? divisor_override { get; }

    /// <summary>Averages (N, C, H, W) or (C, H, W) input over each window, as <c>torch.nn.functional.avg_pool2d</c>.</summary>
    public override Tensor forward(Tensor input) =>
        nn.functional.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
}

/// <summary>Mean pooling of (N, C, L) input to length <see cref="output_size"/>, as torch.nn.AdaptiveAvgPool1d.</summary>
public sealed class AdaptiveAvgPool1d(long output_size) : nn.Module<Tensor, Tensor>(nameof(AdaptiveAvgPool1d))
{
    /// <summary>The output length.</summary>
    public long output_size { get; } = output_size;

    /// <summary>Averages (N, C, L) or (C, L) input into <see cref="output_size"/> bins.</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool1d(input, output_size);
}

/// <summary>Mean pooling of (N, C, H, W) input to (H_out, W_out), as torch.nn.AdaptiveAvgPool2d.</summary>
public sealed class AdaptiveAvgPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>Pools to <paramref name="output_size"/> (H_out, W_out), or to a square if it holds one value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output_size"/> is null.</exception>
    public AdaptiveAvgPool2d(long[] output_size) : base(nameof(AdaptiveAvgPool2d))
    {
        ArgumentNullException.ThrowIfNull(output_size);
        this.output_size = output_size;
    }

    /// <summary>Pools to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
    public AdaptiveAvgPool2d(long output_size) : this([output_size, output_size])
    {
    }

    /// <summary>The output size (H_out, W_out), or one value for both.</summary>
    public long[] output_size { get; }

    /// <summary>Averages (N, C, H, W) or (C, H, W) input into <see cref="output_size"/> bins.</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool2d(input, output_size);
}

/// <summary>Max pooling of (N, C, L) input to length <see cref="output_size"/>, as torch.nn.AdaptiveMaxPool1d.</summary>
public sealed class AdaptiveMaxPool1d(long output_size) : nn.Module<Tensor, Tensor>(nameof(AdaptiveMaxPool1d))
{
    /// <summary>The output length.</summary>
    public long output_size { get; } = output_size;

    /// <summary>Takes the maximum of (N, C, L) or (C, L) input in each of <see cref="output_size"/> bins.</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_max_pool1d(input, output_size);

    /// <summary>The pooled output and the index of each maximum.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) => nn.functional.adaptive_max_pool1d_with_indices(input, output_size);
}

/// <summary>Max pooling of (N, C, H, W) input to (H_out, W_out), as torch.nn.AdaptiveMaxPool2d.</summary>
public sealed class AdaptiveMaxPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>Pools to <paramref name="output_size"/> (H_out, W_out), or to a square if it holds one value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output_size"/> is null.</exception>
    public AdaptiveMaxPool2d(long[] output_size) : base(nameof(AdaptiveMaxPool2d))
    {
        ArgumentNullException.ThrowIfNull(output_size);
        this.output_size = output_size;
    }

    /// <summary>Pools to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
    public AdaptiveMaxPool2d(long output_size) : this([output_size, output_size])
    {
    }

    /// <summary>The output size (H_out, W_out), or one value for both.</summary>
    public long[] output_size { get; }

    /// <summary>Takes the maximum of (N, C, H, W) or (C, H, W) input in each of <see cref="output_size"/> bins.</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_max_pool2d(input, output_size);

    /// <summary>The pooled output and the flat index of each maximum within its input plane.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) => nn.functional.adaptive_max_pool2d_with_indices(input, output_size);
}
