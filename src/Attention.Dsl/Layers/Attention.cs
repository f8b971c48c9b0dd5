using System;

namespace Attention.Dsl;

/// <summary>
/// Squeeze-and-Excitation (Hu, Shen and Sun, "Squeeze-and-Excitation Networks", CVPR 2018) over
/// <c>[C, H, W]</c> samples: it re-weights the channels by weights computed from the whole map.
/// </summary>
/// <remarks>
/// <para>
/// The math, per sample: <c>s = mean(x, over H, W)</c> (squeeze, <c>[C]</c>);
/// <c>z = W₂ · δ(W₁ · s + b₁) + b₂</c> (excite, through <c>C_r</c> hidden units; δ is
/// <see cref="InnerActivation"/>); <c>g = σ(z)</c> (<see cref="Gate"/>); <c>y = x · g</c>, broadcast
/// over H and W. <c>C_r = C / Reduction</c> (integer division), or, with <see cref="MakeDivisible"/>
/// = d, timm's <c>make_divisible(C / Reduction, d)</c>: rounded to the nearest multiple of d, at
/// least d, and never below 90 % of <c>C / Reduction</c>.
/// </para>
/// <para>
/// Parameters: <c>C·C_r + C_r + C_r·C + C</c>, or <c>2·C·C_r</c> without <see cref="Bias"/>. The
/// state dict holds <c>se1.fc1.weight</c>, <c>se1.fc1.bias</c>, <c>se1.fc2.weight</c>, <c>se1.fc2.bias</c>.
/// </para>
/// <para>
/// Forms: the paper's is the default. The form of the PyTorch code usually copied (fully connected
/// layers without bias) is <c>[SqueezeExcite(Bias = false)]</c>. MobileNetV3's (Howard et al.,
/// "Searching for MobileNetV3", ICCV 2019) is <c>[SqueezeExcite(Form = SqueezeExciteForm.MobileNetV3)]</c>,
/// which makes the defaults of the arguments left unset <c>Reduction = 4</c>, <c>MakeDivisible = 8</c> and
/// <c>Gate = Gate.HardSigmoid</c>; arguments that are set keep their values.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class SqueezeExciteAttribute : LayerAttribute
{
    /// <summary>
    /// Gets or sets the form whose defaults the arguments left unset take (default
    /// <see cref="SqueezeExciteForm.Original"/>, the paper's).
    /// </summary>
    public SqueezeExciteForm Form { get; set; } = SqueezeExciteForm.Original;

    /// <summary>Gets or sets the reduction ratio r, between 1 and C (default 16; 4 in the MobileNetV3 form).</summary>
    public int Reduction { get; set; } = 16;

    /// <summary>Gets or sets the divisor that the hidden width is rounded to (default 0: plain <c>C / r</c>; 8 in the MobileNetV3 form, as timm).</summary>
    public int MakeDivisible { get; set; }

    /// <summary>Gets or sets the activation between the two layers (default <see cref="Activation.ReLU"/>).</summary>
    public Activation InnerActivation { get; set; } = Activation.ReLU;

    /// <summary>Gets or sets the gate that turns the excitation into weights (default <see cref="Dsl.Gate.Sigmoid"/>; <see cref="Dsl.Gate.HardSigmoid"/> in the MobileNetV3 form).</summary>
    public Gate Gate { get; set; } = Gate.Sigmoid;

    /// <summary>Gets or sets whether both fully connected layers have a bias (default <see langword="true"/>, as the paper).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// Gets or sets the number of input channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels (at least 1); 0 (unset) by default.</value>
    public int Channels { get; set; }
}

/// <summary>
/// CBAM's channel attention module (Woo, Park, Lee and Kweon, "CBAM: Convolutional Block Attention
/// Module", ECCV 2018) over <c>[C, H, W]</c> samples.
/// </summary>
/// <remarks>
/// <para>
/// The math, per sample: <c>a = mean(x, over H, W)</c> and <c>m = max(x, over H, W)</c> (both
/// <c>[C]</c>; the max is <c>amax</c>, deterministic and exportable); a shared MLP
/// <c>f(v) = W₂ · relu(W₁ · v + b₁) + b₂</c> through <c>C / Reduction</c> hidden units;
/// <c>g = σ(f(a) + f(m))</c>; <c>y = x · g</c>, broadcast over H and W.
/// </para>
/// <para>
/// Parameters: <c>C·C_r + C_r + C_r·C + C</c>, or <c>2·C·C_r</c> without <see cref="Bias"/>. The
/// state dict holds <c>ca1.fc1.weight</c>, <c>ca1.fc1.bias</c>, <c>ca1.fc2.weight</c>, <c>ca1.fc2.bias</c>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ChannelAttentionAttribute : LayerAttribute
{
    /// <summary>Gets or sets the reduction ratio r, between 1 and C (default 16).</summary>
    public int Reduction { get; set; } = 16;

    /// <summary>Gets or sets whether the MLP's layers have a bias (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;
    /// <summary>
    /// Gets or sets whether the hidden width <c>C / Reduction</c> is rounded to the nearest integer (at
    /// least 1), as timm does, instead of down, as the paper's code does (default <see langword="false"/>).
    /// </summary>
    public bool RoundToNearest { get; set; }

    /// <summary>
    /// Gets or sets the number of input channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels (at least 1); 0 (unset) by default.</value>
    public int Channels { get; set; }
}

