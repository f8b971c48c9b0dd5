using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// The standard layers against Reference/cases_layers.py: initial values after the same seed, and outputs
/// and gradients (input and every parameter) with the same weights. Each helper mirrors the Python one of
/// the same name.
/// </summary>
public sealed class LayersParityTests : ReferenceParityTests<LayersParityTests>, IReferenceArea
{
    private const string Area = "layers";

    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Activations = new()
    {
        ["relu"] = () => nn.ReLU(),
        ["relu6"] = () => nn.ReLU6(),
        ["leaky_relu"] = () => nn.LeakyReLU(0.2),
        ["elu"] = () => nn.ELU(0.5),
        ["gelu"] = () => nn.GELU(),
        ["gelu_tanh"] = () => nn.GELU(approximate: "tanh"),
        ["silu"] = () => nn.SiLU(),
        ["sigmoid"] = () => nn.Sigmoid(),
        ["tanh"] = () => nn.Tanh(),
        ["hardswish"] = () => nn.Hardswish(),
        ["hardsigmoid"] = () => nn.Hardsigmoid(),
        ["softmax"] = () => nn.Softmax(dim: 1),
        ["log_softmax"] = () => nn.LogSoftmax(dim: 0),
    };

    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Pools = new()
    {
        ["max_pool1d"] = () => nn.MaxPool1d(3, stride: 2, padding: 1),
        ["max_pool1d_dilated_ceil"] = () => nn.MaxPool1d(2, dilation: 2, ceil_mode: true),
        ["avg_pool1d"] = () => nn.AvgPool1d(3, stride: 2, padding: 1, count_include_pad: false),
        ["adaptive_avg_pool1d"] = () => nn.AdaptiveAvgPool1d(4),
        ["adaptive_max_pool1d"] = () => nn.AdaptiveMaxPool1d(3),
        ["max_pool2d"] = () => nn.MaxPool2d(2),
        ["max_pool2d_per_dim"] = () => nn.MaxPool2d([3, 2], stride: [2, 1], padding: [1, 0]),
        ["avg_pool2d"] = () => nn.AvgPool2d(3, stride: 2, padding: 1, ceil_mode: true, divisor_override: 5),
        ["avg_pool2d_per_dim"] = () => nn.AvgPool2d([2, 3], stride: [1, 2]),
        ["adaptive_avg_pool2d"] = () => nn.AdaptiveAvgPool2d([3, 2]),
        ["adaptive_max_pool2d"] = () => nn.AdaptiveMaxPool2d(2),
    };

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = BuildOps();

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    private static Dictionary<string, Func<Tensor[], object>> BuildOps()
    {
        var ops = new Dictionary<string, Func<Tensor[], object>>
        {
            // initial values after manual_seed
            ["conv1d_init"] = InitValues(11, () => nn.Conv1d(4, 6, 3)),
            ["conv2d_init"] = InitValues(12, () => nn.Conv2d(3, 8, 3)),
            ["conv2d_init_groups_no_bias"] = InitValues(13, () => nn.Conv2d(4, 6, [3, 2], groups: 2, bias: false)),
            ["batchnorm2d_init"] = InitValues(14, () => nn.BatchNorm2d(5)),
            ["layernorm_init"] = InitValues(15, () => nn.LayerNorm([2, 3])),
            ["embedding_init_padding"] = InitValues(16, () => nn.Embedding(10, 4, padding_idx: 2)),
            ["embedding_init_negative_padding"] = InitValues(17, () => nn.Embedding(6, 3, padding_idx: -1)),
            ["sequential_init"] = InitValues(18, SmallNetwork),

            // convolution
            ["conv1d_fb"] = ForwardBackward(1, () => nn.Conv1d(3, 4, 3, stride: 2, padding: 1)),
            ["conv1d_same_reflect"] = ForwardBackward(2, () => nn.Conv1d(2, 3, 4, padding: "same", padding_mode: "reflect")),
            ["conv2d_fb"] = ForwardBackward(3, () => nn.Conv2d(3, 4, 3, padding: 1)),
            ["conv2d_groups_dilation"] = ForwardBackward(4, () => nn.Conv2d(4, 6, 3, padding: 2, dilation: 2, groups: 2)),
            ["conv2d_stride_no_bias"] = ForwardBackward(5, () => nn.Conv2d(2, 3, [3, 2], stride: [2, 1], bias: false)),
            ["conv2d_same"] = ForwardBackward(6, () => nn.Conv2d(2, 3, [4, 3], padding: "same", dilation: [1, 2])),
            ["conv2d_valid"] = ForwardBackward(7, () => nn.Conv2d(2, 3, 3, padding: "valid")),
            ["conv2d_same_circular"] = ForwardBackward(9, () => nn.Conv2d(2, 2, 4, padding: "same", padding_mode: "circular")),

            // normalization
            ["batchnorm2d_two_steps"] = BatchNormTwoSteps(() => nn.BatchNorm2d(3, momentum: 0.3)),
            ["batchnorm1d_two_steps"] = BatchNormTwoSteps(() => nn.BatchNorm1d(3, eps: 1e-3)),
            ["batchnorm1d_cumulative"] = BatchNormCumulative,
            ["batchnorm2d_untracked"] = BatchNormUntracked,
            ["layernorm_fb"] = WithAffine(() => nn.LayerNorm([3, 4])),
            ["layernorm_no_affine"] = ForwardBackward(0, () => nn.LayerNorm(5, eps: 1e-3, elementwise_affine: false)),

            // embedding, dropout, shape
            ["embedding_fb"] = EmbeddingForwardBackward,
            ["dropout_train"] = Dropout(training: true),
            ["dropout_eval"] = Dropout(training: false),
            ["flatten_default"] = x => nn.Flatten().call(x[0]),
            ["flatten_range"] = x => nn.Flatten(0, 2).call(x[0]),
            ["identity"] = x => nn.Identity().call(x[0]),

            ["sequential_fb"] = SequentialForwardBackward,
            ["max_pool2d_with_indices"] = x => nn.MaxPool2d(2, stride: 1).forward_with_indices(x[0]),
        };

        foreach (string mode in new[] { "reflect", "replicate", "circular" })
        {
            ops["conv2d_" + mode] = ForwardBackward(8, () => nn.Conv2d(2, 3, [3], stride: [1, 2], padding: [1, 2], padding_mode: mode));
        }

        foreach (var (name, make) in Activations)
        {
            ops["act_" + name] = ForwardBackward(0, make);
        }

        foreach (var (name, make) in Pools)
        {
            ops[name] = ForwardBackward(0, make);
        }

        return ops;
    }

