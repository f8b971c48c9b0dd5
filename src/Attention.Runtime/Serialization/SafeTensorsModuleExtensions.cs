using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime;

/// <summary>Saving and loading a module's state dict as a safetensors file: <c>model.save_safetensors("model.safetensors")</c>.</summary>
public static class SafeTensorsModuleExtensions
{
    /// <summary>Writes the module's <see cref="nn.Module.state_dict"/> (parameters and persistent buffers) to <paramref name="path"/>, atomically.</summary>
    public static void save_safetensors(this nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        using DisposeScope scope = NewDisposeScope();
        torch.save_safetensors(module.state_dict(), path, metadata);
    }

    /// <summary>
    /// Loads a safetensors file into the module's parameters and buffers. The file, the keys (all of them
    /// when <paramref name="strict"/>), the shapes and the dtypes are all checked before anything is
    /// copied, so a failed load leaves the module as it was.
    /// </summary>
    public static nn.LoadStateDictResult load_safetensors(this nn.Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        using DisposeScope scope = NewDisposeScope();
        Dictionary<string, Tensor> loaded = torch.load_safetensors(path);

        // load_state_dict checks keys and shapes but converts dtypes silently; a checkpoint of another
        // dtype is more likely a mistake than an intent, so it is refused here.
        var mismatched = new List<string>();
        foreach (var (key, target) in module.state_dict())
        {
            if (loaded.TryGetValue(key, out Tensor? source) && source.dtype != target.dtype)
            {
                mismatched.Add($"dtype mismatch for {key}: the checkpoint holds {dtype_name(source.dtype)}, the model {dtype_name(target.dtype)}.");
            }
        }

        if (mismatched.Count > 0)
        {
            throw new InvalidOperationException(
                $"Error(s) in loading '{path}' into {module.name}:{Environment.NewLine}\t" + string.Join(Environment.NewLine + "\t", mismatched) +
                $"{Environment.NewLine}Convert the model (module.to(dtype)) or the checkpoint so that they agree.");
        }

        return module.load_state_dict(loaded, strict);
    }
}
