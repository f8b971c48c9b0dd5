namespace Attention.Dsl;

/// <summary>
/// How <c>[ScoredAttention]</c> scores a query q against a key k: seed 002's five models of relevance
/// and cosine. Shared with Attention.Generators, which compiles this file in.
/// </summary>
public enum Score
{
    /// <summary><c>q · k</c> (Luong et al. 2015); no parameters; queries and keys of one size.</summary>
    Dot = 0,

    /// <summary><c>q · k / √d</c> (Vaswani et al. 2017); no parameters; queries and keys of one size.</summary>
    ScaledDot = 1,

    /// <summary>The bilinear model <c>qᵀ W k</c> (Luong et al. 2015, "general").</summary>
    General = 2,

    /// <summary><c>vᵀ tanh(W [q; k])</c> (Luong et al. 2015, "concat").</summary>
    Concat = 3,

    /// <summary><c>vᵀ tanh(W₁ q + W₂ k)</c> (Bahdanau et al. 2015), with its projections (unlike Keras' AdditiveAttention).</summary>
    Additive = 4,

    /// <summary>The cosine of q and k; no parameters; queries and keys of one size.</summary>
    Cosine = 5,
}
