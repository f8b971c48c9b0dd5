using System;
using System.Linq;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// What Conv1d and Conv2d share, as torch.nn.modules.conv._ConvNd: the argument checks with PyTorch's
/// wording, <c>weight</c> [out_channels, in_channels/groups, *kernel_size] and <c>bias</c> [out_channels]
/// initialised as PyTorch does, and the padding that <see cref="padding_mode"/> other than "zeros" applies
/// with F.pad before a convolution without padding.
/// </summary>
public abstract class ConvNd : nn.Module<Tensor, Tensor>
{
    private static readonly string[] PaddingModes = ["zeros", "reflect", "replicate", "circular"];

    // spatialDims is 1 for Conv1d and 2 for Conv2d; single-element size arrays apply to every dimension.
    // paddingString is "same" or "valid", or null for the explicit padding.
    private protected ConvNd(string name, int spatialDims, long in_channels, long out_channels, long[] kernel_size, long[]? stride,
        long[]? padding, string? paddingString, long[]? dilation, long groups, bool bias, string padding_mode, Device? device, ScalarType? dtype)
        : base(name)
    {
        this.kernel_size = PerDimension(kernel_size, spatialDims, nameof(kernel_size));
        this.stride = PerDimension(stride ?? [1], spatialDims, nameof(stride));
        this.dilation = PerDimension(dilation ?? [1], spatialDims, nameof(dilation));
        this.padding = paddingString is null ? PerDimension(padding ?? [0], spatialDims, nameof(padding)) : new long[spatialDims];

        if (groups <= 0)
        {
            throw new ArgumentException("groups must be a positive integer", nameof(groups));
        }

        if (in_channels % groups != 0)
        {
            throw new ArgumentException("in_channels must be divisible by groups", nameof(in_channels));
        }

        if (out_channels % groups != 0)
        {
            throw new ArgumentException("out_channels must be divisible by groups", nameof(out_channels));
        }

        if (paddingString is not null)
        {
            if (paddingString is not ("same" or "valid"))
            {
                throw new ArgumentException($"Invalid padding string '{paddingString}', should be one of {{'valid', 'same'}}", nameof(padding));
            }

            if (paddingString == "same" && this.stride.Any(s => s != 1))
            {
                throw new ArgumentException("padding='same' is not supported for strided convolutions", nameof(padding));
            }
        }

        if (!PaddingModes.Contains(padding_mode))
        {
            throw new ArgumentException($"padding_mode must be one of {{'zeros', 'reflect', 'replicate', 'circular'}}, but got padding_mode='{padding_mode}'", nameof(padding_mode));
        }

        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.groups = groups;
        this.padding_mode = padding_mode;
        padding_string = paddingString;
        reversedPaddingRepeatedTwice = ReversedPaddingRepeatedTwice();
        noPadding = new long[spatialDims];

        weight = Shapes.EmptyParameter([out_channels, in_channels / groups, .. this.kernel_size], device, dtype);
        register_parameter(nameof(weight), weight);
        this.bias = bias ? Shapes.EmptyParameter([out_channels], device, dtype) : null;
        register_parameter(nameof(bias), this.bias);
        reset_parameters();
    }

    /// <summary>Channels C_in of the input.</summary>
    public long in_channels { get; }

    /// <summary>Channels C_out of the output.</summary>
    public long out_channels { get; }

    /// <summary>Kernel size per spatial dimension.</summary>
    public long[] kernel_size { get; }

    /// <summary>Stride per spatial dimension.</summary>
    public long[] stride { get; }

    /// <summary>Explicit padding per dimension (zeros when <see cref="padding_string"/> is set).</summary>
    public long[] padding { get; }

    /// <summary>"same" or "valid" when the layer was built with a padding string, otherwise null.</summary>
    public string? padding_string { get; }

    /// <summary>Spacing between kernel elements per spatial dimension.</summary>
    public long[] dilation { get; }

    /// <summary>Number of blocked connections from input to output channels; both counts are divisible by it.</summary>
    public long groups { get; }

    /// <summary>"zeros", "reflect", "replicate" or "circular".</summary>
    public string padding_mode { get; }

    /// <summary>Kernels [out_channels, in_channels/groups, *kernel_size].</summary>
    public nn.Parameter weight { get; }

    /// <summary>Per-channel bias [out_channels]; null without bias.</summary>
    public nn.Parameter? bias { get; }

    // F.pad's argument for the non-zero padding modes: (before, after) pairs from the last dimension back.
    private readonly long[] reversedPaddingRepeatedTwice;

    // The convolution after F.pad runs without padding of its own.
    private readonly long[] noPadding;

