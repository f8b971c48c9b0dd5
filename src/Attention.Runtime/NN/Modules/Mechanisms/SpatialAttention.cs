using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// CBAM's spatial attention module (Woo, Park, Lee and Kweon, "CBAM: Convolutional Block Attention Module",
/// ECCV 2018): a k × k convolution over the channel-wise average and maximum,
/// <c>y = x · sigmoid(conv(cat([mean(x, 1), amax(x, 1)], 1)))</c>, one weight per sample and position, shared
/// by the channels.
/// <para>
/// <c>conv</c> is Conv2d(2 → 1, k × k, padding k / 2, no bias) with PyTorch's name and initialisation
/// (<c>conv.weight</c>); the two maps are concatenated average first, so the weight's input channel 0 sees the
/// average (CBAM's reference code puts the maximum first: its weight is this one flipped along dim 1). The
/// paper's kernel is 7. With <c>batch_norm</c>, timm's variant: the convolution's map goes through
/// <c>bn</c> = BatchNorm2d(1) before the sigmoid (<c>bn.weight</c>, <c>bn.bias</c>, <c>bn.running_mean</c>,
/// <c>bn.running_var</c>, <c>bn.num_batches_tracked</c>).
/// </para>
/// </summary>
public sealed class SpatialAttention : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Spatial attention with a <paramref name="kernel_size"/> × <paramref name="kernel_size"/> convolution.</summary>
    /// <param name="kernel_size">k, odd and at least 1, so that the weight map keeps the input's height and width.</param>
    /// <param name="batch_norm">Whether a BatchNorm2d(1) follows the convolution (timm's variant).</param>
    public SpatialAttention(long kernel_size = 7, bool batch_norm = false)
        : base(nameof(SpatialAttention))
    {
        MechanismInput.CheckOddKernel(kernel_size, nameof(kernel_size));
        this.kernel_size = kernel_size;
        conv = new Conv2d(2, 1, [kernel_size, kernel_size], padding: [kernel_size / 2, kernel_size / 2], bias: false);
        register_module(nameof(conv), conv);
        if (batch_norm)
        {
            bn = new BatchNorm2d(1);
            register_module(nameof(bn), bn);
        }
    }

    /// <summary>k, the height and width of the convolution.</summary>
    public long kernel_size { get; }

    /// <summary>The convolution of the two pooled maps to one, Conv2d(2 → 1, k × k, padding k / 2, no bias).</summary>
    public Conv2d conv { get; }

    /// <summary>The BatchNorm2d(1) after the convolution, or null without <c>batch_norm</c>.</summary>
    public BatchNorm2d? bn { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The weight map of the last forward pass, [N, 1, H, W], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>Re-weights the positions of <paramref name="input"/> [N, C, H, W] by one map shared by the channels; same shape out.</summary>
    public override Tensor forward(Tensor input)
    {
        MechanismInput.Check(input, name);
        // pool over the channels, by average and by maximum: [N, C, H, W] -> [N, 2, H, W]
        using Tensor average = input.mean([1], keepdim: true);
        using Tensor maximum = input.amax([1], keepdim: true);
        using Tensor pooled = cat([average, maximum], 1);
        // k x k convolution to one map, then timm's BatchNorm when there is one: [N, 2, H, W] -> [N, 1, H, W]
        using Tensor logits = conv.call(pooled);
        using Tensor? normalized = bn?.call(logits);
        // gate: sigmoid, weights in (0, 1): [N, 1, H, W]
        using Tensor spatialWeights = nn.functional.sigmoid(normalized ?? logits);
        kept.Store(spatialWeights);
        // scale: [N, C, H, W] * [N, 1, H, W]
        return input * spatialWeights;
    }

    /// <summary>Releases the kept weights with the parameters.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            kept.Clear();
        }

        base.Dispose(disposing);
    }
}
