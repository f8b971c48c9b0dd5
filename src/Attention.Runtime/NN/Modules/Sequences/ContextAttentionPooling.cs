using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Attention pooling with a learned context vector (Yang, Yang, Dyer, He, Smola and Hovy, "Hierarchical Attention
/// Networks for Document Classification", 2016): each step is projected, <c>u_t = tanh(W h_t + b)</c>, scored against the
/// context vector, <c>e_t = u_tᵀ u_w</c>, and <c>α = softmax(e)</c> over the (real) steps weighs <c>c = Σ_t α_t h_t</c>:
/// <c>[N, T, D]</c> to <c>[N, D]</c>. Yang et al. use it at both levels of their hierarchy (words, then sentences).
/// <para>
/// Parameters: <c>proj.weight</c> [A, D], <c>proj.bias</c> [A] (Linear's initialisation) and <c>context</c> [A], drawn
/// from N(0, 1/A) so that the first scores are of order one. Masks are <c>[N, T]</c> bools, true for a real step; a row
/// with no real step gets α = 0 and c = 0.
/// </para>
/// </summary>
public sealed class ContextAttentionPooling : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Pools <paramref name="features"/> features through a projection of <paramref name="units"/> units.</summary>
    /// <param name="features">D, the features of each step (at least 1).</param>
    /// <param name="units">A, the size of the projection and of the context vector (at least 1).</param>
    public ContextAttentionPooling(long features, long units)
        : base(nameof(ContextAttentionPooling))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        this.features = features;
        this.units = units;
        proj = new Linear(features, units);
        register_module(nameof(proj), proj);
        context = Shapes.EmptyParameter([units], null, null);
        register_parameter(nameof(context), context);
        using (no_grad())
        {
            nn.init.normal_(context, 0, 1 / Math.Sqrt(units));
        }
    }

    /// <summary>D, the features of each step.</summary>
    public long features { get; }

    /// <summary>A, the size of the projection and of the context vector.</summary>
    public long units { get; }

    /// <summary>W and b, Linear(D → A).</summary>
    public Linear proj { get; }

    /// <summary>u_w, the context vector [A].</summary>
    public nn.Parameter context { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The attention weights α of the last forward pass, [N, T], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>Pools <paramref name="input"/> [N, T, D] over the steps that <paramref name="mask"/> [N, T] marks true.</summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        SequenceInput.Check(input, name);
        if (input.size(2) != features)
        {
            throw new ArgumentException($"{name} was built for {features} features, but the input [{string.Join(", ", input.shape)}] has {input.size(2)}.", nameof(input));
        }

        if (mask is not null)
        {
            PaddingMask.Check(mask, input, name);
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor scores = proj.call(input).tanh().matmul(context);                                  // e_t = u_tᵀ u_w, [N, T]
        Tensor alpha = AttentionWeights.MaskedSoftmax(scores, mask);                              // over the real steps
        kept.Store(alpha);
        return (alpha.unsqueeze(-1) * input).sum([1]).MoveToOuterDisposeScope();                 // [N, D]
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor?)"/>: <c>pool.call(x, mask)</c>.</summary>
    public Tensor call(Tensor input, Tensor? mask) => forward(input, mask);
}
