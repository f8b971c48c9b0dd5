using System;
using System.Collections.Generic;
using System.Linq;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Gradient clipping, as torch.nn.utils.</summary>
        public static partial class utils
        {
            /// <summary>
            /// Scales the gradients of <paramref name="parameters"/> in place so that their joint
            /// <paramref name="norm_type"/>-norm (as if concatenated into one vector) is at most
            /// <paramref name="max_norm"/>; returns the norm before clipping (a 0-d tensor, 0 when no
            /// parameter has a gradient). With <paramref name="error_if_nonfinite"/>, a NaN or infinite
            /// norm is an error instead of scaling every gradient by it.
            /// </summary>
            public static Tensor clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2.0, bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                Tensor[] grads = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
                if (grads.Length == 0)
                {
                    return tensor(0.0);
                }

                using IDisposable noGrad = no_grad();
                using DisposeScope scope = NewDisposeScope();
                Device device = grads[0].device;
                Tensor total_norm;
                if (double.IsPositiveInfinity(norm_type))
                {
                    Tensor[] norms = grads.Select(g => g.abs().max().to(device)).ToArray();
                    total_norm = norms.Length == 1 ? norms[0] : stack(norms).max();
                }
                else
                {
                    total_norm = stack(grads.Select(g => g.norm(norm_type).to(device)).ToArray()).norm(norm_type);
                }

                if (error_if_nonfinite && total_norm.isfinite().logical_not().item<bool>())
                {
                    throw new InvalidOperationException(
                        $"The total norm of order {optim.PythonNumber(norm_type)} for gradients from `parameters` is non-finite, so it cannot be clipped. " +
                        "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
                }

                // Multiplying by a coefficient clamped to 1 (rather than testing it) matches PyTorch bit for bit.
                Tensor clip_coef_clamped = (max_norm / (total_norm + 1e-6)).clamp_max(1.0);
                foreach (Tensor g in grads)
                {
                    g.mul_(clip_coef_clamped.to(g.device));
                }

                return total_norm.MoveToOuterDisposeScope();
            }

            /// <summary>Clips the gradient of one tensor; see the overload for many.</summary>
            public static Tensor clip_grad_norm_(Tensor parameter, double max_norm, double norm_type = 2.0, bool error_if_nonfinite = false) =>
                clip_grad_norm_([parameter], max_norm, norm_type, error_if_nonfinite);

            /// <summary>Clamps every gradient of <paramref name="parameters"/> into [−clip_value, clip_value], in place.</summary>
            public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                using IDisposable noGrad = no_grad();
                foreach (Tensor parameter in parameters)
                {
                    parameter.grad?.clamp_(-clip_value, clip_value);
                }
            }

            /// <summary>Clamps the gradient of one tensor; see the overload for many.</summary>
            public static void clip_grad_value_(Tensor parameter, double clip_value) => clip_grad_value_([parameter], clip_value);
        }
    }
}
