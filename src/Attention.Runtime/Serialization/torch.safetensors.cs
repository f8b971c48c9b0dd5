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
    /// is replaced atomically: a failed write leaves no partial file and an existing file untouched, and
    /// the temporary files of earlier saves that died mid-write are removed. With <paramref name="checksums"/>
    /// (the default) the metadata also holds each tensor's SHA-256 under <c>sha256:{name}</c>, which
    /// <see cref="load_safetensors"/> verifies; PyTorch reads the file as any other.
    /// </summary>
    public static void save_safetensors(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null,
        bool checksums = true) =>
        SafeTensorsFormat.Write(tensors, path, metadata, checksums);

    /// <summary>
    /// Reads every tensor of a safetensors file, in the file's order, onto <paramref name="device"/>
    /// (the CPU when null). The whole header is validated first, and with <paramref name="verify"/> (the
    /// default) every tensor whose SHA-256 the metadata holds must match it; an invalid or corrupt file
    /// throws <see cref="InvalidDataException"/> with the reason and the tensor, and nothing is returned
    /// or left allocated. Files without checksums (from PyTorch) load as they are. Temporary files that
    /// saves of this path left behind when their process died are removed.
    /// </summary>
    public static Dictionary<string, Tensor> load_safetensors(string path, Device? device = null, bool verify = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (device?.type == DeviceType.CUDA)
        {
            cuda.EnsureAvailable();
        }

        SafeTensorsFormat.CleanStaleTemporaries(Path.GetFullPath(path));
        using FileStream stream = OpenForReading(path);
        SafeTensorsFormat.Header header = SafeTensorsFormat.ReadHeader(stream, path);
        return SafeTensorsFormat.ReadTensors(stream, header, device, path, verify);
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
