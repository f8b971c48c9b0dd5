using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// torch.nn.functional losses. `reduction` is "mean" (the default), "sum" or "none" (the
// per-element losses), as in PyTorch; the deprecated size_average/reduce flags are not offered.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Squared error (input − target)², reduced; input and target broadcast against each other.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean") =>
                Tensor.FromNative(NativeMethods.shim_mse_loss(Handle(input), Handle(target), ReductionCode(reduction)));

            /// <summary>Absolute error |input − target|, reduced; input and target broadcast against each other.</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean") =>
                Tensor.FromNative(NativeMethods.shim_l1_loss(Handle(input), Handle(target), ReductionCode(reduction)));

            /// <summary>
            /// 0.5·d²/<paramref name="beta"/> where |d| &lt; beta, |d| − 0.5·beta elsewhere (d = input − target), reduced;
            /// beta = 0 gives the L1 loss.
            /// </summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0) =>
                Tensor.FromNative(NativeMethods.shim_smooth_l1_loss(Handle(input), Handle(target), ReductionCode(reduction), beta));

            /// <summary>
            /// −w·(target·log(input) + (1 − target)·log(1 − input)) for probabilities <paramref name="input"/>, reduced;
            /// target has input's shape, <paramref name="weight"/> broadcasts to it.
            /// </summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean") =>
                Tensor.FromNative(NativeMethods.shim_binary_cross_entropy(Handle(input), Handle(target), OptionalHandle(weight), ReductionCode(reduction)));

            /// <summary>
            /// Binary cross-entropy of sigmoid(input), computed stably from the logits, reduced. <paramref name="pos_weight"/>
            /// scales the positive term per class (broadcast along the last dimension).
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) =>
                Tensor.FromNative(NativeMethods.shim_binary_cross_entropy_with_logits(Handle(input), Handle(target), OptionalHandle(weight), OptionalHandle(pos_weight),
                    ReductionCode(reduction)));

            /// <summary>
            /// Cross-entropy of the logits <paramref name="input"/> [N, C, d1, …] (or [C]) against class indices (int64, shape
            /// [N, d1, …]) or class probabilities (floating point, input's shape), reduced. Under "mean", index targets average
            /// over the weights of the targets not equal to <paramref name="ignore_index"/> (NaN when every one is ignored).
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean",
                double label_smoothing = 0.0) =>
                Tensor.FromNative(NativeMethods.shim_cross_entropy(Handle(input), Handle(target), OptionalHandle(weight), ReductionCode(reduction),
                    ignore_index, label_smoothing));

            /// <summary>
            /// Negative log-likelihood: −weight[c]·input[n, c, …] for the class index c = target[n, …] of log-probabilities
            /// <paramref name="input"/>, reduced as <see cref="cross_entropy"/> is.
            /// </summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean") =>
                Tensor.FromNative(NativeMethods.shim_nll_loss(Handle(input), Handle(target), OptionalHandle(weight), ReductionCode(reduction), ignore_index));

            // libtorch's at::Reduction values.
            private static long ReductionCode(string reduction) => reduction switch
            {
                "none" => 0,
                "mean" => 1,
                "sum" => 2,
                _ => throw new ArgumentException($"{reduction} is not a valid value for reduction", nameof(reduction)),
            };
        }
    }
}
