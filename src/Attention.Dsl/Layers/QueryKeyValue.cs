using System;

namespace Attention.Dsl;

/// <summary>
/// Attention with a score function (<see cref="Dsl.Score"/>) and an alignment (<see cref="Dsl.Alignment"/>), the
/// runtime's <c>ScoredAttention</c>: each query gets <c>Σ_s softmax(score(q, k_s)) · k_s</c>, the keys being the values
/// as in Bahdanau et al. 2015 and Luong et al. 2015. In a network it is self-attention over <c>[T, D]</c> samples
/// (<c>[T, D]</c> to <c>[T, D]</c>) and takes the padding mask. As a component it is cross-attention: its forward takes
/// queries <c>[N, L, QueryFeatures]</c> and keys <c>[N, S, KeyFeatures]</c> (and a mask <c>[N, S]</c>) and returns
/// <c>[N, L, KeyFeatures]</c>.
/// </summary>
/// <remarks>
/// Parameters: none for <see cref="Score.Dot"/>, <see cref="Score.ScaledDot"/> and <see cref="Score.Cosine"/>;
/// <c>d_q · d_k</c> for <see cref="Score.General"/> (<c>key_proj.weight</c>); <c>A · (d_q + d_k) + A</c> for
/// <see cref="Score.Concat"/> (<c>concat_proj.weight</c>, <c>energy.weight</c>) and <see cref="Score.Additive"/>
/// (<c>query_proj.weight</c>, <c>key_proj.weight</c>, <c>energy.weight</c>); local-p adds <c>A · d_q + A</c>
/// (<c>position_proj.weight</c>, <c>position_energy.weight</c>). A = <see cref="Units"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ScoredAttentionAttribute : LayerAttribute
{
    /// <summary>Gets or sets the score function (default <see cref="Score.ScaledDot"/>).</summary>
    public Score Score { get; set; } = Score.ScaledDot;

    /// <summary>Gets or sets A, the hidden size of the concat and additive scores and of local-p's position predictor (default 0: the key size).</summary>
    public int Units { get; set; }

    /// <summary>Gets or sets which keys a query weighs (default <see cref="Alignment.Soft"/>).</summary>
    public Alignment Alignment { get; set; } = Alignment.Soft;

    /// <summary>Gets or sets D, the half-width of a local alignment's window (required for the local alignments, and only for them).</summary>
    public int Window { get; set; }

    /// <summary>Gets or sets τ, the Gumbel-softmax temperature of hard attention in training (default 1; only for hard attention).</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Gets or sets whether a query at step t weighs only the keys up to step t (default <see langword="false"/>).</summary>
    public bool Causal { get; set; }

    /// <summary>Gets or sets the size of each query, for a component (a network infers it).</summary>
    public int QueryFeatures { get; set; }

    /// <summary>Gets or sets the size of each key, for a cross-attention component (default 0: <see cref="QueryFeatures"/>).</summary>
    public int KeyFeatures { get; set; }

    /// <summary>
    /// Gets or sets whether, in a network with a <see cref="SecondInputAttribute"/> <c>[S, D₂]</c>, the steps so far attend
    /// to the second input's steps (cross-attention: keys and values from the second input) instead of to themselves
    /// (default <see langword="false"/>). The output is <c>[T, D₂]</c>.
    /// </summary>
    public bool AttendToSecondInput { get; set; }
}

/// <summary>
/// Multi-head attention (Vaswani et al. 2017), the runtime's <c>MultiheadAttention</c> (torch.nn.MultiheadAttention
/// with <c>batch_first</c>, so weights interchange with PyTorch): in a network, self-attention over <c>[T, E]</c>
/// samples (<c>[T, E]</c> to <c>[T, E]</c>), with the network's padding mask and <see cref="Causal"/>; as a component,
/// any query, key and value (<c>call(query, key, value, …)</c>). The fused scaled-dot-product kernel runs unless the
/// weights are asked for (<c>keep_weights</c>, or <c>need_weights</c> in a component's call).
/// </summary>
/// <remarks>
/// Parameters: <c>4E² + 4E</c> (<c>in_proj_weight</c> [3E, E], <c>in_proj_bias</c>, <c>out_proj.weight</c>,
/// <c>out_proj.bias</c>); with other key and value sizes <c>E · (2E + k + v) + 4E</c> (<c>q_proj_weight</c>,
/// <c>k_proj_weight</c>, <c>v_proj_weight</c>); without <see cref="Bias"/>, no <c>4E</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class MultiHeadAttentionAttribute : LayerAttribute
{
    /// <summary>Gets or sets the number of heads, which must divide E (default 1).</summary>
    public int Heads { get; set; } = 1;

    /// <summary>Gets or sets whether the projections have biases (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Gets or sets the dropout on the attention weights in training, in [0, 1) (default 0).</summary>
    public double Dropout { get; set; }

    /// <summary>Gets or sets whether a query at step t weighs only the keys up to step t, in a network (default <see langword="false"/>).</summary>
    public bool Causal { get; set; }

    /// <summary>Gets or sets E, the size of each query and of the output, for a component (a network infers it).</summary>
    public int EmbedDim { get; set; }

    /// <summary>Gets or sets the size of each key, for a component (default 0: <see cref="EmbedDim"/>).</summary>
    public int KeyFeatures { get; set; }

    /// <summary>Gets or sets the size of each value, for a component (default 0: <see cref="EmbedDim"/>).</summary>
    public int ValueFeatures { get; set; }

    /// <summary>
    /// Gets or sets whether, in a network with a <see cref="SecondInputAttribute"/> <c>[S, D₂]</c>, the steps so far attend
    /// to the second input's steps (keys and values from it, <c>kdim = vdim = D₂</c>) instead of to themselves (default
    /// <see langword="false"/>). The output keeps <c>[T, E]</c>.
    /// </summary>
    public bool AttendToSecondInput { get; set; }
}

/// <summary>
/// Multi-head self-attention with relative position representations (Shaw et al. 2018; seed 002), the runtime's
/// <c>RelativePositionAttention</c>: distances between steps clipped to <c>[−MaxDistance, MaxDistance]</c> look up
/// learned vectors (a table of <c>2 · MaxDistance + 1</c>, shared by the heads) whose product with the query is added
/// to the content score. <c>[T, E]</c> to <c>[T, E]</c>; takes the padding mask.
/// </summary>
/// <remarks>
/// Parameters: <c>4E² + 4E</c> for the projections (<c>in_proj_weight</c>, <c>in_proj_bias</c>, <c>out_proj</c>; no
/// <c>4E</c> without <see cref="Bias"/>) and <c>(2k + 1) · E / Heads</c> per table (<c>relative_keys.weight</c>, and
/// <c>relative_values.weight</c> with <see cref="RelativeValues"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class RelativePositionAttentionAttribute : LayerAttribute
{
    /// <summary>Gets or sets the number of heads, which must divide E (default 1).</summary>
    public int Heads { get; set; } = 1;

    /// <summary>Gets or sets k, the largest distance told apart (default 4, seed 002's).</summary>
    public int MaxDistance { get; set; } = 4;

    /// <summary>Gets or sets whether the values get relative position vectors too (Shaw et al.'s a^V; default <see langword="false"/>, as the seed).</summary>
    public bool RelativeValues { get; set; }

    /// <summary>Gets or sets whether the projections have biases (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Gets or sets whether a query at step t weighs only the keys up to step t (default <see langword="false"/>).</summary>
    public bool Causal { get; set; }

    /// <summary>Gets or sets E, the size of each step, for a component (a network infers it).</summary>
    public int EmbedDim { get; set; }
}
