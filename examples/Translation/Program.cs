// The documents' motivating task for attention: translation. The program makes a synthetic one (dates written in
// thirteen formats, to ISO dates), trains one encoder–decoder per score function of seed 002 under the same budget
// (Luong et al. 2015's global attention; Translators.cs), and prints exact-match accuracy and time per score
// function. It writes the alignment matrices of a few test sentences for the best network as PNG heatmaps.
using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Translation;
using static Attention.Runtime.torch;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var steps = new Option<int>("--steps") { Description = "Training steps per network (batches of 64 freshly drawn pairs).", DefaultValueFactory = _ => 300 };
var scores = new Option<string[]>("--scores")
{
    Description = "Networks to train, among " + string.Join(", ", Translators.Names) + ".",
    DefaultValueFactory = _ => Translators.ScoreFunctions,
    AllowMultipleArgumentsPerToken = true,
};
var seed = new Option<int>("--seed") { Description = "Seed of the data and the initialisation.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG heatmaps.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Dates in many formats to ISO dates with an attentive encoder–decoder, one network per score function.") { steps, scores, seed, output };
root.SetAction(result => Run(result.GetValue(steps), result.GetValue(scores)!, result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int steps, string[] names, int seed, DirectoryInfo output)
{
    if (steps < 1 || names.Length == 0 || names.Any(n => !Translators.Names.Contains(n)))
    {
        Console.Error.WriteLine($"--steps must be at least 1; --scores takes names among {string.Join(", ", Translators.Names)}.");
        return 2;
    }

    const int TestSize = 2000;
    List<DatePair> test = Dates.Draw(TestSize, new Random(seed + 1_000_003));
    Console.WriteLine($"Dates to ISO: {Dates.FormatNames.Count()} formats, for example:");
    foreach (DatePair pair in Dates.Draw(4, new Random(seed + 7)))
    {
        Console.WriteLine($"  {pair.Source,-30} -> {pair.Target}");
    }

    Console.WriteLine($"{steps} steps of {TranslationTraining.BatchSize} per network, Adam lr {TranslationTraining.LearningRate}; {TestSize} test sentences; libtorch {__version__}, {get_num_threads()} thread(s).");
    var results = new List<TranslationResult>();
    foreach (string name in names)
    {
        manual_seed(seed);
        using DateTranslator model = Translators.Create(name);
        Console.WriteLine();
        Console.WriteLine($"== {model.Label} ==");
        TranslationResult result = TranslationTraining.Run(model, steps, test, new Random(seed), examples: 3);
        Console.WriteLine($"  exact match {result.ExactMatch:P1}, characters {result.CharacterAccuracy:P1}");
        results.Add(result);
    }

    Console.WriteLine();
    var table = new Table().AddColumns(
        new TableColumn("attention"), new TableColumn("parameters").RightAligned(), new TableColumn("exact match").RightAligned(),
        new TableColumn("characters").RightAligned(), new TableColumn("train s").RightAligned(), new TableColumn("ms / step").RightAligned());
    foreach (TranslationResult r in results)
    {
        table.AddRow(r.Label, $"{r.Parameters:N0}", $"{r.ExactMatch:P1}", $"{r.CharacterAccuracy:P1}", $"{r.Seconds:F1}", $"{1000 * r.Seconds / r.Steps:F1}");
    }

    AnsiConsole.Write(table);

    TranslationResult best = results.MaxBy(static r => r.ExactMatch)!;
    Console.WriteLine();
    Console.WriteLine($"Best: {best.Label}, {best.ExactMatch:P1} exact match. Per format:");
    var perFormat = new Table().AddColumns(new TableColumn("format"), new TableColumn("exact match").RightAligned());
    foreach (var (format, accuracy) in best.ExactMatchPerFormat.OrderBy(static p => p.Value))
    {
        perFormat.AddRow(format, $"{accuracy:P1}");
    }

    AnsiConsole.Write(perFormat);

    output.Create();
    for (int i = 0; i < best.Alignments.Count; i++)
    {
        string path = Path.Combine(output.FullName, $"alignment_{i + 1}.png");
        Heatmaps.Save(best.Alignments[i], best.Label, path);
        Console.WriteLine($"Alignment: {path}");
    }

    return 0;
}
