using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>Disables gradient recording until the returned scope is disposed, then restores the previous mode.</summary>
    public static IDisposable no_grad() => new GradModeScope(enabled: false);

    /// <summary>Enables gradient recording until the returned scope is disposed, then restores the previous mode.</summary>
    public static IDisposable enable_grad() => new GradModeScope(enabled: true);

    /// <summary>Sets gradient recording to <paramref name="enabled"/> until the returned scope is disposed.</summary>
    public static IDisposable set_grad_enabled(bool enabled) => new GradModeScope(enabled);

    /// <summary>
    /// Inference mode: like <see cref="no_grad"/>, and tensors created inside skip autograd's
    /// bookkeeping entirely (they can never be used in a recorded operation later).
    /// </summary>
    public static IDisposable inference_mode(bool enabled = true) => new InferenceModeScope(enabled);

    /// <summary>Whether gradient recording is on for this thread (<c>torch.is_grad_enabled</c>).</summary>
    public static bool is_grad_enabled() => NativeMethods.shim_is_grad_enabled() != 0;

    /// <summary>Whether inference mode is on for this thread (<c>torch.is_inference_mode_enabled</c>).</summary>
    public static bool is_inference_mode_enabled() => NativeMethods.shim_is_inference_mode_enabled() != 0;

    /// <summary>
    /// libtorch's grad mode is per thread, as in PyTorch: a scope must be disposed on the thread
    /// that opened it, so do not <c>await</c> inside one.
    /// </summary>
    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled)
        {
            previous = is_grad_enabled();
            NativeMethods.shim_set_grad_enabled(Flag(enabled));
        }

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                NativeMethods.shim_set_grad_enabled(Flag(previous));
            }
        }
    }

    private sealed class InferenceModeScope : IDisposable
    {
        private IntPtr guard;

        public InferenceModeScope(bool enabled)
        {
            guard = NativeMethods.shim_inference_mode_enter(Flag(enabled));
            if (guard == IntPtr.Zero)
            {
                throw NativeError.Last();
            }
        }

        public void Dispose()
        {
            if (guard != IntPtr.Zero)
            {
                NativeMethods.shim_inference_mode_exit(guard);
                guard = IntPtr.Zero;
            }
        }
    }

    /// <summary>Functional differentiation, as <c>torch.autograd</c>.</summary>
    public static class autograd
    {
        /// <summary>
        /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, without
        /// touching any <c>.grad</c>. An entry is null for an input the outputs do not depend on, when
        /// <paramref name="allow_unused"/> is set.
        /// </summary>
        public static unsafe Tensor?[] grad(Tensor[] outputs, Tensor[] inputs, Tensor?[]? grad_outputs = null,
            bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            ArgumentNullException.ThrowIfNull(outputs);
            ArgumentNullException.ThrowIfNull(inputs);
            if (grad_outputs is not null && grad_outputs.Length != outputs.Length)
            {
                throw new ArgumentException($"grad_outputs has {grad_outputs.Length} entries but there are {outputs.Length} outputs.", nameof(grad_outputs));
            }

            // Keep every handle referenced for the duration of the call.
            var held = new System.Collections.Generic.List<TensorHandle>();
            try
            {
                IntPtr* outs = stackalloc IntPtr[outputs.Length];
                IntPtr* ins = stackalloc IntPtr[inputs.Length];
                IntPtr* gradOuts = stackalloc IntPtr[outputs.Length];
                IntPtr* results = stackalloc IntPtr[inputs.Length];
                for (int i = 0; i < outputs.Length; i++)
                {
                    outs[i] = AddRef(outputs[i], held);
                    gradOuts[i] = grad_outputs?[i] is { } g ? AddRef(g, held) : IntPtr.Zero;
                }

                for (int i = 0; i < inputs.Length; i++)
                {
                    ins[i] = AddRef(inputs[i], held);
                }

                NativeError.Check(NativeMethods.shim_autograd_grad(outs, outputs.Length, ins, inputs.Length,
                    grad_outputs is null ? null : gradOuts, Flag(retain_graph), Flag(create_graph), Flag(allow_unused), results));
                var gradients = new Tensor?[inputs.Length];
                for (int i = 0; i < inputs.Length; i++)
                {
                    gradients[i] = results[i] == IntPtr.Zero ? null : Tensor.FromRaw(results[i]);
                }

                return gradients;
            }
            finally
            {
                foreach (TensorHandle h in held)
                {
                    h.DangerousRelease();
                }
            }
        }

        private static IntPtr AddRef(Tensor tensor, System.Collections.Generic.List<TensorHandle> held)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            bool added = false;
            tensor.Handle.DangerousAddRef(ref added);
            held.Add(tensor.Handle);
            return tensor.Handle.DangerousGetHandle();
        }
    }
}
