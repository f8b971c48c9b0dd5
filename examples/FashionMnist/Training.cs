// The training loop and the evaluation, written the way they are written in PyTorch:
// shuffle, mini-batch, forward, cross-entropy, backward, Adam step; then eval mode under no_grad.
using System;
using System.Diagnostics;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace FashionMnist;

internal sealed record TrainingOptions(int Epochs, int BatchSize, double LearningRate, bool CosineSchedule, int Seed);

internal static class Training
{
    /// <summary>Trains <paramref name="model"/> in place and returns the time it took.</summary>
    public static TimeSpan Train(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, TrainingOptions options)
    {
        var clock = Stopwatch.StartNew();
        long count = images.shape[0];
        int stepsPerEpoch = (int)((count + options.BatchSize - 1) / options.BatchSize);

        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        // Cosine annealing over the whole run, one scheduler step per mini-batch: the learning rate
        // glides from its initial value to 0, which helps most when there are few epochs.
        var scheduler = options.CosineSchedule
            ? new optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: options.Epochs * stepsPerEpoch)
            : null;

        model.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            // Every network sees the same order: it depends only on the seed and the epoch.
            long[] order = Shuffle(count, new Random(options.Seed + epoch));
            EpochProgress.Run($"epoch {epoch + 1}/{options.Epochs}", stepsPerEpoch, report =>
            {
                double lossSum = 0;
                long correct = 0, seen = 0;
                for (int step = 0; step < stepsPerEpoch; step++)
                {
                    using var scope = NewDisposeScope(); // frees every tensor of this step at its end
                    int start = step * options.BatchSize;
                    long[] batch = order.AsSpan(start, (int)Math.Min(options.BatchSize, count - start)).ToArray();
                    Tensor index = tensor(batch);
                    Tensor x = images.index_select(0, index);
                    Tensor y = labels.index_select(0, index);

                    Tensor logits = model.call(x);
                    Tensor loss = cross_entropy(logits, y);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    scheduler?.step();

                    lossSum += loss.item<double>() * batch.Length;
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    seen += batch.Length;
                    report(step + 1, lossSum / seen, (double)correct / seen);
                }
            });
        }

        return clock.Elapsed;
    }

    /// <summary>The fraction of <paramref name="images"/> that <paramref name="model"/> classifies correctly.</summary>
    public static double Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int batchSize)
    {
        model.eval();                  // BatchNorm uses its running statistics, Dropout does nothing
        using var noGrad = no_grad();  // no autograd graph: less memory, less time
        long count = images.shape[0], correct = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(batchSize, count - start);
            Tensor logits = model.call(images.narrow(0, start, length));
            correct += logits.argmax(1).eq(labels.narrow(0, start, length)).sum().item<long>();
        }

        return (double)correct / count;
    }

    /// <summary>The numbers 0 … count − 1 in a random order (Fisher–Yates).</summary>
    private static long[] Shuffle(long count, Random random)
    {
        long[] order = new long[count];
        for (long i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }
}
