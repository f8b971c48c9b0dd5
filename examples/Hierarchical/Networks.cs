using Attention.Dsl;

namespace Hierarchical;

/// <summary>Yang et al.'s word level: token embeddings, a bidirectional GRU over the words, their attention (a context vector) over them.</summary>
[Block]
[Embedding(Documents.Vocabulary, 32, PaddingIndex = 0), Gru(32, Bidirectional = true), AttentionPooling(Units = 32)]
public partial class SentenceEncoder;

/// <summary>
/// A hierarchical attention network (Yang et al. 2016): every sentence through <see cref="SentenceEncoder"/>, a
/// bidirectional GRU over the sentence vectors, attention pooling over the sentences, and the class. The mask
/// <c>[N, 8, 12]</c> marks the real words; the sentences' mask follows from it.
/// </summary>
[Network(Documents.Sentences, Documents.Words, PaddingMask = true)]
[ForEach(typeof(SentenceEncoder)), Gru(32, Bidirectional = true), AttentionPooling(Units = 32), Linear(Documents.Classes)]
public partial class HierarchicalAttentionNetwork;
