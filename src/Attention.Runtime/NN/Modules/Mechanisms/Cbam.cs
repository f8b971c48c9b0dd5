using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// CBAM, the Convolutional Block Attention Module (Woo, Park, Lee and Kweon, ECCV 2018): channel attention,
/// then spatial attention on the refined map, <c>y = spatial(channel(x))</c>, with no residual (the paper's
/// form; External-Attention adds one).
/// <para>
/// The children are <c>channel</c>, a <see cref="ChannelAttention"/>, and <c>spatial</c>, a
/// <see cref="SpatialAttention"/>, registered in that order, so the state dict is
/// <c>channel.fc1.weight</c>, <c>channel.fc1.bias</c>, <c>channel.fc2.weight</c>, <c>channel.fc2.bias</c>,
/// <c>spatial.conv.weight</c> (and <c>spatial.bn.*</c> with <c>batch_norm</c>). The paper's code has biases in
/// the MLP and no BatchNorm; timm's has the opposite (<c>bias: false, batch_norm: true</c>, with the width
/// from <see cref="ChannelAttention.reduced_width"/> rounded to the nearest).
/// </para>
/// </summary>
public sealed class Cbam : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    /// <summary>CBAM over <paramref name="channels"/> channels.</summary>
    /// <param name="channels">C, the channels of the input and the output.</param>
    /// <param name="reduced_channels">C_r, the hidden width of the channel attention's shared MLP.</param>
    /// <param name="spatial_kernel">k, the odd size of the spatial attention's convolution (7 in the paper).</param>
    /// <param name="bias">Whether the shared MLP's layers have biases.</param>
    /// <param name="batch_norm">Whether a BatchNorm2d(1) follows the spatial convolution (timm's variant).</param>
    public Cbam(long channels, long reduced_channels, long spatial_kernel = 7, bool bias = true, bool batch_norm = false)
        : base(nameof(Cbam))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reduced_channels);
        MechanismInput.CheckOddKernel(spatial_kernel, nameof(spatial_kernel));
        channel = new ChannelAttention(channels, reduced_channels, bias);
        register_module(nameof(channel), channel);
        spatial = new SpatialAttention(spatial_kernel, batch_norm);
        register_module(nameof(spatial), spatial);
    }

    /// <summary>C, the channels of the input and the output.</summary>
    public long channels => channel.channels;

    /// <summary>C_r, the hidden width of the channel attention's shared MLP.</summary>
    public long reduced_channels => channel.reduced_channels;

    /// <summary>k, the size of the spatial attention's convolution.</summary>
    public long spatial_kernel => spatial.kernel_size;

    /// <summary>The channel attention, applied first.</summary>
    public ChannelAttention channel { get; }

    /// <summary>The spatial attention, applied to the channel-refined map.</summary>
    public SpatialAttention spatial { get; }

    /// <summary>
    /// Sets <see cref="IAttentionWeights.keep_weights"/> on both children; reads as the spatial attention's
    /// setting, so that it agrees with <see cref="weights"/>.
    /// </summary>
    public bool keep_weights
    {
        get => spatial.keep_weights;
        set
        {
            channel.keep_weights = value;
            spatial.keep_weights = value;
        }
    }

    /// <summary>
    /// The spatial weight map of the last forward pass, [N, 1, H, W] (the same tensor as
    /// <c>spatial.weights</c>); the channel weights, [N, C], are <c>channel.weights</c>.
    /// </summary>
    public Tensor? weights => spatial.weights;

    /// <summary>Refines <paramref name="input"/> [N, C, H, W] by channel, then spatial attention; same shape out.</summary>
    public override Tensor forward(Tensor input)
    {
        // [N, C, H, W] -> [N, C, H, W], one weight per channel
        using Tensor refined = channel.call(input);
        // [N, C, H, W] -> [N, C, H, W], one weight per position
        return spatial.call(refined);
    }
}
