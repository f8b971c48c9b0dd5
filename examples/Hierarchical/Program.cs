// Yang et al. 2016's hierarchical attention on documents the program makes: one planted sentence, and one word in it,
// decide the class. The network reads every sentence with a word encoder and attention over its words, then the
// sentences with attention over them. The program prints the test accuracy and how often each level's attention peaks
// at the planted sentence and word, and writes attention_1.png … of a few test documents: the word weights of every
// sentence, each row labelled with its sentence weight, the planted word marked.
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime;
using Hierarchical;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var steps = new Option<int>("--steps") { Description = "Training steps (batches of 64 freshly drawn documents).", DefaultValueFactory = _ => 600 };
var seed = new Option<int>("--seed") { Description = "Seed of the documents and the initialisation.", DefaultValueFactory = _ => 0 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the PNG heatmaps.", DefaultValueFactory = _ => new DirectoryInfo(".") };
var root = new RootCommand("Hierarchical attention finds the planted sentence and word.") { steps, seed, output };
root.SetAction(result => Run(result.GetValue(steps), result.GetValue(seed), result.GetValue(output)!));
return root.Parse(args).Invoke();

static int Run(int steps, int seed, DirectoryInfo output)
{
    if (steps < 1)
    {
        Console.Error.WriteLine("--steps must be at least 1.");
        return 2;
    }

    const int BatchSize = 64, TestSize = 2000;
    manual_seed(seed);
    var random = new Random(seed);
    List<Document> test = Documents.Draw(TestSize, new Random(seed + 1_000_003));
    using var network = new HierarchicalAttentionNetwork();
    using var optimizer = optim.Adam(network.parameters(), lr: 3e-3);
    Console.WriteLine($"Documents of 3–{Documents.Sentences} sentences of 3–{Documents.Words} words; one planted key word decides among {Documents.Classes} classes. "
        + $"{steps} steps of {BatchSize}, Adam lr 3e-3; {network.parameters().Sum(static p => p.numel()):N0} parameters; libtorch {__version__}.");
    var clock = Stopwatch.StartNew();
    double smoothed = double.NaN;
    for (int step = 1; step <= steps; step++)
    {
        using var scope = NewDisposeScope();
        var (tokens, mask, labels) = Documents.Encode(Documents.Draw(BatchSize, random));
        Tensor loss = cross_entropy(network.call(tokens, mask), labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        smoothed = double.IsNaN(smoothed) ? loss.item<float>() : (0.95 * smoothed) + (0.05 * loss.item<float>());
        if (step % 100 == 0 || step == steps)
        {
            Console.WriteLine($"  step {step,4}: loss {smoothed:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
        }
    }

    // Test: accuracy, and where each level's attention peaks.
    network.eval();
    network.keep_attention_weights();
    int correct = 0, sentenceHits = 0, wordHits = 0;
    float[][,] wordWeights = new float[TestSize][,];
    float[][] sentenceWeights = new float[TestSize][];
    using (no_grad())
    {
        foreach (var chunk in test.Select((d, i) => (d, i)).Chunk(500))
        {
            using var scope = NewDisposeScope();
            var (tokens, mask, labels) = Documents.Encode(chunk.Select(static c => c.d).ToList());
            long[] predicted = network.call(tokens, mask).argmax(1).data<long>().ToArray();
            IReadOnlyDictionary<string, Tensor> weights = network.attention_weights();
            float[] words = weights["each1.block.attn_pool1"].contiguous().data<float>().ToArray();    // [N·8, 12]
            float[] sentences = weights["attn_pool1"].contiguous().data<float>().ToArray();           // [N, 8]
            for (int k = 0; k < chunk.Length; k++)
            {
                var (document, index) = chunk[k];
                correct += predicted[k] == document.Label ? 1 : 0;
                sentenceWeights[index] = sentences.Skip(k * Documents.Sentences).Take(Documents.Sentences).ToArray();
                wordWeights[index] = new float[Documents.Sentences, Documents.Words];
                for (int s = 0; s < Documents.Sentences; s++)
                {
                    for (int w = 0; w < Documents.Words; w++)
                    {
                        wordWeights[index][s, w] = words[(((k * Documents.Sentences) + s) * Documents.Words) + w];
                    }
                }

                int topSentence = Array.IndexOf(sentenceWeights[index], sentenceWeights[index].Max());
                sentenceHits += topSentence == document.PlantedSentence ? 1 : 0;
                float[] planted = Enumerable.Range(0, Documents.Words).Select(w => wordWeights[index][document.PlantedSentence, w]).ToArray();
                wordHits += Array.IndexOf(planted, planted.Max()) == document.PlantedWord ? 1 : 0;
            }
        }
    }

    Console.WriteLine();
    AnsiConsole.Write(new Table()
        .AddColumns(
            new TableColumn("test documents").RightAligned(), new TableColumn("accuracy").RightAligned(),
            new TableColumn("sentence attention at the planted sentence").RightAligned(),
            new TableColumn("word attention at the planted word").RightAligned(), new TableColumn("train s").RightAligned())
        .AddRow($"{TestSize:N0}", $"{(double)correct / TestSize:P1}", $"{(double)sentenceHits / TestSize:P1}", $"{(double)wordHits / TestSize:P1}",
            $"{clock.Elapsed.TotalSeconds:F0}"));
    output.Create();
    for (int i = 0; i < 3; i++)
    {
        string path = Path.Combine(output.FullName, $"attention_{i + 1}.png");
        Heatmap.Save(test[i], wordWeights[i], sentenceWeights[i], path);
        Console.WriteLine($"Heatmap: {path}");
    }

    return correct > TestSize / 2 ? 0 : 1;
}
