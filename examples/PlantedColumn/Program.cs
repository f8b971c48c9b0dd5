// Seed 000's experiment: which step does attention over an LSTM's states look at?
//
// The data plant the label in step 2 of 10 (PlantedData.cs); the network is declared in
// Networks.cs in four attributes. After one epoch of training, the attention weights averaged over
// test samples should peak at step 2. The program prints the accuracy and the mean weight per
// step, and draws them as a bar chart (attention_per_step.png).
using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime.Modules;
using PlantedColumn;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var samples = new Option<int>("--samples") { Description = "Training samples (the seed: 90,000).", DefaultValueFactory = _ => 90_000 };
var testSamples = new Option<int>("--test-samples") { Description = "Test samples for the accuracy and the mean attention.", DefaultValueFactory = _ => 10_000 };
var epochs = new Option<int>("--epochs") { Description = "Epochs (the seed: 1).", DefaultValueFactory = _ => 1 };
var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size (the seed: 64).", DefaultValueFactory = _ => 64 };
var seed = new Option<int>("--seed") { Description = "Seed of the data, the initialisation and the batch order.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG chart.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Seed 000: an LSTM with attention over its steps learns to look at the step that holds the label.")
{
    samples, testSamples, epochs, batchSize, seed, output,
};
root.SetAction(result => Run(
    result.GetValue(samples), result.GetValue(testSamples), result.GetValue(epochs), result.GetValue(batchSize),
    result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int samples, int testSamples, int epochs, int batchSize, int seed, DirectoryInfo output)
{
    if (samples < 1 || testSamples < 1 || epochs < 1 || batchSize < 1)
    {
        Console.Error.WriteLine("--samples, --test-samples, --epochs and --batch-size must be at least 1.");
        return 2;
    }

    manual_seed(seed);
    (Tensor trainX, Tensor trainY) = PlantedData.Draw(samples);
    (Tensor testX, Tensor testY) = PlantedData.Draw(testSamples);
    Console.WriteLine($"Planted-column data: {samples:N0} training and {testSamples:N0} test samples of [{PlantedData.Steps}, {PlantedData.Features}], the label in step {PlantedData.AttentionColumn}.");
    Console.WriteLine(PlantedColumnNet.Summary);

    using var model = new PlantedColumnNet();
    var clock = Stopwatch.StartNew();
    PlantedTraining.Train(model, trainX, trainY, epochs, batchSize);
    double seconds = clock.Elapsed.TotalSeconds;

    // Read the attention weights of the test samples: [N, 10], each row averaged over the features.
    model.eval();
    model.keep_attention_weights();
    double accuracy;
    float[] meanAttention;
    using (no_grad())
    using (var scope = NewDisposeScope())
    {
        Tensor probabilities = model.call(testX);
        accuracy = probabilities.gt(0.5).to(float32).eq(testY).to(float32).mean().item<float>();
        Tensor weights = model.attention_weights().Values.Single();
        meanAttention = weights.mean([0]).data<float>().ToArray();
    }

    int peak = Array.IndexOf(meanAttention, meanAttention.Max());
    Console.WriteLine();
    var table = new Table().AddColumns(new TableColumn("step").RightAligned(), new TableColumn("mean attention").RightAligned(), new TableColumn(string.Empty));
    for (int step = 0; step < meanAttention.Length; step++)
    {
        table.AddRow($"{step}", $"{meanAttention[step]:F4}", step == peak ? "<- peak" : string.Empty);
    }

    AnsiConsole.Write(table);

    Console.WriteLine();
    Console.WriteLine($"{"training",-22} {epochs} epoch(s), batch {batchSize}, Adam lr 0.001, {seconds:F1} s");
    Console.WriteLine($"{"test accuracy",-22} {accuracy:P2}");
    Console.WriteLine($"{"attention peak",-22} step {peak} (planted at step {PlantedData.AttentionColumn}), weight {meanAttention[peak]:F3}");

    output.Create();
    string chart = Path.Combine(output.FullName, "attention_per_step.png");
    AttentionChart.Save(meanAttention, PlantedData.AttentionColumn, chart);
    Console.WriteLine($"{"chart",-22} {chart}");
    return peak == PlantedData.AttentionColumn ? 0 : 1;
}
