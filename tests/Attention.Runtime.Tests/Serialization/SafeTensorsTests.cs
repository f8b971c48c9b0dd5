using Attention.Runtime.Tests.Infrastructure;
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("safetensors-tests-");

    public void Dispose() => directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(directory.FullName, name);

    /// <summary>One tensor per dtype libtorch can hold, plus a scalar and an empty tensor; the Python script builds the same.</summary>
    internal static Dictionary<string, Tensor> EveryDtype()
    {
        Tensor @base = tensor(new double[,] { { -3.0, -1.5, 0.0 }, { 0.25, 2.0, 100.0 } });
        return new Dictionary<string, Tensor>
        {
            ["bool"] = @base > 0,
            ["u8"] = arange(250, 256).reshape(2, 3).to(uint8),
            ["i8"] = @base.to(int8),
            ["i16"] = (@base * 300).to(int16),
            ["f16"] = @base.to(float16),
            ["bf16"] = @base.to(bfloat16),
            ["i32"] = (@base * 1e6).to(int32),
            ["f32"] = @base.to(float32),
            ["f64"] = @base / 3,
            ["i64"] = (@base * 1e12).to(int64),
            ["scalar"] = tensor(7.5),
            ["empty"] = zeros(0, 4),
        };
    }

    internal static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            Tensor got = actual[name];
            Assert.True(value.dtype == got.dtype, $"{name}: dtype {got.dtype}, expected {value.dtype}");
            Assert.Equal(value.shape, got.shape);
            Assert.True(value.equal(got), $"{name}: values differ: {got} vs {value}");
        }
    }

    // ---- writing and reading --------------------------------------------------------------------

    [Fact]
    public void Every_dtype_round_trips_with_its_shape_and_values()
    {
        using DisposeScope scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors = EveryDtype();
        save_safetensors(tensors, PathOf("all.safetensors"));
        AssertSameTensors(tensors, load_safetensors(PathOf("all.safetensors")));
    }

    [Fact]
    public void Output_is_byte_identical_to_the_reference_implementation()
    {
        // Expected bytes from the reference implementation's own serialization tests
        // (huggingface/safetensors, tensor.rs): compact JSON, spaces to a multiple of 8.
        using DisposeScope scope = NewDisposeScope();
        Tensor values = arange(6, float32);
        byte[] data = values.data<float>().SelectMany(f => BitConverter.GetBytes(f)).ToArray();

        // Without the checksums, which the reference does not write.
        save_safetensors(new Dictionary<string, Tensor> { ["attn.0"] = values.reshape(1, 2, 3) }, PathOf("a.safetensors"), checksums: false);
        Assert.Equal(FileBytes("""{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}""", data), File.ReadAllBytes(PathOf("a.safetensors")));

        save_safetensors(new Dictionary<string, Tensor> { ["attn0"] = values.reshape(1, 1, 2, 3) }, PathOf("b.safetensors"), checksums: false);
        Assert.Equal(FileBytes("""{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       """, data), File.ReadAllBytes(PathOf("b.safetensors")));

        save_safetensors(new Dictionary<string, Tensor>(), PathOf("c.safetensors"), checksums: false);
        Assert.Equal(FileBytes("{}      ", []), File.ReadAllBytes(PathOf("c.safetensors")));

        save_safetensors(new Dictionary<string, Tensor>(), PathOf("d.safetensors"), new Dictionary<string, string> { ["framework"] = "pt" }, checksums: false);
        Assert.Equal(FileBytes("""{"__metadata__":{"framework":"pt"}}     """, []), File.ReadAllBytes(PathOf("d.safetensors")));
    }

    [Fact]
    public void Data_is_laid_out_by_descending_alignment_then_name_so_every_tensor_is_aligned()
    {
        using DisposeScope scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["z.byte"] = ones([3], uint8),
            ["b.half"] = ones([1], float16),
            ["a.half"] = ones([3], float16),
            ["m.long"] = ones([2], int64),
            ["c.float"] = ones([1], float32),
        };
        save_safetensors(tensors, PathOf("layout.safetensors"));

        byte[] file = File.ReadAllBytes(PathOf("layout.safetensors"));
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        Dictionary<string, Tensor> loaded = load_safetensors(PathOf("layout.safetensors"));
        Assert.Equal(["m.long", "c.float", "a.half", "b.half", "z.byte"], loaded.Keys);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.Contains("\"a.half\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[20,26]}", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_contiguous_tensors_are_written_row_major()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor matrix = arange(6, float32).reshape(2, 3);
        save_safetensors(new Dictionary<string, Tensor> { ["t"] = matrix.t() }, PathOf("t.safetensors"));
        Tensor loaded = load_safetensors(PathOf("t.safetensors"))["t"];
        Assert.Equal([3L, 2L], loaded.shape);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], loaded.data<float>());
    }

    [Fact]
    public void Metadata_is_written_and_read_back()
    {
        using DisposeScope scope = NewDisposeScope();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        save_safetensors(new Dictionary<string, Tensor> { ["w"] = ones(2) }, PathOf("m.safetensors"), metadata);
        Dictionary<string, string> read = load_safetensors_metadata(PathOf("m.safetensors"));
        // The user's entries, and the checksum of each tensor: SHA-256 of its two float32 ones.
        Assert.Equal([.. metadata.Keys, "sha256:w"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ones(2).data<float>().SelectMany(BitConverter.GetBytes).ToArray())), read["sha256:w"]);

        save_safetensors(new Dictionary<string, Tensor> { ["w"] = ones(2) }, PathOf("none.safetensors"), checksums: false);
        Assert.Empty(load_safetensors_metadata(PathOf("none.safetensors")));
    }

    [Fact]
    public void Tensors_that_safetensors_cannot_hold_are_refused_before_any_file_is_created()
    {
        using DisposeScope scope = NewDisposeScope();
        var complex = new Dictionary<string, Tensor> { ["c"] = zeros([2], ScalarType.ComplexFloat32) };
        Assert.Contains("complex64", Assert.Throws<ArgumentException>(() => save_safetensors(complex, PathOf("x.safetensors"))).Message, StringComparison.Ordinal);

        var reserved = new Dictionary<string, Tensor> { ["__metadata__"] = zeros(2) };
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => save_safetensors(reserved, PathOf("x.safetensors"))).Message, StringComparison.Ordinal);

        Tensor disposed = zeros(2);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => save_safetensors(new Dictionary<string, Tensor> { ["d"] = disposed }, PathOf("x.safetensors")));

        Assert.Empty(directory.GetFiles());
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_existing_file_intact_and_no_temporary_file()
    {
        using DisposeScope scope = NewDisposeScope();
        string path = PathOf("model.safetensors");
        save_safetensors(new Dictionary<string, Tensor> { ["w"] = arange(4, float32) }, path);
        byte[] before = File.ReadAllBytes(path);

        // "b" is written after "a" (same dtype, name order); it is a 2^62-byte broadcast view that
        // cannot be materialised, so the write fails after the header and "a" are on disk.
        var tensors = new Dictionary<string, Tensor>
        {
            ["a"] = ones(1000),
            ["b"] = zeros(1).expand(1L << 60),
        };
        Assert.Throws<OutOfMemoryException>(() => save_safetensors(tensors, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], directory.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Saving_into_a_missing_directory_fails_without_creating_anything()
    {
        using DisposeScope scope = NewDisposeScope();
        string path = Path.Combine(directory.FullName, "missing", "model.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => save_safetensors(new Dictionary<string, Tensor> { ["w"] = ones(2) }, path));
        Assert.Empty(directory.GetFileSystemInfos());
    }

    // ---- validation on read ---------------------------------------------------------------------

    private const string F32Pair = """{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""";

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16, "the key 'a' twice")]
    [InlineData("""{"__metadata__":{},"__metadata__":{}}""", 0, "the key '__metadata__' twice")]
    [InlineData("""{"a":""" + F32Pair, 8, "not valid JSON")]
    [InlineData("""[{"a":1}]""", 0, "does not start with '{'")]
    [InlineData("""{"a":{"dtype":"F128","shape":[2],"data_offsets":[0,8]}}""", 8, "unknown dtype 'F128'")]
    [InlineData("""{"a":{"dtype":"U16","shape":[2],"data_offsets":[0,4]}}""", 4, "dtype 'U16', which libtorch")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "negative shape entry -2")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}""", 8, "shape entry 1.5, which is not an integer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "spanning 8 bytes, but F32 with shape [3] needs 12")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}}""", 8, "too large to address")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, "end before they begin")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", 8, "1 data_offsets; expected [begin, end]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8, "past the end of the 8-byte data buffer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "tensor 'b' (data_offsets [4, 12]) overlaps tensor 'a'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "bytes [4, 8) of the data buffer, before tensor 'b', belong to no tensor")]
    [InlineData("""{"a":""" + F32Pair + "}", 12, "4 trailing bytes follow")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", 8, "tensor 'a' has no 'data_offsets'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"strides":[1]}}""", 8, "unknown field 'strides'")]
    [InlineData("""{"a":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "the field 'dtype' twice")]
    [InlineData("""{"a":[1,2]}""", 0, "tensor 'a' is a JSON Array, not an object")]
    [InlineData("""{"__metadata__":{"n":1}}""", 0, "entry 'n' is a JSON Number, not a string")]
    public void Invalid_headers_are_refused_with_the_reason_and_nothing_is_loaded(string header, int dataBytes, string reason)
    {
        string path = PathOf("bad.safetensors");
        File.WriteAllBytes(path, FileBytes(header, new byte[dataBytes]));
        AssertRefused(path, reason);
    }

    [Fact]
    public void Files_too_short_or_with_impossible_header_lengths_are_refused()
    {
        string path = PathOf("bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        AssertRefused(path, "the file has 5 bytes, fewer than the 8");

        byte[] huge = FileBytes("{}      ", []);
        BinaryPrimitives.WriteUInt64LittleEndian(huge, 200_000_000);
        File.WriteAllBytes(path, huge);
        AssertRefused(path, "exceeds the 100 MB limit");

        byte[] pastEnd = FileBytes("{}      ", []);
        BinaryPrimitives.WriteUInt64LittleEndian(pastEnd, 64);
        File.WriteAllBytes(path, pastEnd);
        AssertRefused(path, "the header length 64 runs past the end of the file (16 bytes)");

        byte[] notUtf8 = FileBytes("{\"a\":{}}", []);
        notUtf8[10] = 0xFF;
        File.WriteAllBytes(path, notUtf8);
        AssertRefused(path, "not valid UTF-8");
    }

    [Fact]
    public void A_file_of_tensors_whose_offsets_are_in_any_order_loads_in_offset_order()
    {
        using DisposeScope scope = NewDisposeScope();
        string path = PathOf("unordered.safetensors");
        byte[] data = [.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(2f)];
        File.WriteAllBytes(path, FileBytes("""{"second":{"dtype":"F32","shape":[],"data_offsets":[4,8]},"first":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", data));
        Dictionary<string, Tensor> loaded = load_safetensors(path);
        Assert.Equal(["first", "second"], loaded.Keys);
        Assert.Equal(2f, loaded["second"].item<float>());
        Assert.Empty(loaded["second"].shape);
    }

    private static void AssertRefused(string path, string reason)
    {
        long live = LiveTensors.Settled();
        var error = Assert.Throws<InvalidDataException>(() => load_safetensors(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"'{path}' is not a valid safetensors file: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(live, LiveTensors.Settled());
    }

    /// <summary>A safetensors file with exactly this header text (no padding added) and data.</summary>
    internal static byte[] FileBytes(string header, byte[] data)
    {
        byte[] text = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + text.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)text.Length);
        text.CopyTo(file, 8);
        data.CopyTo(file, 8 + text.Length);
        return file;
    }
}
