// Fashion-MNIST with Attention.Dsl: three small convolutional networks — a plain CNN, the same CNN
// with Squeeze-and-Excitation, and with CBAM — declared with attributes in Networks.cs, generated at
// compile time, and trained here with Attention.Runtime under the same budget and the same seed.
//
// Read it top to bottom: options, data, then for every network its summary, training and test
// accuracy (and, for CBAM, a picture of its spatial attention), and finally a table. The generated modules are written to
// Generated/Attention.Generators/Attention.Generators.NetworkGenerator/ by the build.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime.Distributed;
using FashionMnist;
using Spectre.Console;
using static Attention.Runtime.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return Options.Command(options => Run(options, args)).Parse(args).Invoke();

static int Run(Options options, string[] args)
{
    if (options.MakeSubset is { } subsetFolder)
    {
        return MakeSubset(subsetFolder);
    }

    // ---- data-parallel: this program again as N processes (torchrun's variables set), each one rank -------------
    if (options.NprocPerNode > 1 && !Launcher.IsLaunched)
    {
        Console.WriteLine($"Starting {options.NprocPerNode} processes; rank 0 reports.");
        return new Launcher { nproc_per_node = options.NprocPerNode, master_port = 0 }.RunSelf(WithoutLauncherOption(args));
    }

    int rank = 0, worldSize = 1;
    if (Launcher.IsLaunched)
    {
        distributed.init_process_group("gloo");
        (rank, worldSize) = (distributed.get_rank(), distributed.get_world_size());
        if (options.BatchSize % worldSize != 0)
        {
            Console.Error.WriteLine($"--batch-size {options.BatchSize} does not split evenly over {worldSize} processes.");
            return 1;
        }

        if (rank != 0)
        {
            Console.SetOut(TextWriter.Null);  // one report, from rank 0; errors still reach stderr
        }
    }

    // ---- data -------------------------------------------------------------------------------------
    Split trainSplit, testSplit;
    try
    {
        DataSource source = DataSource.Locate(options.DataFolder);
        Console.WriteLine($"Data: {source.Description}.");
        trainSplit = Split.Load(source, "train", options.TrainLimit);
        testSplit = Split.Load(source, "t10k");
    }
    catch (Exception e) when (e is IOException or InvalidDataException)
    {
        Console.Error.WriteLine($"Cannot read Fashion-MNIST: {e.Message}");
        return 1;
    }

    // Normalise both splits with the training images' statistics (for the full set: mean 0.286, std 0.353).
    (double mean, double std) = trainSplit.PixelStatistics();
    (Tensor trainImages, Tensor trainLabels) = trainSplit.ToTensors(mean, std);
    (Tensor testImages, Tensor testLabels) = testSplit.ToTensors(mean, std);
    Console.WriteLine($"Training on {trainSplit.Count:N0} images, testing on {testSplit.Count:N0}; pixel mean {mean:F3}, std {std:F3}.");
    Console.WriteLine(
        $"Budget for every network: {options.Epochs} epochs, batch {options.BatchSize}, Adam lr {options.LearningRate}" +
        $"{(options.CosineSchedule ? " with cosine annealing" : "")}, seed {options.Seed}; libtorch {__version__}, {get_num_threads()} thread(s)" +
        (worldSize > 1 ? $" in each of {worldSize} processes (DistributedDataParallel, {options.BatchSize / worldSize} images of every batch each)." : "."));

    // ---- one network after the other ----------------------------------------------------------------
    var results = new List<(string Title, long Parameters, TimeSpan TrainTime, double Accuracy)>();
    foreach (string key in options.Networks)
    {
        NetworkChoice choice = Networks.All.Single(n => n.Key == key);
        Console.WriteLine();
        Console.WriteLine($"== {choice.Title} ({choice.TypeName}) ==");
        Console.WriteLine(choice.Summary);   // known at compile time: layers, output shapes, parameters

        manual_seed(options.Seed);           // the same initial random state for every network
        using nn.Module<Tensor, Tensor> model = choice.Create();
        long parameters = model.parameters().Sum(p => p.numel());

        TimeSpan trainTime = Training.Train(model, trainImages, trainLabels,
            new TrainingOptions(options.Epochs, options.BatchSize, options.LearningRate, options.CosineSchedule, options.Seed) { Rank = rank, WorldSize = worldSize });
        if (rank != 0)
        {
            continue;  // rank 0 evaluates and draws; the others go on to the next network
        }

        double accuracy = Training.Evaluate(model, testImages, testLabels, batchSize: 500);
        Console.WriteLine($"  test accuracy {accuracy:P2} after {trainTime.TotalSeconds:F1} s of training");
        results.Add((choice.Title, parameters, trainTime, accuracy));
        if (key == "cbam")
        {
            // where CBAM's spatial attention looks, on the first six test images
            string path = Path.GetFullPath("cbam_spatial_attention.png");
            using Tensor raw = tensor(testSplit.Pixels[..(6 * 28 * 28)], [6, 1, 28, 28]).to(float32);
            string[] names = testSplit.Labels[..6].Select(static l => Split.ClassNames[l]).ToArray();
            AttentionMaps.Save(model, testImages.narrow(0, 0, 6), raw, names, path);
            Console.WriteLine($"  spatial attention maps: {path}");
        }
    }

    // ---- the comparison -----------------------------------------------------------------------------
    Console.WriteLine();
    var table = new Table()
        .AddColumn("network")
        .AddColumn(new TableColumn("parameters").RightAligned())
        .AddColumn(new TableColumn("train time").RightAligned())
        .AddColumn(new TableColumn("test accuracy").RightAligned());
    foreach (var r in results)
    {
        table.AddRow(r.Title, $"{r.Parameters:N0}", $"{r.TrainTime.TotalSeconds:F1} s", $"{r.Accuracy:P2}");
    }

    AnsiConsole.Write(table);
    if (distributed.is_initialized())
    {
        distributed.destroy_process_group();
    }

    return 0;
}

// The arguments without --nproc-per-node and its value, for the processes it starts.
static string[] WithoutLauncherOption(string[] args)
{
    var kept = new List<string>();
    for (int i = 0; i < args.Length; i++)
    {
        if (args[i] == Options.NprocPerNodeOption)
        {
            i++;  // and its value
        }
        else if (!args[i].StartsWith(Options.NprocPerNodeOption + "=", StringComparison.Ordinal))
        {
            kept.Add(args[i]);
        }
    }

    return [.. kept];
}

// Writes the subset that ships in data/: the first 200 training and 50 test images of every class.
static int MakeSubset(string folder)
{
    var full = new DataSource(DataSource.DebianFolder, "the full data set");
    Split.Load(full, "train").WriteBalancedSubset(folder, "train", perClass: 200);
    Split.Load(full, "t10k").WriteBalancedSubset(folder, "t10k", perClass: 50);
    Console.WriteLine($"Wrote 2,000 training and 500 test images, balanced over the 10 classes, to {Path.GetFullPath(folder)}.");
    return 0;
}
