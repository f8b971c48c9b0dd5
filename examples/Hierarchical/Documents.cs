using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Hierarchical;

/// <summary>One document: its sentences of token ids, the planted sentence and word, and the class they decide.</summary>
internal sealed record Document(int[][] Sentences, int PlantedSentence, int PlantedWord, int Label);

/// <summary>
/// The synthetic task: documents of 3 to 8 sentences of 3 to 12 words drawn from a vocabulary of filler words; in one
/// sentence, at one position, a key word is planted, and the key decides the class (keys 1–8, two per class). Nothing
/// else tells the classes apart, so a network that classifies well must find the planted sentence and, in it, the word.
/// </summary>
internal static class Documents
{
    public const int Sentences = 8;
    public const int Words = 12;
    public const int Classes = 4;
    public const int Vocabulary = 200;
    private const int Keys = 2 * Classes;          // tokens 1..8
    private const int FirstFiller = Keys + 1;

    public static List<Document> Draw(int count, Random random)
    {
        var documents = new List<Document>(count);
        for (int i = 0; i < count; i++)
        {
            var sentences = new int[random.Next(3, Sentences + 1)][];
            for (int s = 0; s < sentences.Length; s++)
            {
                sentences[s] = new int[random.Next(3, Words + 1)];
                for (int w = 0; w < sentences[s].Length; w++)
                {
                    sentences[s][w] = random.Next(FirstFiller, Vocabulary);
                }
            }

            int plantedSentence = random.Next(sentences.Length), plantedWord = random.Next(sentences[plantedSentence].Length);
            int key = random.Next(1, Keys + 1);
            sentences[plantedSentence][plantedWord] = key;
            documents.Add(new Document(sentences, plantedSentence, plantedWord, (key - 1) / 2));
        }

        return documents;
    }

    /// <summary>Token ids <c>[N, 8, 12]</c> padded with 0, the mask of the real words, and the labels <c>[N]</c>.</summary>
    public static (Tensor Tokens, Tensor Mask, Tensor Labels) Encode(IReadOnlyList<Document> documents)
    {
        var tokens = new long[documents.Count * Sentences * Words];
        var labels = new long[documents.Count];
        for (int n = 0; n < documents.Count; n++)
        {
            labels[n] = documents[n].Label;
            for (int s = 0; s < documents[n].Sentences.Length; s++)
            {
                for (int w = 0; w < documents[n].Sentences[s].Length; w++)
                {
                    tokens[(((n * Sentences) + s) * Words) + w] = documents[n].Sentences[s][w];
                }
            }
        }

        Tensor ids = tensor(tokens, [documents.Count, Sentences, Words]);
        return (ids, ids.ne(0), tensor(labels, [documents.Count]));
    }
}
