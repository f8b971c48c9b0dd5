using System;
using Attention.Shared;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Efficient channel attention (Wang, Wu, Zhu, Li, Zuo and Hu, "ECA-Net: Efficient Channel Attention for Deep
/// Convolutional Neural Networks", CVPR 2020): a k-wide 1-D convolution across the channels' global averages,
/// <c>y = x · sigmoid(conv1d(mean(x, [2, 3])))</c>, so each channel's weight depends on its k neighbours, with no
/// dimensionality reduction and only k parameters.
/// <para>
/// <c>conv</c> is Conv1d(1 → 1, k, padding (k − 1) / 2, no bias) with PyTorch's name and initialisation
/// (<c>conv.weight</c>, [1, 1, k]). The paper derives k from the channels (<see cref="adaptive_kernel_size"/>,
/// <see cref="Adaptive"/>).
/// </para>
/// </summary>
public sealed class Eca : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>ECA with a <paramref name="kernel_size"/>-wide convolution across the channels.</summary>
    /// <param name="kernel_size">k, odd and at least 1, so that every channel gets a weight.</param>
    public Eca(long kernel_size)
        : base(nameof(Eca))
    {
        MechanismInput.CheckOddKernel(kernel_size, nameof(kernel_size));
        this.kernel_size = kernel_size;
        conv = new Conv1d(1, 1, kernel_size, padding: (kernel_size - 1) / 2, bias: false);
        register_module(nameof(conv), conv);
    }

    /// <summary>k, the width of the convolution across the channels.</summary>
    public long kernel_size { get; }

    /// <summary>The convolution across the channels, Conv1d(1 → 1, k, padding (k − 1) / 2, no bias).</summary>
    public Conv1d conv { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The channel weights of the last forward pass, [N, C], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>ECA for <paramref name="channels"/> channels with the paper's adaptive kernel, <see cref="adaptive_kernel_size"/>.</summary>
    public static Eca Adaptive(long channels, int gamma = 2, int beta = 1) => new(adaptive_kernel_size(channels, gamma, beta));

    /// <summary>
    /// The paper's adaptive kernel size, as its code computes it: <c>t = int(|log₂(C) + beta| / gamma)</c>, then
    /// <c>t</c> if odd, otherwise <c>t + 1</c>. With gamma 2 and beta 1: 3 for 32 or 64 channels, 5 for 128 to
    /// 1024, 7 for 2048. (timm also raises k to at least 3, which differs below 8 channels.)
    /// </summary>
    public static long adaptive_kernel_size(long channels, int gamma = 2, int beta = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gamma);
        return ChannelRules.EcaKernel((int)channels, gamma, beta);
    }

    /// <summary>Re-weights the channels of <paramref name="input"/> [N, C, H, W] by the convolution of their averages; same shape out.</summary>
    public override Tensor forward(Tensor input)
    {
        MechanismInput.Check(input, name);
        long batch = input.size(0);
        long channels = input.size(1);
        // squeeze: [N, C, H, W] -> [N, C], seen as one channel of length C: [N, 1, C]
        using Tensor squeezed = input.mean([2, 3]);
        using Tensor sequence = squeezed.unsqueeze(1);
        // interaction of each channel with its k neighbours: [N, 1, C] -> [N, 1, C]
        using Tensor logits = conv.call(sequence);
        // gate: sigmoid, weights in (0, 1): [N, 1, C]
        using Tensor channelWeights = nn.functional.sigmoid(logits);
        kept.Store(channelWeights, [batch, channels]);
        // scale: [N, C, H, W] * [N, C, 1, 1]
        using Tensor scale = channelWeights.view(batch, channels, 1, 1);
        return input * scale;
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
