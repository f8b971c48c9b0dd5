namespace Attention.Runtime.Modules;

/// <summary>
/// How <see cref="ScoredAttention"/> scores a query <c>q</c> against a key <c>k</c> (seed 002's five models of
/// relevance, and cosine). The first three and cosine compare vectors of one size; the others learn projections.
/// </summary>
public enum ScoreFunction
{
    /// <summary><c>q · k</c> (Luong et al. 2015, "dot"); no parameters.</summary>
    Dot,

    /// <summary><c>q · k / √d</c> with d the key size (Vaswani et al. 2017); no parameters.</summary>
    ScaledDot,

    /// <summary>The bilinear model <c>qᵀ W k</c> (Luong et al. 2015, "general"): <c>key_proj</c>, Linear(d_k → d_q) without bias.</summary>
    General,

    /// <summary>
    /// <c>vᵀ tanh(W [q; k])</c> (Luong et al. 2015, "concat"): <c>concat_proj</c>, Linear(d_q + d_k → A), and
    /// <c>energy</c>, Linear(A → 1), both without bias.
    /// </summary>
    Concat,

    /// <summary>
    /// <c>vᵀ tanh(W₁ q + W₂ k)</c> (Bahdanau et al. 2015): <c>query_proj</c>, Linear(d_q → A), <c>key_proj</c>,
    /// Linear(d_k → A), and <c>energy</c>, Linear(A → 1), all without bias. Unlike Keras' AdditiveAttention, the
    /// projections are there.
    /// </summary>
    Additive,

    /// <summary><c>q · k / max(‖q‖ ‖k‖, 1e-8)</c> (Graves et al. 2014's content addressing, without the key strength); no parameters.</summary>
    Cosine,
}

/// <summary>Which keys a query of <see cref="ScoredAttention"/> weighs, and how (soft, local or hard attention).</summary>
public enum AttentionAlignment
{
    /// <summary>A softmax over every key the masks allow (global attention).</summary>
    Soft,

    /// <summary>
    /// Luong et al. 2015's local-m: the query at step t weighs only the keys within <c>window</c> steps of t, with a
    /// softmax over them (for roughly monotonic alignments).
    /// </summary>
    LocalMonotonic,

    /// <summary>
    /// Luong et al. 2015's local-p: the query predicts a position <c>p = (S − 1) · σ(vₚᵀ tanh(Wₚ q))</c> (S: the real
    /// keys of its row); the softmax over the keys within <c>window</c> of p is multiplied, not renormalised, by
    /// <c>exp(−(s − p)² / 2σ²)</c> with <c>σ = window / 2</c>. Parameters <c>position_proj</c> and <c>position_energy</c>.
    /// </summary>
    LocalPredictive,

    /// <summary>
    /// Hard attention: each query takes one key. In training, Gumbel-softmax with the straight-through estimator
    /// (Jang et al. 2017; the forward pass is one-hot, the gradient that of the soft sample); in evaluation, the key
    /// with the highest score.
    /// </summary>
    Hard,
}
