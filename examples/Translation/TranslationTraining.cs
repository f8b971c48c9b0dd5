using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Attention.Runtime;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Translation;

/// <summary>The alignment of one test sentence: its characters, the translation, and the weights <c>[10, S]</c>.</summary>
internal sealed record AlignmentMatrix(string Source, string Translation, float[,] Weights);

/// <summary>What training one network gave: exact-match and character accuracy on the test set, time, and alignments.</summary>
internal sealed record TranslationResult(
    string Label, long Parameters, int Steps, double Seconds, double FinalLoss, double ExactMatch, double CharacterAccuracy,
    IReadOnlyDictionary<string, double> ExactMatchPerFormat, IReadOnlyList<AlignmentMatrix> Alignments);

/// <summary>Teacher-forced training on freshly drawn batches with Adam, then greedy decoding of a fixed test set.</summary>
internal static class TranslationTraining
{
    public const int BatchSize = 64;
    public const double LearningRate = 3e-3;
    public const double ClipNorm = 1.0;

    public static TranslationResult Run(DateTranslator model, int steps, IReadOnlyList<DatePair> test, Random data, int examples)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: LearningRate);
        var clock = Stopwatch.StartNew();
        double smoothed = double.NaN;
        model.train();
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();   // every tensor of this step is freed at its end
            var (source, mask, decoderInput, target) = Dates.Encode(Dates.Draw(BatchSize, data));
            Tensor logits = model.call(source, mask, decoderInput);                       // [N, 10, V]
            Tensor loss = cross_entropy(logits.flatten(0, 1), target.flatten());
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), ClipNorm);
            optimizer.step();
            double value = loss.item<float>();
            smoothed = double.IsNaN(smoothed) ? value : (0.95 * smoothed) + (0.05 * value);
            if (step % 250 == 0 || step == steps)
            {
                Console.WriteLine($"  step {step,5}: loss {smoothed:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        var (exact, characters, perFormat) = Evaluate(model, test);
        return new TranslationResult(model.Label, model.parameters().Sum(static p => p.numel()), steps, seconds, smoothed,
            exact, characters, perFormat, Alignments(model, test.Take(examples).ToList()));
    }

    /// <summary>Exact match (all ten characters right) and character accuracy of greedy decoding, overall and per format.</summary>
    private static (double Exact, double Characters, Dictionary<string, double> PerFormat) Evaluate(DateTranslator model, IReadOnlyList<DatePair> test)
    {
        model.eval();
        using var guard = no_grad();
        var right = new Dictionary<string, (int Right, int All)>();
        int exact = 0, characters = 0;
        foreach (var chunk in test.Chunk(500))
        {
            using var scope = NewDisposeScope();
            var (source, mask, _, _) = Dates.Encode(chunk);
            long[] predicted = model.Translate(source, mask).data<long>().ToArray();
            for (int n = 0; n < chunk.Length; n++)
            {
                string translation = Dates.Decode(predicted.Skip(n * Dates.TargetLength).Take(Dates.TargetLength));
                bool correct = translation == chunk[n].Target;
                exact += correct ? 1 : 0;
                characters += translation.Zip(chunk[n].Target).Count(static p => p.First == p.Second);
                var (r, a) = right.GetValueOrDefault(chunk[n].Format);
                right[chunk[n].Format] = (r + (correct ? 1 : 0), a + 1);
            }
        }

        return ((double)exact / test.Count, (double)characters / (test.Count * Dates.TargetLength),
            right.ToDictionary(static p => p.Key, static p => (double)p.Value.Right / p.Value.All));
    }

    /// <summary>The weights of the attention at every decoding step for each of <paramref name="sentences"/>.</summary>
    private static List<AlignmentMatrix> Alignments(DateTranslator model, IReadOnlyList<DatePair> sentences)
    {
        model.eval();
        using var guard = no_grad();
        var alignments = new List<AlignmentMatrix>();
        foreach (DatePair sentence in sentences)
        {
            using var scope = NewDisposeScope();
            var (source, mask, decoderInput, _) = Dates.Encode([sentence]);
            string translation = Dates.Decode(model.Translate(source, mask).data<long>().ToArray());
            // The weights of the translation as decoded: teacher forcing with the model's own output gives the same steps.
            var (_, _, ownInput, _) = Dates.Encode([sentence with { Target = translation.Length == Dates.TargetLength && !translation.Contains('?') ? translation : sentence.Target }]);
            model.Attention.keep_weights = true;
            model.call(source, mask, ownInput);
            float[] flat = model.Attention.weights!.data<float>().ToArray();      // [1, 10, S]
            model.Attention.keep_weights = false;
            var weights = new float[Dates.TargetLength, sentence.Source.Length];
            for (int t = 0; t < Dates.TargetLength; t++)
            {
                for (int s = 0; s < sentence.Source.Length; s++)
                {
                    weights[t, s] = flat[(t * sentence.Source.Length) + s];
                }
            }

            alignments.Add(new AlignmentMatrix(sentence.Source, translation, weights));
        }

        return alignments;
    }
}
