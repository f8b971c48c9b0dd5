using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Multi-head self-attention with relative position representations (Shaw, Uszkoreit and Vaswani, "Self-Attention
/// with Relative Position Representations", 2018; seed 002's <c>RelativePositionAttention</c>). The distance from a
/// query at step i to a key at step j is clipped to <c>[−k, k]</c>, <c>clip(j − i, k)</c>, and looks up a learned
/// vector <c>a_ij</c> in a table of <c>2k + 1</c> entries of the head size, shared by the heads; each head scores
/// <c>e_ij = q_i · (k_j + a_ij) / √d</c> (the content score plus the position bias) and, with
/// <see cref="relative_values"/>, mixes <c>v_j + a^V_ij</c>.
/// <para>
/// Parameters, in this order: <c>in_proj_weight</c> [3E, E] and <c>in_proj_bias</c> [3E] (nn.MultiheadAttention's
/// layout and initialisation, so the projections interchange with it), <c>relative_keys.weight</c> [2k + 1, d]
/// (and <c>relative_values.weight</c>; Embedding's N(0, 1) initialisation), <c>out_proj.weight</c> [E, E] and
/// <c>out_proj.bias</c> [E]; d = E / heads. Seed 002 indexes its table by <c>i − j</c>: its table is this one
/// flipped along the first dimension.
/// </para>
/// <para>
/// The padding mask is <c>[N, T]</c> bool, true for a real step; with <see cref="causal"/> a query weighs only keys
/// up to its own step. The weights <c>[N, heads, T, T]</c> can be kept for plots (<see cref="IAttentionWeights"/>).
/// </para>
/// </summary>
public sealed class RelativePositionAttention : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Self-attention over <paramref name="embed_dim"/> features in <paramref name="num_heads"/> heads.</summary>
    /// <param name="embed_dim">E, the size of each step (a multiple of <paramref name="num_heads"/>).</param>
    /// <param name="num_heads">The number of heads (at least 1).</param>
    /// <param name="max_distance">k, the largest distance told apart (at least 1); farther steps share the table's ends.</param>
    /// <param name="bias">Whether the projections have biases.</param>
    /// <param name="relative_values">Whether the values get relative position vectors too (Shaw et al.'s <c>a^V</c>).</param>
    /// <param name="causal">Whether a query weighs only keys up to its own step.</param>
    public RelativePositionAttention(long embed_dim, long num_heads, long max_distance, bool bias = true, bool relative_values = false, bool causal = false)
        : base(nameof(RelativePositionAttention))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embed_dim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(num_heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max_distance);
        if (embed_dim % num_heads != 0)
        {
            throw new ArgumentException($"embed_dim ({embed_dim}) must be divisible by num_heads ({num_heads})", nameof(num_heads));
        }

        this.embed_dim = embed_dim;
        this.num_heads = num_heads;
        this.max_distance = max_distance;
        this.causal = causal;
        head_dim = embed_dim / num_heads;

        in_proj_weight = Shapes.EmptyParameter([3 * embed_dim, embed_dim], null, null);
        register_parameter(nameof(in_proj_weight), in_proj_weight);
        in_proj_bias = bias ? Shapes.EmptyParameter([3 * embed_dim], null, null) : null;
        register_parameter(nameof(in_proj_bias), in_proj_bias);
        relative_keys = new Embedding(2 * max_distance + 1, head_dim);
        register_module(nameof(relative_keys), relative_keys);
        if (relative_values)
        {
            this.relative_values = new Embedding(2 * max_distance + 1, head_dim);
            register_module(nameof(relative_values), this.relative_values);
        }

        out_proj = new Linear(embed_dim, embed_dim, bias);
        register_module(nameof(out_proj), out_proj);

        nn.init.xavier_uniform_(in_proj_weight);
        if (in_proj_bias is not null)
        {
            nn.init.zeros_(in_proj_bias);
            nn.init.zeros_(out_proj.bias!);
        }
    }

    /// <summary>E, the size of each step.</summary>
    public long embed_dim { get; }

    /// <summary>The number of heads.</summary>
    public long num_heads { get; }

    /// <summary>d = E / heads, the size of each head and of each relative position vector.</summary>
    public long head_dim { get; }

    /// <summary>k, the largest distance told apart.</summary>
    public long max_distance { get; }

    /// <summary>Whether a query weighs only keys up to its own step.</summary>
    public bool causal { get; }

    /// <summary>The packed query, key and value projections [3E, E].</summary>
    public nn.Parameter in_proj_weight { get; }

    /// <summary>The projections' biases [3E], or null.</summary>
    public nn.Parameter? in_proj_bias { get; }

    /// <summary>The relative position vectors of the keys, a^K: 2k + 1 entries of size d.</summary>
    public Embedding relative_keys { get; }

    /// <summary>The relative position vectors of the values, a^V, or null.</summary>
    public Embedding? relative_values { get; }

    /// <summary>The output projection, Linear(E → E).</summary>
    public Linear out_proj { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The weights <c>[N, heads, T, T]</c> of the last forward pass while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>Attends every step of <paramref name="input"/> <c>[N, T, E]</c> over the steps that <paramref name="mask"/> <c>[N, T]</c> marks true; returns <c>[N, T, E]</c>.</summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        SequenceInput.Check(input, name);
        if (input.size(2) != embed_dim)
        {
            throw new ArgumentException($"{name} was built for {embed_dim} features, but the input [{string.Join(", ", input.shape)}] has {input.size(2)}.", nameof(input));
        }

        if (mask is not null)
        {
            PaddingMask.Check(mask, input, name);
        }

        long steps = input.size(1);
        using DisposeScope scope = NewDisposeScope();

        // q, k, v: [N, T, E] each, split into heads [N, heads, T, d]
        Tensor[] qkv = nn.functional.linear(input, in_proj_weight, in_proj_bias).chunk(3, -1);
        Tensor q = qkv[0].unflatten(-1, num_heads, head_dim).transpose(1, 2);
        Tensor k = qkv[1].unflatten(-1, num_heads, head_dim).transpose(1, 2);
        Tensor v = qkv[2].unflatten(-1, num_heads, head_dim).transpose(1, 2);

        // clip(j − i, k) + k for query i and key j: [T, T] indices into the tables
        Tensor positions = arange(steps, ScalarType.Int64, input.device);
        Tensor distances = (positions.unsqueeze(0) - positions.unsqueeze(1)).clamp(-max_distance, max_distance) + max_distance;
        Tensor keyPositions = relative_keys.call(distances);                             // [T, T, d]

        // content and position scores: [N, heads, T, T]
        Tensor content = q.matmul(k.transpose(-2, -1));
        Tensor position = einsum("nhid,ijd->nhij", q, keyPositions);
        Tensor scores = (content + position) / Math.Sqrt(head_dim);
        Tensor? allowed = AttentionWeights.Allowed(mask, causal, steps, steps, input.device, extraDims: 1);
        Tensor attention = AttentionWeights.MaskedSoftmax(scores, allowed);
        kept.Store(attention);

        Tensor mixed = attention.matmul(v);                                              // [N, heads, T, d]
        if (relative_values is not null)
        {
            mixed = mixed + einsum("nhij,ijd->nhid", attention, relative_values.call(distances));
        }

        // heads concatenated: [N, T, E]
        return out_proj.call(mixed.transpose(1, 2).flatten(-2)).MoveToOuterDisposeScope();
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor?)"/>: <c>attention.call(x, mask)</c>.</summary>
    public Tensor call(Tensor input, Tensor? mask) => forward(input, mask);
}
