using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Parameters that share hyperparameters, as a PyTorch parameter group: the tensors in
        /// <c>params</c> and an ordered map of options (<c>lr</c>, <c>momentum</c>, <c>betas</c> …).
        /// Options a group does not set are filled from the optimizer's defaults when it is added; a
        /// learning-rate scheduler changes <see cref="lr"/> and records <c>initial_lr</c> here.
        /// Values are <see cref="double"/>, <see cref="bool"/> or, for <c>betas</c>, a <c>(double, double)</c>.
        /// </summary>
        public class ParamGroup
        {
            private readonly Dictionary<string, object> options = new(StringComparer.Ordinal);

            /// <summary>A group over <paramref name="parameters"/> overriding the optimizer's defaults with <paramref name="options"/>.</summary>
            public ParamGroup(IEnumerable<Tensor> parameters, IEnumerable<KeyValuePair<string, object>>? options = null)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                @params = parameters.ToArray();
                foreach (var (key, value) in options ?? [])
                {
                    ArgumentNullException.ThrowIfNull(value, key);
                    this.options[key] = value;
                }
            }

            /// <summary>The tensors this group updates, in order.</summary>
            public IReadOnlyList<Tensor> @params { get; }

            /// <summary>The group's hyperparameters, in the order they were set (the group's own first, then the defaults).</summary>
            public IReadOnlyDictionary<string, object> hyperparameters => options;

            /// <summary>The group's current learning rate.</summary>
            public double lr
            {
                get => Get<double>("lr");
                set => options["lr"] = value;
            }

            /// <summary>The hyperparameter named <paramref name="key"/>.</summary>
            public object this[string key]
            {
                get => options.TryGetValue(key, out object? value)
                    ? value
                    : throw new KeyNotFoundException($"The parameter group has no hyperparameter '{key}'.");
                set => options[key] = value ?? throw new ArgumentNullException(nameof(value));
            }

            /// <summary>Whether the group has a hyperparameter named <paramref name="key"/>.</summary>
            public bool ContainsKey(string key) => options.ContainsKey(key);

            internal T Get<T>(string key)
            {
                object value = this[key];
                if (value is T typed)
                {
                    return typed;
                }

                // An integer given where PyTorch would accept a Python int for a float (momentum = 0).
                if (typeof(T) == typeof(double) && value is IConvertible and not bool)
                {
                    return (T)(object)System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                }

                throw new InvalidCastException($"The hyperparameter '{key}' holds a {value.GetType().Name}, not a {typeof(T).Name}.");
            }

            internal void SetDefault(string key, object value) => options.TryAdd(key, value);

            /// <summary>Replaces every hyperparameter (loading a state dict), keeping the parameters.</summary>
            internal void ReplaceHyperparameters(IEnumerable<KeyValuePair<string, object>> values)
            {
                options.Clear();
                foreach (var (key, value) in values)
                {
                    options[key] = value;
                }
            }

            /// <summary>The non-null overrides among <paramref name="values"/>, for the typed group constructors.</summary>
            protected static IEnumerable<KeyValuePair<string, object>> Overrides(params (string key, object? value)[] values) =>
                values.Where(v => v.value is not null).Select(v => new KeyValuePair<string, object>(v.key, v.value!));
        }
    }
}
