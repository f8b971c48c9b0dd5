using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using F = Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>torch.nn.functional against Reference/cases_nn.py.</summary>
public sealed class FunctionalParityTests : ReferenceParityTests<FunctionalParityTests>, IReferenceArea
{
    private const string Area = "nn";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        // ---- activations ----
        ["relu"] = x => F.relu(x[0]),
        ["relu6"] = x => F.relu6(x[0] * 4),
        ["leaky_relu_default"] = x => F.leaky_relu(x[0]),
        ["leaky_relu_slope"] = x => F.leaky_relu(x[0], 0.2),
        ["elu_default"] = x => F.elu(x[0]),
        ["elu_alpha"] = x => F.elu(x[0], 0.5),
        ["gelu_none"] = x => F.gelu(x[0]),
        ["gelu_tanh"] = x => F.gelu(x[0], approximate: "tanh"),
        ["silu"] = x => F.silu(x[0]),
        ["hardswish"] = x => F.hardswish(x[0] * 3),
        ["hardsigmoid"] = x => F.hardsigmoid(x[0] * 3),
        ["softplus_default"] = x => F.softplus(x[0] * 10),
        ["softplus_beta_threshold"] = x => F.softplus(x[0], beta: 2.0, threshold: 1.0),
        ["sigmoid"] = x => F.sigmoid(x[0]),
        ["tanh"] = x => F.tanh(x[0]),
        ["softmax_dim1"] = x => F.softmax(x[0], 1),
        ["softmax_dim0"] = x => F.softmax(x[0], 0),
        ["softmax_last_dim_3d"] = x => F.softmax(x[0], -1),
        ["softmax_dtype"] = x => F.softmax(x[0], 1, dtype: float64),
        ["log_softmax_dim1"] = x => F.log_softmax(x[0], 1),
        ["log_softmax_neg_dim"] = x => F.log_softmax(x[0] * 5, -2),
        ["tensor_methods"] = x =>
        {
            Tensor t = x[0];
            return new[]
            {
                t.relu(), (t * 4).relu6(), t.leaky_relu(0.1), t.elu(0.5), t.gelu("tanh"), t.silu(), (t * 3).hardswish(),
                (t * 3).hardsigmoid(), t.softplus(2.0), t.softmax(1), t.log_softmax(0),
            };
        },
        ["activations_inplace"] = x => new[]
        {
            F.relu(x[0].clone(), inplace: true), F.relu6(x[0] * 4, inplace: true), F.leaky_relu(x[0].clone(), 0.2, inplace: true),
            F.elu(x[0].clone(), 0.5, inplace: true), F.silu(x[0].clone(), inplace: true), F.hardswish(x[0] * 3, inplace: true),
            F.hardsigmoid(x[0] * 3, inplace: true),
        },

        // ---- dropout ----
        ["dropout_seeded"] = x => SeededDropout(x[0], 0.3),
        ["dropout_default_p"] = x => SeededDropout(x[0], 0.5),
        ["dropout_inplace"] = x => SeededDropout(x[0], 0.6, inplace: true),
        ["dropout_eval"] = x => SeededDropout(x[0], 0.3, training: false),

        // ---- linear ----
        ["linear_bias"] = x => F.linear(x[0], x[1], x[2]),
        ["linear_no_bias"] = x => F.linear(x[0], x[1]),
        ["linear_batched"] = x => F.linear(x[0], x[1], x[2]),

        // ---- convolution ----
        ["conv1d_stride_padding"] = x => F.conv1d(x[0], x[1], x[2], stride: 2, padding: 1),
        ["conv1d_same_dilation"] = x => F.conv1d(x[0], x[1], x[2], "same", dilation: [2]),
        ["conv2d_padding"] = x => F.conv2d(x[0], x[1], x[2], padding: 1),
        ["conv2d_groups_dilation"] = x => F.conv2d(x[0], x[1], x[2], stride: [2, 1], padding: [2, 1], dilation: [2], groups: 2),
        ["conv2d_same"] = x => F.conv2d(x[0], x[1], null, "same"),
        ["conv2d_valid_strided"] = x => F.conv2d(x[0], x[1], null, "valid", stride: [2, 2]),
        ["conv2d_unbatched"] = x => F.conv2d(x[0], x[1], stride: 2),

        // ---- pooling ----
        ["max_pool1d_ceil"] = x => F.max_pool1d(x[0], 3, 2, ceil_mode: true),
        ["max_pool1d_indices"] = x => F.max_pool1d_with_indices(x[0], 2),
        ["max_pool2d_kernel"] = x => F.max_pool2d(x[0], 2),
        ["max_pool2d_ceil_padding"] = x => F.max_pool2d(x[0], 3, 2, 1, ceil_mode: true),
        ["max_pool2d_dilation"] = x => F.max_pool2d(x[0], [2, 3], [1, 2], [1, 0], dilation: [2]),
        ["max_pool2d_indices"] = x => F.max_pool2d_with_indices(x[0], 3, 2, ceil_mode: true),
        ["avg_pool1d_ceil_exclude_pad"] = x => F.avg_pool1d(x[0], 3, 2, 1, ceil_mode: true, count_include_pad: false),
        ["avg_pool2d_kernel"] = x => F.avg_pool2d(x[0], 2),
        ["avg_pool2d_ceil_padding"] = x => F.avg_pool2d(x[0], 3, 2, 1, ceil_mode: true),
        ["avg_pool2d_exclude_pad"] = x => F.avg_pool2d(x[0], 3, 2, 1, count_include_pad: false),
        ["avg_pool2d_divisor"] = x => F.avg_pool2d(x[0], [2, 3], divisor_override: 2),
        ["adaptive_avg_pool1d"] = x => F.adaptive_avg_pool1d(x[0], 4),
        ["adaptive_avg_pool2d"] = x => F.adaptive_avg_pool2d(x[0], [3, 4]),
        ["adaptive_avg_pool2d_square"] = x => F.adaptive_avg_pool2d(x[0], 2),
        ["adaptive_max_pool1d"] = x => F.adaptive_max_pool1d(x[0], 4),
        ["adaptive_max_pool2d"] = x => F.adaptive_max_pool2d(x[0], [3, 4]),
        ["adaptive_max_pool2d_indices"] = x => F.adaptive_max_pool2d_with_indices(x[0], [2, 3]),

