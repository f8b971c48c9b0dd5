using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Attention.Runtime.Modules;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace AddingProblem;

/// <summary>One length's outcome, with the test MSE after every epoch and one test sequence's attention.</summary>
internal sealed record AddingResult(int Length, bool Solved, int Epochs, double TestMse, double SecondsPerEpoch, IReadOnlyList<double> Curve, AttentionExample Example);

/// <summary>The attention weights of one test sequence and its two marked steps.</summary>
internal sealed record AttentionExample(float[] Weights, int[] MarkedSteps);

/// <summary>Training on freshly drawn batches, evaluated on a fixed test set after every epoch.</summary>
internal static class AddingTraining
{
    public const int BatchSize = 100;
    public const int BatchesPerEpoch = 100;
    public const double LearningRate = 1e-3;
    public const double Solved = 0.01;
    private const int TestSequences = 1000;

    public static AddingResult Run(nn.Module<Tensor, Tensor> model, int length, int maxEpochs)
    {
        (Tensor testX, Tensor testY) = AddingData.Draw(TestSequences, length);
        using var optimizer = optim.Adam(model.parameters(), lr: LearningRate);
        var curve = new List<double>();
        var clock = Stopwatch.StartNew();
        double mse = double.NaN;
        int epoch = 0;
        while (epoch < maxEpochs)
        {
            epoch++;
            model.train();
            double lossSum = 0;
            for (int batch = 0; batch < BatchesPerEpoch; batch++)
            {
                using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
                (Tensor x, Tensor y) = AddingData.Draw(BatchSize, length);
                Tensor loss = mse_loss(model.call(x), y);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
            }

            mse = Evaluate(model, testX, testY);
            curve.Add(mse);
            Console.WriteLine($"epoch {epoch,3}: training MSE {lossSum / BatchesPerEpoch:F4}, test MSE {mse:F4}");
            if (mse < Solved)
            {
                break;
            }
        }

        double secondsPerEpoch = clock.Elapsed.TotalSeconds / epoch;
        AttentionExample example = Example(model, testX);
        testX.Dispose();
        testY.Dispose();
        return new AddingResult(length, mse < Solved, epoch, mse, secondsPerEpoch, curve, example);
    }

    private static double Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        model.eval();
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        return mse_loss(model.call(x), y).item<float>();
    }

    /// <summary>The attention weights over the first test sequence, read from the network's attention pooling.</summary>
    private static AttentionExample Example(nn.Module<Tensor, Tensor> model, Tensor testX)
    {
        model.eval();
        model.keep_attention_weights();
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        Tensor first = testX.narrow(0, 0, 1);
        model.call(first);
        float[] weights = model.attention_weights().Values.Single().view(-1).data<float>().ToArray();
        float[] marks = first.select(2, 1).view(-1).data<float>().ToArray();
        model.keep_attention_weights(false);
        int[] marked = Enumerable.Range(0, marks.Length).Where(i => marks[i] > 0.5f).ToArray();
        return new AttentionExample(weights, marked);
    }
}
