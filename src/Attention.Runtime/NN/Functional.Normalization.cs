using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Batch and layer normalization.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Normalizes each channel (dim 1) of <paramref name="input"/>, then scales by <paramref name="weight"/> and
            /// shifts by <paramref name="bias"/>. In training mode the batch's statistics are used and the running
            /// statistics, when given, are updated in place (new = (1 − momentum)·old + momentum·batch, with the
            /// unbiased batch variance); otherwise the running statistics are used.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                Tensor.FromNative(NativeMethods.shim_batch_norm(Handle(input), OptionalHandle(running_mean), OptionalHandle(running_var),
                    OptionalHandle(weight), OptionalHandle(bias), Flag(training), momentum, eps));

            /// <summary>Normalizes over the last dimensions (those of <paramref name="normalized_shape"/>), then applies the elementwise affine transform when given.</summary>
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(normalized_shape);
                return Tensor.FromNative(NativeMethods.shim_layer_norm(Handle(input), normalized_shape, normalized_shape.Length, OptionalHandle(weight), OptionalHandle(bias), eps));
            }
        }
    }
}
