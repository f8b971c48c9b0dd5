using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// The standard layers beyond numeric parity: PyTorch's parameter and buffer names, the containers,
/// initialisation statistics, training small networks end to end, and errors.
/// </summary>
public sealed class LayersTests
{
    // ---- names, order and counts (as printed by PyTorch 1.13 for the same layers) -----------------

    [Fact]
    public void Nested_sequential_has_pytorchs_names()
    {
        using var net = LayersParityTests.SmallNetwork();
        Assert.Equal(
            ["features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
             "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked", "classifier.weight", "classifier.bias"],
            net.state_dict().Keys);
        Assert.Equal(
            ["features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "classifier.weight", "classifier.bias"],
            net.named_parameters().Select(p => p.name));
        Assert.Equal(["", "features", "features.0", "features.1", "features.2", "features.3", "flatten", "classifier"],
            net.named_modules().Select(m => m.name));
        Assert.Equal(4 * 2 * 9 + 4 + 4 + 4 + (5 * 36) + 5, net.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Layers_have_pytorchs_parameter_and_buffer_names()
    {
        using var conv = nn.Conv2d(3, 8, 3);
        Assert.Equal(["weight", "bias"], conv.named_parameters().Select(p => p.name));
        Assert.Equal(8 * 3 * 9 + 8, conv.parameters().Sum(p => p.numel()));
        using var convNoBias = nn.Conv1d(4, 6, 3, groups: 2, bias: false);
        Assert.Equal(["weight"], convNoBias.named_parameters().Select(p => p.name));
        Assert.Equal([6L, 2, 3], convNoBias.weight.shape);

        using var bn = nn.BatchNorm2d(5);
        Assert.Equal(["weight", "bias"], bn.named_parameters().Select(p => p.name));
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], bn.named_buffers().Select(b => b.name));
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.state_dict().Keys);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Assert.Empty(bn.num_batches_tracked.shape);

        using var statsOnly = nn.BatchNorm1d(3, affine: false);
        Assert.Empty(statsOnly.named_parameters());
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], statsOnly.state_dict().Keys);
        using var affineOnly = nn.BatchNorm1d(3, track_running_stats: false);
        Assert.Equal(["weight", "bias"], affineOnly.state_dict().Keys);

        using var norm = nn.LayerNorm([2, 3]);
        Assert.Equal(["weight", "bias"], norm.named_parameters().Select(p => p.name));
        Assert.Equal([2L, 3], norm.weight!.shape);
        using var embedding = nn.Embedding(10, 4);
        Assert.Equal(["weight"], embedding.named_parameters().Select(p => p.name));
        Assert.Empty(nn.ReLU().named_parameters());
        Assert.Empty(nn.MaxPool2d(2).state_dict());
    }

    [Fact]
    public void Batchnorm_state_dict_round_trips_including_the_batch_count()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = nn.BatchNorm1d(3);
        source.call(randn(4, 3));
        source.call(randn(4, 3));
        using var target = nn.BatchNorm1d(3);
        target.load_state_dict(source.state_dict());
        Assert.Equal(2L, target.num_batches_tracked!.item<long>());
        Assert.Equal(source.running_var!.data<float>(), target.running_var!.data<float>());
    }

    // ---- containers ------------------------------------------------------------------------------

    [Fact]
    public void Sequential_appends_indexes_and_chains()
    {
        using DisposeScope scope = NewDisposeScope();
        using var seq = nn.Sequential(nn.Linear(3, 4), nn.ReLU());
        seq.append(nn.Linear(4, 2)).append("out", nn.Sigmoid());
        Assert.Equal(["0", "1", "2", "out"], seq.named_children().Select(c => c.name));
        Assert.Equal(4, seq.Count);
        Assert.IsType<Linear>(seq[2]);
        Assert.IsType<Sigmoid>(seq[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => seq[4]);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], seq.named_parameters().Select(p => p.name));

        Tensor x = randn(5, 3);
        Tensor expected = seq[3].call(seq[2].call(seq[1].call(seq[0].call(x))));
        Assert.Equal(expected.data<float>(), seq.call(x).data<float>());
    }

    [Fact]
    public void Sequential_leaves_the_input_and_pass_through_results_alive()
    {
        using DisposeScope scope = NewDisposeScope();
        using var seq = nn.Sequential(nn.Identity(), nn.ReLU(inplace: true), nn.Identity());
        Tensor x = randn(4);
        Tensor y = seq.call(x);
        Assert.Same(x, y); // Identity and the in-place ReLU hand back the same tensor, which must stay usable
        Assert.All(y.data<float>(), v => Assert.True(v >= 0));
    }

    [Fact]
    public void ModuleList_and_ModuleDict_name_their_children()
    {
        using var list = nn.ModuleList(nn.Linear(2, 2), nn.Linear(2, 3));
        list.append(nn.Linear(3, 1));
        Assert.Equal(3, list.Count);
        Assert.Equal(3, list[-1].in_features);
        Assert.Equal([2L, 2, 3], list.Select(l => l.in_features));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"], list.named_parameters().Select(p => p.name));

        using var dict = nn.ModuleDict<nn.Module<Tensor, Tensor>>(("proj", nn.Linear(2, 2)), ("act", nn.GELU()));
        dict.Add("norm", nn.LayerNorm(2));
        Assert.Equal(["proj", "act", "norm"], dict.Keys);
        Assert.Equal(["proj", "act", "norm"], dict.Select(e => e.Key));
        Assert.IsType<GELU>(dict["act"]);
        Assert.True(dict.ContainsKey("norm"));
        Assert.False(dict.TryGetValue("missing", out _));
        Assert.Equal(["proj.weight", "proj.bias", "norm.weight", "norm.bias"], dict.named_parameters().Select(p => p.name));
        Assert.Throws<ArgumentException>(() => dict.Add("a.b", nn.ReLU()));
    }

    [Fact]
    public void Dropout_follows_the_training_flag()
    {
        using DisposeScope scope = NewDisposeScope();
        using var net = nn.Sequential(nn.Dropout(0.5));
        Tensor x = ones(1000);
        float[] trained = net.call(x).data<float>();
        Assert.Contains(0f, trained);
        Assert.Contains(2f, trained);
        net.eval();
        Assert.All(net.call(x).data<float>(), v => Assert.Equal(1f, v));
    }

    // ---- initialisation statistics -----------------------------------------------------------------

    [Theory]
    [InlineData("conv")]
    [InlineData("linear")]
    public void Default_weights_are_uniform_within_one_over_root_fan_in(string kind)
    {
        // kaiming_uniform_(a = √5) gives U(−b, b) with b = 1/√fan_in: mean 0, standard deviation b/√3.
        manual_seed(123);
        using nn.Module layer = kind == "conv" ? nn.Conv2d(64, 128, 3) : nn.Linear(576, 128);
        Tensor weight = layer.named_parameters().First().parameter;
        double bound = 1 / Math.Sqrt(576);
        double[] values = weight.detach().to(ScalarType.Float64).data<double>();
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        double expectedStd = bound / Math.Sqrt(3);

        Assert.Equal(128 * 576, values.Length);
        Assert.True(values.All(v => v >= -bound && v <= bound), "a weight lies outside ±1/√fan_in");
        Assert.True(Math.Abs(mean) < 5 * expectedStd / Math.Sqrt(values.Length), $"mean {mean}");
        Assert.True(Math.Abs(std - expectedStd) < 0.02 * expectedStd, $"std {std}, expected {expectedStd}");
        Assert.True(values.Min() < -0.99 * bound && values.Max() > 0.99 * bound, "the draws do not span the interval");
    }

    [Fact]
    public void Embedding_weights_are_standard_normal_with_a_zero_padding_row()
    {
        manual_seed(5);
        using var embedding = nn.Embedding(1000, 50, padding_idx: 7);
        double[] values = embedding.weight.detach().to(ScalarType.Float64).data<double>();
        Assert.All(values.Skip(7 * 50).Take(50), v => Assert.Equal(0.0, v));
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.True(Math.Abs(mean) < 0.03 && Math.Abs(std - 1) < 0.02, $"mean {mean}, std {std}");
    }

    // ---- training end to end with a hand-written SGD loop --------------------------------------------

    [Fact]
    public void Mlp_learns_a_product_of_its_inputs()
    {
        // PyTorch reaches 0.021 after the same 300 steps from the same seed.
        manual_seed(0);
        using DisposeScope data = NewDisposeScope();
        Tensor x = randn(128, 2);
        Tensor target = (x[.., 0] * x[.., 1]).unsqueeze(1);
        using var net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1));

        double first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor difference = net.call(x) - target;
            Tensor loss = (difference * difference).mean();
            last = loss.item<float>();
            first = step == 0 ? last : first;
            Sgd(net, loss, 0.1);
        }

        Assert.True(first > 0.5, $"initial loss {first}");
        Assert.True(last < 0.05, $"final loss {last}");
    }

    [Fact]
    public void Cnn_learns_to_tell_horizontal_from_vertical_lines()
    {
        // 64 noisy 8×8 images of one line each; class 0 horizontal, class 1 vertical. PyTorch reaches
        // about 0.03 after 60 steps on such data.
        manual_seed(1);
        using DisposeScope data = NewDisposeScope();
        var random = new Random(5);
        const int N = 64;
        float[] pixels = new float[N * 64];
        long[] labelValues = new long[N];
        for (int i = 0; i < N; i++)
        {
            labelValues[i] = i % 2;
            int line = random.Next(8);
            for (int k = 0; k < 8; k++)
            {
                int pixel = labelValues[i] == 0 ? (line * 8) + k : (k * 8) + line;
                pixels[(i * 64) + pixel] = 1;
            }
        }

        Tensor images = tensor(pixels, [N, 1, 8, 8]) + (randn(N, 1, 8, 8) * 0.1);
        Tensor labels = tensor(labelValues, [N, 1]);
        using var net = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 2));

        double first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor logProbabilities = nn.functional.log_softmax(net.call(images), 1);
            Tensor loss = -logProbabilities.gather(1, labels).mean();
            last = loss.item<float>();
            first = step == 0 ? last : first;
            Sgd(net, loss, 0.1);
        }

        Assert.True(first > 0.5, $"initial loss {first}");
        Assert.True(last < 0.1, $"final loss {last}");

        net.eval();
        using DisposeScope evaluation = NewDisposeScope();
        Tensor predicted = net.call(images).argmax(1);
        Assert.Equal(labelValues, predicted.data<long>());
    }

    /// <summary>One plain gradient-descent step: p ← p − lr·∂loss/∂p, then the gradients are cleared.</summary>
    private static void Sgd(nn.Module net, Tensor loss, double lr)
    {
        loss.backward();
        using (no_grad())
        {
            foreach (nn.Parameter p in net.parameters())
            {
                p.sub_(p.grad!, alpha: lr);
            }
        }

        net.zero_grad();
    }

    // ---- errors ----------------------------------------------------------------------------------------

    [Fact]
    public void Wrong_input_channels_give_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        using var conv = nn.Conv2d(3, 8, 3);
        var error = Assert.Throws<TorchException>(() => conv.call(randn(1, 4, 5, 5)));
        Assert.Contains("Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead", error.Message, StringComparison.Ordinal);

        using var reflect = nn.Conv1d(2, 2, 3, padding: 1, padding_mode: "reflect");
        Assert.Contains("to have 2 channels, but got 5 channels instead",
            Assert.Throws<TorchException>(() => reflect.call(randn(1, 5, 6))).Message, StringComparison.Ordinal);

        using var bn = nn.BatchNorm2d(3);
        Assert.Contains("running_mean should contain 4 elements not 3",
            Assert.Throws<TorchException>(() => bn.call(randn(2, 4, 5, 5))).Message, StringComparison.Ordinal);

        using var embedding = nn.Embedding(3, 2);
        Assert.Contains("index out of range in self",
            Assert.Throws<TorchException>(() => embedding.call(tensor(new long[] { 5 }))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_input_rank_for_batch_norm_gives_pytorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        using var bn2 = nn.BatchNorm2d(3);
        Assert.Equal("expected 4D input (got 3D input) (Parameter 'input')", Assert.Throws<ArgumentException>(() => bn2.call(randn(2, 3, 4))).Message);
        using var bn1 = nn.BatchNorm1d(3);
        Assert.StartsWith("expected 2D or 3D input (got 4D input)", Assert.Throws<ArgumentException>(() => bn1.call(randn(2, 3, 4, 4))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_constructor_arguments_give_pytorchs_wording()
    {
        static string Message(Func<object> make) => Assert.Throws<ArgumentException>(make).Message;

        Assert.StartsWith("in_channels must be divisible by groups", Message(() => nn.Conv2d(3, 6, 3, groups: 2)), StringComparison.Ordinal);
        Assert.StartsWith("out_channels must be divisible by groups", Message(() => nn.Conv2d(4, 6, 3, groups: 4)), StringComparison.Ordinal);
        Assert.StartsWith("groups must be a positive integer", Message(() => nn.Conv1d(4, 4, 3, groups: 0)), StringComparison.Ordinal);
        Assert.StartsWith("Trying to create tensor with negative dimension -8: [-8, 3, 3, 3]", Message(() => nn.Conv2d(3, -8, 3)), StringComparison.Ordinal);
        Assert.StartsWith("Trying to create tensor with negative dimension -2: [-2]", Message(() => nn.BatchNorm1d(-2)), StringComparison.Ordinal);
        Assert.StartsWith("Trying to create tensor with negative dimension -4: [10, -4]", Message(() => nn.Embedding(10, -4)), StringComparison.Ordinal);
        Assert.StartsWith("padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='mirror'",
            Message(() => nn.Conv2d(3, 3, 3, padding_mode: "mirror")), StringComparison.Ordinal);
        Assert.StartsWith("Invalid padding string 'full', should be one of {'valid', 'same'}", Message(() => nn.Conv2d(3, 3, 3, "full")), StringComparison.Ordinal);
        Assert.StartsWith("padding='same' is not supported for strided convolutions", Message(() => nn.Conv1d(3, 3, 3, "same", stride: 2)), StringComparison.Ordinal);
        Assert.StartsWith("dropout probability has to be between 0 and 1, but got 1.5", Message(() => nn.Dropout(1.5)), StringComparison.Ordinal);
        Assert.StartsWith("Padding_idx must be within num_embeddings", Message(() => nn.Embedding(5, 2, padding_idx: 5)), StringComparison.Ordinal);
        Assert.StartsWith("Padding_idx must be within num_embeddings", Message(() => nn.Embedding(5, 2, padding_idx: -6)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reflect")]
    [InlineData("circular")]
    public void Padded_convolution_gradients_match_finite_differences(string mode)
    {
        using var conv = nn.Conv2d(2, 2, 3, padding: 1, padding_mode: mode, dtype: ScalarType.Float64);
        GradCheck.Assert(x => conv.call(x[0]), randn(1, 2, 4, 3));
    }

    [Fact]
    public void Layers_can_be_built_in_double_precision()
    {
        using DisposeScope scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3, padding: "same", padding_mode: "replicate", dtype: ScalarType.Float64);
        using var bn = nn.BatchNorm2d(3, dtype: ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, conv.weight.dtype);
        Assert.Equal(ScalarType.Float64, bn.running_mean!.dtype);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Tensor y = bn.call(conv.call(randn([1, 2, 5, 5], ScalarType.Float64)));
        Assert.Equal([1L, 3, 5, 5], y.shape);
    }
}
