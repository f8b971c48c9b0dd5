using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Serialization;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// (<c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>,
/// padded with spaces to a multiple of 8), then the data buffer, which the tensors cover exactly,
/// each row-major and little-endian.
/// </summary>
/// <remarks>
/// Writing lays the data out as the reference implementation (huggingface/safetensors) does: by
/// descending dtype alignment, then by name. With the 8-aligned header every tensor then starts
/// at a multiple of its element size, which readers that map the file rely on, and the same
/// tensors always give the same bytes whatever order the dictionary had. Reading returns the
/// tensors in data-offset order, which for files written this way is the header's order.
/// </remarks>
internal static class SafeTensorsFormat
{
    /// <summary>The reference implementation's limit; a larger length means the file is not safetensors.</summary>
    private const ulong MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>
    /// The prefix of the metadata keys that hold each tensor's SHA-256 (<c>sha256:{name}</c> → 64 hex digits),
    /// written by default and verified on load when present. safetensors itself has no checksum, so without
    /// them flipped bytes, or two same-shaped tensors' entries swapped in the header, would load silently.
    /// </summary>
    internal const string ChecksumPrefix = "sha256:";

    /// <summary>What a checksum is before the data is hashed: the same length, so the header keeps its size.</summary>
    private static readonly string ChecksumPlaceholder = new('0', 64);

    /// <summary>The temporary files this process is writing now, which a concurrent save must not clean away.</summary>
    private static readonly HashSet<string> ActiveTemporaries = new(StringComparer.Ordinal);

    /// <summary>Reads and writes are chunked because spans index with int.</summary>
    private const int ChunkBytes = 1 << 30;

    /// <summary>
    /// The dtypes libtorch 1.13 can hold. Rank is the position in the reference's Dtype enum
    /// (ordered by increasing alignment), which orders the data when writing.
    /// </summary>
    private static readonly (string Name, ScalarType Type, int Rank)[] Dtypes =
    [
        ("BOOL", ScalarType.Bool, 0),
        ("U8", ScalarType.Byte, 1),
        ("I8", ScalarType.Int8, 2),
        ("I16", ScalarType.Int16, 5),
        ("F16", ScalarType.Float16, 7),
        ("BF16", ScalarType.BFloat16, 8),
        ("I32", ScalarType.Int32, 9),
        ("F32", ScalarType.Float32, 11),
        ("F64", ScalarType.Float64, 12),
        ("I64", ScalarType.Int64, 13),
    ];

    /// <summary>Valid safetensors dtypes with no libtorch 1.13 counterpart.</summary>
    private static readonly string[] UnsupportedDtypes = ["F8_E5M2", "F8_E4M3", "U16", "U32", "U64"];

