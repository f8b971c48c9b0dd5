using System;
using FashionMnist;
using static Attention.Runtime.torch;

namespace MultimodalFusion;

/// <summary>
/// The two modalities: Fashion-MNIST images, with Gaussian noise added at will, and a second modality derived from the
/// label, a fixed random vector per class (a stand-in for a text description) plus Gaussian noise. With no noise the
/// second modality gives the label away; as its noise grows it tells less and less, and the image must carry the
/// decision.
/// </summary>
internal sealed class Data : IDisposable
{
    /// <summary>The size of the second modality.</summary>
    public const int TextFeatures = 32;

    private readonly Tensor classVectors;

    private Data(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels, string description)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
        Description = description;
        // One fixed vector per class, drawn from its own seed so that every run and condition share them.
        manual_seed(1234);
        classVectors = randn(10, TextFeatures).DetachFromDisposeScope();
    }

    public Tensor TrainImages { get; }

    public Tensor TrainLabels { get; }

    public Tensor TestImages { get; }

    public Tensor TestLabels { get; }

    public string Description { get; }

    /// <summary>The training and test splits (<paramref name="trainLimit"/> training images at most), normalised with the training statistics.</summary>
    public static Data Load(string? folder, int trainLimit)
    {
        DataSource source = DataSource.Locate(folder);
        Split train = Split.Load(source, "train", trainLimit);
        Split test = Split.Load(source, "t10k");
        var (mean, std) = train.PixelStatistics();
        var (trainImages, trainLabels) = train.ToTensors(mean, std);
        var (testImages, testLabels) = test.ToTensors(mean, std);
        return new Data(trainImages.DetachFromDisposeScope(), trainLabels.DetachFromDisposeScope(), testImages.DetachFromDisposeScope(),
            testLabels.DetachFromDisposeScope(), $"{source.Description}: {train.Count:N0} training and {test.Count:N0} test images");
    }

    /// <summary>Images with Gaussian noise of standard deviation <paramref name="noise"/> (in units of the normalised pixels).</summary>
    public static Tensor NoisyImages(Tensor images, double noise) => noise == 0 ? images.clone() : images + (randn(images.shape) * noise);

    /// <summary>The second modality of <paramref name="labels"/>: the class's vector plus Gaussian noise of standard deviation <paramref name="noise"/>.</summary>
    public Tensor Text(Tensor labels, double noise)
    {
        using Tensor clean = classVectors.index_select(0, labels);
        return clean + (randn(clean.shape) * noise);
    }

    public void Dispose()
    {
        classVectors.Dispose();
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
