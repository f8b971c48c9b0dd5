using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Attention over the steps of a sequence, as seed 000's <c>attention_3d_block</c> (Keras:
/// Permute → Dense(T, softmax) → Permute → multiply): for each feature, a softmax over the T steps
/// computed by a layer learned per step, <c>a = softmax(fc(xᵀ))</c>, and <c>y = x · aᵀ</c>.
/// <para>
/// <c>fc</c> is Linear(T → T) with PyTorch's names and initialisation (<c>fc.weight</c> [T, T],
/// <c>fc.bias</c> [T]): T² + T parameters. With <c>shared</c> (keras-attention's single attention
/// vector), the per-feature distributions are averaged into one distribution over the steps that
/// all features share.
/// </para>
/// </summary>
public sealed class TemporalAttention : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Attention over <paramref name="steps"/> steps.</summary>
    /// <param name="steps">T, the sequence length (at least 1); the layer is learned per step.</param>
    /// <param name="shared">Whether all features share one distribution over the steps.</param>
    public TemporalAttention(long steps, bool shared = false)
        : base(nameof(TemporalAttention))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        this.steps = steps;
        this.shared = shared;
        fc = new Linear(steps, steps);
        register_module(nameof(fc), fc);
    }

    /// <summary>T, the number of steps.</summary>
    public long steps { get; }

    /// <summary>Whether all features share one distribution over the steps.</summary>
    public bool shared { get; }

    /// <summary>The per-step scoring layer, Linear(T → T).</summary>
    public Linear fc { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>
    /// The weights of the last forward pass averaged over the features, [N, T] (what seed 000 plots),
    /// while <see cref="keep_weights"/> is on.
    /// </summary>
    public Tensor? weights => kept.Value;

    /// <summary>Attends over all the steps of <paramref name="input"/> [N, T, D]; the output is [N, T, D].</summary>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>
    /// Attends over the steps of <paramref name="input"/> [N, T, D] that <paramref name="mask"/> [N, T] marks true
    /// (all of them when null): padded steps are zeroed before scoring and get weight 0, the softmax runs over the
    /// real steps, and a row with no real step gives zeros. The output is [N, T, D].
    /// </summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        SequenceInput.Check(input, name, steps);
        if (mask is not null)
        {
            PaddingMask.Check(mask, input, name);
        }

        // the real steps as numbers, [N, T, 1]; padded steps are zeroed so that they cannot reach a score
        using Tensor? realSteps = mask?.to(input.dtype).unsqueeze(-1);
        using Tensor? zeroed = realSteps is null ? null : input * realSteps;
        Tensor x = zeroed ?? input;
        // for each feature, scores over the steps: [N, T, D] -> [N, D, T]
        using Tensor byFeature = x.transpose(1, 2);
        using Tensor scores = fc.call(byFeature);
        // a distribution over the (real) steps per feature: [N, D, T]; the mask, [N, 1, T], holds for every feature
        using Tensor? realKeys = mask?.unsqueeze(1);
        using Tensor perFeature = AttentionWeights.MaskedSoftmax(scores, realKeys);
        // shared: one distribution for all features, [N, 1, T]
        using Tensor? averaged = shared ? perFeature.mean([1], keepdim: true) : null;
        Tensor attention = averaged ?? perFeature;
        if (kept.Keep)
        {
            using Tensor overFeatures = attention.mean([1]);
            kept.Store(overFeatures);
        }

        // weight every step's features: [N, T, D] * [N, T, D or 1]
        using Tensor byStep = attention.transpose(1, 2);
        return x * byStep;
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor?)"/>: <c>attention.call(x, mask)</c>.</summary>
    public Tensor call(Tensor input, Tensor? mask) => forward(input, mask);
}
