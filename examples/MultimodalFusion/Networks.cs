using Attention.Dsl;
using Attention.Runtime;
using Attention.Runtime.Modules;
using static Attention.Runtime.torch;

namespace MultimodalFusion;

/// <summary>The image modality's encoder: two convolution stages and a projection to 64 features.</summary>
[Network(1, 28, 28)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Flatten, Linear(64), ReLU]
public partial class ImageEncoder;

/// <summary>
/// A classifier of two modalities: the image through <see cref="ImageEncoder"/>, the second modality through a
/// Linear(32 → 64) and ReLU, fused by the subclass's <see cref="Fuse"/> into 64 features, then Linear(64 → 10).
/// </summary>
public abstract class TwoModalityClassifier : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ImageEncoder images = new();
    private readonly Linear text = new(Data.TextFeatures, 64);
    private readonly Linear classifier = new(64, 10);

    /// <summary>Creates the encoders and the read-out; the subclass adds the fusion.</summary>
    protected TwoModalityClassifier(string name)
        : base(name)
    {
        register_module(nameof(images), images);
        register_module(nameof(text), text);
        register_module(nameof(classifier), classifier);
    }

    /// <summary>The table's name of the fusion.</summary>
    public abstract string Label { get; }

    /// <summary>The logits <c>[N, 10]</c> of images <c>[N, 1, 28, 28]</c> and their second modality <c>[N, 32]</c>.</summary>
    public override Tensor forward(Tensor image, Tensor second)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor fused = Fuse(images.call(image), nn.functional.relu(text.call(second)));  // [N, 64]
        return classifier.call(fused).MoveToOuterDisposeScope();
    }

    /// <summary>The two modalities' features <c>[N, 64]</c> each, fused into <c>[N, 64]</c>.</summary>
    protected abstract Tensor Fuse(Tensor image, Tensor second);
}

/// <summary>Arevalo et al.'s gated multimodal unit: <c>z·tanh(W₁x₁) + (1 − z)·tanh(W₂x₂)</c>, z = σ(W_z[x₁; x₂]) per unit.</summary>
public sealed partial class GmuClassifier : TwoModalityClassifier
{
    public override string Label => "GMU";

    /// <summary>The unit, whose gate z is the weight of the image.</summary>
    public GatedMultimodalUnit Unit => fusion;

    [GatedMultimodalUnit(64, InFeatures1 = 64, InFeatures2 = 64)]
    private partial GatedMultimodalUnit fusion { get; }

    protected override Tensor Fuse(Tensor image, Tensor second) => fusion.call(image, second);
}

/// <summary>The baseline: the two feature vectors concatenated and projected, <c>tanh(W[x₁; x₂])</c>, as many parameters but one fewer gate.</summary>
public sealed partial class ConcatClassifier : TwoModalityClassifier
{
    public override string Label => "concatenation";

    [Linear(64, InFeatures = 128)]
    private partial Linear fusion { get; }

    protected override Tensor Fuse(Tensor image, Tensor second)
    {
        using Tensor both = cat([image, second], 1);
        using Tensor projected = fusion.call(both);
        return projected.tanh();
    }
}
