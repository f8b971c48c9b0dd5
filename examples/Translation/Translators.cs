using System;
using Attention.Dsl;
using Attention.Runtime;
using Attention.Runtime.Modules;
using static Attention.Runtime.torch;

namespace Translation;

/// <summary>
/// An encoder–decoder with attention (Luong et al. 2015, global attention without input feeding): a bidirectional GRU
/// reads the source characters; a GRU decoder, started from a projection of the source's mean state, reads the
/// target so far; at every step its state h_t is the query of the attention over the encoder states, and
/// <c>h̃_t = tanh(W_c [c_t; h_t])</c> predicts the next character. Everything but the attention is written here; each
/// subclass declares its attention as a DSL component, and the generated constructor sizes and registers it.
/// </summary>
internal abstract class DateTranslator : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>The size of the encoder's states (both directions) and of the decoder's.</summary>
    public const int Hidden = 128;

    private readonly Embedding source_embedding;
    private readonly GRU encoder;
    private readonly Linear bridge;
    private readonly Embedding target_embedding;
    private readonly GRU decoder;
    private readonly Linear combine;
    private readonly Linear output;

    /// <summary>Creates the encoder, the decoder and the read-out; the subclass's generated constructor adds the attention.</summary>
    protected DateTranslator(string name)
        : base(name)
    {
        source_embedding = new Embedding(Dates.SourceVocabulary, 32, padding_idx: 0);
        encoder = new GRU(32, Hidden / 2, batch_first: true, bidirectional: true);
        bridge = new Linear(Hidden, Hidden);
        target_embedding = new Embedding(Dates.TargetVocabulary, 16);
        decoder = new GRU(16, Hidden, batch_first: true);
        combine = new Linear(2 * Hidden, Hidden);
        output = new Linear(Hidden, Dates.TargetVocabulary);
        register_module(nameof(source_embedding), source_embedding);
        register_module(nameof(encoder), encoder);
        register_module(nameof(bridge), bridge);
        register_module(nameof(target_embedding), target_embedding);
        register_module(nameof(decoder), decoder);
        register_module(nameof(combine), combine);
        register_module(nameof(output), output);
    }

    /// <summary>The attention of the decoder's states over the encoder's, declared by the subclass.</summary>
    protected abstract ScoredAttention attention { get; }

    /// <summary>A short name for the table, such as <c>additive</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The attention module, to keep and read its weights.</summary>
    public ScoredAttention Attention => attention;

    /// <summary>Training with teacher forcing: the logits <c>[N, 10, V]</c> of every target character given the ones before it.</summary>
    /// <param name="source">Source ids <c>[N, S]</c>, padded with 0.</param>
    /// <param name="mask">The padding mask <c>[N, S]</c>, true for a character.</param>
    /// <param name="decoderInput">The start token, then the target shifted by one, <c>[N, 10]</c>.</param>
    public override Tensor forward(Tensor source, Tensor mask, Tensor decoderInput)
    {
        using DisposeScope scope = NewDisposeScope();
        var (states, start) = Encode(source, mask);                                   // [N, S, 128], [1, N, 128]
        var (decoded, _) = decoder.call(target_embedding.call(decoderInput), start);  // [N, 10, 128]
        return Predict(decoded, states, mask).MoveToOuterDisposeScope();             // [N, 10, V]
    }

    /// <summary>Greedy decoding: the predicted target ids <c>[N, 10]</c>, one character at a time from the start token.</summary>
    public Tensor Translate(Tensor source, Tensor mask)
    {
        using DisposeScope scope = NewDisposeScope();
        var (states, hidden) = Encode(source, mask);
        Tensor token = zeros([source.size(0), 1], ScalarType.Int64);                 // the start token
        var predicted = new Tensor[Dates.TargetLength];
        for (int t = 0; t < Dates.TargetLength; t++)
        {
            (Tensor step, hidden) = decoder.call(target_embedding.call(token), hidden);  // [N, 1, 128]
            token = Predict(step, states, mask).argmax(-1);                            // [N, 1]
            predicted[t] = token;
        }

        return cat(predicted, 1).MoveToOuterDisposeScope();                           // [N, 10]
    }

    /// <summary>The encoder states <c>[N, S, 128]</c> over the real characters, and the decoder's first state from their mean.</summary>
    private (Tensor States, Tensor Start) Encode(Tensor source, Tensor mask)
    {
        Tensor states = encoder.call_masked(source_embedding.call(source), mask).every_step();
        Tensor real = mask.unsqueeze(-1).to(states.dtype);
        Tensor mean = (states * real).sum(1) / real.sum(1).clamp_min(1);              // [N, 128]
        return (states, bridge.call(mean).tanh().unsqueeze(0));
    }

    /// <summary>Attention of the decoder states <c>[N, L, 128]</c> over the encoder states, and the logits <c>[N, L, V]</c>.</summary>
    private Tensor Predict(Tensor decoded, Tensor states, Tensor mask)
    {
        Tensor context = attention.call(decoded, states, mask);                      // [N, L, 128]
        Tensor attentional = combine.call(cat([context, decoded], -1)).tanh();      // h̃ = tanh(W_c [c; h])
        return output.call(attentional);
    }
}

