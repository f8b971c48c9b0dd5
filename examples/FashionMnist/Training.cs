// The training loop and the evaluation, written the way they are written in PyTorch:
// shuffle, mini-batch, forward, cross-entropy, backward, Adam step; then eval mode under no_grad.
// Data-parallel (--nproc-per-node), as PyTorch's DistributedDataParallel recipe: the model wrapped in DDP,
// each rank on its DistributedSampler share with 1/world of every batch, gradients averaged in backward.
using System;
using System.Diagnostics;
using Attention.Runtime.Distributed;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace FashionMnist;

internal sealed record TrainingOptions(int Epochs, int BatchSize, double LearningRate, bool CosineSchedule, int Seed)
{
    /// <summary>How many processes train together (1: this one alone).</summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>This process's rank among them; rank 0 reports progress.</summary>
    public int Rank { get; init; }
}

internal static class Training
{
    /// <summary>Trains <paramref name="model"/> in place and returns the time it took.</summary>
    public static TimeSpan Train(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, TrainingOptions options)
    {
        var clock = Stopwatch.StartNew();
        bool parallel = options.WorldSize > 1;
        // Data-parallel: every rank computes 1/world of each batch; the averaged gradient is the whole batch's.
        using var ddp = parallel ? new DistributedDataParallel<Tensor, Tensor>(model) : null;
        nn.Module<Tensor, Tensor> trained = ddp ?? model;
        var sampler = parallel ? new DistributedSampler(images.shape[0], seed: (ulong)options.Seed) : null;
        int batchSize = options.BatchSize / options.WorldSize;
        long count = sampler?.num_samples ?? images.shape[0];
        int stepsPerEpoch = (int)((count + batchSize - 1) / batchSize);

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
            sampler?.set_epoch(epoch);
            long[] order = sampler?.Indices() ?? Shuffle(count, new Random(options.Seed + epoch));
            EpochProgress.Run($"epoch {epoch + 1}/{options.Epochs}", stepsPerEpoch, quiet: options.Rank != 0, report =>
            {
                double lossSum = 0;
                long correct = 0, seen = 0;
                for (int step = 0; step < stepsPerEpoch; step++)
                {
                    using var scope = NewDisposeScope(); // frees every tensor of this step at its end
                    int start = step * batchSize;
                    long[] batch = order.AsSpan(start, (int)Math.Min(batchSize, count - start)).ToArray();
                    Tensor index = tensor(batch);
                    Tensor x = images.index_select(0, index);
                    Tensor y = labels.index_select(0, index);

                    Tensor logits = trained.call(x);
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
