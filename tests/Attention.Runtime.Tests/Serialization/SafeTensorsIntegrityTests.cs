using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Serialization;

/// <summary>
/// What safetensors alone cannot tell: flipped bytes and swapped header entries are refused, naming the tensor, by
/// the SHA-256 per tensor that saves write into the metadata; files without them (PyTorch's) still load; and the
/// temporary file of a save that died mid-write is removed by the next save or load of that path.
/// </summary>
public sealed class SafeTensorsIntegrityTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("safetensors-integrity-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private static Dictionary<string, Tensor> TwoLayers() => new()
    {
        ["fc1.weight"] = arange(12, ScalarType.Float32).reshape(3, 4),
        ["fc2.weight"] = arange(12, ScalarType.Float32).reshape(3, 4) * -1.0,
        ["steps"] = tensor(7L),
    };

    [Fact]
    public void A_flipped_byte_is_refused_naming_the_tensor_and_nothing_is_returned()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("flipped.safetensors");
        save_safetensors(TwoLayers(), path);
        byte[] file = File.ReadAllBytes(path);
        long header = BinaryPrimitives.ReadInt64LittleEndian(file);
        // The data is laid out by descending alignment, then name: steps (int64), fc1.weight, fc2.weight.
        file[8 + header + 8 + 5] ^= 0x10;
        File.WriteAllBytes(path, file);

        long live = LiveTensorCount;
        var error = Assert.Throws<InvalidDataException>(() => load_safetensors(path));
        Assert.Contains("'fc1.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Equal(live, LiveTensorCount);

        // Asked not to verify, the file loads as it is.
        Assert.NotEqual(0f, load_safetensors(path, verify: false)["fc1.weight"].data<float>()[1] - 1f);
    }

    [Fact]
    public void Two_same_shaped_entries_swapped_in_the_header_are_refused()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("swapped.safetensors");
        save_safetensors(TwoLayers(), path);
        byte[] file = File.ReadAllBytes(path);
        int header = (int)BinaryPrimitives.ReadInt64LittleEndian(file);
        string json = Encoding.UTF8.GetString(file, 8, header);
        // Swap the names of the two weights' entries (same length, so the header keeps its size).
        string swapped = json.Replace("\"fc1.weight\":{", "\"tmp.weight\":{", StringComparison.Ordinal)
            .Replace("\"fc2.weight\":{", "\"fc1.weight\":{", StringComparison.Ordinal)
            .Replace("\"tmp.weight\":{", "\"fc2.weight\":{", StringComparison.Ordinal);
        Assert.NotEqual(json, swapped);
        Encoding.UTF8.GetBytes(swapped).CopyTo(file, 8);
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<InvalidDataException>(() => load_safetensors(path));
        Assert.Contains("swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_checksums_loads()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("plain.safetensors");
        save_safetensors(TwoLayers(), path, checksums: false);
        Assert.DoesNotContain(load_safetensors_metadata(path).Keys, k => k.StartsWith("sha256:", StringComparison.Ordinal));
        Assert.Equal(3, load_safetensors(path).Count);
    }

    [Fact]
    public void The_temporary_file_of_a_save_that_died_is_removed_by_the_next_save_or_load()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("model.safetensors");
        int dead = DeadProcessId();
        string left = PathOf($".model.safetensors.{dead}.{Guid.NewGuid():N}.tmp");
        string ofALiveProcess = PathOf($".model.safetensors.{Environment.ProcessId + 0}.{Guid.NewGuid():N}.tmp");
        string ofAnotherLiveProcess = PathOf($".model.safetensors.1.{Guid.NewGuid():N}.tmp");
        string unrelated = PathOf(".other.safetensors.1234.tmp");
        foreach (string file in new[] { left, ofALiveProcess, ofAnotherLiveProcess, unrelated })
        {
            File.WriteAllBytes(file, new byte[1024]);
        }

        save_safetensors(TwoLayers(), path);
        Assert.False(File.Exists(left), "a dead process's temporary file was left behind");
        Assert.False(File.Exists(ofALiveProcess), "this process's own stale temporary file was left behind (no save of ours is writing it)");
        Assert.True(File.Exists(ofAnotherLiveProcess), "a live process's temporary file was removed under it");
        Assert.True(File.Exists(unrelated));

        string again = PathOf($".model.safetensors.{dead}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(again, new byte[8]);
        Assert.Equal(3, load_safetensors(path).Count);
        Assert.False(File.Exists(again), "load left a dead process's temporary file behind");
        Assert.Equal(2, Directory.GetFiles(directory).Length - 1);   // the checkpoint, the live and the unrelated file
    }

    /// <summary>The id of a process that has exited.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
