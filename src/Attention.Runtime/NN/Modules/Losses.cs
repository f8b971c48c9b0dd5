using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Base of the loss modules, as PyTorch's _Loss: forward(input, target) returns the loss reduced by
/// <see cref="reduction"/> ("mean", "sum" or "none", checked when the loss is computed).
/// </summary>
public abstract class Loss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>A loss registered under <paramref name="name"/> that reduces by <paramref name="reduction"/>.</summary>
    protected Loss(string name, string reduction) : base(name)
    {
        this.reduction = reduction;
    }

    /// <summary>"mean", "sum" or "none": how the per-element losses are combined.</summary>
    public string reduction { get; }

    // The module disposes its buffers, so it keeps its own handle on the caller's tensor (same
    // storage, as PyTorch shares the tensor) and leaves the caller's to the caller.
    /// <summary>A detached handle on <paramref name="tensor"/> (same storage) for the module to own as a buffer; null stays null.</summary>
    protected static Tensor? Buffer(Tensor? tensor) => tensor?.detach();
}

/// <summary>
/// A loss with optional per-class weights, as PyTorch's _WeightedLoss: <c>weight</c> is a buffer
/// (in the state dict when given).
/// </summary>
public abstract class WeightedLoss : Loss
{
    /// <summary>A loss with optional per-class <paramref name="weight"/>, registered as a buffer.</summary>
    protected WeightedLoss(string name, Tensor? weight, string reduction) : base(name, reduction)
    {
        this.weight = Buffer(weight);
        register_buffer(nameof(weight), this.weight);
    }

    /// <summary>Per-class rescaling weights, or null for equal weights.</summary>
    public Tensor? weight { get; }
}

/// <summary>Mean (or sum) of the squared errors, as torch.nn.MSELoss.</summary>
public sealed class MSELoss(string reduction = "mean") : Loss(nameof(MSELoss), reduction)
{
    /// <summary>Mean squared error, as <c>torch.nn.functional.mse_loss</c>; <paramref name="input"/> and <paramref name="target"/> broadcast.</summary>
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.mse_loss(input, target, reduction);
}

/// <summary>Mean (or sum) of the absolute errors, as torch.nn.L1Loss.</summary>
public sealed class L1Loss(string reduction = "mean") : Loss(nameof(L1Loss), reduction)
{
    /// <summary>Mean absolute error, as <c>torch.nn.functional.l1_loss</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.l1_loss(input, target, reduction);
}

/// <summary>Squared error below <see cref="beta"/>, absolute error above, as torch.nn.SmoothL1Loss.</summary>
public sealed class SmoothL1Loss(string reduction = "mean", double beta = 1.0) : Loss(nameof(SmoothL1Loss), reduction)
{
    /// <summary>Where the loss switches from quadratic to linear.</summary>
    public double beta { get; } = beta;

    /// <summary>Huber-style smooth L1 loss, as <c>torch.nn.functional.smooth_l1_loss</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.smooth_l1_loss(input, target, reduction, beta);
}

/// <summary>Binary cross-entropy of probabilities, as torch.nn.BCELoss.</summary>
public sealed class BCELoss(Tensor? weight = null, string reduction = "mean") : WeightedLoss(nameof(BCELoss), weight, reduction)
{
    /// <summary>Binary cross-entropy of probabilities <paramref name="input"/> against <paramref name="target"/> in [0, 1], as <c>torch.nn.functional.binary_cross_entropy</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.binary_cross_entropy(input, target, weight, reduction);
}

/// <summary>Binary cross-entropy of logits, as torch.nn.BCEWithLogitsLoss; <c>weight</c> and <c>pos_weight</c> are buffers.</summary>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Binary cross-entropy on logits with optional per-element <paramref name="weight"/> and per-class <paramref name="pos_weight"/> for positives, both registered as buffers.</summary>
    public BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) : base(nameof(BCEWithLogitsLoss), reduction)
    {
        this.weight = Buffer(weight);
        register_buffer(nameof(weight), this.weight);
        this.pos_weight = Buffer(pos_weight);
        register_buffer(nameof(pos_weight), this.pos_weight);
    }

    /// <summary>Rescaling weight of each element's loss, or null.</summary>
    public Tensor? weight { get; }

    /// <summary>Weight of the positive examples per class (broadcast over the last dimension), or null.</summary>
    public Tensor? pos_weight { get; }

    /// <summary>Binary cross-entropy of logits <paramref name="input"/>, as <c>torch.nn.functional.binary_cross_entropy_with_logits</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight);
}

/// <summary>Cross-entropy of logits against class indices or class probabilities, as torch.nn.CrossEntropyLoss.</summary>
public sealed class CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean", double label_smoothing = 0.0)
    : WeightedLoss(nameof(CrossEntropyLoss), weight, reduction)
{
    /// <summary>Target value that is ignored and does not count in the mean.</summary>
    public long ignore_index { get; } = ignore_index;

    /// <summary>Amount in [0, 1] of smoothing mixed into the targets.</summary>
    public double label_smoothing { get; } = label_smoothing;

    /// <summary>Cross-entropy of logits (N, C) or (N, C, d…) against class indices or class probabilities, as <c>torch.nn.functional.cross_entropy</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) =>
        nn.functional.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
}

/// <summary>Negative log-likelihood of log-probabilities against class indices, as torch.nn.NLLLoss.</summary>
public sealed class NLLLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean") : WeightedLoss(nameof(NLLLoss), weight, reduction)
{
    /// <summary>Target value that is ignored and does not count in the mean.</summary>
    public long ignore_index { get; } = ignore_index;

    /// <summary>Negative log-likelihood of log-probabilities (N, C) against class indices, as <c>torch.nn.functional.nll_loss</c>.</summary>
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.nll_loss(input, target, weight, ignore_index, reduction);
}
