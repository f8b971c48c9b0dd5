using Attention.Dsl;

namespace Attention.Dsl.Tests;

// One network per mechanism and form, each just the mechanism on its input. The names, shapes and
// arguments match the cases of Reference/mechanisms.py, which implements the same forms from the
// papers in PyTorch; the state-dict keys must therefore be those of docs/design/dsl.md.

/// <summary>SE as in Hu et al.: FC layers with bias, reduction 16 (64 → 4 → 64).</summary>
[Network(64, 4, 4)]
[SqueezeExcite(Reduction = 16)]
public partial class SePaper;

/// <summary>SE as the seed's PyTorch code writes it: <c>C // r</c> and no bias (32 → 4 → 32).</summary>
[Network(32, 4, 4)]
[SqueezeExcite(Reduction = 8, Bias = false)]
public partial class SeSeed;

/// <summary>
/// SE in MobileNetV3 (Howard et al.): reduction 4, hard-sigmoid gate, width <c>make_divisible(72 / 4, 8)</c>
/// = 24 (18 rounds down to 16, more than 10 % below 18, so one more step).
/// </summary>
[Network(72, 3, 3)]
[SqueezeExcite(Reduction = 4, Gate = Gate.HardSigmoid, MakeDivisible = 8)]
public partial class SeMobileNetV3;

/// <summary>SE with SiLU between the two FC layers (EfficientNet's inner activation), 32 → 8 → 32.</summary>
[Network(32, 4, 4)]
[SqueezeExcite(Reduction = 4, InnerActivation = Activation.SiLU)]
public partial class SeSiLU;

/// <summary>CBAM's channel attention alone (shared biased MLP, 32 → 2 → 32), under its default name <c>ca1</c>.</summary>
[Network(32, 5, 5)]
[ChannelAttention]
public partial class ChannelAttentionNet;

/// <summary>CBAM's channel attention without bias (32 → 4 → 32).</summary>
[Network(32, 5, 5)]
[ChannelAttention(Reduction = 8, Bias = false)]
public partial class ChannelAttentionNoBias;

/// <summary>CBAM's spatial attention alone with the paper's 7 × 7 kernel, under its default name <c>sa1</c>.</summary>
[Network(16, 8, 8)]
[SpatialAttention]
public partial class SpatialAttention7;

/// <summary>CBAM's spatial attention alone with a 3 × 3 kernel, under a name of our choosing.</summary>
[Network(16, 7, 7)]
[SpatialAttention(Kernel = 3, Name = "attention")]
public partial class SpatialAttention3;

/// <summary>
/// timm's spatial attention: BatchNorm2d(1) between the 7 × 7 convolution and the sigmoid (training
/// mode, so batch statistics, and the forward pass updates the running ones).
/// </summary>
[Network(16, 8, 8)]
[SpatialAttention(BatchNorm = true)]
public partial class SpatialAttentionBn;

/// <summary>CBAM: channel attention (64 → 4 → 64) then spatial attention (7 × 7).</summary>
[Network(64, 5, 5)]
[Cbam(Reduction = 16, SpatialKernel = 7)]
public partial class CbamNet;

/// <summary>ECA with the adaptive kernel: 256 channels give <c>int((8 + 1) / 2)</c> = 4, even, so 5.</summary>
[Network(256, 2, 2)]
[Eca]
public partial class EcaAdaptive;

/// <summary>ECA with an explicit kernel 5, where the adaptive one would be 3 (64 channels).</summary>
[Network(64, 3, 3)]
[Eca(Kernel = 5)]
public partial class EcaKernel5;

/// <summary>
/// The mechanisms in context: default names by kind and ordinal (<c>conv1</c>, <c>bn1</c>, <c>se1</c>,
/// <c>conv2</c>, <c>bn2</c>, <c>cbam1</c>, <c>eca1</c>, <c>fc1</c>), sizes inferred from the input, BatchNorm in
/// training mode. ECA's adaptive kernel for 32 channels is 3.
/// </summary>
[Network(3, 8, 8)]
[Conv2d(16, Padding = 1), BatchNorm2d, ReLU]
[SqueezeExcite(Reduction = 4)]
[Conv2d(32, Stride = 2, Padding = 1), BatchNorm2d, ReLU]
[Cbam(Reduction = 8, SpatialKernel = 3)]
[Eca]
[GlobalAvgPool2d, Linear(10)]
public partial class SmallAttentionNet;

/// <summary>Seed 000's network: an LSTM over 10 steps, attention over its steps, a logistic output.</summary>
[Network(10, 2)]
[Lstm(32)]
[TemporalAttention]
[Flatten, Linear(1), Sigmoid]
public partial class PlantedColumnNet;

/// <summary>Raffel &amp; Ellis' feed-forward attention with seed 004's per-step bias over 7 steps.</summary>
[Network(7, 2)]
[Linear(16), ReLU]
[AttentionPooling(StepBias = true)]
[Linear(1)]
public partial class RaffelEllisNet;

/// <summary>A two-layer bidirectional GRU, the shared form of temporal attention and attention pooling.</summary>
[Network(6, 3)]
[Gru(5, Layers = 2, Bidirectional = true)]
[TemporalAttention(Shared = true)]
[AttentionPooling]
[Linear(4)]
public partial class SharedTemporalGruNet;

/// <summary>A bidirectional LSTM's final state, forward and backward, read out.</summary>
[Network(5, 3)]
[Lstm(4, Bidirectional = true, Output = RecurrentOutput.FinalState)]
[Linear(2)]
public partial class FinalStateLstmNet;

/// <summary>Token ids of any length with their padding mask: embedding, positions, a bidirectional LSTM over the real steps, attention pooling.</summary>
[Network(Dimension.Open, PaddingMask = true)]
[Embedding(20, 6, PaddingIndex = 0), PositionalEncoding(MaxLength = 16)]
[Lstm(5, Layers = 2, Bidirectional = true), LayerNorm]
[AttentionPooling, Linear(3)]
public partial class MaskedTokenNet;

/// <summary>Seven padded steps with their mask: temporal attention over the real steps, then a GRU's last real step.</summary>
[Network(7, 3, PaddingMask = true)]
[TemporalAttention, Gru(4, Output = RecurrentOutput.LastStep), Linear(2)]
public partial class MaskedFixedNet;
