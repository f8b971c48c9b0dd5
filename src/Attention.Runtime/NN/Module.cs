using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>Neural-network building blocks, as <c>torch.nn</c>: layer factories, <see cref="Module"/>, <see cref="Parameter"/>, and the nested <see cref="functional"/>, <see cref="init"/> and <see cref="utils"/>.</summary>
    public static partial class nn
    {
        /// <summary>
        /// Base of every layer and network. A module registers its submodules, parameters and buffers
        /// explicitly and in order (no reflection, so modules are trimming- and NativeAOT-safe); the
        /// registration order gives PyTorch's names and order in <see cref="named_parameters"/> and
        /// <see cref="state_dict"/>: <c>features.0.weight</c>, <c>bn.running_mean</c>.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<KeyValuePair<string, Module>> childModules = [];
            private readonly List<KeyValuePair<string, Parameter?>> ownParameters = [];
            private readonly List<Buffer> ownBuffers = [];
            private bool disposed;

            /// <summary>A module called <paramref name="name"/> (its type name in printouts).</summary>
            /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
            protected Module(string name)
            {
                ArgumentException.ThrowIfNullOrEmpty(name);
                this.name = name;
            }

            /// <summary>The module's type name, used in summaries and messages.</summary>
            public string name { get; }

            /// <summary>True in training mode (the default), false after <see cref="eval"/>.</summary>
            public bool training { get; private set; } = true;

            // ---- registration -------------------------------------------------------------------

            /// <summary>Adds a submodule under <paramref name="name"/>; its parameters are named <c>name.…</c>.</summary>
            public void register_module(string name, Module module)
            {
                ArgumentNullException.ThrowIfNull(module);
                EnsureNewName(name);
                childModules.Add(new(name, module));
            }

            /// <summary>Adds a parameter (null registers an absent one, such as a disabled bias).</summary>
            public void register_parameter(string name, Parameter? parameter)
            {
                EnsureNewName(name);
                ownParameters.Add(new(name, parameter));
            }

            /// <summary>Adds a buffer: state that is not trained (running statistics). Non-persistent buffers stay out of the state dict.</summary>
            public void register_buffer(string name, Tensor? tensor, bool persistent = true)
            {
                EnsureNewName(name);
                if (tensor is not null)
                {
                    DisposeScope.Detach(tensor);
                }

                ownBuffers.Add(new Buffer(name, tensor, persistent));
            }

            private void EnsureNewName(string name)
            {
                ArgumentException.ThrowIfNullOrEmpty(name);
                if (name.Contains('.', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Member name '{name}' cannot contain '.'.", nameof(name));
                }

                if (childModules.Any(c => c.Key == name) || ownParameters.Any(p => p.Key == name) || ownBuffers.Any(b => b.Name == name))
                {
                    throw new ArgumentException($"{this.name} already has a member named '{name}'.", nameof(name));
                }
            }

            // ---- traversal ----------------------------------------------------------------------

            /// <summary>Direct submodules, in registration order.</summary>
            public IEnumerable<(string name, Module module)> named_children() => childModules.Select(c => (c.Key, c.Value));

            /// <summary>Direct submodules, in registration order.</summary>
            public IEnumerable<Module> children() => childModules.Select(c => c.Value);

            /// <summary>This module (named "") and every module below it, depth first, each once.</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
                return NamedModules("", seen);
            }

            /// <summary>This module and every module below it, depth first, each once.</summary>
            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            private IEnumerable<(string name, Module module)> NamedModules(string prefix, HashSet<Module> seen)
            {
                if (!seen.Add(this))
                {
                    yield break;
                }

                yield return (prefix, this);
                foreach (var (childName, child) in named_children())
                {
                    foreach (var entry in child.NamedModules(Join(prefix, childName), seen))
                    {
                        yield return entry;
                    }
                }
            }

            /// <summary>Every parameter with its dotted name, in PyTorch's order; a parameter shared by two modules appears once.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                foreach (var (prefix, module) in recurse ? named_modules() : [("", this)])
                {
                    foreach (var (key, parameter) in module.ownParameters)
                    {
                        if (parameter is not null && seen.Add(parameter))
                        {
                            yield return (Join(prefix, key), parameter);
                        }
                    }
                }
            }

            /// <summary>The parameters of this module and, with <paramref name="recurse"/>, of its submodules; each shared parameter once.</summary>
            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>Every buffer with its dotted name.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (prefix, module) in recurse ? named_modules() : [("", this)])
                {
                    foreach (Buffer buffer in module.ownBuffers)
                    {
                        if (buffer.Tensor is not null)
                        {
                            yield return (Join(prefix, buffer.Name), buffer.Tensor);
                        }
                    }
                }
            }

            /// <summary>The buffers of this module and, with <paramref name="recurse"/>, of its submodules.</summary>
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

            // ---- state dict ---------------------------------------------------------------------

            /// <summary>
            /// Parameters and persistent buffers by PyTorch's key, in PyTorch's order (each module's own
            /// parameters, then its buffers, then its children). The tensors are detached views sharing the
            /// module's storage, as in PyTorch; they join the current dispose scope.
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var (prefix, module) in named_modules())
                {
                    foreach (var (key, parameter) in module.ownParameters)
                    {
                        if (parameter is not null)
                        {
                            result.TryAdd(Join(prefix, key), parameter.detach());
                        }
                    }

                    foreach (Buffer buffer in module.ownBuffers)
                    {
                        if (buffer.Tensor is not null && buffer.Persistent)
                        {
                            result.TryAdd(Join(prefix, buffer.Name), buffer.Tensor.detach());
                        }
                    }
                }

                return result;
            }

            /// <summary>
            /// Copies <paramref name="state"/> into the parameters and buffers. With <paramref name="strict"/>,
            /// missing and unexpected keys are errors; a shape mismatch is always an error. Nothing is copied
            /// unless every check passes, and the error lists every problem at once.
            /// </summary>
            public LoadStateDictResult load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
            {
                ArgumentNullException.ThrowIfNull(state);
                var targets = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var (prefix, module) in named_modules())
                {
                    foreach (var (key, parameter) in module.ownParameters)
                    {
                        if (parameter is not null)
                        {
                            targets.TryAdd(Join(prefix, key), parameter);
                        }
                    }

                    foreach (Buffer buffer in module.ownBuffers)
                    {
                        if (buffer.Tensor is not null && buffer.Persistent)
                        {
                            targets.TryAdd(Join(prefix, buffer.Name), buffer.Tensor);
                        }
                    }
                }

                var missing = targets.Keys.Where(k => !state.ContainsKey(k)).ToList();
                var unexpected = state.Keys.Where(k => !targets.ContainsKey(k)).ToList();
                var mismatched = new List<string>();
                foreach (var (key, target) in targets)
                {
                    if (state.TryGetValue(key, out Tensor? source) && !source.shape.AsSpan().SequenceEqual(target.shape))
                    {
                        mismatched.Add($"size mismatch for {key}: copying a param with shape [{string.Join(", ", source.shape)}] from checkpoint, the shape in current model is [{string.Join(", ", target.shape)}].");
                    }
                }

                var errors = new List<string>();
                if (strict && unexpected.Count > 0)
                {
                    errors.Add("Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")) + ".");
                }

                if (strict && missing.Count > 0)
                {
                    errors.Add("Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")) + ".");
                }

                errors.AddRange(mismatched);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException($"Error(s) in loading state_dict for {name}:{Environment.NewLine}\t" + string.Join(Environment.NewLine + "\t", errors));
                }

                using (no_grad())
                {
                    foreach (var (key, target) in targets)
                    {
                        if (state.TryGetValue(key, out Tensor? source))
                        {
                            target.copy_(source);
                        }
                    }
                }

                return new LoadStateDictResult(missing, unexpected);
            }

            // ---- modes, devices, gradients ------------------------------------------------------

            /// <summary>Sets training mode on this module and every submodule (dropout active, batch statistics used).</summary>
            public Module train(bool mode = true)
            {
                foreach (Module module in modules())
                {
                    module.training = mode;
                }

                return this;
            }

            /// <summary>Sets evaluation mode (dropout off, running statistics used).</summary>
            public Module eval() => train(false);

            /// <summary>
            /// Moves every parameter, gradient and buffer to <paramref name="device"/> and/or converts floating-point
            /// ones to <paramref name="dtype"/>, in place: the same Parameter objects now hold the new data, so an
            /// optimizer built before the move stays valid.
            /// </summary>
            public Module to(Device? device = null, ScalarType? dtype = null)
            {
                if (dtype is { } type && !is_floating_point(type))
                {
                    throw new ArgumentException($"Module.to only accepts floating-point dtypes, but got {dtype_name(type)}.", nameof(dtype));
                }

                foreach (Module module in modules())
                {
                    foreach (var (_, parameter) in module.ownParameters)
                    {
                        if (parameter is not null)
                        {
                            MoveInPlace(parameter, device, dtype);
                            if (parameter.grad is { } grad)
                            {
                                MoveInPlace(grad, device, dtype);
                            }
                        }
                    }

                    foreach (Buffer buffer in module.ownBuffers)
                    {
                        if (buffer.Tensor is not null)
                        {
                            MoveInPlace(buffer.Tensor, device, dtype);
                        }
                    }
                }

                return this;
            }

            /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/> in place; returns this module.</summary>
            public Module to(ScalarType dtype) => to(null, dtype);

            /// <summary>Moves parameters and buffers to CUDA device <paramref name="index"/> (the current one for -1); returns this module.</summary>
            public Module cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));

            /// <summary>Moves parameters and buffers to the CPU; returns this module.</summary>
            public Module cpu() => to(CPU);

            private static void MoveInPlace(Tensor tensor, Device? device, ScalarType? dtype)
            {
                ScalarType target = dtype is { } d && tensor.is_floating_point() ? d : tensor.dtype;
                Device where = device ?? tensor.device;
                if (target == tensor.dtype && where == tensor.device)
                {
                    return;
                }

                using Tensor moved = tensor.to(where, target);
                NativeError.Check(NativeMethods.shim_tensor_set_data(tensor.Handle, moved.Handle));
            }

            /// <summary>Clears every parameter's gradient (to none by default, as PyTorch 2 does; to zeros otherwise).</summary>
            public void zero_grad(bool set_to_none = true)
            {
                foreach (Parameter parameter in parameters())
                {
                    parameter.ClearGrad(set_to_none);
                }
            }

            /// <summary>Releases every parameter and buffer of this module and its submodules.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Releases the parameters and buffers of this module and its submodules when <paramref name="disposing"/>; runs once.</summary>
            protected virtual void Dispose(bool disposing)
            {
                if (disposed || !disposing)
                {
                    return;
                }

                disposed = true;
                foreach (var (_, parameter) in ownParameters)
                {
                    parameter?.Dispose();
                }

                foreach (Buffer buffer in ownBuffers)
                {
                    buffer.Tensor?.Dispose();
                }

                if (!DisposesChildren)
                {
                    return;
                }

                foreach (var (_, child) in childModules)
                {
                    child.Dispose();
                }
            }

            /// <summary>Whether disposing this module disposes its submodules: false for a wrapper that does not own what it wraps.</summary>
            private protected virtual bool DisposesChildren => true;

            private sealed record Buffer(string Name, Tensor? Tensor, bool Persistent);
        }

        /// <summary>The keys that <see cref="Module.load_state_dict"/> left alone (non-strict) or found unused.</summary>
        public sealed record LoadStateDictResult(IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys);

        /// <summary>A module with one input.</summary>
        public abstract class Module<TInput, TOutput> : Module
        {
            /// <summary>A module called <paramref name="name"/>.</summary>
            protected Module(string name) : base(name)
            {
            }

            /// <summary>The computation; call it through <see cref="call"/>.</summary>
            public abstract TOutput forward(TInput input);

            /// <summary>Runs <see cref="forward"/>.</summary>
            public TOutput call(TInput input) => forward(input);
        }

        /// <summary>A module with two inputs (cross-attention, fusion).</summary>
        public abstract class Module<TInput1, TInput2, TOutput> : Module
        {
            /// <summary>A module called <paramref name="name"/>.</summary>
            protected Module(string name) : base(name)
            {
            }

            /// <summary>The computation; call it through <see cref="call"/>.</summary>
            public abstract TOutput forward(TInput1 input1, TInput2 input2);

            /// <summary>Runs <see cref="forward"/>.</summary>
            public TOutput call(TInput1 input1, TInput2 input2) => forward(input1, input2);
        }

        /// <summary>A module with three inputs (query, key, value).</summary>
        public abstract class Module<TInput1, TInput2, TInput3, TOutput> : Module
        {
            /// <summary>A module called <paramref name="name"/>.</summary>
            protected Module(string name) : base(name)
            {
            }

            /// <summary>The computation; call it through <see cref="call"/>.</summary>
            public abstract TOutput forward(TInput1 input1, TInput2 input2, TInput3 input3);

            /// <summary>Runs <see cref="forward"/>.</summary>
            public TOutput call(TInput1 input1, TInput2 input2, TInput3 input3) => forward(input1, input2, input3);
        }
    }
}