    /// <summary>Draws fresh weights: kaiming_uniform_(a = √5) for the weight, then U(−1/√fan_in, 1/√fan_in) for the bias, in PyTorch's order.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            var (fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
            if (fanIn != 0)
            {
                double bound = 1 / Math.Sqrt(fanIn);
                nn.init.uniform_(bias, -bound, bound);
            }
        }
    }

    /// <summary>Convolves <paramref name="input"/> (N, C_in, *spatial) or (C_in, *spatial) to C_out channels, padding first by <see cref="padding_mode"/>.</summary>
    public override Tensor forward(Tensor input)
    {
        if (padding_mode == "zeros")
        {
            return padding_string is null ? Convolve(input, padding) : Convolve(input, padding_string);
        }

        using Tensor padded = nn.functional.pad(input, reversedPaddingRepeatedTwice, padding_mode);
        return Convolve(padded, noPadding);
    }

    /// <summary>The functional convolution of this dimensionality with explicit padding.</summary>
    private protected abstract Tensor Convolve(Tensor input, long[] explicitPadding);

    /// <summary>The functional convolution of this dimensionality with "same" or "valid" padding.</summary>
    private protected abstract Tensor Convolve(Tensor input, string paddingString);

    private long[] ReversedPaddingRepeatedTwice()
    {
        int dims = kernel_size.Length;
        long[] result = new long[2 * dims];
        for (int d = 0; d < dims; d++)
        {
            int slot = 2 * (dims - 1 - d);
            if (padding_string == "same")
            {
                // As PyTorch: the extra element of an odd total goes after.
                long total = dilation[d] * (kernel_size[d] - 1);
                result[slot] = total / 2;
                result[slot + 1] = total - (total / 2);
            }
            else if (padding_string is null)
            {
                result[slot] = padding[d];
                result[slot + 1] = padding[d];
            }
        }

        return result;
    }

    private static long[] PerDimension(long[] values, int dims, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length == 1)
        {
            return Enumerable.Repeat(values[0], dims).ToArray();
        }

        if (values.Length != dims)
        {
            throw new ArgumentException($"{name} must have 1 or {dims} elements, but got {values.Length}", name);
        }

        return (long[])values.Clone();
    }
}

/// <summary>1-D convolution over (N, C_in, L) or (C_in, L) input, as torch.nn.Conv1d.</summary>
public sealed class Conv1d : ConvNd
{
    /// <summary>A 1-D convolution from <paramref name="in_channels"/> to <paramref name="out_channels"/> with a kernel of <paramref name="kernel_size"/>.</summary>
    /// <exception cref="ArgumentException">An argument is invalid (groups, channel counts, padding mode), with PyTorch's message.</exception>
    public Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
        : base(nameof(Conv1d), 1, in_channels, out_channels, [kernel_size], [stride], [padding], null, [dilation], groups, bias, padding_mode, device, dtype)
    {
    }

    /// <summary>A Conv1d with <paramref name="padding"/> "same" (output as long as the input; stride 1 only) or "valid" (none).</summary>
    public Conv1d(long in_channels, long out_channels, long kernel_size, string padding, long stride = 1, long dilation = 1,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
        : base(nameof(Conv1d), 1, in_channels, out_channels, [kernel_size], [stride], null, padding, [dilation], groups, bias, padding_mode, device, dtype)
    {
    }

    private protected override Tensor Convolve(Tensor input, long[] explicitPadding) =>
        nn.functional.conv1d(input, weight, bias, stride, explicitPadding, dilation, groups);

    private protected override Tensor Convolve(Tensor input, string paddingString) =>
        nn.functional.conv1d(input, weight, bias, paddingString, stride, dilation, groups);
}

/// <summary>2-D convolution over (N, C_in, H, W) or (C_in, H, W) input, as torch.nn.Conv2d.</summary>
public sealed class Conv2d : ConvNd
{
    /// <summary>A Conv2d with sizes given per dimension (a single element applies to both).</summary>
    public Conv2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
        : base(nameof(Conv2d), 2, in_channels, out_channels, kernel_size, stride, padding, null, dilation, groups, bias, padding_mode, device, dtype)
    {
    }

    /// <summary>A Conv2d with <paramref name="padding"/> "same" (output as large as the input; stride 1 only) or "valid" (none).</summary>
    public Conv2d(long in_channels, long out_channels, long[] kernel_size, string padding, long[]? stride = null, long[]? dilation = null,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
        : base(nameof(Conv2d), 2, in_channels, out_channels, kernel_size, stride, null, padding, dilation, groups, bias, padding_mode, device, dtype)
    {
    }

    private protected override Tensor Convolve(Tensor input, long[] explicitPadding) =>
        nn.functional.conv2d(input, weight, bias, stride, explicitPadding, dilation, groups);

    private protected override Tensor Convolve(Tensor input, string paddingString) =>
        nn.functional.conv2d(input, weight, bias, paddingString, stride, dilation, groups);
}
