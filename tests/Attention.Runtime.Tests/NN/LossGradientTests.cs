using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>
/// Autograd of the losses against finite differences, with respect to the input and, where PyTorch
/// differentiates it, the target. Integer targets and class weights are captured constants.
/// </summary>
public sealed class LossGradientTests
{
    private static Tensor Random(long seed, params long[] shape)
    {
        manual_seed(seed);
        return randn(shape, ScalarType.Float64);
    }

    // Uniform in [0.1, 0.9]: probabilities away from the log's singularities at 0 and 1.
    private static Tensor Probability(long seed, params long[] shape)
    {
        manual_seed(seed);
        return rand(shape, ScalarType.Float64) * 0.8 + 0.1;
    }

    private static Tensor Classes(long seed, long classes, params long[] shape)
    {
        manual_seed(seed);
        return randint(0, classes, shape);
    }

    private static Tensor Softmax(Tensor logits) => softmax(logits, 1);

    [Theory]
    [InlineData("none")]
    [InlineData("mean")]
    [InlineData("sum")]
    public void Mse_wrt_input_and_target(string reduction) =>
        GradCheck.Assert(x => mse_loss(x[0], x[1], reduction), Random(1, 3, 4), Random(2, 3, 4));

    [Fact]
    public void Mse_with_a_broadcast_target_wrt_input_and_target() =>
        GradCheck.Assert(x => mse_loss(x[0], x[1]), Random(3, 3, 4), Random(4, 4));

    [Theory]
    [InlineData("none")]
    [InlineData("mean")]
    [InlineData("sum")]
    public void L1_wrt_input_and_target(string reduction) =>
        GradCheck.Assert(x => l1_loss(x[0], x[1], reduction), Random(5, 3, 4), Random(6, 3, 4));

    [Fact]
    public void Smooth_l1_wrt_input_and_target() =>
        GradCheck.Assert(x => smooth_l1_loss(x[0], x[1], "none", beta: 0.5), Random(7, 3, 4), Random(8, 3, 4));

    [Fact]
    public void Binary_cross_entropy_with_weight_wrt_input_and_target()
    {
        Tensor weight = Probability(11, 4);
        GradCheck.Assert(x => binary_cross_entropy(x[0], x[1], weight), Probability(9, 3, 4), Probability(10, 3, 4));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_wrt_input_and_target()
    {
        Tensor weight = Probability(14, 3, 1);
        Tensor posWeight = Probability(15, 4) * 3;
        GradCheck.Assert(x => binary_cross_entropy_with_logits(x[0], x[1], weight, "none", posWeight), Random(12, 3, 4), Probability(13, 3, 4));
    }

    [Fact]
    public void Cross_entropy_with_weight_ignore_index_and_label_smoothing_wrt_input()
    {
        Tensor target = tensor(new long[] { 0, 2, 1, 2, 1 });
        Tensor weight = Probability(17, 3);
        GradCheck.Assert(x => cross_entropy(x[0], target, weight, ignore_index: 2, label_smoothing: 0.2), Random(16, 5, 3));
    }

    [Fact]
    public void Cross_entropy_4d_wrt_input()
    {
        Tensor target = Classes(19, 3, 2, 2, 3);
        GradCheck.Assert(x => cross_entropy(x[0], target, reduction: "none"), Random(18, 2, 3, 2, 3));
    }

    [Fact]
    public void Cross_entropy_with_probabilities_wrt_input_and_target()
    {
        Tensor weight = Probability(22, 4);
        GradCheck.Assert(x => cross_entropy(x[0], x[1], weight, label_smoothing: 0.1), Random(20, 3, 4), Softmax(Random(21, 3, 4)));
    }

    [Fact]
    public void Nll_with_weight_and_ignore_index_wrt_input()
    {
        Tensor target = tensor(new long[] { 1, 0, 2, 1 });
        Tensor weight = Probability(24, 3);
        GradCheck.Assert(x => nll_loss(x[0], target, weight, ignore_index: 0, reduction: "sum"), Random(23, 4, 3));
    }

    [Fact]
    public void Nll_4d_wrt_input()
    {
        Tensor target = Classes(26, 3, 1, 2, 2);
        GradCheck.Assert(x => nll_loss(x[0], target), Random(25, 1, 3, 2, 2));
    }
}
