using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Base of the loss modules, as PyTorch's _Loss: forward(input, target) returns the loss reduced by
/// <see cref="reduction"/> ("mean", "sum" or "none", checked when the loss is computed).
/// </summary>
public abstract class Loss : nn.Module<Tensor, Tensor, Tensor>
{
    protected Loss(string name, string reduction) : base(name)
    {
        this.reduction = reduction;
    }

    public string reduction { get; }

    // The module disposes its buffers, so it keeps its own handle on the caller's tensor (same
    // storage, as PyTorch shares the tensor) and leaves the caller's to the caller.
    protected static Tensor? Buffer(Tensor? tensor) => tensor?.detach();
}

/// <summary>
/// A loss with optional per-class weights, as PyTorch's _WeightedLoss: <c>weight</c> is a buffer
/// (in the state dict when given).
/// </summary>
public abstract class WeightedLoss : Loss
{
    protected WeightedLoss(string name, Tensor? weight, string reduction) : base(name, reduction)
    {
        this.weight = Buffer(weight);
        register_buffer(nameof(weight), this.weight);
    }

    public Tensor? weight { get; }
}

/// <summary>Mean (or sum) of the squared errors, as torch.nn.MSELoss.</summary>
public sealed class MSELoss(string reduction = "mean") : Loss(nameof(MSELoss), reduction)
{
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.mse_loss(input, target, reduction);
}

/// <summary>Mean (or sum) of the absolute errors, as torch.nn.L1Loss.</summary>
public sealed class L1Loss(string reduction = "mean") : Loss(nameof(L1Loss), reduction)
{
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.l1_loss(input, target, reduction);
}

/// <summary>Squared error below <see cref="beta"/>, absolute error above, as torch.nn.SmoothL1Loss.</summary>
public sealed class SmoothL1Loss(string reduction = "mean", double beta = 1.0) : Loss(nameof(SmoothL1Loss), reduction)
{
    public double beta { get; } = beta;

    public override Tensor forward(Tensor input, Tensor target) => nn.functional.smooth_l1_loss(input, target, reduction, beta);
}

/// <summary>Binary cross-entropy of probabilities, as torch.nn.BCELoss.</summary>
public sealed class BCELoss(Tensor? weight = null, string reduction = "mean") : WeightedLoss(nameof(BCELoss), weight, reduction)
{
    public override Tensor forward(Tensor input, Tensor target) => nn.functional.binary_cross_entropy(input, target, weight, reduction);
}

/// <summary>Binary cross-entropy of logits, as torch.nn.BCEWithLogitsLoss; <c>weight</c> and <c>pos_weight</c> are buffers.</summary>
public sealed class BCEWithLogitsLoss : Loss
{
    public BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) : base(nameof(BCEWithLogitsLoss), reduction)
    {
        this.weight = Buffer(weight);
        register_buffer(nameof(weight), this.weight);
        this.pos_weight = Buffer(pos_weight);
        register_buffer(nameof(pos_weight), this.pos_weight);
    }

    public Tensor? weight { get; }

    public Tensor? pos_weight { get; }

    public override Tensor forward(Tensor input, Tensor target) =>
        nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight);
}

/// <summary>Cross-entropy of logits against class indices or class probabilities, as torch.nn.CrossEntropyLoss.</summary>
public sealed class CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean", double label_smoothing = 0.0)
    : WeightedLoss(nameof(CrossEntropyLoss), weight, reduction)
{
    public long ignore_index { get; } = ignore_index;

    public double label_smoothing { get; } = label_smoothing;

    public override Tensor forward(Tensor input, Tensor target) =>
        nn.functional.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
}

/// <summary>Negative log-likelihood of log-probabilities against class indices, as torch.nn.NLLLoss.</summary>
public sealed class NLLLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean") : WeightedLoss(nameof(NLLLoss), weight, reduction)
{
    public long ignore_index { get; } = ignore_index;

    public override Tensor forward(Tensor input, Tensor target) => nn.functional.nll_loss(input, target, weight, ignore_index, reduction);
}