    /// <summary>The conv → batch norm → ReLU → pool → flatten → linear network of cases_layers.small_network.</summary>
    internal static Runtime.Modules.Sequential SmallNetwork() => nn.Sequential(
        ("features", nn.Sequential(nn.Conv2d(2, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))),
        ("flatten", nn.Flatten()),
        ("classifier", nn.Linear(36, 5)));

    /// <summary>The layer's state_dict values (parameters, then buffers) right after construction.</summary>
    private static Func<Tensor[], object> InitValues(long seed, Func<nn.Module> make) => _ =>
    {
        manual_seed(seed);
        using nn.Module layer = make();
        return layer.state_dict().Values.ToArray(); // views that outlive the module's own handles
    };

    /// <summary>y, the input's gradient and every parameter's gradient after back-propagating sum(y · y).</summary>
    private static Func<Tensor[], object> ForwardBackward(long seed, Func<nn.Module<Tensor, Tensor>> make, bool training = true) => x =>
    {
        manual_seed(seed);
        using var layer = make();
        layer.train(training);
        Tensor input = x[0].requires_grad_();
        Tensor y = layer.call(input);
        (y * y).sum().backward();
        return new[] { y, input.grad! }.Concat(ClonedGrads(layer)).ToArray();
    };

    private static Func<Tensor[], object> WithAffine(Func<Runtime.Modules.LayerNorm> make) => x =>
    {
        using var layer = make();
        CopyAffine(layer.weight!, layer.bias!, x[1], x[2]);
        Tensor input = x[0].requires_grad_();
        Tensor y = layer.call(input);
        (y * y).sum().backward();
        return new[] { y, input.grad! }.Concat(ClonedGrads(layer)).ToArray();
    };

    private static Func<Tensor[], object> BatchNormTwoSteps(Func<Runtime.Modules.BatchNorm> make) => x =>
    {
        using var bn = make();
        CopyAffine(bn.weight!, bn.bias!, x[3], x[4]);
        Tensor x1 = x[0].requires_grad_();
        Tensor y1 = bn.call(x1);
        (y1 * y1).sum().backward();
        Tensor[] grads = [x1.grad!, .. ClonedGrads(bn)];
        Tensor y2 = bn.call(x[1]);
        bn.eval();
        Tensor y3 = bn.call(x[2]);
        return new[] { y1, grads[0], grads[1], grads[2], y2, bn.running_mean!.clone(), bn.running_var!.clone(), bn.num_batches_tracked!.clone(), y3 };
    };

    private static Tensor[] BatchNormCumulative(Tensor[] x)
    {
        using var bn = nn.BatchNorm1d(3, momentum: null);
        bn.call(x[0]);
        bn.call(x[1]);
        bn.call(x[2]);
        bn.eval();
        return new[] { bn.running_mean!.clone(), bn.running_var!.clone(), bn.num_batches_tracked!.clone(), bn.call(x[0]) };
    }

    private static Tensor[] BatchNormUntracked(Tensor[] x)
    {
        using var bn = nn.BatchNorm2d(2, affine: false, track_running_stats: false);
        Tensor y1 = bn.call(x[0]);
        bn.eval();
        return new[] { y1, bn.call(x[1]) };
    }

    private static Tensor[] EmbeddingForwardBackward(Tensor[] x)
    {
        manual_seed(21);
        using var layer = nn.Embedding(7, 3, padding_idx: 0);
        Tensor y = layer.call(x[0]);
        (y * y).sum().backward();
        return new[] { y, layer.weight.grad!.clone() };
    }

    private static Func<Tensor[], object> Dropout(bool training) => x =>
    {
        manual_seed(22);
        using var layer = nn.Dropout(0.3);
        layer.train(training);
        return layer.call(x[0]);
    };

    private static Tensor[] SequentialForwardBackward(Tensor[] x)
    {
        manual_seed(30);
        using var net = SmallNetwork();
        Tensor input = x[0].requires_grad_();
        Tensor y = net.call(input);
        (y * y).sum().backward();
        var bn = (Runtime.Modules.BatchNorm)((Runtime.Modules.Sequential)net[0])[1];
        return new[] { y, input.grad! }.Concat(ClonedGrads(net)).Concat([bn.running_mean!.clone(), bn.running_var!.clone()]).ToArray();
    }

    private static void CopyAffine(Tensor weight, Tensor bias, Tensor weightValues, Tensor biasValues)
    {
        using (no_grad())
        {
            weight.copy_(weightValues);
            bias.copy_(biasValues);
        }
    }

    // Gradients belong to their parameters, which the test disposes with the layer: compare copies.
    private static Tensor[] ClonedGrads(nn.Module layer) => layer.parameters().Select(p => p.grad!.clone()).ToArray();
}
