using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

// The pooling layers of torch.nn. A stride left out equals the kernel size. PyTorch's return_indices
// (which changes the output type) is forward_with_indices here, as in TorchSharp.

/// <summary>Maximum over sliding windows of (N, C, L) or (C, L) input, as torch.nn.MaxPool1d.</summary>
public sealed class MaxPool1d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
    : nn.Module<Tensor, Tensor>(nameof(MaxPool1d))
{
    public long kernel_size { get; } = kernel_size;

    public long stride { get; } = stride ?? kernel_size;

    public long padding { get; } = padding;

    public long dilation { get; } = dilation;

    public bool ceil_mode { get; } = ceil_mode;

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

    public MaxPool2d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
        : this([kernel_size], [stride ?? kernel_size], [padding], [dilation], ceil_mode)
    {
    }

    public long[] kernel_size { get; }

    public long[] stride { get; }

    public long[] padding { get; }

    public long[] dilation { get; }

    public bool ceil_mode { get; }

    public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);

    /// <summary>The pooled output and the flat index (h·W + w) of each maximum within its input plane.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) =>
        nn.functional.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode);
}

/// <summary>Mean over sliding windows of (N, C, L) or (C, L) input, as torch.nn.AvgPool1d.</summary>
public sealed class AvgPool1d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true)
    : nn.Module<Tensor, Tensor>(nameof(AvgPool1d))
{
    public long kernel_size { get; } = kernel_size;

    public long stride { get; } = stride ?? kernel_size;

    public long padding { get; } = padding;

    public bool ceil_mode { get; } = ceil_mode;

    public bool count_include_pad { get; } = count_include_pad;

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

    public AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true,
        long? divisor_override = null)
        : this([kernel_size], [stride ?? kernel_size], [padding], ceil_mode, count_include_pad, divisor_override)
    {
    }

    public long[] kernel_size { get; }

    public long[] stride { get; }

    public long[] padding { get; }

    public bool ceil_mode { get; }

    public bool count_include_pad { get; }

    /// <summary>When set, each window's sum is divided by this instead of the window size.</summary>
    public long? divisor_override { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
}

/// <summary>Mean pooling of (N, C, L) input to length <see cref="output_size"/>, as torch.nn.AdaptiveAvgPool1d.</summary>
public sealed class AdaptiveAvgPool1d(long output_size) : nn.Module<Tensor, Tensor>(nameof(AdaptiveAvgPool1d))
{
    public long output_size { get; } = output_size;

    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool1d(input, output_size);
}

/// <summary>Mean pooling of (N, C, H, W) input to (H_out, W_out), as torch.nn.AdaptiveAvgPool2d.</summary>
public sealed class AdaptiveAvgPool2d : nn.Module<Tensor, Tensor>
{
    public AdaptiveAvgPool2d(long[] output_size) : base(nameof(AdaptiveAvgPool2d))
    {
        ArgumentNullException.ThrowIfNull(output_size);
        this.output_size = output_size;
    }

    /// <summary>Pools to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
    public AdaptiveAvgPool2d(long output_size) : this([output_size, output_size])
    {
    }

    public long[] output_size { get; }

    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool2d(input, output_size);
}

/// <summary>Max pooling of (N, C, L) input to length <see cref="output_size"/>, as torch.nn.AdaptiveMaxPool1d.</summary>
public sealed class AdaptiveMaxPool1d(long output_size) : nn.Module<Tensor, Tensor>(nameof(AdaptiveMaxPool1d))
{
    public long output_size { get; } = output_size;

    public override Tensor forward(Tensor input) => nn.functional.adaptive_max_pool1d(input, output_size);

    /// <summary>The pooled output and the index of each maximum.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) => nn.functional.adaptive_max_pool1d_with_indices(input, output_size);
}

/// <summary>Max pooling of (N, C, H, W) input to (H_out, W_out), as torch.nn.AdaptiveMaxPool2d.</summary>
public sealed class AdaptiveMaxPool2d : nn.Module<Tensor, Tensor>
{
    public AdaptiveMaxPool2d(long[] output_size) : base(nameof(AdaptiveMaxPool2d))
    {
        ArgumentNullException.ThrowIfNull(output_size);
        this.output_size = output_size;
    }

    /// <summary>Pools to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
    public AdaptiveMaxPool2d(long output_size) : this([output_size, output_size])
    {
    }

    public long[] output_size { get; }

    public override Tensor forward(Tensor input) => nn.functional.adaptive_max_pool2d(input, output_size);

    /// <summary>The pooled output and the flat index of each maximum within its input plane.</summary>
    public (Tensor output, Tensor indices) forward_with_indices(Tensor input) => nn.functional.adaptive_max_pool2d_with_indices(input, output_size);
}