/// <summary>
/// CBAM's spatial attention module (Woo et al., ECCV 2018) over <c>[C, H, W]</c> samples.
/// </summary>
/// <remarks>
/// <para>
/// The math, per sample: the channel-wise mean and max (<c>[1, H, W]</c> each) are concatenated
/// into <c>[2, H, W]</c>; a <c>Kernel × Kernel</c> convolution to one map (padding
/// <c>Kernel / 2</c>, no bias), optionally batch-normalised as timm does; <c>g = σ(·)</c>;
/// <c>y = x · g</c>, broadcast over the channels.
/// </para>
/// <para>
/// Parameters: <c>2·Kernel²</c>, plus 2 with <see cref="BatchNorm"/>. The state dict holds
/// <c>sa1.conv.weight</c> (and <c>sa1.bn.*</c>).
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class SpatialAttentionAttribute : LayerAttribute
{
    /// <summary>Gets or sets the convolution's kernel size, odd (default 7, as the paper).</summary>
    public int Kernel { get; set; } = 7;

    /// <summary>Gets or sets whether a BatchNorm follows the convolution (default <see langword="false"/>, as the paper; timm adds one).</summary>
    public bool BatchNorm { get; set; }
}

/// <summary>
/// The Convolutional Block Attention Module (Woo et al., ECCV 2018) over <c>[C, H, W]</c> samples:
/// channel attention, then spatial attention, with no residual (the paper's form).
/// </summary>
/// <remarks>
/// <para>
/// The math: <c>x′ = M_c(x) · x</c>, then <c>y = M_s(x′) · x′</c>, where <c>M_c</c> is
/// <see cref="ChannelAttentionAttribute"/> (with <see cref="Bias"/> and <see cref="RoundToNearest"/>) and
/// <c>M_s</c> is <see cref="SpatialAttentionAttribute"/> (with <see cref="BatchNorm"/>). timm's CBAM is
/// <c>[Cbam(Bias = false, BatchNorm = true, RoundToNearest = true)]</c>.
/// </para>
/// <para>
/// Parameters: <c>C·C_r + C_r + C_r·C + C + 2·SpatialKernel²</c> (without bias <c>2·C·C_r + 2·SpatialKernel²</c>;
/// BatchNorm adds 2). The state dict holds
/// <c>cbam1.channel.fc1.weight</c> … <c>cbam1.spatial.conv.weight</c>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class CbamAttribute : LayerAttribute
{
    /// <summary>Gets or sets the channel attention's reduction ratio, between 1 and C (default 16).</summary>
    public int Reduction { get; set; } = 16;

    /// <summary>Gets or sets the spatial attention's kernel size, odd (default 7).</summary>
    public int SpatialKernel { get; set; } = 7;
    /// <summary>Gets or sets whether the channel attention's MLP has biases (default <see langword="true"/>, as the paper; timm has none).</summary>
    public bool Bias { get; set; } = true;
    /// <summary>Gets or sets whether a BatchNorm follows the spatial attention's convolution (default <see langword="false"/>, as the paper; timm adds one).</summary>
    public bool BatchNorm { get; set; }
    /// <summary>
    /// Gets or sets whether the hidden width <c>C / Reduction</c> is rounded to the nearest integer (at
    /// least 1), as timm does, instead of down, as the paper's code does (default <see langword="false"/>).
    /// </summary>
    public bool RoundToNearest { get; set; }

    /// <summary>
    /// Gets or sets the number of input channels, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels (at least 1); 0 (unset) by default.</value>
    public int Channels { get; set; }
}

/// <summary>
/// Efficient Channel Attention (Wang et al., "ECA-Net: Efficient Channel Attention for Deep
/// Convolutional Neural Networks", CVPR 2020) over <c>[C, H, W]</c> samples: SE without the
/// dimensionality reduction, using a 1-D convolution across neighbouring channels.
/// </summary>
/// <remarks>
/// <para>
/// The math, per sample: <c>s = mean(x, over H, W)</c> (<c>[C]</c>, seen as a 1-channel sequence of
/// length C); a 1-D convolution of width k (padding <c>(k − 1) / 2</c>, no bias); <c>g = σ(·)</c>;
/// <c>y = x · g</c>, broadcast over H and W.
/// </para>
/// <para>
/// The kernel adapts to the channel count unless <see cref="Kernel"/> is set:
/// <c>t = ⌊|log₂(C) + Beta| / Gamma⌋</c>, <c>k = t</c> if t is odd, otherwise <c>t + 1</c>.
/// Parameters: <c>k</c>. The state dict holds <c>eca1.conv.weight</c>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class EcaAttribute : LayerAttribute
{
    /// <summary>Gets or sets the kernel size, odd; 0 (the default) adapts it to the channel count.</summary>
    public int Kernel { get; set; }

    /// <summary>Gets or sets γ of the adaptive kernel size (default 2).</summary>
    public int Gamma { get; set; } = 2;

    /// <summary>Gets or sets b of the adaptive kernel size (default 1).</summary>
    public int Beta { get; set; } = 1;

    /// <summary>
    /// Gets or sets the number of input channels, from which the adaptive kernel is computed, for a component on a <see langword="partial"/> property of a
    /// hand-written module, which has no input shape to infer it from. Leave it unset in a
    /// <c>[Network]</c>: there it is inferred, and setting it is an error (ATTN0106).
    /// </summary>
    /// <value>The number of input channels, from which the adaptive kernel is computed (at least 1); 0 (unset) by default. A component with an explicit <see cref="Kernel"/> does not need it.</value>
    public int Channels { get; set; }
}

