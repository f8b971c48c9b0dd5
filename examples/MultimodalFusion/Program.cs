// Arevalo et al. 2017: a gated multimodal unit learns how much each modality should count. Fashion-MNIST images are
// paired with a second modality derived from the label (a fixed vector per class plus noise); the same classifier
// with a GMU and with concatenation is trained under each combination of image noise and second-modality noise, and
// tested under the same. The program prints a table of accuracies and the GMU's mean gate on the image, and writes
// gate_vs_noise.png (the gate against the second modality's noise) and accuracy_vs_noise.png.
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using MultimodalFusion;
using static Attention.Runtime.torch;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var textNoise = new Option<double[]>("--text-noise")
{
    Description = "Standard deviations of the second modality's noise (its class vectors have unit variance).",
    DefaultValueFactory = _ => [0.5, 1.5, 3.0, 6.0],
    AllowMultipleArgumentsPerToken = true,
};
var imageNoise = new Option<double[]>("--image-noise")
{
    Description = "Standard deviations of the noise added to the normalised images.",
    DefaultValueFactory = _ => [0.0, 1.5],
    AllowMultipleArgumentsPerToken = true,
};
var train = new Option<int>("--train") { Description = "Training images used (of 60,000).", DefaultValueFactory = _ => 20_000 };
var epochs = new Option<int>("--epochs") { Description = "Epochs per condition and fusion.", DefaultValueFactory = _ => 2 };
var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: Debian's package, else the bundled subset)." };
var seed = new Option<int>("--seed") { Description = "Seed of the initialisation and the noise.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG charts.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Gated multimodal units against concatenation as each modality gets noisier.") { textNoise, imageNoise, train, epochs, data, seed, output };
root.SetAction(result => Run(result.GetValue(textNoise)!, result.GetValue(imageNoise)!, result.GetValue(train), result.GetValue(epochs),
    result.GetValue(data), result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(double[] textNoises, double[] imageNoises, int train, int epochs, string? folder, int seed, DirectoryInfo output)
{
    if (textNoises.Length == 0 || imageNoises.Length == 0 || textNoises.Concat(imageNoises).Any(n => !(n >= 0)) || train < Experiment.BatchSize || epochs < 1)
    {
        Console.Error.WriteLine($"The noise levels must be at least 0, --train at least {Experiment.BatchSize}, --epochs at least 1.");
        return 2;
    }

    using Data set = Data.Load(folder, train);
    Console.WriteLine($"{set.Description}; {epochs} epoch(s) per run, batches of {Experiment.BatchSize}, Adam lr {Experiment.LearningRate}; libtorch {__version__}, {get_num_threads()} thread(s).");
    var results = new List<FusionResult>();
    foreach (double image in imageNoises)
    {
        foreach (double text in textNoises)
        {
            foreach (Func<TwoModalityClassifier> create in new Func<TwoModalityClassifier>[] { () => new GmuClassifier(), () => new ConcatClassifier() })
            {
                manual_seed(seed);
                using TwoModalityClassifier model = create();
                FusionResult result = Experiment.Run(model, set, image, text, epochs);
                results.Add(result);
                Console.WriteLine($"image noise {image,4:F1}, second-modality noise {text,4:F1}, {result.Fusion,-13}: accuracy {result.Accuracy:P1}"
                    + (result.ImageGate is { } gate ? $", mean gate on the image {gate:F3}" : string.Empty) + $" ({result.Seconds:F0} s)");
            }
        }
    }

    Console.WriteLine();
    var table = new Table().AddColumns(
        new TableColumn("image noise").RightAligned(), new TableColumn("2nd noise").RightAligned(), new TableColumn("GMU").RightAligned(),
        new TableColumn("concat").RightAligned(), new TableColumn("GMU gate on image").RightAligned());
    foreach (var group in results.GroupBy(static r => (r.ImageNoise, r.TextNoise)))
    {
        FusionResult gmu = group.Single(static r => r.Fusion == "GMU"), concat = group.Single(static r => r.Fusion != "GMU");
        table.AddRow($"{group.Key.ImageNoise:F1}", $"{group.Key.TextNoise:F1}", $"{gmu.Accuracy:P1}", $"{concat.Accuracy:P1}", $"{gmu.ImageGate:F3}");
    }

    AnsiConsole.Write(table);

    Console.WriteLine($"Parameters: GMU {results.First(static r => r.Fusion == "GMU").Parameters:N0}, concatenation {results.First(static r => r.Fusion != "GMU").Parameters:N0}.");
    output.Create();
    string gates = Path.Combine(output.FullName, "gate_vs_noise.png"), accuracies = Path.Combine(output.FullName, "accuracy_vs_noise.png");
    Charts.SaveGates(results, gates);
    Charts.SaveAccuracies(results, accuracies);
    Console.WriteLine($"Charts: {gates}");
    Console.WriteLine($"        {accuracies}");
    return 0;
}
