using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>Autograd of the attention ops against finite differences.</summary>
public sealed class AttentionGradientTests
{
    private static Tensor Random(long seed, params long[] shape)
    {
        manual_seed(seed);
        return randn(shape, ScalarType.Float64);
    }

    [Fact]
    public void Grid_sample_bilinear_wrt_input_and_grid() =>
        GradCheck.Assert(x => grid_sample(x[0], x[1], padding_mode: "zeros"), Random(1, 1, 2, 3, 3), Random(2, 1, 2, 2, 2) * 0.8);

    [Fact]
    public void Grid_sample_bicubic_wrt_input_and_grid() =>
        GradCheck.Assert(x => grid_sample(x[0], x[1], mode: "bicubic", padding_mode: "border", align_corners: true), Random(3, 1, 1, 4, 4), Random(4, 1, 2, 2, 2) * 0.8);

    [Fact]
    public void Grid_sample_nearest_wrt_input()
    {
        // The nearest sample is piecewise constant in the grid: only the input has a gradient.
        Tensor grid = Random(6, 1, 2, 2, 2);
        GradCheck.Assert(x => grid_sample(x[0], grid, mode: "nearest", padding_mode: "reflection"), Random(5, 1, 2, 3, 3));
    }

    [Fact]
    public void Affine_grid_wrt_theta() =>
        GradCheck.Assert(x => affine_grid(x[0], [2, 1, 3, 2]), Random(7, 2, 2, 3));

    [Fact]
    public void Sdpa_wrt_query_key_value() =>
        GradCheck.Assert(x => scaled_dot_product_attention(x[0], x[1], x[2]), Random(8, 1, 3, 2), Random(9, 1, 4, 2), Random(10, 1, 4, 3));

    [Fact]
    public void Sdpa_with_float_mask_wrt_every_input() =>
        GradCheck.Assert(x => scaled_dot_product_attention(x[0], x[1], x[2], x[3]), Random(11, 1, 2, 2, 3), Random(12, 1, 2, 3, 3), Random(13, 1, 2, 3, 2), Random(14, 2, 3));

    [Fact]
    public void Sdpa_causal_4d_wrt_query_key_value() =>
        GradCheck.Assert(x => scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true), Random(15, 1, 2, 3, 2), Random(16, 1, 2, 3, 2), Random(17, 1, 2, 3, 2));

    [Fact]
    public void Sdpa_with_a_fully_masked_row_has_finite_gradients()
    {
        Tensor mask = tensor(new[] { true, false, true, false, false, false }, [2, 3]);
        GradCheck.Assert(x => scaled_dot_product_attention(x[0], x[1], x[2], mask), Random(18, 1, 2, 2), Random(19, 1, 3, 2), Random(20, 1, 3, 2));
    }

    [Fact]
    public void Gumbel_softmax_wrt_logits_under_a_fixed_seed() =>
        GradCheck.Assert(x =>
        {
            manual_seed(21);
            return gumbel_softmax(x[0], tau: 0.8);
        }, Random(22, 2, 4));
}
