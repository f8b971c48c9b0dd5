// Trains the network declared in Network.cs and shows where its attention looks.
using System.Globalization;
using AttentionNetwork;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Epochs = 3;
const int BatchSize = 64;

manual_seed(0);
(Tensor trainX, Tensor trainY) = PlantedData.Draw(10_000);
(Tensor testX, Tensor testY) = PlantedData.Draw(2_000);
Console.WriteLine($"libtorch {__version__}; the label is planted in step {PlantedData.PlantedStep} of {PlantedData.Steps}.");
Console.WriteLine(PlantedStepNet.Summary);   // layers, output shapes and parameter counts, known at compile time

using var model = new PlantedStepNet();
using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
long count = trainX.shape[0];
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    model.train();
    using Tensor order = randperm(count);
    double lossSum = 0;
    for (long start = 0; start < count; start += BatchSize)
    {
        using var scope = NewDisposeScope();   // frees every tensor of this step at its end
        Tensor batch = order.narrow(0, start, Math.Min(BatchSize, count - start));
        Tensor probabilities = model.call(trainX.index_select(0, batch));   // [B, 1]
        Tensor loss = binary_cross_entropy(probabilities, trainY.index_select(0, batch));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        lossSum += loss.item<float>() * batch.shape[0];
    }

    Console.WriteLine($"epoch {epoch}/{Epochs}: training loss {lossSum / count:F4}");
}

// Test accuracy, and the attention weights averaged over the test samples: [10], one per step.
model.eval();
model.keep_attention_weights();
using (no_grad())
using (var scope = NewDisposeScope())
{
    Tensor probabilities = model.call(testX);
    float accuracy = probabilities.gt(0.5).to(float32).eq(testY).to(float32).mean().item<float>();
    float[] perStep = model.attention_weights().Values.Single().mean([0]).data<float>().ToArray();
    int peak = Array.IndexOf(perStep, perStep.Max());
    Console.WriteLine($"test accuracy {accuracy:P2}");
    Console.WriteLine("mean attention per step: " + string.Join(" ", perStep.Select(w => w.ToString("F3"))));
    Console.WriteLine($"attention peaks at step {peak} (planted at step {PlantedData.PlantedStep})");
}

Console.WriteLine($"The generated source of PlantedStepNet is in {Path.Combine("Generated", "Attention.Generators")}.");
