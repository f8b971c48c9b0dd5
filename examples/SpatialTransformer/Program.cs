// Jaderberg et al. 2015 on seed 000's figure: Fashion-MNIST items rotated, moved and covered with noise on a larger
// canvas. A plain CNN and the same CNN behind a spatial transformer are trained under the same budget; the program
// prints their test accuracy per epoch and writes transformed.png, test inputs beside the transformer's views of them.
using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime;
using FashionMnist;
using SpatialTransformer;
using static Attention.Runtime.torch;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var epochs = new Option<int>("--epochs") { Description = "Epochs per network.", DefaultValueFactory = _ => 3 };
var train = new Option<int>("--train") { Description = "Training images used (of 60,000).", DefaultValueFactory = _ => 30_000 };
var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: Debian's package, else the bundled subset)." };
var seed = new Option<int>("--seed") { Description = "Seed of the distortions and the initialisation.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG picture.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Spatial transformer networks on distorted Fashion-MNIST.") { epochs, train, data, seed, output };
root.SetAction(result => Run(result.GetValue(epochs), result.GetValue(train), result.GetValue(data), result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int epochs, int train, string? folder, int seed, DirectoryInfo output)
{
    if (epochs < 1 || train < Training.BatchSize)
    {
        Console.Error.WriteLine($"--epochs must be at least 1 and --train at least {Training.BatchSize}.");
        return 2;
    }

    DataSource source = DataSource.Locate(folder);
    var (trainImages, trainLabels) = Distortion.Make(Split.Load(source, "train", train), seed + 1);
    var (testImages, testLabels) = Distortion.Make(Split.Load(source, "t10k"), seed + 2);
    double mean = trainImages.mean().item<float>(), std = trainImages.std().item<float>();
    using Tensor trainX = (trainImages - mean) / std, testX = (testImages - mean) / std;
    Console.WriteLine($"{source.Description}: {trainLabels.size(0):N0} training and {testLabels.size(0):N0} test items on {Distortion.Canvas} × {Distortion.Canvas} canvases, "
        + $"rotated up to ±{Distortion.MaxDegrees}°, moved up to ±{Distortion.MaxShift} px, noise σ {Distortion.Noise}; {epochs} epochs, Adam lr {Training.LearningRate}; libtorch {__version__}.");

    manual_seed(seed);
    using var plain = new PlainCnn();
    CnnResult plainResult = Training.Run("plain CNN", plain, trainX, trainLabels, testX, testLabels, epochs);
    manual_seed(seed);
    using var stn = new StnCnn();
    CnnResult stnResult = Training.Run("STN-CNN", stn, trainX, trainLabels, testX, testLabels, epochs);

    Console.WriteLine();
    var table = new Table().AddColumns(new TableColumn("network"), new TableColumn("parameters").RightAligned());
    foreach (int epoch in Enumerable.Range(1, epochs))
    {
        table.AddColumn(new TableColumn($"epoch {epoch}").RightAligned());
    }

    table.AddColumn(new TableColumn("train s").RightAligned());
    foreach (CnnResult r in new[] { plainResult, stnResult })
    {
        table.AddRow([r.Name, $"{r.Parameters:N0}", .. r.Accuracy.Select(a => $"{a:P1}"), $"{r.Seconds:F0}"]);
    }

    AnsiConsole.Write(table);

    // The transformer's views of the first test items, kept by the module during one more forward pass.
    stn.eval();
    stn.keep_attention_weights();
    using (no_grad())
    {
        stn.call(testX.narrow(0, 0, 6));
    }

    var transformer = (Attention.Runtime.Modules.SpatialTransformer)stn.named_modules().Single(static m => m.name == "stn1").module;
    using Tensor views = (transformer.transformed! * std) + mean;                       // back to the inputs' scale
    output.Create();
    string path = Path.Combine(output.FullName, "transformed.png");
    Pictures.SaveGrid(Images(testImages.narrow(0, 0, 6)), Images(views), path);
    Console.WriteLine($"Picture: {path}");
    return stnResult.Accuracy[^1] > plainResult.Accuracy[^1] ? 0 : 1;
}

// [N, 1, H, W] as N arrays [H, W].
static float[][,] Images(Tensor batch)
{
    long n = batch.size(0), h = batch.size(2), w = batch.size(3);
    float[] values = batch.contiguous().data<float>().ToArray();
    return Enumerable.Range(0, (int)n).Select(i =>
    {
        var image = new float[h, w];
        for (int r = 0; r < h; r++)
        {
            for (int c = 0; c < w; c++)
            {
                image[r, c] = values[(i * h * w) + (r * w) + c];
            }
        }

        return image;
    }).ToArray();
}
