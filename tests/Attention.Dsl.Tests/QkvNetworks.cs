using Attention.Dsl;

namespace Attention.Dsl.Tests;

// The QKV family's networks, each matching a case of Reference/qkv.py, which builds the same network from the
// reference modules written from the papers (Reference/cases_qkv.py of the runtime's tests).

/// <summary>Bahdanau's additive score as self-attention over projected steps, then a read-out of the flattened steps.</summary>
[Network(6, 4)]
[Linear(8), ScoredAttention(Score = Score.Additive, Units = 5), Flatten, Linear(3)]
public partial class AdditiveSelfAttentionNet;

/// <summary>Causal multi-head attention (4 heads) and a causal concat score, read out per step.</summary>
[Network(5, 8)]
[MultiHeadAttention(Heads = 4, Causal = true), ScoredAttention(Score = Score.Concat, Units = 4, Causal = true), Linear(2)]
public partial class CausalAttentionNet;

/// <summary>
/// Sequences of any length with a padding mask through multi-head attention, relative position attention with
/// value vectors, local-p attention with the general score and attention pooling.
/// </summary>
[Network(Dimension.Open, 8, PaddingMask = true)]
[MultiHeadAttention(Heads = 2), LayerNorm]
[RelativePositionAttention(Heads = 2, MaxDistance = 2, RelativeValues = true)]
[ScoredAttention(Score = Score.General, Alignment = Alignment.LocalPredictive, Window = 2)]
[AttentionPooling, Linear(3)]
public partial class MaskedQkvNet;

/// <summary>Pre-norm self-attention: LayerNorm, then multi-head attention (2 heads); used with a residual shortcut.</summary>
[Block]
[LayerNorm, MultiHeadAttention(Heads = 2)]
public partial class PreNormSelfAttention;

/// <summary>Pre-norm feed-forward: LayerNorm, Linear(E → 4E), GELU, Linear(4E → E); used with a residual shortcut.</summary>
[Block]
[LayerNorm, Linear(4 * Block.Width), GELU, Linear(Block.Width)]
public partial class PreNormFeedForward;

/// <summary>A pre-norm transformer encoder layer (Xiong et al. 2020's form) and a final LayerNorm.</summary>
[Network(6, 8)]
[Residual(typeof(PreNormSelfAttention)), Residual(typeof(PreNormFeedForward), Width = 8), LayerNorm]
public partial class PreNormEncoderNet;

/// <summary>Multi-head self-attention (2 heads) as a sublayer, for a post-norm encoder layer.</summary>
[Block]
[MultiHeadAttention(Heads = 2)]
public partial class SelfAttentionSublayer;

/// <summary>The position-wise feed-forward sublayer: Linear(E → 4E), ReLU, Linear(4E → E).</summary>
[Block]
[Linear(4 * Block.Width), ReLU, Linear(Block.Width)]
public partial class FeedForwardSublayer;

/// <summary>
/// A post-norm transformer encoder layer (Vaswani et al. 2017: LayerNorm(x + sublayer(x))) over sequences of any length
/// with a padding mask, which the residual blocks hand to their attention; then attention pooling.
/// </summary>
[Network(Dimension.Open, 8, PaddingMask = true)]
[Residual(typeof(SelfAttentionSublayer), Width = 8), LayerNorm, Residual(typeof(FeedForwardSublayer), Width = 8), LayerNorm]
[AttentionPooling, Linear(3)]
public partial class MaskedPostNormEncoderNet;

/// <summary>Yang et al.'s word level: token embeddings, a bidirectional GRU over the words, attention pooling over them.</summary>
[Block]
[Embedding(30, 8, PaddingIndex = 0), Gru(5, Bidirectional = true), AttentionPooling]
public partial class WordEncoder;

/// <summary>
/// A hierarchical attention network (Yang et al. 2016): every sentence of a document of 4 sentences × 6 words through
/// <see cref="WordEncoder"/>, then a bidirectional GRU over the sentence vectors, attention pooling over the sentences,
/// and a read-out; the mask <c>[N, 4, 6]</c> marks the real words, and the sentences' mask follows from it.
/// </summary>
[Network(4, 6, PaddingMask = true)]
[ForEach(typeof(WordEncoder)), Gru(4, Bidirectional = true), AttentionPooling, Linear(3)]
public partial class HierarchicalNet;

/// <summary>Yang et al.'s word level with their attention: a learned context vector scores the projected GRU states.</summary>
[Block]
[Embedding(30, 8, PaddingIndex = 0), Gru(5, Bidirectional = true), AttentionPooling(Units = 6)]
public partial class ContextWordEncoder;

/// <summary><see cref="HierarchicalNet"/> with Yang et al.'s attention (a context vector) at both levels.</summary>
[Network(4, 6, PaddingMask = true)]
[ForEach(typeof(ContextWordEncoder)), Gru(4, Bidirectional = true), AttentionPooling(Units = 5), Linear(3)]
public partial class ContextHierarchicalNet;

/// <summary>
/// Cross-attention in a network with two inputs: the 5 steps of the first attend to the 7 steps of the second, with
/// the additive score (keys and values from the second input) and then with multi-head attention (kdim = vdim = 6).
/// </summary>
[Network(5, 8), SecondInput(7, 6)]
[ScoredAttention(Score = Score.Additive, Units = 4, AttendToSecondInput = true), Linear(8)]
[MultiHeadAttention(Heads = 2, AttendToSecondInput = true), AttentionPooling, Linear(3)]
public partial class CrossAttentionNet;
