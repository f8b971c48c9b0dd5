// Raffel and Ellis (2015): feed-forward networks with attention solve the addition problem, which
// recurrent networks find hard at long lengths. For each sequence length, the network of
// Networks.cs is trained on freshly drawn batches until its test MSE falls below 0.01 (the paper's
// criterion for "solved") or the budget runs out. The program prints a table and writes two
// charts: the test MSE during training (mse_per_length.png) and, for one test sequence of the
// longest length solved, the attention weight of every step with the two marked steps
// highlighted (attention_on_marked_steps.png).
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using AddingProblem;
using static Attention.Runtime.torch;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var lengths = new Option<int[]>("--lengths")
{
    Description = "Sequence lengths to train, among " + string.Join(", ", AddingNetworks.Lengths) + ".",
    DefaultValueFactory = _ => [50, 200, 1000],
    AllowMultipleArgumentsPerToken = true,
};
var maxEpochs = new Option<int>("--max-epochs") { Description = "Budget per length, in epochs of 10,000 sequences (100 batches of 100).", DefaultValueFactory = _ => 15 };
var seed = new Option<int>("--seed") { Description = "Seed of the data and the initialisation.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG charts.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Raffel & Ellis 2015: attention pooling solves the addition problem.") { lengths, maxEpochs, seed, output };
root.SetAction(result => Run(result.GetValue(lengths)!, result.GetValue(maxEpochs), result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int[] lengths, int maxEpochs, int seed, DirectoryInfo output)
{
    if (lengths.Length == 0 || lengths.Any(l => !AddingNetworks.Lengths.Contains(l)) || maxEpochs < 1)
    {
        Console.Error.WriteLine($"--lengths takes values among {string.Join(", ", AddingNetworks.Lengths)}; --max-epochs must be at least 1.");
        return 2;
    }

    Console.WriteLine($"The addition problem: batches of {AddingTraining.BatchSize}, Adam lr {AddingTraining.LearningRate}, solved at test MSE < {AddingTraining.Solved}; libtorch {__version__}, {get_num_threads()} thread(s).");
    var results = new List<AddingResult>();
    foreach (int length in lengths)
    {
        manual_seed(seed);
        using var model = AddingNetworks.Create(length);
        Console.WriteLine();
        Console.WriteLine($"== T = {length:N0} ==");
        AddingResult result = AddingTraining.Run(model, length, maxEpochs);
        results.Add(result);
    }

    Console.WriteLine();
    var table = new Table().AddColumns(
        new TableColumn("length").RightAligned(), new TableColumn("solved").RightAligned(), new TableColumn("epochs").RightAligned(),
        new TableColumn("test MSE").RightAligned(), new TableColumn("s / epoch").RightAligned());
    foreach (AddingResult r in results)
    {
        table.AddRow($"{r.Length:N0}", r.Solved ? "yes" : "no", $"{r.Epochs}", $"{r.TestMse:F4}", $"{r.SecondsPerEpoch:F1}");
    }

    AnsiConsole.Write(table);

    int longest = results.Where(r => r.Solved).Select(r => r.Length).DefaultIfEmpty(0).Max();
    Console.WriteLine(longest > 0
        ? $"Longest length solved: {longest:N0} steps (the paper reaches 10,000)."
        : "No length was solved within the budget.");

    output.Create();
    string curves = Path.Combine(output.FullName, "mse_per_length.png");
    AddingCharts.SaveCurves(results, AddingTraining.Solved, curves);
    Console.WriteLine($"Charts: {curves}");
    if (results.FirstOrDefault(r => r.Length == longest) is { } solved)
    {
        string attention = Path.Combine(output.FullName, "attention_on_marked_steps.png");
        AddingCharts.SaveAttention(solved.Example, attention);
        Console.WriteLine($"        {attention}");
    }

    return longest > 0 ? 0 : 1;
}
