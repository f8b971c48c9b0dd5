// Where the images come from, and how they become tensors.
//
// Debian's dataset-fashion-mnist package installs the full data set (60,000 training and 10,000
// test images) in /usr/share/datasets/fashion-mnist. Without it, the program uses a small,
// class-balanced subset kept in this project's data/ folder (made by `--make-subset`).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static Attention.Runtime.torch;

namespace FashionMnist;

/// <summary>A folder holding the four gzipped IDX files, and a description of it for the user.</summary>
internal sealed record DataSource(string Folder, string Description)
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the full data set.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The subset copied next to the program from this project's <c>data/</c> folder.</summary>
    public static string BundledFolder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The folder the user named, else the full data set when it is installed, else the bundled subset.</summary>
    public static DataSource Locate(string? folder)
    {
        if (folder is not null)
        {
            return HasAllFiles(folder)
                ? new DataSource(folder, $"the IDX files in {folder}")
                : throw new FileNotFoundException($"{folder} does not hold the four files {ImagesFile("train")}, {LabelsFile("train")}, {ImagesFile("t10k")} and {LabelsFile("t10k")}.");
        }

        if (HasAllFiles(DebianFolder))
        {
            return new DataSource(DebianFolder, $"the full Fashion-MNIST from Debian's dataset-fashion-mnist ({DebianFolder})");
        }

        if (HasAllFiles(BundledFolder))
        {
            return new DataSource(BundledFolder,
                "the small subset bundled with this example (examples/FashionMnist/data); `bash scripts/setup.sh` installs the full set");
        }

        throw new FileNotFoundException(
            $"Fashion-MNIST was found neither in {DebianFolder} (run `bash scripts/setup.sh`) nor in {BundledFolder}.");
    }

    public static string ImagesFile(string split) => $"{split}-images-idx3-ubyte.gz";

    public static string LabelsFile(string split) => $"{split}-labels-idx1-ubyte.gz";

    private static bool HasAllFiles(string folder) =>
        new[] { "train", "t10k" }.All(split =>
            File.Exists(Path.Combine(folder, ImagesFile(split))) && File.Exists(Path.Combine(folder, LabelsFile(split))));
}

/// <summary>One split of the data set in memory: 28×28 grey images as bytes, and their labels.</summary>
internal sealed class Split
{
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private Split(byte[] pixels, byte[] labels, int rows, int columns)
    {
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Reads split <c>train</c> or <c>t10k</c>; with <paramref name="limit"/>, keeps only its first images.</summary>
    public static Split Load(DataSource source, string split, int? limit = null)
    {
        (byte[] pixels, int count, int rows, int columns) = Idx.ReadImages(Path.Combine(source.Folder, DataSource.ImagesFile(split)));
        byte[] labels = Idx.ReadLabels(Path.Combine(source.Folder, DataSource.LabelsFile(split)));
        if (labels.Length != count)
        {
            throw new InvalidDataException($"{source.Folder}: {count} {split} images but {labels.Length} labels.");
        }

        int kept = Math.Min(count, limit ?? count);
        return new Split(pixels[..(kept * rows * columns)], labels[..kept], rows, columns);
    }

    /// <summary>Mean and standard deviation of all pixels, scaled to [0, 1].</summary>
    public (double Mean, double Std) PixelStatistics()
    {
        double sum = 0, sumOfSquares = 0;
        foreach (byte b in Pixels)
        {
            double v = b / 255.0;
            sum += v;
            sumOfSquares += v * v;
        }

        double mean = sum / Pixels.Length;
        return (mean, Math.Sqrt((sumOfSquares / Pixels.Length) - (mean * mean)));
    }

    /// <summary>
    /// The images as a float tensor <c>[N, 1, 28, 28]</c> normalised to zero mean and unit variance with
    /// the given statistics (the training split's, for both splits), and the labels as int64 <c>[N]</c>.
    /// </summary>
    public (Tensor Images, Tensor Labels) ToTensors(double mean, double std)
    {
        using var scope = NewDisposeScope();
        Tensor images = tensor(Pixels, [Count, 1, Rows, Columns]).to(float32);
        images = ((images / 255.0) - mean) / std;
        Tensor labels = tensor(Labels, [Count]).to(int64);
        return (scope.MoveToOuter(images), scope.MoveToOuter(labels));
    }

    /// <summary>
    /// Writes the subset bundled with this example: the first <paramref name="perClass"/> images of
    /// every class, in file order, so the same full set always gives the same subset.
    /// </summary>
    public void WriteBalancedSubset(string folder, string split, int perClass)
    {
        int imageBytes = Rows * Columns;
        var taken = new int[ClassNames.Length];
        var chosen = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            if (taken[Labels[i]] < perClass)
            {
                taken[Labels[i]]++;
                chosen.Add(i);
            }
        }

        if (taken.Any(n => n < perClass))
        {
            throw new InvalidOperationException($"The {split} split has fewer than {perClass} images of some class.");
        }

        byte[] pixels = chosen.SelectMany(i => Pixels.AsSpan(i * imageBytes, imageBytes).ToArray()).ToArray();
        byte[] labels = chosen.Select(i => Labels[i]).ToArray();
        Directory.CreateDirectory(folder);
        Idx.WriteImages(Path.Combine(folder, DataSource.ImagesFile(split)), pixels, chosen.Count, Rows, Columns);
        Idx.WriteLabels(Path.Combine(folder, DataSource.LabelsFile(split)), labels);
    }
}
