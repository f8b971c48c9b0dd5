using Attention.Runtime.Modules;

namespace Attention.Runtime;

// Loss factories with TorchSharp's shape: torch.nn.CrossEntropyLoss() creates a Modules.CrossEntropyLoss.
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Mean squared error loss.</summary>
        public static MSELoss MSELoss(string reduction = "mean") => new(reduction);

        /// <summary>Mean absolute error loss.</summary>
        public static L1Loss L1Loss(string reduction = "mean") => new(reduction);

        /// <summary>Smooth L1 loss: squared below <paramref name="beta"/>, absolute above.</summary>
        public static SmoothL1Loss SmoothL1Loss(string reduction = "mean", double beta = 1.0) => new(reduction, beta);

        /// <summary>Binary cross-entropy of probabilities.</summary>
        public static BCELoss BCELoss(Tensor? weight = null, string reduction = "mean") => new(weight, reduction);

        /// <summary>Binary cross-entropy of logits.</summary>
        public static BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) =>
            new(weight, reduction, pos_weight);

        /// <summary>Cross-entropy of logits against class indices or class probabilities.</summary>
        public static CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean", double label_smoothing = 0.0) =>
            new(weight, ignore_index, reduction, label_smoothing);

        /// <summary>Negative log-likelihood of log-probabilities against class indices.</summary>
        public static NLLLoss NLLLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean") => new(weight, ignore_index, reduction);
    }
}