/// <summary>Luong's dot score, <c>hᵀ h̄</c>.</summary>
internal sealed partial class DotTranslator : DateTranslator
{
    public override string Label => "dot";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.Dot)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>The scaled dot score of Vaswani et al., <c>hᵀ h̄ / √d</c>.</summary>
internal sealed partial class ScaledDotTranslator : DateTranslator
{
    public override string Label => "scaled dot";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.ScaledDot)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>Luong's general (bilinear) score, <c>hᵀ W h̄</c>.</summary>
internal sealed partial class GeneralTranslator : DateTranslator
{
    public override string Label => "general";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.General)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>Luong's concat score, <c>vᵀ tanh(W [h; h̄])</c>.</summary>
internal sealed partial class ConcatTranslator : DateTranslator
{
    public override string Label => "concat";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.Concat, Units = 64)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>Bahdanau's additive score, <c>vᵀ tanh(W₁ h + W₂ h̄)</c>.</summary>
internal sealed partial class AdditiveTranslator : DateTranslator
{
    public override string Label => "additive";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.Additive, Units = 64)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>The cosine score, <c>cos(h, h̄)</c>.</summary>
internal sealed partial class CosineTranslator : DateTranslator
{
    public override string Label => "cosine";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.Cosine)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>Luong's local-p: the general score in a window of ±3 around a predicted position, Gaussian-weighted.</summary>
internal sealed partial class LocalPredictiveTranslator : DateTranslator
{
    public override string Label => "general, local-p (D = 3)";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.General, Alignment = Alignment.LocalPredictive, Window = 3, Units = 64)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>Hard attention: one source character per step (Gumbel-softmax straight-through in training), general score.</summary>
internal sealed partial class HardTranslator : DateTranslator
{
    public override string Label => "general, hard";

    [ScoredAttention(QueryFeatures = Hidden, Score = Score.General, Alignment = Alignment.Hard)]
    protected override partial ScoredAttention attention { get; }
}

/// <summary>The networks by name, for the command line.</summary>
internal static class Translators
{
    /// <summary>One network per score function of seed 002: the default run.</summary>
    public static readonly string[] ScoreFunctions = ["dot", "scaled-dot", "general", "concat", "additive", "cosine"];

    /// <summary>Every network: the score functions, then local-p and hard attention.</summary>
    public static readonly string[] Names = [.. ScoreFunctions, "local-p", "hard"];

    /// <summary>A new network of the name.</summary>
    public static DateTranslator Create(string name) => name switch
    {
        "dot" => new DotTranslator(),
        "scaled-dot" => new ScaledDotTranslator(),
        "general" => new GeneralTranslator(),
        "concat" => new ConcatTranslator(),
        "additive" => new AdditiveTranslator(),
        "cosine" => new CosineTranslator(),
        "local-p" => new LocalPredictiveTranslator(),
        "hard" => new HardTranslator(),
        _ => throw new ArgumentException($"no network named '{name}'", nameof(name)),
    };
}
