using System.Diagnostics;
using System.Linq;
using Attention.Runtime;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace SpatialTransformer;

/// <summary>One network's result: test accuracy after each epoch, parameters and training time.</summary>
internal sealed record CnnResult(string Name, long Parameters, double[] Accuracy, double Seconds);

/// <summary>Trains a classifier of the distorted canvases with Adam, the same budget for every network.</summary>
internal static class Training
{
    public const int BatchSize = 128;
    public const double LearningRate = 1e-3;

    public static CnnResult Run(string name, nn.Module<Tensor, Tensor> model, Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels, int epochs)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: LearningRate);
        var clock = Stopwatch.StartNew();
        long count = trainLabels.size(0);
        var accuracy = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            using Tensor order = randperm(count);
            double lossSum = 0;
            int batches = 0;
            for (long start = 0; start + BatchSize <= count; start += BatchSize)
            {
                using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
                Tensor index = order.narrow(0, start, BatchSize);
                Tensor loss = cross_entropy(model.call(trainImages.index_select(0, index)), trainLabels.index_select(0, index));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }

            accuracy[epoch] = Test(model, testImages, testLabels);
            System.Console.WriteLine($"  {name}, epoch {epoch + 1}: training loss {lossSum / batches:F3}, test accuracy {accuracy[epoch]:P1} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        return new CnnResult(name, model.parameters().Sum(static p => p.numel()), accuracy, clock.Elapsed.TotalSeconds);
    }

    public static double Test(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels)
    {
        model.eval();
        using var guard = no_grad();
        long correct = 0, count = labels.size(0);
        for (long start = 0; start < count; start += 1000)
        {
            using var scope = NewDisposeScope();
            long size = System.Math.Min(1000, count - start);
            correct += model.call(images.narrow(0, start, size)).argmax(1).eq(labels.narrow(0, start, size)).sum().item<long>();
        }

        return (double)correct / count;
    }
}