    /// <summary>One tensor of a parsed header; offsets are relative to the data buffer.</summary>
    internal sealed record Entry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);

    /// <summary>A validated header: its tensors in data-offset order and the free-form metadata.</summary>
    internal sealed record Header(IReadOnlyList<Entry> Tensors, Dictionary<string, string> Metadata);

    // ---- reading --------------------------------------------------------------------------------

    /// <summary>Reads and validates the header, leaving the stream at the start of the data buffer.</summary>
    internal static Header ReadHeader(Stream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw Invalid(path, $"the file has {fileLength} bytes, fewer than the 8 that hold the header length");
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw Invalid(path, $"the header length {headerLength} exceeds the 100 MB limit; the file is probably not safetensors");
        }

        if (headerLength > (ulong)(fileLength - 8))
        {
            throw Invalid(path, $"the header length {headerLength} runs past the end of the file ({fileLength} bytes)");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        return ParseHeader(headerBytes, fileLength - 8 - (long)headerLength, path);
    }

    /// <summary>
    /// Reads every tensor of a validated header; on any failure, disposes what it created. With
    /// <paramref name="verify"/>, a tensor whose SHA-256 the metadata holds must match it.
    /// </summary>
    internal static unsafe Dictionary<string, Tensor> ReadTensors(Stream stream, Header header, Device? device, string path, bool verify = true)
    {
        var result = new Dictionary<string, Tensor>(header.Tensors.Count, StringComparer.Ordinal);
        try
        {
            // The tensors cover the buffer in offset order, so reading them in turn is one sequential pass.
            foreach (Entry entry in header.Tensors)
            {
                long bytes = entry.End - entry.Begin;
                void* buffer = NativeMemory.Alloc((nuint)Math.Max(bytes, 1));
                Tensor tensor;
                try
                {
                    string? expected = verify ? header.Metadata.GetValueOrDefault(ChecksumPrefix + entry.Name) : null;
                    using var hash = expected is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    for (long done = 0; done < bytes; done += ChunkBytes)
                    {
                        var chunk = new Span<byte>((byte*)buffer + done, (int)Math.Min(bytes - done, ChunkBytes));
                        stream.ReadExactly(chunk);
                        hash?.AppendData(chunk);
                    }

                    if (hash is not null && !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), expected, StringComparison.Ordinal))
                    {
                        throw Invalid(path, $"tensor '{entry.Name}' does not match the SHA-256 its metadata records: its bytes were changed, " +
                            "or its header entry was swapped with another's");
                    }

                    tensor = Tensor.FromNative(NativeMethods.shim_from_data(buffer, entry.Shape, entry.Shape.Length, (sbyte)entry.Dtype, 0));
                }
                finally
                {
                    NativeMemory.Free(buffer);
                }

                if (device is not null && device != tensor.device)
                {
                    using Tensor cpu = tensor;
                    tensor = cpu.to(device);
                }

                result.Add(entry.Name, tensor);
            }
        }
        catch
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result;
    }

    private static Header ParseHeader(byte[] headerBytes, long bufferLength, string path)
    {
        if (!Utf8.IsValid(headerBytes))
        {
            throw Invalid(path, "the header is not valid UTF-8");
        }

        // Valid JSON that starts with '{' is an object, so this is also the "not an object" check.
        if (headerBytes.Length == 0 || headerBytes[0] != (byte)'{')
        {
            throw Invalid(path, "the header is not a JSON object (it does not start with '{')");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"the header is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw Invalid(path, $"the header has the key '{property.Name}' twice");
                }

                if (property.Name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, path);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value, bufferLength, path));
                }
            }

            List<Entry> ordered = [.. entries.OrderBy(e => e.Begin).ThenBy(e => e.End)];
            CheckCoverage(ordered, bufferLength, path);
            return new Header(ordered, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"'{MetadataKey}' is a JSON {value.ValueKind}, not an object of strings");
        }

        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"'{MetadataKey}' entry '{item.Name}' is a JSON {item.Value.ValueKind}, not a string");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Invalid(path, $"'{MetadataKey}' has the key '{item.Name}' twice");
            }
        }
    }

    private static Entry ParseEntry(string name, JsonElement value, long bufferLength, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"tensor '{name}' is a JSON {value.ValueKind}, not an object");
        }

        JsonElement? dtypeField = null, shapeField = null, offsetsField = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            bool repeated = field.Name switch
            {
                "dtype" => Assign(ref dtypeField, field.Value),
                "shape" => Assign(ref shapeField, field.Value),
                "data_offsets" => Assign(ref offsetsField, field.Value),
                // Anything not understood is refused rather than silently dropped.
                _ => throw Invalid(path, $"tensor '{name}' has an unknown field '{field.Name}'"),
            };
            if (repeated)
            {
                throw Invalid(path, $"tensor '{name}' has the field '{field.Name}' twice");
            }
        }

        ScalarType dtype = ParseDtype(name, dtypeField ?? throw Invalid(path, $"tensor '{name}' has no 'dtype'"), path);
        long[] shape = ParseIntegers(name, "shape", shapeField ?? throw Invalid(path, $"tensor '{name}' has no 'shape'"), path);
        long[] offsets = ParseIntegers(name, "data_offsets", offsetsField ?? throw Invalid(path, $"tensor '{name}' has no 'data_offsets'"), path);
        if (offsets.Length != 2)
        {
            throw Invalid(path, $"tensor '{name}' has {offsets.Length} data_offsets; expected [begin, end]");
        }

        long begin = offsets[0], end = offsets[1];
        if (end < begin)
        {
            throw Invalid(path, $"tensor '{name}' has data_offsets [{begin}, {end}] that end before they begin");
        }

        long expectedBytes;
        try
        {
            expectedBytes = element_size(dtype);
            foreach (long size in shape)
            {
                expectedBytes = checked(expectedBytes * size);
            }
        }
        catch (OverflowException)
        {
            throw Invalid(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], too large to address");
        }

        if (end - begin != expectedBytes)
        {
            throw Invalid(path, $"tensor '{name}' has data_offsets [{begin}, {end}] spanning {end - begin} bytes, but {NameOf(dtype)} with shape [{string.Join(", ", shape)}] needs {expectedBytes}");
        }

        if (end > bufferLength)
        {
            throw Invalid(path, $"tensor '{name}' has data_offsets [{begin}, {end}] past the end of the {bufferLength}-byte data buffer");
        }

        return new Entry(name, dtype, shape, begin, end);
    }

    /// <summary>Stores a field's value; true when the field was already set.</summary>
    private static bool Assign(ref JsonElement? slot, JsonElement value)
    {
        bool repeated = slot is not null;
        slot = value;
        return repeated;
    }

    private static ScalarType ParseDtype(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"tensor '{name}' has a dtype that is a JSON {value.ValueKind}, not a string");
        }

        string text = value.GetString()!;
        foreach (var (dtypeName, type, _) in Dtypes)
        {
            if (dtypeName == text)
            {
                return type;
            }
        }

        throw Invalid(path, UnsupportedDtypes.Contains(text)
            ? $"tensor '{name}' has dtype '{text}', which libtorch {__version__} cannot hold"
            : $"tensor '{name}' has the unknown dtype '{text}'");
    }

    private static long[] ParseIntegers(string name, string field, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"tensor '{name}' has a {field} that is a JSON {value.ValueKind}, not an array");
        }

        var result = new long[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long number))
            {
                throw Invalid(path, $"tensor '{name}' has {field} entry {item.GetRawText()}, which is not an integer");
            }

            if (number < 0)
            {
                throw Invalid(path, $"tensor '{name}' has the negative {field} entry {number}");
            }

            result[i++] = number;
        }

        return result;
    }

    /// <summary>The spec requires the tensors to cover the data buffer exactly: no gap, no overlap, nothing after.</summary>
    private static void CheckCoverage(List<Entry> ordered, long bufferLength, string path)
    {
        long covered = 0;
        Entry? previous = null;
        foreach (Entry entry in ordered)
        {
            if (entry.Begin > covered)
            {
                throw Invalid(path, $"bytes [{covered}, {entry.Begin}) of the data buffer, before tensor '{entry.Name}', belong to no tensor");
            }

            if (entry.Begin < covered)
            {
                throw Invalid(path, $"tensor '{entry.Name}' (data_offsets [{entry.Begin}, {entry.End}]) overlaps tensor '{previous!.Name}' (data_offsets [{previous.Begin}, {previous.End}])");
            }

            covered = entry.End;
            previous = entry;
        }

        if (covered != bufferLength)
        {
            throw Invalid(path, $"{bufferLength - covered} trailing bytes follow the last tensor's data");
        }
    }

    private static InvalidDataException Invalid(string path, string reason) =>
        new($"'{path}' is not a valid safetensors file: {reason}.");

    // ---- writing --------------------------------------------------------------------------------

    /// <summary>
    /// Writes <paramref name="tensors"/> to a temporary file beside <paramref name="path"/>, flushes it
    /// to disk, then moves it over <paramref name="path"/>: a failed write leaves no partial file and
    /// leaves an existing file untouched.
    /// </summary>
    internal static void Write(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata, bool checksums = true)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors stores little-endian data; this runtime writes it only on little-endian machines.");
        }

        var items = new List<(string Name, Tensor Tensor, string Dtype, int Rank, long[] Shape, long Bytes)>(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            if (name == MetadataKey)
            {
                throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
            }

            if (tensor is null)
            {
                throw new ArgumentException($"Tensor '{name}' is null.", nameof(tensors));
            }

            ObjectDisposedException.ThrowIf(tensor.IsDisposed, tensor);
            if (Describe(tensor.dtype) is not var (dtypeName, rank))
            {
                throw new ArgumentException($"Tensor '{name}' has dtype {dtype_name(tensor.dtype)}, which safetensors cannot store.", nameof(tensors));
            }

            long[] shape = tensor.shape;
            items.Add((name, tensor, dtypeName, rank, shape, checked(tensor.numel() * tensor.element_size())));
        }

        items.Sort((a, b) => a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : string.CompareOrdinal(a.Name, b.Name));
        var fullMetadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (checksums && key.StartsWith(ChecksumPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{key}': keys starting with '{ChecksumPrefix}' hold the tensors' checksums.", nameof(metadata));
            }

            fullMetadata[key] = value;
        }

        if (checksums)
        {
            foreach (var item in items)
            {
                fullMetadata[ChecksumPrefix + item.Name] = ChecksumPlaceholder;
            }
        }

        var layout = items.Select(i => (i.Name, i.Dtype, i.Shape, i.Bytes)).ToList();
        IReadOnlyDictionary<string, string>? written = metadata is null && !checksums ? null : fullMetadata;
        byte[] header = BuildHeader(layout, written);

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        CleanStaleTemporaries(fullPath);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        lock (ActiveTemporaries)
        {
            ActiveTemporaries.Add(temporary);
        }

        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                stream.Write(prefix);
                stream.Write(header);
                foreach (var item in items)
                {
                    string digest = WriteData(stream, item.Tensor, item.Bytes);
                    if (checksums)
                    {
                        fullMetadata[ChecksumPrefix + item.Name] = digest;
                    }
                }

                if (checksums)
                {
                    // Same keys, same lengths: the header keeps its size, so it is rewritten in place.
                    byte[] final = BuildHeader(layout, fullMetadata);
                    Debug.Assert(final.Length == header.Length, "a checksum changed the header's length");
                    stream.Position = 8;
                    stream.Write(final);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
        finally
        {
            lock (ActiveTemporaries)
            {
                ActiveTemporaries.Remove(temporary);
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files that earlier saves of <paramref name="fullPath"/> left behind when their process
    /// died mid-write (<c>.{name}.{pid}.{guid}.tmp</c> beside it): those of processes no longer running, and this
    /// process's own that no save is writing any more. A file of another live process is left alone.
    /// </summary>
    internal static void CleanStaleTemporaries(string fullPath)
    {
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        string prefix = "." + Path.GetFileName(fullPath) + ".";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, prefix + "*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string file in candidates)
        {
            string[] parts = Path.GetFileName(file)[prefix.Length..^".tmp".Length].Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) || parts[1].Length != 32)
            {
                continue;   // not a name this writer gives
            }

            bool active;
            lock (ActiveTemporaries)
            {
                active = ActiveTemporaries.Contains(file);
            }

            if (!active && (pid == Environment.ProcessId || !IsRunning(pid)))
            {
                DeleteQuietly(file);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Removes a leftover temporary file without hiding the error that left it.</summary>
    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error is the one worth reporting.
        }
    }

    private static (string Name, int Rank)? Describe(ScalarType dtype)
    {
        foreach (var (name, type, rank) in Dtypes)
        {
            if (type == dtype)
            {
                return (name, rank);
            }
        }

        return null;
    }

    private static string NameOf(ScalarType dtype) => Dtypes.First(d => d.Type == dtype).Name;

    /// <summary>Compact JSON as the reference writes it: metadata first, then the tensors in data order; padded with spaces to a multiple of 8.</summary>
    private static byte[] BuildHeader(IEnumerable<(string Name, string Dtype, long[] Shape, long Bytes)> items, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        // The header is never embedded in HTML, so only what JSON itself requires is escaped (as the reference does).
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is not null)
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (value is null)
                    {
                        throw new ArgumentException($"Metadata value '{key}' is null; safetensors metadata maps strings to strings.", nameof(metadata));
                    }

                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, dtype, shape, bytes) in items)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", dtype);
                writer.WriteStartArray("shape");
                foreach (long size in shape)
                {
                    writer.WriteNumberValue(size);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }

            writer.WriteEndObject();
        }

        int padded = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    /// <summary>Writes the tensor's bytes; returns their SHA-256 as lower-case hex.</summary>
    private static unsafe string WriteData(Stream stream, Tensor tensor, long bytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (bytes == 0)
        {
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        // The shim copies the tensor row-major into host memory (from any device, any strides).
        void* buffer = NativeMemory.Alloc((nuint)bytes);
        try
        {
            NativeError.Check(NativeMethods.shim_tensor_copy_to(tensor.Handle, buffer, bytes));
            for (long done = 0; done < bytes; done += ChunkBytes)
            {
                var chunk = new ReadOnlySpan<byte>((byte*)buffer + done, (int)Math.Min(bytes - done, ChunkBytes));
                stream.Write(chunk);
                hash.AppendData(chunk);
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
