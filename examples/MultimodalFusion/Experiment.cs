using System;
using System.Diagnostics;
using System.Linq;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace MultimodalFusion;

/// <summary>One condition's result for one fusion: test accuracy, and for the GMU the mean gate on the image.</summary>
internal sealed record FusionResult(string Fusion, double ImageNoise, double TextNoise, double Accuracy, double? ImageGate, long Parameters, double Seconds);

/// <summary>Trains a classifier of the two modalities under one noise condition and tests it under the same.</summary>
internal static class Experiment
{
    public const int BatchSize = 128;
    public const double LearningRate = 2e-3;

    public static FusionResult Run(TwoModalityClassifier model, Data data, double imageNoise, double textNoise, int epochs)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: LearningRate);
        var clock = Stopwatch.StartNew();
        long count = data.TrainLabels.size(0);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            using Tensor order = randperm(count);
            for (long start = 0; start + BatchSize <= count; start += BatchSize)
            {
                using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
                Tensor index = order.narrow(0, start, BatchSize);
                Tensor labels = data.TrainLabels.index_select(0, index);
                Tensor images = Data.NoisyImages(data.TrainImages.index_select(0, index), imageNoise);
                Tensor loss = cross_entropy(model.call(images, data.Text(labels, textNoise)), labels);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        var (accuracy, gate) = Test(model, data, imageNoise, textNoise);
        return new FusionResult(model.Label, imageNoise, textNoise, accuracy, gate, model.parameters().Sum(static p => p.numel()), seconds);
    }

    /// <summary>Accuracy on the test split (noise drawn afresh), and the GMU's mean gate on the image over it.</summary>
    private static (double Accuracy, double? Gate) Test(TwoModalityClassifier model, Data data, double imageNoise, double textNoise)
    {
        model.eval();
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var unit = (model as GmuClassifier)?.Unit;
        if (unit is not null)
        {
            unit.keep_weights = true;
        }

        long count = data.TestLabels.size(0), correct = 0;
        double gateSum = 0;
        for (long start = 0; start < count; start += 1000)
        {
            long size = Math.Min(1000, count - start);
            Tensor labels = data.TestLabels.narrow(0, start, size);
            Tensor images = Data.NoisyImages(data.TestImages.narrow(0, start, size), imageNoise);
            Tensor predicted = model.call(images, data.Text(labels, textNoise)).argmax(1);
            correct += predicted.eq(labels).sum().item<long>();
            if (unit is not null)
            {
                gateSum += unit.weights!.mean().item<float>() * size;
            }
        }

        if (unit is not null)
        {
            unit.keep_weights = false;
        }

        return ((double)correct / count, unit is null ? null : gateSum / count);
    }
}
