// The three networks, declared with Attention.Dsl. Class attributes, top to bottom, are the forward
// pass; every size that follows from the input shape (input channels, the Linear's input features)
// is inferred at compile time. The generator writes each class's fields, constructor, forward pass
// and a compile-time Summary; read them in
// Generated/Attention.Generators/Attention.Generators.NetworkGenerator/ after a build.
//
// The three share everything but one layer, so the comparison measures the attention mechanism:
//   conv 3×3 (32) → pool → conv 3×3 (64) → [attention] → pool → flatten → dropout → linear (10)
using System;
using Attention.Dsl;
using static Attention.Runtime.torch;

namespace FashionMnist;

/// <summary>The baseline: two convolution blocks and a linear classifier.</summary>
[Network(1, 28, 28)]
[Conv2d(32, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[MaxPool2d(2)]
[Flatten, Dropout(0.2), Linear(10)]
public partial class FashionPlainNet;

/// <summary>
/// The baseline with Squeeze-and-Excitation (Hu et al. 2018): each of the 64 channels is rescaled by
/// a gate computed from the global average of all channels.
/// </summary>
[Network(1, 28, 28)]
[Conv2d(32, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[SqueezeExcite(Reduction = 16)]
[MaxPool2d(2)]
[Flatten, Dropout(0.2), Linear(10)]
public partial class FashionSeNet;

/// <summary>
/// The baseline with CBAM (Woo et al. 2018): channel attention from average- and max-pooled
/// features, then spatial attention that weights every position of the 14×14 map.
/// </summary>
[Network(1, 28, 28)]
[Conv2d(32, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
[Cbam(Reduction = 16, SpatialKernel = 7)]
[MaxPool2d(2)]
[Flatten, Dropout(0.2), Linear(10)]
public partial class FashionCbamNet;

/// <summary>A network the program can train: its command-line key, a title, and how to build it.</summary>
internal sealed record NetworkChoice(string Key, string Title, string TypeName, Func<nn.Module<Tensor, Tensor>> Create, Attention.Runtime.ModelSummary Summary);

internal static class Networks
{
    public static readonly NetworkChoice[] All =
    [
        new("plain", "plain CNN", nameof(FashionPlainNet), () => new FashionPlainNet(), FashionPlainNet.Summary),
        new("se", "SE-CNN", nameof(FashionSeNet), () => new FashionSeNet(), FashionSeNet.Summary),
        new("cbam", "CBAM-CNN", nameof(FashionCbamNet), () => new FashionCbamNet(), FashionCbamNet.Summary),
    ];
}
