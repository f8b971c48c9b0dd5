namespace Attention.Dsl;

/// <summary>
/// Which keys a query of <c>[ScoredAttention]</c> weighs: soft, local (Luong et al. 2015) or hard
/// attention. Shared with Attention.Generators, which compiles this file in.
/// </summary>
public enum Alignment
{
    /// <summary>A softmax over every key (global attention).</summary>
    Soft = 0,

    /// <summary>Local-m: the query at step t weighs the keys within <c>Window</c> steps of t.</summary>
    LocalMonotonic = 1,

    /// <summary>Local-p: the query predicts a position p and weighs the keys within <c>Window</c> of p, times a Gaussian around p (σ = Window / 2).</summary>
    LocalPredictive = 2,

    /// <summary>One key per query: Gumbel-softmax straight-through in training, the best key in evaluation.</summary>
    Hard = 3,
}
