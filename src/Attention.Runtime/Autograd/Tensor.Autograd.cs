using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    public partial class Tensor
    {
        // The managed wrapper of the current gradient, reused while libtorch keeps the same gradient
        // tensor, so reading .grad in a loop does not create a handle per access. Guarded by the handle
        // object (.grad may be read from several threads while another replaces it).
        private Tensor? cachedGrad;
        private IntPtr cachedGradIdentity;

        /// <summary>
        /// Whether operations on this tensor are recorded for differentiation. Only a leaf's flag can be set
        /// (PyTorch's rule and message); use <see cref="detach"/> for a computed tensor.
        /// </summary>
        public bool requires_grad
        {
            get => NativeMethods.shim_tensor_requires_grad(handle) != 0;
            set => NativeError.Check(NativeMethods.shim_tensor_set_requires_grad(handle, Flag(value)));
        }

        /// <summary>
        /// Sets <see cref="requires_grad"/> in place and returns this tensor, as PyTorch's <c>requires_grad_</c>:
        /// a non-leaf can be marked (a no-op) but not unmarked.
        /// </summary>
        public Tensor requires_grad_(bool requires_grad = true)
        {
            NativeError.Check(NativeMethods.shim_tensor_requires_grad_(handle, Flag(requires_grad)));
            return this;
        }

        /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
        public bool is_leaf => NativeMethods.shim_tensor_is_leaf(handle) != 0;

        /// <summary>
        /// The gradient accumulated by <see cref="backward"/>, or null. The same object is returned until the
        /// gradient is replaced, and the current one is disposed with this tensor. A gradient that is replaced
        /// (by <c>zero_grad()</c>, which sets it to null, or by assigning another) stays valid for whoever holds
        /// it, as in PyTorch, and is released by the garbage collector once no one does. Safe to read from
        /// several threads while another runs backward or replaces it. Setting it checks the new gradient's
        /// dtype, device and size against this tensor's, with PyTorch's messages (null clears it).
        /// </summary>
        public Tensor? grad
        {
            get
            {
                lock (handle)
                {
                    NativeError.Check(NativeMethods.shim_tensor_grad_if_changed(handle, cachedGradIdentity, out IntPtr identity, out IntPtr raw));
                    if (identity == IntPtr.Zero)
                    {
                        RetireCachedGrad();
                        return null;
                    }

                    if (raw == IntPtr.Zero && cachedGrad is { IsDisposed: false })
                    {
                        return cachedGrad;
                    }

                    RetireCachedGrad();
                    if (raw == IntPtr.Zero)
                    {
                        // The cached wrapper was disposed by its holder: fetch a new handle to the same gradient.
                        NativeError.Check(NativeMethods.shim_tensor_grad_if_changed(handle, IntPtr.Zero, out identity, out raw));
                    }

                    cachedGrad = DisposeScope.Detach(FromRaw(raw));
                    cachedGradIdentity = identity;
                    return cachedGrad;
                }
            }
            set
            {
                lock (handle)
                {
                    NativeError.Check(NativeMethods.shim_tensor_set_grad(handle, OptionalHandle(value)));
                    RetireCachedGrad();
                }
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

        /// <summary>Forgets the cached gradient wrapper without disposing it: its holders keep it, the GC releases it.</summary>
        private void RetireCachedGrad()
        {
            if (cachedGrad is { IsDisposed: false } retired)
            {
                retired.Handle.LeaveToCollector(retired.numel() * retired.element_size());
            }

            cachedGrad = null;
            cachedGradIdentity = IntPtr.Zero;
        }

        /// <summary>Disposes the current gradient's wrapper with this tensor.</summary>
        private void ReleaseCachedGrad()
        {
            lock (owned)
            {
                cachedGrad?.Dispose();
                cachedGrad = null;
                cachedGradIdentity = IntPtr.Zero;
            }
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