        // ---- normalization ----
        ["batch_norm_eval"] = x => F.batch_norm(x[0], x[1], x[2], x[3], x[4]),
        ["batch_norm_train_updates_stats"] = x =>
        {
            Tensor output = F.batch_norm(x[0], x[1], x[2], x[3], x[4], training: true, momentum: 0.2);
            return (output, x[1], x[2]);
        },
        ["batch_norm_train_no_stats"] = x => F.batch_norm(x[0], null, null, training: true, eps: 1e-3),
        ["layer_norm_affine"] = x => F.layer_norm(x[0], [4], x[1], x[2]),
        ["layer_norm_2d_shape"] = x => F.layer_norm(x[0], [3, 4], eps: 1e-3),

        // ---- embedding ----
        ["embedding"] = x => F.embedding(x[0], x[1]),
        ["embedding_padding_idx"] = x => F.embedding(x[0], x[1], padding_idx: -1),
        ["embedding_max_norm"] = x => (F.embedding(x[0], x[1], max_norm: 1.0), x[1]),

        // ---- padding ----
        ["pad_constant_value"] = x => F.pad(x[0], [1, 2], value: 0.5),
        ["pad_constant_2d"] = x => F.pad(x[0], [1, 1, 2, 0]),
        ["pad_constant_crop"] = x => F.pad(x[0], [-1, 1]),
        ["pad_reflect_1d"] = x => F.pad(x[0], [2, 1], mode: "reflect"),
        ["pad_reflect_2d"] = x => F.pad(x[0], [1, 2, 2, 1], mode: "reflect"),
        ["pad_replicate_2d"] = x => F.pad(x[0], [2, 0, 1, 3], mode: "replicate"),
        ["pad_circular_2d"] = x => F.pad(x[0], [1, 2, 2, 1], mode: "circular"),

        // ---- interpolation ----
        ["interpolate_nearest_size"] = x => F.interpolate(x[0], size: 8),
        ["interpolate_nearest_scale_2d"] = x => F.interpolate(x[0], scale_factor: 1.5),
        ["interpolate_nearest_exact"] = x => F.interpolate(x[0], size: [7, 3], mode: "nearest-exact"),
        ["interpolate_linear"] = x => F.interpolate(x[0], size: [9], mode: "linear"),
        ["interpolate_linear_align_corners"] = x => F.interpolate(x[0], scale_factor: [2.5], mode: "linear", align_corners: true),
        ["interpolate_bilinear_scale"] = x => F.interpolate(x[0], scale_factor: [2.0, 1.5], mode: "bilinear"),
        ["interpolate_bilinear_align_corners"] = x => F.interpolate(x[0], size: [7, 3], mode: "bilinear", align_corners: true),
        ["interpolate_bilinear_recompute"] = x => F.interpolate(x[0], scale_factor: 1.7, mode: "bilinear", recompute_scale_factor: true),
        ["interpolate_bicubic"] = x => F.interpolate(x[0], size: [6, 8], mode: "bicubic"),
        ["interpolate_bicubic_align_corners"] = x => F.interpolate(x[0], scale_factor: 1.5, mode: "bicubic", align_corners: true),
        ["interpolate_area_size"] = x => F.interpolate(x[0], size: [3, 5], mode: "area"),
        ["interpolate_area_scale"] = x => F.interpolate(x[0], scale_factor: 0.5, mode: "area"),

        // ---- one-hot and similarities ----
        ["one_hot"] = x => F.one_hot(x[0]),
        ["one_hot_num_classes"] = x => F.one_hot(x[0], 7),
        ["cosine_similarity"] = x => F.cosine_similarity(x[0], x[1]),
        ["cosine_similarity_broadcast_last_dim"] = x => F.cosine_similarity(x[0], x[1], dim: -1),
        ["normalize_default"] = x => F.normalize(x[0]),
        ["normalize_p1_dim0"] = x => F.normalize(x[0], p: 1.0, dim: 0),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void In_place_forms_return_their_input()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(3, 4);
        Assert.Same(x, F.relu(x, inplace: true));
        Assert.Same(x, F.dropout(x, 0.2, inplace: true));
        Assert.Same(x, x.relu_());
        Assert.True(ReferenceData.AsDoubles(x).Min() >= 0);
    }

    // Python's F.dropout after torch.manual_seed(7), as in cases_nn.py.
    private static Tensor SeededDropout(Tensor x, double p, bool training = true, bool inplace = false)
    {
        manual_seed(7);
        return F.dropout(x, p, training, inplace);
    }
}
