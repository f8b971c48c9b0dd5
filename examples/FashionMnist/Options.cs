// The command line, declared with System.CommandLine: every option, its default and its help text.
using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace FashionMnist;

internal sealed record Options
{
    /// <summary>
    /// The default number of training images: enough for the attention networks to show, small enough
    /// that training all three networks takes a few minutes on two CPU cores.
    /// </summary>
    public const int DefaultTrainLimit = 20_000;

    public int Epochs { get; init; } = 4;

    public int? TrainLimit { get; init; } = DefaultTrainLimit;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 2e-3;

    public bool CosineSchedule { get; init; } = true;

    public int Seed { get; init; } = 1;

    public string[] Networks { get; init; } = ["plain", "se", "cbam"];

    /// <summary>How many processes train data-parallel on this machine (1: this one alone).</summary>
    public int NprocPerNode { get; init; } = 1;

    /// <summary>The option that starts the data-parallel run; removed from the arguments the processes get.</summary>
    public const string NprocPerNodeOption = "--nproc-per-node";

    /// <summary>A folder holding the four IDX files, instead of the full set or the bundled subset.</summary>
    public string? DataFolder { get; init; }

    /// <summary>With a folder: write the bundled subset there from the full data set, and exit.</summary>
    public string? MakeSubset { get; init; }

    /// <summary>The program's command line; <paramref name="run"/> gets the parsed options and returns the exit code.</summary>
    public static RootCommand Command(Func<Options, int> run)
    {
        var defaults = new Options();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => defaults.Epochs };
        var trainLimit = new Option<int>("--train-limit") { Description = "Train on the first N training images.", DefaultValueFactory = _ => DefaultTrainLimit };
        var full = new Option<bool>("--full") { Description = "Train on all 60,000 training images." };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per mini-batch.", DefaultValueFactory = _ => defaults.BatchSize };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var noCosine = new Option<bool>("--no-cosine") { Description = "Keep the learning rate constant instead of annealing it to 0." };
        var seed = new Option<int>("--seed") { Description = "Seeds initialisation, dropout and shuffling.", DefaultValueFactory = _ => defaults.Seed };
        var networks = new Option<string[]>("--networks")
        {
            Description = $"Which networks, in order, comma-separated: {string.Join(",", FashionMnist.Networks.All.Select(n => n.Key))}.",
            DefaultValueFactory = _ => defaults.Networks,
            CustomParser = ParseNetworks,
        };
        var data = new Option<DirectoryInfo>("--data") { Description = "Read the four IDX .gz files from this folder." };
        var makeSubset = new Option<DirectoryInfo>("--make-subset")
        {
            Description = "Write the small class-balanced subset (2,000 training and 500 test images) from the full data set into this folder, then exit.",
        };
        var nprocPerNode = new Option<int>(NprocPerNodeOption)
        {
            Description = "Train data-parallel on this many processes (DistributedDataParallel over Gloo, one intra-op thread each); each takes 1/N of every batch.",
            DefaultValueFactory = _ => defaults.NprocPerNode,
        };
        foreach (Option<int> count in (Option<int>[])[epochs, trainLimit, batchSize, seed, nprocPerNode])
        {
            count.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{count.Name} needs a positive whole number.");
                }
            });
        }

        var command = new RootCommand(
            "Trains a plain CNN, an SE-CNN and a CBAM-CNN, declared with Attention.Dsl, on Fashion-MNIST and compares their test accuracy.")
        {
            epochs, trainLimit, full, batchSize, learningRate, noCosine, seed, networks, data, makeSubset, nprocPerNode,
        };
        command.Validators.Add(result =>
        {
            int processes = result.GetValue(nprocPerNode);
            if (processes > 1 && result.GetValue(batchSize) % processes != 0)
            {
                result.AddError($"--batch-size {result.GetValue(batchSize)} does not split evenly over {processes} processes.");
            }
        });
        command.SetAction(result => run(new Options
        {
            Epochs = result.GetValue(epochs),
            TrainLimit = result.GetValue(full) ? null : result.GetValue(trainLimit),
            BatchSize = result.GetValue(batchSize),
            LearningRate = result.GetValue(learningRate),
            CosineSchedule = !result.GetValue(noCosine),
            Seed = result.GetValue(seed),
            Networks = result.GetValue(networks)!,
            DataFolder = result.GetValue(data)?.FullName,
            MakeSubset = result.GetValue(makeSubset)?.FullName,
            NprocPerNode = result.GetValue(nprocPerNode),
        }));
        return command;
    }

    private static string[] ParseNetworks(ArgumentResult result)
    {
        string list = string.Join(",", result.Tokens.Select(token => token.Value));
        string[] keys = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (keys.Length == 0 || keys.Any(key => !FashionMnist.Networks.All.Any(n => n.Key == key)))
        {
            result.AddError($"--networks takes a comma-separated list of {string.Join(", ", FashionMnist.Networks.All.Select(n => n.Key))}; got '{list}'.");
            return [];
        }

        return keys;
    }
}
