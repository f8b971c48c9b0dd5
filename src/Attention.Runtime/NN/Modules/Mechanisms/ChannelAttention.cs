using System;
using Attention.Shared;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// CBAM's channel attention module (Woo, Park, Lee and Kweon, "CBAM: Convolutional Block Attention Module",
/// ECCV 2018): one MLP shared by the global average and the global maximum of each channel,
/// <c>y = x · sigmoid(mlp(mean(x, [2, 3])) + mlp(amax(x, [2, 3])))</c> with
/// <c>mlp(v) = fc2(relu(fc1(v)))</c>, one weight per sample and channel.
/// <para>
/// <c>fc1</c> is Linear(C → C_r) and <c>fc2</c> Linear(C_r → C), registered in that order with PyTorch's names
/// and initialisation (<c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>, <c>fc2.bias</c>). The maximum is
/// taken with <c>amax</c>, which is deterministic and exportable, rather than an adaptive max pool. The paper's
/// code has biases; timm's has none (<c>bias: false</c>).
/// </para>
/// </summary>
public sealed class ChannelAttention : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Channel attention over <paramref name="channels"/> channels through a shared MLP of <paramref name="reduced_channels"/> hidden units.</summary>
    /// <param name="channels">C, the channels of the input and the output.</param>
    /// <param name="reduced_channels">C_r, the hidden width of the shared MLP (C / r; see <see cref="reduced_width"/>).</param>
    /// <param name="bias">Whether <c>fc1</c> and <c>fc2</c> have biases.</param>
    public ChannelAttention(long channels, long reduced_channels, bool bias = true)
        : base(nameof(ChannelAttention))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reduced_channels);
        this.channels = channels;
        this.reduced_channels = reduced_channels;
        fc1 = new Linear(channels, reduced_channels, bias);
        register_module(nameof(fc1), fc1);
        fc2 = new Linear(reduced_channels, channels, bias);
        register_module(nameof(fc2), fc2);
    }

    /// <summary>C, the channels of the input and the output.</summary>
    public long channels { get; }

    /// <summary>C_r, the hidden width of the shared MLP.</summary>
    public long reduced_channels { get; }

    /// <summary>The shared MLP's first layer, Linear(C → C_r).</summary>
    public Linear fc1 { get; }

    /// <summary>The shared MLP's second layer, Linear(C_r → C).</summary>
    public Linear fc2 { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The channel weights of the last forward pass, [N, C], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>
    /// The hidden width for <paramref name="channels"/> channels and reduction ratio <paramref name="reduction"/>:
    /// <c>C / r</c> rounded down, as the paper's code computes it, or, with <paramref name="round_to_nearest"/>, as
    /// timm's CBAM does, <c>make_divisible(C * (1 / r), 1, round_limit = 0)</c>: rounded half up and at least 1.
    /// </summary>
    public static long reduced_width(long channels, long reduction, bool round_to_nearest = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reduction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reduction, int.MaxValue);
        return ChannelRules.ReducedWidth((int)channels, (int)reduction, round_to_nearest);
    }

    /// <summary>Re-weights the channels of <paramref name="input"/> [N, C, H, W] by the shared MLP of their average and maximum; same shape out.</summary>
    public override Tensor forward(Tensor input)
    {
        MechanismInput.Check(input, name, channels);
        // pool over H and W, by average and by maximum: [N, C, H, W] -> 2 x [N, C]
        using Tensor average = input.mean([2, 3]);
        using Tensor maximum = input.amax([2, 3]);
        // the same MLP on both: [N, C] -> [N, C_r] -> [N, C]
        using Tensor fromAverage = Mlp(average);
        using Tensor fromMaximum = Mlp(maximum);
        // gate: sigmoid of the sum, weights in (0, 1): [N, C]
        using Tensor sum = fromAverage + fromMaximum;
        using Tensor channelWeights = nn.functional.sigmoid(sum);
        kept.Store(channelWeights);
        // scale: [N, C, H, W] * [N, C, 1, 1]
        using Tensor scale = channelWeights.view(input.size(0), input.size(1), 1, 1);
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

    // fc2(relu(fc1(v))): [N, C] -> [N, C_r] -> [N, C]
    private Tensor Mlp(Tensor pooled)
    {
        using Tensor hidden = fc1.call(pooled);
        using Tensor activated = nn.functional.relu(hidden);
        return fc2.call(activated);
    }
}
