using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Feed-forward attention pooling (Raffel and Ellis, "Feed-Forward Networks with Attention Can Solve
/// Some Long-Term Memory Problems", 2015): <c>e_t = tanh(h_t · w + b)</c>, <c>α = softmax(e)</c> over
/// the steps, <c>c = Σ_t α_t h_t</c>, from <c>[N, T, D]</c> to <c>[N, D]</c>.
/// <para>
/// Parameters: <c>weight</c> [D] and <c>bias</c>, one scalar [1] as the paper, or one per step [T] as
/// seed 004's Keras layer (<c>steps</c> &gt; 0). Initialised as that layer: the weight Glorot-uniform
/// (fan in D, fan out 1: U(±√(6 / (D + 1)))), the bias zero.
/// </para>
/// <para>
/// Masks: <see cref="forward(Tensor, Tensor?)"/> takes <c>[N, T]</c> booleans where <b>true marks a real
/// step</b> (Keras' polarity); the softmax runs over the real steps only, computed as seed 004 does,
/// <c>α = exp(e) · m / Σ exp(e) · m</c> (e is bounded by tanh, so exp cannot overflow). A row with no
/// real step gets α = 0 and c = 0, never NaN.
/// </para>
/// </summary>
public sealed class AttentionPooling : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Attention pooling over <paramref name="features"/> features.</summary>
    /// <param name="features">D, the features of each step (at least 1).</param>
    /// <param name="steps">0 for one bias (the paper), or T for one bias per step (seed 004); the input must then have T steps.</param>
    public AttentionPooling(long features, long steps = 0)
        : base(nameof(AttentionPooling))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        this.features = features;
        this.steps = steps;
        weight = Shapes.EmptyParameter([features], null, null);
        register_parameter(nameof(weight), weight);
        bias = Shapes.EmptyParameter([steps > 0 ? steps : 1], null, null);
        register_parameter(nameof(bias), bias);
        reset_parameters();
    }

    /// <summary>D, the features of each step.</summary>
    public long features { get; }

    /// <summary>T when the bias is per step, otherwise 0.</summary>
    public long steps { get; }

    /// <summary>w, [D].</summary>
    public nn.Parameter weight { get; }

    /// <summary>b, [1] or [T].</summary>
    public nn.Parameter bias { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The attention weights α of the last forward pass, [N, T], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>Draws fresh parameters: Glorot-uniform weight, zero bias.</summary>
    public void reset_parameters()
    {
        double bound = Math.Sqrt(6.0 / (features + 1));
        nn.init.uniform_(weight, -bound, bound);
        nn.init.zeros_(bias);
    }

    /// <summary>Pools <paramref name="input"/> [N, T, D] to [N, D] over all its steps.</summary>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>Pools <paramref name="input"/> [N, T, D] over the steps that <paramref name="mask"/> [N, T] marks true.</summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        SequenceInput.Check(input, name, steps > 0 ? steps : null);
        if (mask is not null)
        {
            PaddingMask.Check(mask, input, name);
        }

        // scores: e_t = tanh(h_t · w + b), [N, T, D] -> [N, T]
        using Tensor projected = input.matmul(weight);
        using Tensor shifted = projected + bias;
        using Tensor scores = tanh(shifted);
        // α = exp(e) · m / Σ_t exp(e) · m: the softmax over the real steps
        using Tensor exponentials = scores.exp();
        using Tensor? realSteps = mask?.to(exponentials.dtype);
        using Tensor? masked = realSteps is null ? null : exponentials * realSteps;
        Tensor numerators = masked ?? exponentials;
        using Tensor total = numerators.sum([1], keepdim: true);
        using Tensor safeTotal = total.clamp_min(1e-30);
        using Tensor alpha = numerators / safeTotal;
        kept.Store(alpha);
        // context: c = Σ_t α_t h_t, [N, T, 1] * [N, T, D] summed over T -> [N, D]
        using Tensor column = alpha.unsqueeze(-1);
        using Tensor weighted = input * column;
        return weighted.sum([1]);
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor?)"/>: <c>pool.call(x, mask)</c>.</summary>
    public Tensor call(Tensor input, Tensor? mask) => forward(input, mask);
}
