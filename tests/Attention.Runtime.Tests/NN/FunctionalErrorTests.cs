using System;
using Xunit;
using static Attention.Runtime.torch;
using F = Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>Bad arguments to torch.nn.functional raise libtorch's (or PyTorch's) message, never crash.</summary>
public sealed class FunctionalErrorTests
{
    [Fact]
    public void Conv2d_with_wrong_input_channels()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.conv2d(randn(1, 3, 5, 5), randn(4, 2, 3, 3)));
        Assert.Contains("expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv2d_same_padding_with_stride()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.conv2d(randn(1, 3, 5, 5), randn(4, 3, 3, 3), null, "same", stride: [2]));
        Assert.Contains("padding='same' is not supported for strided convolutions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_with_mismatched_features()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.linear(randn(2, 3), randn(4, 5)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_dim_out_of_range()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.softmax(randn(2, 3), 2));
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)", error.Message, StringComparison.Ordinal);
        Assert.Throws<TorchException>(() => randn(2, 3).log_softmax(-3));
    }

    [Fact]
    public void Embedding_index_out_of_range()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.embedding(tensor(new long[] { 0, 10 }), randn(10, 4)));
        Assert.Contains("index out of range in self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedding_padding_idx_out_of_range()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.embedding(tensor(new long[] { 0 }), randn(10, 4), padding_idx: -11));
        Assert.Contains("Padding_idx must be within num_embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reflect_pad_on_a_1d_input()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.pad(randn(5), [1, 1], mode: "reflect"));
        Assert.Contains("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reflect_pad_with_a_value()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.pad(randn(1, 2, 3), [1, 1], mode: "reflect", value: 1.0));
        Assert.Contains("Padding mode \"reflect\" doesn't take in value argument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropout_probability_above_one()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.dropout(randn(3), 1.5));
        Assert.Contains("dropout probability has to be between 0 and 1, but got 1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_norm_shape_not_matching_the_input()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.layer_norm(randn(2, 3), [4]));
        Assert.Contains("Given normalized_shape=[4], expected input with shape [*, 4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_norm_training_with_one_value_per_channel()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.batch_norm(randn(1, 3), null, null, training: true));
        Assert.Contains("Expected more than 1 value per channel when training, got input size [1, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_pool_kernel_larger_than_the_input()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.max_pool2d(randn(1, 1, 2, 2), 3));
        Assert.Contains("Output size is too small", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hot_value_not_below_num_classes()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.one_hot(tensor(new long[] { 0, 3 }), 2));
        Assert.Contains("Class values must be smaller than num_classes.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_mode_not_matching_the_rank()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.interpolate(randn(1, 2, 5), size: [4], mode: "bilinear"));
        Assert.Contains("Got 3D input, but bilinear mode needs 4D input", error.Message, StringComparison.Ordinal);
        var rank = Assert.Throws<TorchException>(() => F.interpolate(randn(2, 5), size: [4]));
        Assert.Contains("Only 3D and 4D input Tensors supported (got 2D)", rank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_size_with_the_wrong_number_of_dimensions()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.interpolate(randn(1, 2, 4, 5), size: [2, 3, 4]));
        Assert.Contains("Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [4, 5] and output size of [2, 3, 4]",
            error.Message, StringComparison.Ordinal);
        // A one-element list is not broadcast (PyTorch broadcasts only a plain int).
        error = Assert.Throws<TorchException>(() => F.interpolate(randn(1, 2, 4, 5), size: [4]));
        Assert.Contains("output size of [4]", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<TorchException>(() => F.interpolate(randn(1, 2, 4, 5), scale_factor: [2.0]));
        Assert.Contains("Input and scale_factor must have the same number of spatial dimensions", error.Message, StringComparison.Ordinal);
    }

    // Arguments that PyTorch rejects in Python before reaching libtorch are rejected in .NET the same way.
    [Fact]
    public void Invalid_argument_combinations_throw_argument_exceptions()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor image = randn(1, 2, 4, 5);
        Assert.Throws<ArgumentException>(() => F.pad(image, [1, 1], mode: "mirror"));
        Assert.Throws<ArgumentException>(() => F.interpolate(image, size: [2, 2], mode: "trilinear"));
        Assert.Throws<ArgumentException>(() => F.interpolate(image, size: [2, 2], scale_factor: [2.0]));
        Assert.Throws<ArgumentException>(() => F.interpolate(image));
        Assert.Throws<ArgumentException>(() => F.interpolate(image, size: [2, 2], align_corners: true));
        Assert.Throws<ArgumentException>(() => F.interpolate(image, size: [2, 2], mode: "bilinear", recompute_scale_factor: true));
        Assert.Throws<ArgumentException>(() => F.gelu(image, approximate: "sigmoid"));
        Assert.Throws<ArgumentException>(() => F.conv2d(image, randn(3, 2, 3, 3), null, "full"));
    }
}
