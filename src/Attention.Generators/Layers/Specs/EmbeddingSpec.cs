using System.Collections.Generic;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;

namespace Attention.Generators.Layers.Specs;

/// <summary>An <c>Embedding</c> of <paramref name="NumEmbeddings"/> tokens in <paramref name="EmbeddingDim"/> dimensions.</summary>
internal sealed record EmbeddingLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int NumEmbeddings, SizeExpression EmbeddingDim, int PaddingIndex)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters);

/// <summary><c>[Embedding(numEmbeddings, embeddingDim)]</c>, <c>PaddingIndex = -1</c> (none): token ids <c>[T]</c> to <c>[T, E]</c>.</summary>
internal sealed class EmbeddingSpec() : LayerSpec<EmbeddingLayer>("Embedding", "embed")
{
    /// <inheritdoc/>
    public override ComponentSpec Component { get; } = new(null, false, static (_, _) => [1]);

    /// <inheritdoc/>
    public override bool TakesOpenLength => true;

    /// <inheritdoc/>
    public override LayerModel? Resolve(LayerContext c)
    {
        var count = c.Arguments.CtorInt(0);
        if (c.PositionalSize(1, "embeddingDim") is not { } dim)
        {
            return null;
        }

        var padding = c.Arguments.Int("PaddingIndex", -1);
        var ok = c.CheckPositional(count >= 1, 0, "numEmbeddings is {0}, and must be at least 1", count)
            & c.CheckPositional(dim.Value >= 1, 1, "embeddingDim is {0}, and must be at least 1", dim.Value)
            & c.Check(padding == -1 || (padding >= 0 && padding < count), "PaddingIndex", "PaddingIndex is {0}, and must be -1 (none) or a token in [0, {1})", padding, count);
        if (!ok || !c.RequireRank("[N, T] token ids", 1))
        {
            return null;
        }

        c.NextChannels = Dim.Of(c.Shape[0]);
        return new EmbeddingLayer(c.Name, c.Kind, c.Input, new[] { c.Shape[0], dim.Value }.ToEquatableArray(), (long)count * dim.Value,
            count, dim.Expression, padding);
    }

    /// <inheritdoc/>
    protected override string FieldType(EmbeddingLayer layer) => "Embedding";

    /// <inheritdoc/>
    protected override MaskUse MaskUse(EmbeddingLayer layer) => Layers.MaskUse.PassesThrough;

    /// <inheritdoc/>
    protected override string Construct(EmbeddingLayer layer, HashSet<string> used) =>
        "new Embedding(" + IndentedWriter.Literal(layer.NumEmbeddings) + ", " + layer.EmbeddingDim.ToCSharp(used)
        + (layer.PaddingIndex >= 0 ? ", padding_idx: " + IndentedWriter.Literal(layer.PaddingIndex) + ")" : ")");

    /// <inheritdoc/>
    protected override string Describe(EmbeddingLayer layer) =>
        "Embedding(" + IndentedWriter.Literal(layer.NumEmbeddings) + " tokens -> " + layer.EmbeddingDim
        + (layer.PaddingIndex >= 0 ? ", padding " + IndentedWriter.Literal(layer.PaddingIndex) + ")" : ")");
}
