// The command line, parsed by hand: a few `--name value` options and two switches.
using System;
using System.Globalization;
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

    /// <summary>A folder holding the four IDX files, instead of the full set or the bundled subset.</summary>
    public string? DataFolder { get; init; }

    /// <summary>With a folder: write the bundled subset there from the full data set, and exit.</summary>
    public string? MakeSubset { get; init; }

    public bool Help { get; init; }

    public const string Usage = """
        Trains a plain CNN, an SE-CNN and a CBAM-CNN, declared with Attention.Dsl, on Fashion-MNIST
        and compares their test accuracy.

        Usage: dotnet run -c Release --project examples/FashionMnist [-- options]

          --epochs N           passes over the training images (default 4)
          --train-limit N      train on the first N training images (default 20000)
          --full               train on all 60,000 training images
          --batch-size N       images per mini-batch (default 64)
          --lr X               Adam's learning rate (default 0.002)
          --no-cosine          keep the learning rate constant instead of annealing it to 0
          --seed N             seeds initialisation, dropout and shuffling (default 1)
          --networks LIST      which networks, in order: plain,se,cbam (default all three)
          --data DIR           read the four IDX .gz files from DIR
          --make-subset DIR    write the small class-balanced subset (2,000 training and 500 test
                               images) from the full data set into DIR, then exit
          --help               show this text
        """;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new ArgumentException($"{name} needs a positive whole number, not '{args[i]}'.");

            options = name switch
            {
                "--epochs" => options with { Epochs = Count() },
                "--train-limit" => options with { TrainLimit = Count() },
                "--full" => options with { TrainLimit = null },
                "--batch-size" => options with { BatchSize = Count() },
                "--lr" => options with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--no-cosine" => options with { CosineSchedule = false },
                "--seed" => options with { Seed = Count() },
                "--networks" => options with { Networks = ParseNetworks(Value()) },
                "--data" => options with { DataFolder = Value() },
                "--make-subset" => options with { MakeSubset = Value() },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static string[] ParseNetworks(string list)
    {
        string[] keys = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] unknown = keys.Where(key => !FashionMnist.Networks.All.Any(n => n.Key == key)).ToArray();
        if (keys.Length == 0 || unknown.Length > 0)
        {
            throw new ArgumentException(
                $"--networks takes a comma-separated list of {string.Join(", ", FashionMnist.Networks.All.Select(n => n.Key))}; got '{list}'.");
        }

        return keys;
    }
}
