using System;
using System.Collections.Generic;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>grid_sample, affine_grid, scaled_dot_product_attention and gumbel_softmax against Reference/cases_attention.py.</summary>
public sealed class AttentionParityTests : ReferenceParityTests<AttentionParityTests>, IReferenceArea
{
    private const string Area = "attention";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["grid_sample_bilinear_zeros"] = x => grid_sample(x[0], x[1], mode: "bilinear", padding_mode: "zeros"),
        ["grid_sample_nearest_border"] = x => grid_sample(x[0], x[1], mode: "nearest", padding_mode: "border"),
        ["grid_sample_bicubic_reflection"] = x => grid_sample(x[0], x[1], mode: "bicubic", padding_mode: "reflection"),
        ["grid_sample_bilinear_align_corners"] = x => grid_sample(x[0], x[1], mode: "bilinear", padding_mode: "border", align_corners: true),
        ["grid_sample_5d_trilinear"] = x => grid_sample(x[0], x[1]),
        ["affine_grid_2d"] = x => affine_grid(x[0], [2, 3, 4, 5]),
        ["affine_grid_2d_align_corners"] = x => affine_grid(x[0], [1, 1, 3, 3], align_corners: true),
        ["affine_grid_3d"] = x => affine_grid(x[0], [1, 2, 2, 3, 4]),
        ["spatial_transformer_rotation"] = x => grid_sample(x[0], affine_grid(x[1], [1, 2, 6, 6])),
        ["sdpa_no_mask"] = x => scaled_dot_product_attention(x[0], x[1], x[2]),
        ["sdpa_bool_mask"] = x => scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
        ["sdpa_float_mask"] = x => scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
        ["sdpa_is_causal"] = x => scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true),
        ["sdpa_batch_heads"] = x => scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
        ["sdpa_fully_masked_row"] = x => scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
        ["gumbel_softmax_soft"] = x => Seeded(7, () => gumbel_softmax(x[0], tau: 1.0)),
        ["gumbel_softmax_tau_dim0"] = x => Seeded(8, () => gumbel_softmax(x[0], tau: 0.5, dim: 0)),
        ["gumbel_softmax_hard"] = x => Seeded(9, () => gumbel_softmax(x[0], hard: true)),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void Fully_masked_row_gives_zeros_with_a_float_mask_too()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(3);
        Tensor q = randn(2, 3, 4), k = randn(2, 5, 4), v = randn(2, 5, 4);
        float inf = float.PositiveInfinity;
        Tensor floatMask = tensor(new[] { 0f, -inf, 0f, -inf, -inf, -inf, -inf, -inf, -inf, -inf, 0f, 0f, 0f, 0f, 0f }, [3, 5]);
        Tensor boolMask = tensor(new[] { true, false, true, false, false, false, false, false, false, false, true, true, true, true, true }, [3, 5]);

        Tensor fromFloat = scaled_dot_product_attention(q, k, v, floatMask);
        Tensor fromBool = scaled_dot_product_attention(q, k, v, boolMask);

        ReferenceData.AssertClose(fromBool, fromFloat, 1e-6, 1e-7, "float mask vs bool mask");
        float[] values = fromFloat.data<float>();
        for (int batch = 0; batch < 2; batch++)
        {
            // Query row 1 may attend to no key.
            Assert.Equal(new float[4], values.AsSpan((batch * 3 + 1) * 4, 4).ToArray());
        }
    }

    [Fact]
    public void Hard_gumbel_softmax_is_one_hot_with_the_soft_gradient()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(11);
        Tensor logits = randn(4, 6);
        Tensor weights = randn(4, 6);

        Tensor hardLeaf = logits.detach().requires_grad_();
        manual_seed(5);
        Tensor hard = gumbel_softmax(hardLeaf, tau: 0.7, hard: true);
        (hard * weights).sum().backward();

        Tensor softLeaf = logits.detach().requires_grad_();
        manual_seed(5);
        Tensor soft = gumbel_softmax(softLeaf, tau: 0.7);
        (soft * weights).sum().backward();

        float[] hardValues = hard.data<float>();
        float[] softValues = soft.data<float>();
        for (int row = 0; row < 4; row++)
        {
            int softArgmax = ArgMax(softValues.AsSpan(row * 6, 6));
            for (int i = 0; i < 6; i++)
            {
                Assert.Equal(i == softArgmax ? 1f : 0f, hardValues[row * 6 + i]);
            }
        }

        Assert.Equal(softLeaf.grad!.data<float>(), hardLeaf.grad!.data<float>());
    }

    [Fact]
    public void Grid_sample_with_mismatched_batch_throws_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => grid_sample(zeros(2, 1, 3, 3), zeros(3, 2, 2, 2)));
        Assert.Contains("expected grid and input to have same batch size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_sample_rejects_an_unknown_mode()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => grid_sample(zeros(1, 1, 3, 3), zeros(1, 2, 2, 2), mode: "linear"));
        Assert.Contains("expected mode to be 'bilinear', 'nearest' or 'bicubic'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Affine_grid_with_a_3d_theta_for_a_4d_size_throws()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => affine_grid(zeros(1, 3, 4), [1, 1, 4, 4]));
        Assert.Contains("Expected a batch of 2D affine matrices of shape Nx2x3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sdpa_with_mismatched_head_dims_throws_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => scaled_dot_product_attention(zeros(2, 3, 4), zeros(2, 5, 3), zeros(2, 5, 4)));
        Assert.Contains("Expected size for first two dimensions of batch2 tensor", error.Message, StringComparison.Ordinal);
    }

    private static Tensor Seeded(long seed, Func<Tensor> sample)
    {
        manual_seed(seed);
        return sample();
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
