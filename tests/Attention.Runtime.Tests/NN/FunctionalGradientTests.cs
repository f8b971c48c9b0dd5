using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using F = Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>Autograd of every differentiable torch.nn.functional op against finite differences (float64).</summary>
public sealed class FunctionalGradientTests
{
    // Each check draws its inputs after manual_seed(0), so every run sees the same values.
    private static readonly Dictionary<string, Action> Checks = new()
    {
        // ---- activations (inputs scaled where the interesting region is wider than randn's) ----
        ["relu"] = () => GradCheck.Assert(x => F.relu(x[0]), Randn(3, 4)),
        ["relu6"] = () => GradCheck.Assert(x => F.relu6(x[0] * 4), Randn(3, 4)),
        ["leaky_relu"] = () => GradCheck.Assert(x => F.leaky_relu(x[0], 0.2), Randn(3, 4)),
        ["elu"] = () => GradCheck.Assert(x => F.elu(x[0], 0.5), Randn(3, 4)),
        ["gelu_none"] = () => GradCheck.Assert(x => F.gelu(x[0]), Randn(3, 4)),
        ["gelu_tanh"] = () => GradCheck.Assert(x => F.gelu(x[0], "tanh"), Randn(3, 4)),
        ["silu"] = () => GradCheck.Assert(x => F.silu(x[0]), Randn(3, 4)),
        ["hardswish"] = () => GradCheck.Assert(x => F.hardswish(x[0] * 3), Randn(3, 4)),
        ["hardsigmoid"] = () => GradCheck.Assert(x => F.hardsigmoid(x[0] * 3), Randn(3, 4)),
        ["softplus"] = () => GradCheck.Assert(x => F.softplus(x[0], beta: 2.0, threshold: 1.0), Randn(3, 4)),
        ["sigmoid"] = () => GradCheck.Assert(x => F.sigmoid(x[0]), Randn(3, 4)),
        ["tanh"] = () => GradCheck.Assert(x => F.tanh(x[0]), Randn(3, 4)),
        ["softmax"] = () => GradCheck.Assert(x => F.softmax(x[0], 1), Randn(3, 4)),
        ["log_softmax"] = () => GradCheck.Assert(x => F.log_softmax(x[0], 0), Randn(3, 4)),
        ["tensor_softmax"] = () => GradCheck.Assert(x => x[0].softmax(-1), Randn(2, 5)),

        // ---- dropout: the same seed inside the function gives the same mask on every call ----
        ["dropout"] = () => GradCheck.Assert(x =>
        {
            manual_seed(3);
            return F.dropout(x[0], 0.4);
        }, Randn(4, 5)),

        // ---- linear and convolution ----
        ["linear"] = () => GradCheck.Assert(x => F.linear(x[0], x[1], x[2]), Randn(3, 5), Randn(4, 5), Randn(4)),
        ["linear_no_bias"] = () => GradCheck.Assert(x => F.linear(x[0], x[1]), Randn(2, 3), Randn(2, 3)),
        ["conv1d"] = () => GradCheck.Assert(x => F.conv1d(x[0], x[1], x[2], stride: 2, padding: 1), Randn(1, 2, 7), Randn(3, 2, 3), Randn(3)),
        ["conv1d_same"] = () => GradCheck.Assert(x => F.conv1d(x[0], x[1], x[2], "same", dilation: [2]), Randn(1, 2, 6), Randn(2, 2, 3), Randn(2)),
        ["conv2d_groups_dilation"] = () => GradCheck.Assert(x => F.conv2d(x[0], x[1], x[2], stride: [2, 1], padding: [1], dilation: [2], groups: 2),
            Randn(1, 4, 5, 5), Randn(4, 2, 2, 2), Randn(4)),
        ["conv2d_same"] = () => GradCheck.Assert(x => F.conv2d(x[0], x[1], null, "same"), Randn(1, 2, 4, 4), Randn(2, 2, 3, 2)),

        // ---- pooling ----
        ["max_pool1d"] = () => GradCheck.Assert(x => F.max_pool1d(x[0], 3, 2, ceil_mode: true), Randn(1, 2, 8)),
        ["max_pool2d"] = () => GradCheck.Assert(x => F.max_pool2d(x[0], 3, 2, 1, ceil_mode: true), Randn(1, 2, 5, 6)),
        ["max_pool2d_with_indices"] = () => GradCheck.Assert(x => F.max_pool2d_with_indices(x[0], [2, 2], dilation: [2]).output, Randn(1, 1, 6, 6)),
        ["avg_pool1d"] = () => GradCheck.Assert(x => F.avg_pool1d(x[0], 3, 2, 1, ceil_mode: true, count_include_pad: false), Randn(1, 2, 8)),
        ["avg_pool2d"] = () => GradCheck.Assert(x => F.avg_pool2d(x[0], 3, 2, 1, count_include_pad: false), Randn(1, 2, 5, 6)),
        ["avg_pool2d_divisor"] = () => GradCheck.Assert(x => F.avg_pool2d(x[0], [2, 3], divisor_override: 2), Randn(1, 2, 4, 6)),
        ["adaptive_avg_pool1d"] = () => GradCheck.Assert(x => F.adaptive_avg_pool1d(x[0], 3), Randn(1, 2, 7)),
        ["adaptive_avg_pool2d"] = () => GradCheck.Assert(x => F.adaptive_avg_pool2d(x[0], [2, 3]), Randn(1, 2, 5, 7)),
        ["adaptive_max_pool1d"] = () => GradCheck.Assert(x => F.adaptive_max_pool1d(x[0], 3), Randn(1, 2, 7)),
        ["adaptive_max_pool2d"] = () => GradCheck.Assert(x => F.adaptive_max_pool2d(x[0], [2, 3]), Randn(1, 2, 5, 7)),

        // ---- normalization ----
        ["batch_norm_training"] = () => GradCheck.Assert(x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), Randn(4, 3, 2), Randn(3), Randn(3)),
        ["batch_norm_eval"] = () =>
        {
            Tensor mean = Randn(3), variance = rand([3], float64) + 0.5;
            GradCheck.Assert(x => F.batch_norm(x[0], mean, variance, x[1], x[2]), Randn(4, 3, 2), Randn(3), Randn(3));
        },
        ["layer_norm"] = () => GradCheck.Assert(x => F.layer_norm(x[0], [4], x[1], x[2]), Randn(2, 3, 4), Randn(4), Randn(4)),
        ["layer_norm_no_affine"] = () => GradCheck.Assert(x => F.layer_norm(x[0], [3, 4], eps: 1e-3), Randn(2, 3, 4)),

