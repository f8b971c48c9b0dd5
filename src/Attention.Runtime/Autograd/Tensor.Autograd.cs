using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    public partial class Tensor
    {
        // The managed wrapper of the current gradient, reused while libtorch keeps the same
        // gradient tensor, so reading .grad in a loop does not create a handle per access.
        private Tensor? cachedGrad;
        private IntPtr cachedGradIdentity;

        /// <summary>Whether operations on this tensor are recorded for differentiation.</summary>
        public bool requires_grad
        {
            get => NativeMethods.shim_tensor_requires_grad(handle) != 0;
            set => NativeError.Check(NativeMethods.shim_tensor_set_requires_grad(handle, Flag(value)));
        }

        /// <summary>Sets <see cref="requires_grad"/> in place and returns this tensor.</summary>
        public Tensor requires_grad_(bool requires_grad = true)
        {
            this.requires_grad = requires_grad;
            return this;
        }

        /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
        public bool is_leaf => NativeMethods.shim_tensor_is_leaf(handle) != 0;

        /// <summary>
        /// The gradient accumulated by <see cref="backward"/>, or null. Owned by this tensor: the same
        /// object is returned until the gradient is replaced, and it is disposed with this tensor.
        /// Setting it replaces the gradient (null clears it).
        /// </summary>
        public Tensor? grad
        {
            get
            {
                IntPtr identity = NativeMethods.shim_tensor_grad_identity(handle);
                if (identity == IntPtr.Zero)
                {
                    ReleaseCachedGrad();
                    return null;
                }

                if (identity == cachedGradIdentity && cachedGrad is { IsDisposed: false })
                {
                    return cachedGrad;
                }

                ReleaseCachedGrad();
                NativeError.Check(NativeMethods.shim_tensor_grad(handle, out IntPtr raw));
                cachedGrad = DisposeScope.Detach(FromRaw(raw));
                cachedGradIdentity = identity;
                return cachedGrad;
            }
            set
            {
                ReleaseCachedGrad();
                NativeError.Check(NativeMethods.shim_tensor_set_grad(handle, OptionalHandle(value)));
            }
        }

        /// <summary>
        /// Clears the gradient, as PyTorch's zero_grad: drops it, or zeroes it in place after cutting it
        /// from any graph that backward(create_graph: true) recorded. Shared by Module and Optimizer.
        /// </summary>
        internal void ClearGrad(bool setToNone)
        {
            if (grad is not { } current)
            {
                return;
            }

            if (setToNone)
            {
                grad = null;
            }
            else
            {
                current.detach_().requires_grad_(false).zero_();
            }
        }

        private void ReleaseCachedGrad()
        {
            cachedGrad?.Dispose();
            cachedGrad = null;
            cachedGradIdentity = IntPtr.Zero;
        }

        /// <summary>
        /// Computes the gradient of this tensor with respect to the graph's leaves and accumulates it
        /// into their <see cref="grad"/>. <paramref name="gradient"/> is required unless this is a scalar.
        /// </summary>
        public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
            NativeError.Check(NativeMethods.shim_tensor_backward(handle, OptionalHandle(gradient), Flag(retain_graph), Flag(create_graph)));

        /// <summary>A tensor sharing this one's data, cut off from the autograd graph.</summary>
        public Tensor detach() => FromNative(NativeMethods.shim_tensor_detach(handle));

        /// <summary>Cuts this tensor off from the autograd graph, in place.</summary>
        public Tensor detach_() => InPlace(NativeMethods.shim_tensor_detach_(handle));

        /// <summary>Keeps the gradient of this non-leaf tensor after <see cref="backward"/>.</summary>
        public Tensor retain_grad() => InPlace(NativeMethods.shim_tensor_retain_grad(handle));
    }
}
