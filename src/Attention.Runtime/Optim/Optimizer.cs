using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>Optimizers (SGD, Adam, AdamW, RMSprop) and learning-rate schedulers, as torch.optim.</summary>
    public static partial class optim
    {
        /// <summary>
        /// Base of every optimizer, as torch.optim.Optimizer: parameter groups with their own
        /// hyperparameters, per-parameter state created on the first step, <see cref="step"/>,
        /// <see cref="zero_grad"/>, and a PyTorch-shaped <see cref="state_dict"/> that
        /// <see cref="load_state_dict"/> restores exactly. Dispose it to release its state tensors.
        /// </summary>
        public abstract class Optimizer : IDisposable
        {
            private readonly List<ParamGroup> groups = [];
            private readonly Dictionary<Tensor, Dictionary<string, object?>> state = new(ReferenceEqualityComparer.Instance);
            private readonly Dictionary<string, object> defaultOptions;
            private readonly Action<ParamGroup> validate;
            private bool disposed;

            /// <param name="param_groups">The groups; a group's missing hyperparameters come from <paramref name="defaults"/>.</param>
            /// <param name="defaults">The constructor's hyperparameters, in PyTorch's order.</param>
            /// <param name="validate">Checks a group's hyperparameters (PyTorch checks the constructor's; this checks every group's).</param>
            protected Optimizer(IEnumerable<ParamGroup> param_groups, IEnumerable<KeyValuePair<string, object>> defaults, Action<ParamGroup> validate)
            {
                ArgumentNullException.ThrowIfNull(param_groups);
                ArgumentNullException.ThrowIfNull(defaults);
                ArgumentNullException.ThrowIfNull(validate);
                defaultOptions = new Dictionary<string, object>(defaults, StringComparer.Ordinal);
                this.validate = validate;
                var given = param_groups.ToList();
                if (given.Count == 0)
                {
                    throw new ArgumentException("optimizer got an empty parameter list", nameof(param_groups));
                }

                foreach (ParamGroup group in given)
                {
                    add_param_group(group);
                }
            }

            /// <summary>The hyperparameters given to the constructor, used for groups that do not set their own.</summary>
            public IReadOnlyDictionary<string, object> defaults => defaultOptions;

            /// <summary>The parameter groups, in order.</summary>
            public IReadOnlyList<ParamGroup> param_groups => groups;

            /// <summary>
            /// Adds a group (fine-tuning a layer that was frozen). Its missing hyperparameters are taken from
            /// the defaults; a parameter already in another group, or given twice, is an error.
            /// </summary>
            public void add_param_group(ParamGroup param_group)
            {
                ArgumentNullException.ThrowIfNull(param_group);
                ObjectDisposedException.ThrowIf(disposed, this);
                foreach (Tensor parameter in param_group.@params)
                {
                    ArgumentNullException.ThrowIfNull(parameter, nameof(param_group));
                    if (!parameter.is_leaf)
                    {
                        throw new ArgumentException("can't optimize a non-leaf Tensor", nameof(param_group));
                    }
                }

                var inGroup = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                if (!param_group.@params.All(inGroup.Add))
                {
                    // PyTorch only warns here ("in future, this will cause an error"); a duplicate would be updated twice.
                    throw new ArgumentException("optimizer contains a parameter group with duplicate parameters", nameof(param_group));
                }

                if (groups.Any(g => g.@params.Any(inGroup.Contains)))
                {
                    throw new ArgumentException("some parameters appear in more than one parameter group", nameof(param_group));
                }

                foreach (var (key, value) in defaultOptions)
                {
                    param_group.SetDefault(key, value);
                }

                validate(param_group);
                groups.Add(param_group);
            }

            /// <summary>
            /// Clears the gradient of every parameter: to none by default (PyTorch 2's default), or to zeros
            /// with <paramref name="set_to_none"/> false.
            /// </summary>
            public void zero_grad(bool set_to_none = true)
            {
                foreach (ParamGroup group in groups)
                {
                    foreach (Tensor parameter in group.@params)
                    {
                        parameter.ClearGrad(set_to_none);
                    }
                }
            }

            /// <summary>
            /// Updates every parameter that has a gradient, in place and without recording gradients.
            /// <paramref name="closure"/>, if given, is run first (with gradients enabled) and its loss returned.
            /// Temporaries of the update are released before this returns.
            /// </summary>
            public Tensor? step(Func<Tensor>? closure = null)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                Tensor? loss = null;
                if (closure is not null)
                {
                    using (enable_grad())
                    {
                        loss = closure();
                    }
                }

                using (no_grad())
                using (NewDisposeScope())
                {
                    foreach (ParamGroup group in groups)
                    {
                        Update(group);
                    }
                }

                return loss;
            }

            /// <summary>Applies one step of the algorithm to the parameters of <paramref name="group"/> that have a gradient.</summary>
            protected abstract void Update(ParamGroup group);

            /// <summary>
            /// The state of <paramref name="parameter"/> (empty before its first step). A state tensor follows its
            /// parameter: after <c>module.to(device, dtype)</c>, which moves parameters in place, it is moved and cast
            /// as <see cref="load_state_dict"/> would, so the optimizer built before the move keeps its state.
            /// </summary>
            protected Dictionary<string, object?> State(Tensor parameter)
            {
                if (!state.TryGetValue(parameter, out Dictionary<string, object?>? entry))
                {
                    entry = new Dictionary<string, object?>(StringComparer.Ordinal);
                    state.Add(parameter, entry);
                    return entry;
                }

                foreach (var (key, value) in entry.ToList())
                {
                    if (value is Tensor t && key != "step"
                        && (t.device != parameter.device || (parameter.is_floating_point() && t.dtype != parameter.dtype)))
                    {
                        using (no_grad())
                        {
                            entry[key] = Cast(parameter, key, t);
                        }

                        t.Dispose();
                    }
                }

                return entry;
            }

            /// <summary>The single group over <paramref name="parameters"/>, for constructors given a flat list.</summary>
            protected static ParamGroup[] OneGroup(IEnumerable<Tensor> parameters)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                var group = new ParamGroup(parameters);
                return group.@params.Count == 0
                    ? throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters))
                    : [group];
            }

            /// <summary>Takes a new state tensor out of the step's dispose scope: the optimizer owns it.</summary>
            protected static Tensor Keep(Tensor tensor) => DisposeScope.Detach(tensor);

            // ---- state dict ---------------------------------------------------------------------

            /// <summary>
            /// The optimizer's state as PyTorch shapes it: <c>state</c> maps a parameter's index (counted
            /// across the groups in order) to its entries (<c>step</c>, <c>exp_avg</c>, <c>momentum_buffer</c> …),
            /// and <c>param_groups</c> holds each group's hyperparameters with <c>params</c>, its parameter
            /// indices. Tensors are copies (PyTorch returns references and relies on torch.save to copy), so
            /// the snapshot stays valid while training goes on; they join the current dispose scope.
            /// </summary>
            public OptimizerStateDict state_dict()
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var indices = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
                var packedGroups = new List<Dictionary<string, object>>();
                foreach (ParamGroup group in groups)
                {
                    var packed = new Dictionary<string, object>(group.hyperparameters, StringComparer.Ordinal);
                    var ids = new int[group.@params.Count];
                    for (int i = 0; i < ids.Length; i++)
                    {
                        ids[i] = indices.Count;
                        indices.Add(group.@params[i], ids[i]);
                    }

                    packed["params"] = ids;
                    packedGroups.Add(packed);
                }

                var packedState = new Dictionary<int, Dictionary<string, object?>>();
                foreach (var (parameter, entries) in state.OrderBy(s => indices[s.Key]))
                {
                    packedState[indices[parameter]] = entries.ToDictionary(e => e.Key, e => e.Value is Tensor t ? (object)t.clone() : e.Value, StringComparer.Ordinal);
                }

                return new OptimizerStateDict(packedState, packedGroups);
            }

            /// <summary>
            /// Restores a state saved by <see cref="state_dict"/>, into an optimizer of the same kind over
            /// parameters of the same shapes (a fresh copy of the model). Group and parameter counts, state
            /// shapes and hyperparameter names are checked before anything changes. The hyperparameters
            /// become the saved ones; state tensors are copied, converted to each parameter's dtype and device
            /// (<c>step</c> stays as saved), as PyTorch does.
            /// </summary>
            public void load_state_dict(OptimizerStateDict state_dict)
            {
                ArgumentNullException.ThrowIfNull(state_dict);
                ObjectDisposedException.ThrowIf(disposed, this);
                var savedGroups = state_dict.param_groups;
                if (savedGroups.Count != groups.Count)
                {
                    throw new ArgumentException($"loaded state dict has a different number of parameter groups ({savedGroups.Count}, the optimizer has {groups.Count})", nameof(state_dict));
                }

                var byIndex = new Dictionary<int, Tensor>();
                for (int g = 0; g < groups.Count; g++)
                {
                    int[] ids = savedGroups[g].TryGetValue("params", out object? value) && value is IEnumerable<int> list
                        ? list.ToArray()
                        : throw new ArgumentException($"loaded parameter group {g} has no 'params' list of parameter indices", nameof(state_dict));
                    if (ids.Length != groups[g].@params.Count)
                    {
                        throw new ArgumentException($"loaded state dict contains a parameter group that doesn't match the size of optimizer's group (group {g}: {ids.Length} parameters saved, {groups[g].@params.Count} in the optimizer)", nameof(state_dict));
                    }

                    foreach (string key in defaultOptions.Keys.Where(k => !savedGroups[g].ContainsKey(k)))
                    {
                        throw new ArgumentException($"loaded parameter group {g} lacks the hyperparameter '{key}' (was it saved by another kind of optimizer?)", nameof(state_dict));
                    }

                    for (int i = 0; i < ids.Length; i++)
                    {
                        if (!byIndex.TryAdd(ids[i], groups[g].@params[i]))
                        {
                            throw new ArgumentException($"loaded state dict lists parameter index {ids[i]} twice", nameof(state_dict));
                        }
                    }
                }

                foreach (var (index, entries) in state_dict.state)
                {
                    if (!byIndex.TryGetValue(index, out Tensor? parameter))
                    {
                        throw new ArgumentException($"loaded state dict has state for parameter index {index}, which no parameter group lists", nameof(state_dict));
                    }

                    foreach (var (key, value) in entries)
                    {
                        if (value is Tensor t && key != "step" && !t.shape.AsSpan().SequenceEqual(parameter.shape))
                        {
                            throw new ArgumentException($"loaded state '{key}' of parameter {index} has shape [{string.Join(", ", t.shape)}], but the parameter's shape is [{string.Join(", ", parameter.shape)}]", nameof(state_dict));
                        }
                    }
                }

                // Every check passed: replace the state and hyperparameters.
                var restored = new Dictionary<Tensor, Dictionary<string, object?>>(ReferenceEqualityComparer.Instance);
                using (no_grad())
                {
                    foreach (var (index, entries) in state_dict.state)
                    {
                        Tensor parameter = byIndex[index];
                        restored[parameter] = entries.ToDictionary(e => e.Key, e => e.Value is Tensor t ? Cast(parameter, e.Key, t) : e.Value, StringComparer.Ordinal);
                    }
                }

                ReleaseState();
                foreach (var (parameter, entries) in restored)
                {
                    state.Add(parameter, entries);
                }

                for (int g = 0; g < groups.Count; g++)
                {
                    groups[g].ReplaceHyperparameters(savedGroups[g].Where(e => e.Key != "params"));
                }
            }

            // One copy on the parameter's device (and, for floating-point state, its dtype); "step" stays as saved.
            private static Tensor Cast(Tensor parameter, string key, Tensor value) => Keep(key == "step"
                ? value.clone()
                : value.to(parameter.device, parameter.is_floating_point() ? parameter.dtype : value.dtype, copy: true));

            private void ReleaseState()
            {
                foreach (Dictionary<string, object?> entries in state.Values)
                {
                    foreach (object? value in entries.Values)
                    {
                        (value as Tensor)?.Dispose();
                    }
                }

                state.Clear();
            }

            /// <summary>Releases the state tensors (momentum buffers, moment estimates).</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Releases the state tensors when <paramref name="disposing"/>; runs once.</summary>
            protected virtual void Dispose(bool disposing)
            {
                if (disposed || !disposing)
                {
                    return;
                }

                disposed = true;
                ReleaseState();
            }

            /// <summary>Throws PyTorch's "Invalid … value" error unless the hyperparameter <paramref name="key"/> is ≥ 0.</summary>
            protected static void RequireNonNegative(ParamGroup group, string key, string what)
            {
                ArgumentNullException.ThrowIfNull(group);
                double value = group.Get<double>(key);
                if (!(value >= 0))
                {
                    throw new ArgumentException($"Invalid {what}: {PythonNumber(value)}", nameof(group));
                }
            }
        }

        /// <summary>A number as Python prints it in PyTorch's messages (1.0, -0.5, 1e-08).</summary>
        internal static string PythonNumber(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            return double.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.Ordinal) ? text + ".0" : text;
        }

        /// <summary>
        /// An optimizer's state as PyTorch's <c>optimizer.state_dict()</c>: <see cref="state"/> by parameter
        /// index, and <see cref="param_groups"/> with each group's hyperparameters and <c>params</c> (indices).
        /// </summary>
        public sealed class OptimizerStateDict
        {
            /// <summary>A state dict of <paramref name="state"/> by parameter index and <paramref name="param_groups"/>.</summary>
            /// <exception cref="ArgumentNullException">An argument is null.</exception>
            public OptimizerStateDict(Dictionary<int, Dictionary<string, object?>> state, IList<Dictionary<string, object>> param_groups)
            {
                this.state = state ?? throw new ArgumentNullException(nameof(state));
                this.param_groups = param_groups ?? throw new ArgumentNullException(nameof(param_groups));
            }

            /// <summary>Per-parameter state: tensors, integer step counts, or null (SGD without momentum).</summary>
            public Dictionary<int, Dictionary<string, object?>> state { get; }

            /// <summary>Each group's hyperparameters, and under <c>params</c> its parameter indices (an int[]).</summary>
            public IList<Dictionary<string, object>> param_groups { get; }
        }
    }
}