        // ---- embedding (the indices are constants; the weight is checked) ----
        ["embedding"] = () =>
        {
            Tensor indices = tensor(new long[] { 1, 4, 1, 0, 2, 4 }, [2, 3]);
            GradCheck.Assert(x => F.embedding(indices, x[0]), Randn(5, 3));
        },

        // ---- padding ----
        ["pad_constant"] = () => GradCheck.Assert(x => F.pad(x[0], [1, -1, 2, 0], value: 0.5), Randn(2, 3, 4)),
        ["pad_reflect"] = () => GradCheck.Assert(x => F.pad(x[0], [1, 2, 2, 1], mode: "reflect"), Randn(1, 2, 3, 4)),
        ["pad_replicate"] = () => GradCheck.Assert(x => F.pad(x[0], [2, 0, 1, 3], mode: "replicate"), Randn(1, 2, 3, 4)),
        ["pad_circular"] = () => GradCheck.Assert(x => F.pad(x[0], [1, 2, 2, 1], mode: "circular"), Randn(1, 2, 3, 4)),

        // ---- interpolation ----
        ["interpolate_nearest"] = () => GradCheck.Assert(x => F.interpolate(x[0], scale_factor: [1.5, 1.5]), Randn(1, 2, 3, 4)),
        ["interpolate_linear"] = () => GradCheck.Assert(x => F.interpolate(x[0], size: [7], mode: "linear", align_corners: true), Randn(1, 2, 4)),
        ["interpolate_bilinear"] = () => GradCheck.Assert(x => F.interpolate(x[0], scale_factor: [2.0, 1.5], mode: "bilinear"), Randn(1, 2, 3, 4)),
        ["interpolate_bicubic"] = () => GradCheck.Assert(x => F.interpolate(x[0], size: [5, 6], mode: "bicubic"), Randn(1, 1, 3, 4)),
        ["interpolate_area"] = () => GradCheck.Assert(x => F.interpolate(x[0], size: [2, 3], mode: "area"), Randn(1, 2, 4, 5)),

        // ---- similarities ----
        ["cosine_similarity"] = () => GradCheck.Assert(x => F.cosine_similarity(x[0], x[1], dim: -1), Randn(2, 3, 4), Randn(1, 3, 4)),
        ["normalize"] = () => GradCheck.Assert(x => F.normalize(x[0], p: 3.0, dim: 0), Randn(3, 4)),
    };

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string name in Checks.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Autograd_matches_finite_differences(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(0);
        Checks[name]();
    }

    [Fact]
    public void Embedding_padding_row_gets_no_gradient()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(0);
        Tensor weight = randn([5, 3], float64).requires_grad_();
        Tensor indices = tensor(new long[] { 4, 1, 4, 2 });
        F.embedding(indices, weight, padding_idx: -1).sum().backward();
        double[] grad = weight.grad!.data<double>();
        Assert.Equal(new double[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 }, grad);
    }

    private static Tensor Randn(params long[] shape) => randn(shape, float64);
}
