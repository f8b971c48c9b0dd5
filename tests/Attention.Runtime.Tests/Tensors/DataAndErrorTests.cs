using System;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Moving data in and out of tensors, metadata, and the errors of misuse.</summary>
public sealed class DataAndErrorTests
{
    [Fact]
    public void Arrays_of_any_rank_keep_their_shape_and_row_major_order()
    {
        using DisposeScope scope = NewDisposeScope();
        var cube = new long[2, 3, 4];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    cube[i, j, k] = (i * 100) + (j * 10) + k;
                }
            }
        }

        Tensor t = tensor(cube);
        Assert.Equal(new long[] { 2, 3, 4 }, t.shape);
        Assert.Equal(3, t.ndim);
        Assert.Equal(ScalarType.Int64, t.dtype);
        long[] flat = t.data<long>();
        Assert.Equal(123L, flat[(1 * 12) + (2 * 4) + 3]);
        Assert.Equal(24, t.numel());
    }

    [Fact]
    public void Spans_with_a_shape_and_conversion_on_the_way_in()
    {
        using DisposeScope scope = NewDisposeScope();
        ReadOnlySpan<int> values = [1, 2, 3, 4, 5, 6];
        Tensor t = tensor(values, [2, 3], dtype: ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(new[] { 1.0, 2, 3, 4, 5, 6 }, t.data<double>());
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Bool)]
    [InlineData(ScalarType.Byte)]
    public void Every_dtype_round_trips(ScalarType type)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor t = tensor(new[] { 0.0, 1.0, 0.0, 1.0 }, dtype: type);
        Assert.Equal(type, t.dtype);
        Assert.Equal(element_size(type), t.element_size());
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 1.0 }, t.to(ScalarType.Float64).data<double>());
    }

    [Fact]
    public void Bool_and_byte_data_come_back_as_written()
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.Equal(new[] { true, false, true }, tensor(new[] { true, false, true }).data<bool>());
        Assert.Equal(new byte[] { 0, 7, 255 }, tensor(new byte[] { 0, 7, 255 }).data<byte>());
    }

    [Fact]
    public void Item_reads_a_one_element_tensor_and_refuses_more()
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.Equal(2.5f, tensor(2.5).item<float>());
        Assert.Equal(7L, tensor(7L).item<long>());
        Assert.True(tensor(new[] { 1L }).item().IsIntegral);
        var error = Assert.Throws<TorchException>(() => ones(2).item<float>());
        Assert.Contains("a Tensor with 2 elements cannot be converted to Scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_of_the_wrong_element_type_is_refused_with_the_fix()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<InvalidOperationException>(() => ones(2).data<double>());
        Assert.Contains("float32", error.Message, StringComparison.Ordinal);
        Assert.Contains(".to(float64)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => tensor(new float[5], [2, 3]));
        Assert.Contains("holds 6 elements but the data has 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_after_dispose_throws_ObjectDisposedException()
    {
        Tensor t = ones(3);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        Assert.Throws<ObjectDisposedException>(() => t + 1.0);
        Assert.Throws<ObjectDisposedException>(() => t.data<float>());
        // The message names the tensor, not the runtime's internal handle type.
        Assert.Equal("Tensor", Assert.Throws<ObjectDisposedException>(() => t.sum()).ObjectName);
        Assert.Equal("Tensor", Assert.Throws<ObjectDisposedException>(() => torch.nn.functional.relu(t)).ObjectName);
        Assert.Equal("Tensor", Assert.Throws<ObjectDisposedException>(() => ones(3) + t).ObjectName);
        t.Dispose(); // Disposing twice is harmless.
    }

    [Fact]
    public void Shape_mismatch_in_an_op_gives_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => ones(2, 3) + ones(4, 5));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_dims_and_negative_sizes_are_refused()
    {
        using DisposeScope scope = NewDisposeScope();
        var dim = Assert.Throws<TorchException>(() => ones(2, 3).sum(5));
        Assert.Contains("Dimension out of range", dim.Message, StringComparison.Ordinal);
        var size = Assert.Throws<TorchException>(() => zeros(2, -1));
        Assert.Contains("negative", size.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentOutOfRangeException>(() => ones(2).size(3));
    }

    [Fact]
    public void Integer_tensors_cannot_require_grad()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => ones([2], ScalarType.Int64, requires_grad: true));
        Assert.Contains("floating point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_tensors_have_shape_and_reduce_like_pytorch()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor empty = zeros(0, 3);
        Assert.Equal(new long[] { 0, 3 }, empty.shape);
        Assert.Equal(0, empty.numel());
        Assert.Empty(empty.data<float>());
        Assert.Equal(0f, empty.sum().item<float>());
        Assert.Equal(new[] { 0f, 0f, 0f }, empty.sum(0).data<float>());
        Assert.True(float.IsNaN(empty.mean().item<float>()));
        Assert.Empty(tensor(Array.Empty<float>()).data<float>());
    }

    [Fact]
    public void Devices_parse_like_pytorch_and_cuda_is_refused_with_the_way_out()
    {
        Assert.Equal(new Device(DeviceType.CUDA, 1), new Device("cuda:1"));
        Assert.Equal("cuda:1", new Device("cuda:1").ToString());
        Assert.Equal(DeviceType.CPU, new Device("cpu").type);
        Assert.Throws<FormatException>(() => new Device("tpu"));
        Assert.Throws<FormatException>(() => new Device("cuda:x"));
        using Tensor t = ones(1);
        Assert.Equal("cpu", t.device.ToString());
        if (!cuda.is_available())
        {
            var error = Assert.Throws<TorchException>(() => t.to(new Device("cuda")));
            Assert.Contains("ATTENTION_LIBTORCH", error.Message, StringComparison.Ordinal);
            Assert.Contains(__version__, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(42);
        float[] first = randn(10).data<float>();
        manual_seed(42);
        float[] second = randn(10).data<float>();
        manual_seed(43);
        float[] other = randn(10).data<float>();
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void In_place_ops_change_the_tensor_and_copy_broadcasts()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor t = zeros(2, 2);
        t.add_(1).mul_(3.0);
        Assert.Equal(new[] { 3f, 3f, 3f, 3f }, t.data<float>());
        t.copy_(tensor(new[] { 1f, 2f }));
        Assert.Equal(new[] { 1f, 2f, 1f, 2f }, t.data<float>());
        Assert.Equal(new long[] { 2, 1 }, t.stride());
    }
}
