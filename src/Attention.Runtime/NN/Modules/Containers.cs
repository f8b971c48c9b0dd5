using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Layers applied one after another, as torch.nn.Sequential. Children are named "0", "1", … unless
/// names are given, so parameters read <c>0.weight</c> or <c>features.0.weight</c> as in PyTorch.
/// Each intermediate result is disposed once the next layer has consumed it (as TorchSharp does);
/// only the input and the final output stay with the caller.
/// </summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>, IReadOnlyList<nn.Module<Tensor, Tensor>>
{
    private readonly List<nn.Module<Tensor, Tensor>> layers = [];

    /// <summary>A Sequential of <paramref name="modules"/>, named "0", "1", … in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> is null.</exception>
    public Sequential(params nn.Module<Tensor, Tensor>[] modules) : base(nameof(Sequential))
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            append(module);
        }
    }

    /// <summary>A Sequential whose children have the given names (PyTorch's OrderedDict form).</summary>
    public Sequential(params (string name, nn.Module<Tensor, Tensor> module)[] modules) : base(nameof(Sequential))
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, module) in modules)
        {
            append(name, module);
        }
    }

    /// <summary>Adds <paramref name="module"/> at the end, named by its position; returns this Sequential.</summary>
    public Sequential append(nn.Module<Tensor, Tensor> module) => append(layers.Count.ToString(CultureInfo.InvariantCulture), module);

    /// <summary>Adds <paramref name="module"/> at the end under <paramref name="name"/>; returns this Sequential.</summary>
    public Sequential append(string name, nn.Module<Tensor, Tensor> module)
    {
        register_module(name, module);
        layers.Add(module);
        return this;
    }

    /// <summary>The layer at <paramref name="index"/>; negative indices count from the end.</summary>
    public nn.Module<Tensor, Tensor> this[int index] => layers[Containers.Position(index, layers.Count)];

    /// <summary>The number of layers.</summary>
    public int Count => layers.Count;

    /// <summary>Applies the layers in order, disposing each intermediate result after the next layer has used it.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (var layer in layers)
        {
            Tensor next = layer.forward(x);
            // Intermediate results are released at once (autograd keeps what it saved); never the
            // caller's input, nor a tensor a layer handed back unchanged (Identity, in-place activations).
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }

    /// <summary>Enumerates the layers in order.</summary>
    public IEnumerator<nn.Module<Tensor, Tensor>> GetEnumerator() => layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Submodules held in a list, as torch.nn.ModuleList: named "0", "1", …, with no forward of its own.</summary>
public sealed class ModuleList<T> : nn.Module, IReadOnlyList<T> where T : nn.Module
{
    private readonly List<T> items = [];

    /// <summary>A list of <paramref name="modules"/>, named "0", "1", … in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> is null.</exception>
    public ModuleList(params T[] modules) : base("ModuleList")
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (T module in modules)
        {
            append(module);
        }
    }

    /// <summary>Adds <paramref name="module"/> at the end; returns this list.</summary>
    public ModuleList<T> append(T module)
    {
        register_module(items.Count.ToString(CultureInfo.InvariantCulture), module);
        items.Add(module);
        return this;
    }

    /// <summary>Appends every module of <paramref name="modules"/>; returns this list.</summary>
    public ModuleList<T> extend(IEnumerable<T> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (T module in modules)
        {
            append(module);
        }

        return this;
    }

    /// <summary>The module at <paramref name="index"/>; negative indices count from the end.</summary>
    public T this[int index] => items[Containers.Position(index, items.Count)];

    /// <summary>The number of modules.</summary>
    public int Count => items.Count;

    /// <summary>Enumerates the modules in order.</summary>
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Submodules by string key in insertion order, as torch.nn.ModuleDict; parameters read <c>key.weight</c>.
/// Keys are added once: replacing the module under an existing key is not supported.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "PyTorch's and TorchSharp's name.")]
public sealed class ModuleDict<T> : nn.Module, IReadOnlyDictionary<string, T> where T : nn.Module
{
    private readonly List<KeyValuePair<string, T>> entries = [];
    private readonly Dictionary<string, T> byKey = new(StringComparer.Ordinal);

    /// <summary>A dictionary of <paramref name="modules"/> under their keys, in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> is null.</exception>
    public ModuleDict(params (string key, T module)[] modules) : base("ModuleDict")
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (key, module) in modules)
        {
            Add(key, module);
        }
    }

    /// <summary>Adds <paramref name="module"/> under a new <paramref name="key"/> (no dots).</summary>
    public void Add(string key, T module)
    {
        register_module(key, module);
        entries.Add(new(key, module));
        byKey.Add(key, module);
    }

    /// <summary>The module under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No module has that key.</exception>
    public T this[string key] => byKey.TryGetValue(key, out T? module) ? module : throw new KeyNotFoundException(key);

    /// <summary>The number of modules.</summary>
    public int Count => entries.Count;

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in entries)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>The modules in insertion order.</summary>
    public IEnumerable<T> Values
    {
        get
        {
            foreach (var entry in entries)
            {
                yield return entry.Value;
            }
        }
    }

    /// <summary>Whether a module is stored under <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => byKey.ContainsKey(key);

    /// <summary>The module under <paramref name="key"/> in <paramref name="value"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => byKey.TryGetValue(key, out value);

    /// <summary>Enumerates the key and module pairs in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class Containers
{
    /// <summary>Python's indexing: −1 is the last element; out of range throws with PyTorch's wording.</summary>
    public static int Position(int index, int count)
    {
        int position = index < 0 ? index + count : index;
        if (position < 0 || position >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index {index} is out of range");
        }

        return position;
    }
}
