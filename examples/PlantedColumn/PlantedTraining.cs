using System;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace PlantedColumn;

/// <summary>The seed's training: binary cross-entropy, Adam (Keras' default learning rate 0.001), shuffled mini-batches.</summary>
internal static class PlantedTraining
{
    /// <summary>Trains <paramref name="model"/> in place; prints the running loss and accuracy after each epoch.</summary>
    public static void Train(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int epochs, int batchSize)
    {
        long count = inputs.shape[0];
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        model.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using Tensor order = randperm(count);
            double lossSum = 0, correct = 0;
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
                Tensor index = order.narrow(0, start, Math.Min(batchSize, count - start));
                Tensor x = inputs.index_select(0, index);
                Tensor y = labels.index_select(0, index);

                Tensor probabilities = model.call(x);
                Tensor loss = binary_cross_entropy(probabilities, y);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();

                lossSum += loss.item<float>() * index.shape[0];
                correct += probabilities.gt(0.5).to(float32).eq(y).sum().item<long>();
            }

            Console.WriteLine($"epoch {epoch + 1}/{epochs}: loss {lossSum / count:F4}, training accuracy {correct / count:P2}");
        }
    }
}
