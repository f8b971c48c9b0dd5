// Almahairi et al. 2016: a dynamic capacity network applies its expensive layers only where the cheap ones find the
// input salient. Fashion-MNIST items are placed on cluttered 40 × 40 canvases; the DCN (fine layers on 4 of 25 cells)
// and the same fine and top layers applied to every cell are trained under the same budget. The program prints test
// accuracy and multiply-adds per image, and writes saliency.png: test canvases beside their saliency maps with the
// chosen cells.
using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime;
using DynamicCapacity;
using FashionMnist;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;
using Spectre.Console;
using Canvas = DynamicCapacity.Canvas;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var epochs = new Option<int>("--epochs") { Description = "Epochs per network.", DefaultValueFactory = _ => 3 };
var train = new Option<int>("--train") { Description = "Training images used (of 60,000).", DefaultValueFactory = _ => 20_000 };
var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: Debian's package, else the bundled subset)." };
var seed = new Option<int>("--seed") { Description = "Seed of the canvases and the initialisation.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG picture.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Dynamic capacity networks on cluttered Fashion-MNIST.") { epochs, train, data, seed, output };
root.SetAction(result => Run(result.GetValue(epochs), result.GetValue(train), result.GetValue(data), result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int epochs, int train, string? folder, int seed, DirectoryInfo output)
{
    const int BatchSize = 64;
    if (epochs < 1 || train < BatchSize)
    {
        Console.Error.WriteLine($"--epochs must be at least 1 and --train at least {BatchSize}.");
        return 2;
    }

    DataSource source = DataSource.Locate(folder);
    var (trainImages, trainLabels) = Canvas.Make(Split.Load(source, "train", train), seed + 1);
    var (testImages, testLabels) = Canvas.Make(Split.Load(source, "t10k", 5000), seed + 2);
    double mean = trainImages.mean().item<float>(), std = trainImages.std().item<float>();
    using Tensor trainX = (trainImages - mean) / std, testX = (testImages - mean) / std;
    Console.WriteLine($"{source.Description}: {trainLabels.size(0):N0} training and {testLabels.size(0):N0} test items on cluttered {Canvas.Side} × {Canvas.Side} canvases; "
        + $"{epochs} epochs of batches of {BatchSize}, Adam lr 1e-3; libtorch {__version__}.");

    var results = new (string Name, double Accuracy, double Seconds, long MultiplyAdds)[2];
    CapacityNetwork? kept = null;
    foreach (bool everywhere in new[] { true, false })
    {
        manual_seed(seed);
        var network = new CapacityNetwork();
        var dcn = (Attention.Runtime.Modules.DynamicCapacity)network.named_modules().Single(static m => m.name == "dcn1").module;
        Cost.Check(dcn);
        string name = everywhere ? "fine layers everywhere" : $"DCN, {dcn.patches} of 25 cells";
        using var optimizer = optim.Adam(network.parameters(), lr: 1e-3);
        var clock = Stopwatch.StartNew();
        long count = trainLabels.size(0);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            network.train();
            using Tensor order = randperm(count);
            for (long start = 0; start + BatchSize <= count; start += BatchSize)
            {
                using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
                Tensor index = order.narrow(0, start, BatchSize);
                Tensor x = trainX.index_select(0, index), y = trainLabels.index_select(0, index);
                Tensor loss;
                if (everywhere)
                {
                    loss = cross_entropy(dcn.forward_fine_everywhere(x), y);
                }
                else
                {
                    // the paper's loss: the merged output, the coarse output alone, and the hint term
                    var parts = dcn.forward_parts(x);
                    loss = cross_entropy(parts.output, y) + cross_entropy(parts.coarse_output, y) + parts.hint;
                }

                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }

            double accuracy = Test(network, dcn, everywhere, testX, testLabels);
            Console.WriteLine($"  {name}, epoch {epoch}: test accuracy {accuracy:P1} ({clock.Elapsed.TotalSeconds:F0} s)");
            results[everywhere ? 0 : 1] = (name, accuracy, clock.Elapsed.TotalSeconds, everywhere ? Cost.Everywhere(25) : Cost.Dynamic(dcn.patches));
        }

        if (everywhere)
        {
            network.Dispose();
        }
        else
        {
            kept = network;
        }
    }

    Console.WriteLine();
    var table = new Table().AddColumns(
        new TableColumn("network"), new TableColumn("test accuracy").RightAligned(),
        new TableColumn("multiply-adds / image").RightAligned(), new TableColumn("train s").RightAligned());
    foreach (var (name, accuracy, seconds, multiplyAdds) in results)
    {
        table.AddRow(name, $"{accuracy:P1}", $"{multiplyAdds / 1e6:F1} M", $"{seconds:F0}");
    }

    AnsiConsole.Write(table);

    Console.WriteLine($"Coarse pass {Cost.CoarsePass / 1e6:F1} M, fine layers {Cost.FinePatch / 1e6:F2} M per patch, top layers {Cost.TopPass / 1e6:F2} M.");
    output.Create();
    string path = Path.Combine(output.FullName, "saliency.png");
    Saliency.Save(kept!, testX.narrow(0, 0, 4), testImages.narrow(0, 0, 4), path);
    Console.WriteLine($"Picture: {path}");
    kept!.Dispose();
    return 0;
}

static double Test(CapacityNetwork network, Attention.Runtime.Modules.DynamicCapacity dcn, bool everywhere, Tensor images, Tensor labels)
{
    network.eval();
    using var guard = no_grad();
    long correct = 0, count = labels.size(0);
    for (long start = 0; start < count; start += 500)
    {
        using var scope = NewDisposeScope();
        long size = Math.Min(500, count - start);
        Tensor x = images.narrow(0, start, size);
        Tensor logits = everywhere ? dcn.forward_fine_everywhere(x) : network.call(x);
        correct += logits.argmax(1).eq(labels.narrow(0, start, size)).sum().item<long>();
    }

    return (double)correct / count;
}
