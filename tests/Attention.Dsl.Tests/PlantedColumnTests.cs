using System;
using System.Linq;
using Attention.Runtime.Modules;
using PlantedColumn;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// Seed 000's result on a short run of the example's own network, data and training: after one
/// epoch over 20,000 samples the attention, averaged over test samples, peaks at the planted step.
/// </summary>
/// <remarks>
/// Measured with seed 0: the mean weight of step 2 is 0.548 and every other step's is below 0.1,
/// test accuracy 100 %; the full run (90,000 samples) gives 0.732, the same digits as PyTorch
/// (examples/PlantedColumn/planted_column.py). The bounds below leave room for neither a wrong
/// attention axis (weights per feature instead of per step would be ~0.1 everywhere) nor a
/// network that ignores the planted step.
/// </remarks>
public sealed class PlantedColumnTests
{
    [Fact]
    public void Attention_peaks_at_the_planted_step_after_a_short_run()
    {
        manual_seed(0);
        (Tensor trainX, Tensor trainY) = PlantedData.Draw(20_000);
        (Tensor testX, Tensor testY) = PlantedData.Draw(2_000);
        using var model = new PlantedColumn.PlantedColumnNet();
        PlantedTraining.Train(model, trainX, trainY, epochs: 1, batchSize: 64);

        model.eval();
        model.keep_attention_weights();
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        Tensor probabilities = model.call(testX);
        float accuracy = probabilities.gt(0.5).to(float32).eq(testY).to(float32).mean().item<float>();
        (string path, Tensor weights) = Assert.Single(model.attention_weights().Select(p => (p.Key, p.Value)));
        float[] meanPerStep = weights.mean([0]).data<float>().ToArray();

        Assert.Equal("temporal1", path);
        Assert.Equal(PlantedData.Steps, meanPerStep.Length);
        Assert.Equal(1.0, meanPerStep.Sum(), 3);   // a distribution over the steps
        Assert.Equal(PlantedData.AttentionColumn, Array.IndexOf(meanPerStep, meanPerStep.Max()));
        Assert.True(meanPerStep[PlantedData.AttentionColumn] > 0.4, $"step 2 weight {meanPerStep[PlantedData.AttentionColumn]}");
        Assert.All(meanPerStep.Where((_, step) => step != PlantedData.AttentionColumn), w => Assert.True(w < 0.15, $"weight {w}"));
        Assert.True(accuracy > 0.95, $"test accuracy {accuracy}");
        trainX.Dispose();
        trainY.Dispose();
        testX.Dispose();
        testY.Dispose();
    }
}
