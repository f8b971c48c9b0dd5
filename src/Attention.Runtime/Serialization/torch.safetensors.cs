using System;
using System.Collections.Generic;
using System.IO;
using Attention.Runtime.Serialization;

namespace Attention.Runtime;

// Checkpoints in the safetensors format, readable and writable by PyTorch (safetensors.torch).
public static partial class torch
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (any dtype but complex, any device, any strides) and optional
    /// string <paramref name="metadata"/> to <paramref name="path"/> in the safetensors format. The file
    /// is replaced atomically: a failed write leaves no partial file and an existing file untouched.
    /// </summary>
    public static void save_safetensors(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFormat.Write(tensors, path, metadata);

    /// <summary>
    /// Reads every tensor of a safetensors file, in the file's order, onto <paramref name="device"/>
    /// (the CPU when null). The whole header is validated first; an invalid file throws
    /// <see cref="InvalidDataException"/> with the reason, and nothing is returned or left allocated.
    /// </summary>
    public static Dictionary<string, Tensor> load_safetensors(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (device?.type == DeviceType.CUDA)
        {
            cuda.EnsureAvailable();
        }

        using FileStream stream = OpenForReading(path);
        SafeTensorsFormat.Header header = SafeTensorsFormat.ReadHeader(stream, path);
        return SafeTensorsFormat.ReadTensors(stream, header, device);
    }

    /// <summary>The <c>__metadata__</c> of a safetensors file (empty when it has none); reads and validates only the header.</summary>
    public static Dictionary<string, string> load_safetensors_metadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenForReading(path);
        return SafeTensorsFormat.ReadHeader(stream, path).Metadata;
    }

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
}