/// <summary>
/// A spatial transformer (Jaderberg et al. 2015; seeds 000 and 001), the runtime's <c>SpatialTransformer</c>: the
/// <see cref="BlockAttribute"/> class <see cref="Localisation"/> reads each <c>[C, H, W]</c> sample and ends in a vector
/// (a <c>Flatten</c> and <c>Linear</c>, or a global pool), <c>fc_loc</c> turns it into an affine transform θ, started at
/// the identity, and the sample is resampled on θ's grid (<c>affine_grid</c>, <c>grid_sample</c>). <c>[C, H, W]</c> to
/// <c>[C, OutputHeight, OutputWidth]</c>. θ and the transformed images can be kept for plots (<c>keep_weights</c>).
/// </summary>
/// <remarks>
/// Parameters: the localisation block's (under <c>stn1.localisation.</c>) and <c>6F + 6</c> for <c>fc_loc</c>, F being
/// the size of the block's output.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpatialTransformerAttribute : LayerAttribute
{
    /// <summary>Declares a spatial transformer whose localisation network is the block <paramref name="localisation"/>.</summary>
    /// <param name="localisation">A <see langword="partial"/> class marked <c>[Block]</c>, from <c>[C, H, W]</c> to a vector.</param>
    public SpatialTransformerAttribute(Type localisation) => Localisation = localisation;

    /// <summary>Gets the localisation block.</summary>
    public Type Localisation { get; }

    /// <summary>
    /// Gets or sets whether −1 and 1 are the centres of the corner pixels (true) or their outer edges (default
    /// <see langword="false"/>, PyTorch's default since 1.3); written out in the generated code either way.
    /// </summary>
    public bool AlignCorners { get; set; }

    /// <summary>Gets or sets the output's height (default 0: the input's).</summary>
    public int OutputHeight { get; set; }

    /// <summary>Gets or sets the output's width (default 0: the input's).</summary>
    public int OutputWidth { get; set; }
}

/// <summary>
/// A dynamic capacity network (Almahairi et al. 2016; seed 001), the runtime's <c>DynamicCapacity</c>: the
/// <see cref="Coarse"/> block reads the whole <c>[C, H, W]</c> sample into a feature map <c>[D, h, w]</c> (one cell per
/// <c>H / h</c> pixels); the cells whose features most change the entropy of the <see cref="Top"/> block's output (the
/// norm of its gradient) are read again by the <see cref="Fine"/> block from <see cref="PatchSize"/>-sided input patches,
/// <c>[C, p, p]</c> to <c>[D]</c>; their features replace the coarse ones, and the top block reads the merged map. The
/// output is the top block's. The saliency map and the chosen cells can be kept for plots (<c>keep_weights</c>); the
/// module's <c>forward_parts</c> also gives the coarse output and the hint term of the paper's loss.
/// </summary>
/// <remarks>Parameters: the three blocks' (under <c>dcn1.coarse.</c>, <c>dcn1.fine.</c>, <c>dcn1.top.</c>).</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DynamicCapacityAttribute : LayerAttribute
{
    /// <summary>Declares a dynamic capacity network of the three blocks.</summary>
    /// <param name="coarse">The coarse block, <c>[C, H, W]</c> to <c>[D, h, w]</c>.</param>
    /// <param name="fine">The fine block, <c>[C, p, p]</c> to <c>[D]</c> (or <c>[D, 1, 1]</c>).</param>
    /// <param name="top">The top block, <c>[D, h, w]</c> to the output.</param>
    public DynamicCapacityAttribute(Type coarse, Type fine, Type top)
    {
        Coarse = coarse;
        Fine = fine;
        Top = top;
    }

    /// <summary>Gets the coarse block.</summary>
    public Type Coarse { get; }

    /// <summary>Gets the fine block.</summary>
    public Type Fine { get; }

    /// <summary>Gets the top block.</summary>
    public Type Top { get; }

    /// <summary>Gets or sets k, the cells refined per sample (required: at least 1, at most the cells of the coarse map).</summary>
    public int Patches { get; set; }

    /// <summary>Gets or sets the side of each input patch (default 0: the cell's, <c>H / h</c>; more takes context around the cell, an even number of pixels more).</summary>
    public int PatchSize { get; set; }
}
