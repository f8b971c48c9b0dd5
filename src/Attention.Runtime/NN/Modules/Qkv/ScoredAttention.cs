using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Attention of queries over keys with one of seed 002's score functions (<see cref="ScoreFunction"/>) and a soft,
/// local or hard alignment (<see cref="AttentionAlignment"/>), as the encoder–decoder attention of Bahdanau et al.
/// 2015 and Luong et al. 2015: the keys are also the values, and each query gets
/// <c>context_t = Σ_s w_ts · k_s</c>. Self-attention passes one sequence as both; cross-attention a query sequence
/// <c>[N, L, d_q]</c> and a key sequence <c>[N, S, d_k]</c>, and the output is <c>[N, L, d_k]</c>.
/// <para>
/// Parameters, in this order, where the score or the alignment has them (all Linear without bias, PyTorch's
/// initialisation): <c>query_proj</c> [A, d_q], <c>key_proj</c> [d_q, d_k] (general) or [A, d_k] (additive),
/// <c>concat_proj</c> [A, d_q + d_k], <c>energy</c> [1, A], <c>position_proj</c> [A, d_q],
/// <c>position_energy</c> [1, A]; A = <see cref="units"/>.
/// </para>
/// <para>
/// The padding mask is <c>[N, S]</c> bool, true for a real key; with <see cref="causal"/> a query at step t weighs only
/// keys at steps up to t. A query that may weigh no key gets zero weights and a zero context. The weights
/// <c>[N, L, S]</c> can be kept for plots (<see cref="IAttentionWeights"/>).
/// </para>
/// </summary>
public sealed class ScoredAttention : nn.Module<Tensor, Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Attention of <paramref name="query_features"/>-sized queries over <paramref name="key_features"/>-sized keys.</summary>
    /// <param name="query_features">d_q, the size of each query (at least 1).</param>
    /// <param name="key_features">d_k, the size of each key and value (at least 1); equal to d_q for dot, scaled-dot and cosine scores.</param>
    /// <param name="score">The score function.</param>
    /// <param name="units">A, the hidden size of the concat and additive scores and of local-p's position predictor (0: d_k).</param>
    /// <param name="alignment">Soft, local (m or p) or hard attention.</param>
    /// <param name="window">D, the half-width of a local alignment's window (at least 1; only for the local alignments).</param>
    /// <param name="temperature">τ of hard attention's Gumbel-softmax in training (positive; only for hard attention).</param>
    /// <param name="causal">Whether a query at step t may weigh only keys up to step t.</param>
    public ScoredAttention(long query_features, long key_features, ScoreFunction score = ScoreFunction.ScaledDot, long units = 0,
        AttentionAlignment alignment = AttentionAlignment.Soft, long window = 0, double temperature = 1.0, bool causal = false)
        : base(nameof(ScoredAttention))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query_features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(key_features);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if (!Enum.IsDefined(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "not a score function");
        }

        if (!Enum.IsDefined(alignment))
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "not an alignment");
        }

        if (score is ScoreFunction.Dot or ScoreFunction.ScaledDot or ScoreFunction.Cosine && query_features != key_features)
        {
            throw new ArgumentException(
                $"the {score} score compares vectors of one size, but queries have {query_features} features and keys {key_features}; use General, Concat or Additive, which learn a projection",
                nameof(key_features));
        }

        bool local = alignment is AttentionAlignment.LocalMonotonic or AttentionAlignment.LocalPredictive;
        if (local ? window < 1 : window != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, local
                ? "a local alignment needs a window of at least 1 step on each side"
                : $"a window applies only to the local alignments, not to {alignment} attention");
        }

        if (!(temperature > 0 && double.IsFinite(temperature)) || (alignment != AttentionAlignment.Hard && temperature != 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, alignment == AttentionAlignment.Hard
                ? "the Gumbel-softmax temperature must be positive and finite"
                : $"a temperature applies only to hard attention, not to {alignment} attention");
        }

        this.query_features = query_features;
        this.key_features = key_features;
        this.score = score;
        this.units = units == 0 ? key_features : units;
        this.alignment = alignment;
        this.window = window;
        this.temperature = temperature;
        this.causal = causal;

        if (score == ScoreFunction.Additive)
        {
            query_proj = Register(nameof(query_proj), new Linear(query_features, this.units, bias: false));
        }

        if (score is ScoreFunction.General or ScoreFunction.Additive)
        {
            key_proj = Register(nameof(key_proj), new Linear(key_features, score == ScoreFunction.General ? query_features : this.units, bias: false));
        }

        if (score == ScoreFunction.Concat)
        {
            concat_proj = Register(nameof(concat_proj), new Linear(query_features + key_features, this.units, bias: false));
        }

        if (score is ScoreFunction.Concat or ScoreFunction.Additive)
        {
            energy = Register(nameof(energy), new Linear(this.units, 1, bias: false));
        }

        if (alignment == AttentionAlignment.LocalPredictive)
        {
            position_proj = Register(nameof(position_proj), new Linear(query_features, this.units, bias: false));
            position_energy = Register(nameof(position_energy), new Linear(this.units, 1, bias: false));
        }
    }

    /// <summary>d_q, the size of each query.</summary>
    public long query_features { get; }

    /// <summary>d_k, the size of each key (and value).</summary>
    public long key_features { get; }

    /// <summary>The score function.</summary>
    public ScoreFunction score { get; }

    /// <summary>A, the hidden size of the learned scores and of local-p's position predictor.</summary>
    public long units { get; }

    /// <summary>Soft, local or hard attention.</summary>
    public AttentionAlignment alignment { get; }

    /// <summary>D, the half-width of a local window (0 for the other alignments).</summary>
    public long window { get; }

    /// <summary>τ, the Gumbel-softmax temperature of hard attention in training.</summary>
    public double temperature { get; }

    /// <summary>Whether a query at step t may weigh only keys up to step t.</summary>
    public bool causal { get; }

    /// <summary>W₁ of the additive score, Linear(d_q → A).</summary>
    public Linear? query_proj { get; }

    /// <summary>W of the general score, Linear(d_k → d_q), or W₂ of the additive score, Linear(d_k → A).</summary>
    public Linear? key_proj { get; }

    /// <summary>W of the concat score, Linear(d_q + d_k → A).</summary>
    public Linear? concat_proj { get; }

    /// <summary>v of the concat and additive scores, Linear(A → 1).</summary>
    public Linear? energy { get; }

    /// <summary>Wₚ of local-p's position predictor, Linear(d_q → A).</summary>
    public Linear? position_proj { get; }

    /// <summary>vₚ of local-p's position predictor, Linear(A → 1).</summary>
    public Linear? position_energy { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The weights <c>[N, L, S]</c> of the last forward pass while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>Attends <paramref name="query"/> <c>[N, L, d_q]</c> over <paramref name="keys"/> <c>[N, S, d_k]</c>; returns <c>[N, L, d_k]</c>.</summary>
    public override Tensor forward(Tensor query, Tensor keys) => forward(query, keys, null);

    /// <summary>
    /// Attends <paramref name="query"/> <c>[N, L, d_q]</c> over the keys of <paramref name="keys"/> <c>[N, S, d_k]</c>
    /// that <paramref name="mask"/> <c>[N, S]</c> marks true (every key when null); returns the contexts <c>[N, L, d_k]</c>.
    /// </summary>
    public Tensor forward(Tensor query, Tensor keys, Tensor? mask)
    {
        CheckInputs(query, keys, mask);
        long queries = query.size(1), steps = keys.size(1);
        using DisposeScope scope = NewDisposeScope();

        Tensor scores = Scores(query, keys);                                    // [N, L, S]
        Tensor? allowed = AttentionWeights.Allowed(mask, causal, queries, steps, query.device);
        Tensor? gaussian = null;
        if (alignment is AttentionAlignment.LocalMonotonic or AttentionAlignment.LocalPredictive)
        {
            // p_t for every query: [L, 1] (local-m: p_t = t) or [N, L, 1] (local-p: predicted)
            Tensor position = alignment == AttentionAlignment.LocalMonotonic
                ? arange(queries, query.dtype, query.device).unsqueeze(-1)
                : PredictedPosition(query, mask, steps);
            Tensor distance = arange(steps, query.dtype, query.device) - position;  // s - p_t
            allowed = AttentionWeights.And(allowed, distance.abs().le(window));
            if (alignment == AttentionAlignment.LocalPredictive)
            {
                double sigma = window / 2.0;
                gaussian = (distance * distance / (-2 * sigma * sigma)).exp();
            }
        }

        Tensor weights = alignment == AttentionAlignment.Hard ? HardWeights(scores, allowed) : AttentionWeights.MaskedSoftmax(scores, allowed);
        if (gaussian is not null)
        {
            weights = weights * gaussian;
        }

        kept.Store(weights);
        return weights.matmul(keys).MoveToOuterDisposeScope();                // [N, L, d_k]
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor, Tensor?)"/>: <c>attention.call(query, keys, mask)</c>.</summary>
    public Tensor call(Tensor query, Tensor keys, Tensor? mask) => forward(query, keys, mask);

    /// <summary>The scores of every query against every key, <c>[N, L, S]</c>.</summary>
    private Tensor Scores(Tensor query, Tensor keys)
    {
        switch (score)
        {
            case ScoreFunction.Dot:
                return query.matmul(keys.transpose(1, 2));
            case ScoreFunction.ScaledDot:
                return query.matmul(keys.transpose(1, 2)) / Math.Sqrt(key_features);
            case ScoreFunction.General:
                return query.matmul(key_proj!.call(keys).transpose(1, 2));
            case ScoreFunction.Cosine:
            {
                Tensor dots = query.matmul(keys.transpose(1, 2));
                Tensor norms = query.norm(2, -1, keepdim: true) * keys.norm(2, -1, keepdim: true).transpose(1, 2);
                return dots / norms.clamp_min(1e-8);
            }

            case ScoreFunction.Additive:
                return Energies(query_proj!.call(query), key_proj!.call(keys));
            default:
            {
                // W [q; k] = W_q q + W_k k: the concatenation of every pair is never built.
                Tensor[] halves = concat_proj!.weight.split([query_features, key_features], 1);
                return Energies(nn.functional.linear(query, halves[0]), nn.functional.linear(keys, halves[1]));
            }
        }
    }

    /// <summary><c>vᵀ tanh(a_t + b_s)</c> for projected queries <c>[N, L, A]</c> and keys <c>[N, S, A]</c>: <c>[N, L, S]</c>.</summary>
    private Tensor Energies(Tensor projectedQueries, Tensor projectedKeys)
    {
        Tensor hidden = (projectedQueries.unsqueeze(2) + projectedKeys.unsqueeze(1)).tanh();  // [N, L, S, A]
        return energy!.call(hidden).squeeze(-1);
    }

    /// <summary>Local-p's position of every query, <c>(S_n − 1) · σ(vₚᵀ tanh(Wₚ q))</c>: <c>[N, L, 1]</c>.</summary>
    private Tensor PredictedPosition(Tensor query, Tensor? mask, long steps)
    {
        Tensor fraction = position_energy!.call(position_proj!.call(query).tanh()).sigmoid();  // [N, L, 1]
        Tensor last = mask is null
            ? tensor((double)(steps - 1), query.dtype, query.device)
            : (mask.sum(1).to(query.dtype) - 1).clamp_min(0).view(-1, 1, 1);
        return fraction * last;
    }

    /// <summary>One key per query: a straight-through Gumbel-softmax sample in training, the best key in evaluation.</summary>
    private Tensor HardWeights(Tensor scores, Tensor? allowed)
    {
        Tensor filled = allowed is null ? scores : scores.masked_fill(allowed.logical_not(), -1e30);
        Tensor oneHot = training
            ? nn.functional.gumbel_softmax(filled, temperature, hard: true)
            : nn.functional.one_hot(filled.argmax(-1), scores.size(-1)).to(scores.dtype);
        if (allowed is null)
        {
            return oneHot;
        }

        // a query that may weigh no key takes none
        Tensor anyKey = allowed.expand(scores.shape).any(-1, keepdim: true);
        return oneHot * anyKey.to(scores.dtype);
    }

    private void CheckInputs(Tensor query, Tensor keys, Tensor? mask)
    {
        SequenceInput.Check(query, name);
        SequenceInput.Check(keys, name);
        if (query.size(-1) != query_features || keys.size(-1) != key_features || query.size(0) != keys.size(0))
        {
            throw new ArgumentException(
                $"{name} was built for queries [N, L, {query_features}] and keys [N, S, {key_features}], but got [{string.Join(", ", query.shape)}] and [{string.Join(", ", keys.shape)}].",
                nameof(query));
        }

        if (mask is not null)
        {
            PaddingMask.Check(mask, keys, name);
        }
    }

    private Linear Register(string field, Linear layer)
    {
        register_module(field, layer);
        return layer;
    }
}
