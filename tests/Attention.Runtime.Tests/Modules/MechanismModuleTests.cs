using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// The attention mechanisms as modules: state-dict keys and parameter counts (the contract with generated
/// networks and PyTorch checkpoints), float64 finite-difference gradients, the kept attention weights and their
/// ownership, the size rules, and argument checks. Values against PyTorch are in <see cref="MechanismParityTests"/>.
/// </summary>
public sealed class MechanismModuleTests
{
    private static readonly string[] Mlp = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"];
    private static readonly string[] BatchNorm = ["bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"];

    /// <summary>Each mechanism under a field name of the generated networks, with its state-dict keys (after the name) and parameter count.</summary>
    public static TheoryData<string, string, string[], long> Layouts => new()
    {
        // C·C_r + C_r + C_r·C + C: 32·2 + 2 + 2·32 + 32 (FashionCbamNet's se1)
        { "se1", "SqueezeExcite(32, 2)", Mlp, 162 },
        { "se1", "SqueezeExcite(32, 4, bias: false)", ["fc1.weight", "fc2.weight"], 256 },
        // make_divisible(72 / 4, 8) = 24: 72·24 + 24 + 24·72 + 72
        { "se1", "SqueezeExcite.MobileNetV3(72)", Mlp, 3552 },
        { "ca1", "ChannelAttention(32, 2)", Mlp, 162 },
        { "ca1", "ChannelAttention(32, 4, bias: false)", ["fc1.weight", "fc2.weight"], 256 },
        // 2·7·7
        { "sa1", "SpatialAttention()", ["conv.weight"], 98 },
        { "sa1", "SpatialAttention(3, batch_norm: true)", ["conv.weight", .. BatchNorm], 20 },
        // 678 parameters, as FashionCbamNet's cbam1: 64·4 + 4 + 4·64 + 64 + 2·7·7
        { "cbam1", "Cbam(64, 4, 7)", [.. Mlp.Select(k => "channel." + k), "spatial.conv.weight"], 678 },
        { "cbam1", "Cbam(64, 4, 7, bias: false, batch_norm: true)", ["channel.fc1.weight", "channel.fc2.weight", "spatial.conv.weight", .. BatchNorm.Select(k => "spatial." + k)], 612 },
        { "eca1", "Eca(5)", ["conv.weight"], 5 },
        { "eca1", "Eca.Adaptive(64)", ["conv.weight"], 3 },
    };

    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Factories = new()
    {
        ["SqueezeExcite(32, 2)"] = () => new SqueezeExcite(32, 2),
        ["SqueezeExcite(32, 4, bias: false)"] = () => new SqueezeExcite(32, 4, bias: false),
        ["SqueezeExcite.MobileNetV3(72)"] = () => SqueezeExcite.MobileNetV3(72),
        ["ChannelAttention(32, 2)"] = () => new ChannelAttention(32, 2),
        ["ChannelAttention(32, 4, bias: false)"] = () => new ChannelAttention(32, 4, bias: false),
        ["SpatialAttention()"] = () => new SpatialAttention(),
        ["SpatialAttention(3, batch_norm: true)"] = () => new SpatialAttention(3, batch_norm: true),
        ["Cbam(64, 4, 7)"] = () => new Cbam(64, 4, 7),
        ["Cbam(64, 4, 7, bias: false, batch_norm: true)"] = () => new Cbam(64, 4, 7, bias: false, batch_norm: true),
        ["Eca(5)"] = () => new Eca(5),
        ["Eca.Adaptive(64)"] = () => Eca.Adaptive(64),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void State_dict_keys_are_the_generated_networks_and_parameter_counts_pytorchs(string field, string module, string[] keys, long parameters)
    {
        using DisposeScope scope = NewDisposeScope();
        using var network = nn.Sequential((field, Factories[module]()));
        Assert.Equal(keys.Select(k => field + "." + k), network.state_dict().Keys);
        Assert.Equal(parameters, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Children_and_sizes_are_exposed_under_their_registered_names()
    {
        using var se = new SqueezeExcite(32, 8, ActivationKind.SiLU, ActivationKind.HardSigmoid);
        Assert.Equal((32L, 8L, ActivationKind.SiLU, ActivationKind.HardSigmoid), (se.channels, se.reduced_channels, se.inner_activation, se.gate));
        Assert.Equal([("fc1", se.fc1), ("fc2", se.fc2)], se.named_children().Select(c => (c.name, (Linear)c.module)));
        Assert.Equal((32L, 8L, 8L, 32L), (se.fc1.in_features, se.fc1.out_features, se.fc2.in_features, se.fc2.out_features));

        using var cbam = new Cbam(64, 4, 5, batch_norm: true);
        Assert.Equal((64L, 4L, 5L), (cbam.channels, cbam.reduced_channels, cbam.spatial_kernel));
        Assert.Equal([("channel", (nn.Module)cbam.channel), ("spatial", cbam.spatial)], cbam.named_children().Select(c => (c.name, c.module)));
        Assert.Equal([("conv", (nn.Module)cbam.spatial.conv), ("bn", cbam.spatial.bn!)], cbam.spatial.named_children().Select(c => (c.name, c.module)));
        Assert.Equal([5L, 5L], cbam.spatial.conv.kernel_size);
        Assert.Equal([2L, 2L], cbam.spatial.conv.padding);
        Assert.Null(new SpatialAttention(3).bn);

        using var eca = new Eca(7);
        Assert.Equal(7L, eca.kernel_size);
        Assert.Equal([3L], eca.conv.padding);
        Assert.Null(eca.conv.bias);
    }

    // ---- gradients by finite differences, float64 --------------------------------------------------

    public static TheoryData<string> GradientCases => new(GradientModules.Keys);

    private static readonly Dictionary<string, (Func<nn.Module<Tensor, Tensor>> Make, long[] Shape)> GradientModules = new()
    {
        ["se"] = (() => new SqueezeExcite(8, 2), [2, 8, 3, 3]),
        ["se_no_bias"] = (() => new SqueezeExcite(8, 2, bias: false), [2, 8, 3, 3]),
        ["se_relu6_hardsigmoid"] = (() => new SqueezeExcite(8, 4, ActivationKind.ReLU6, ActivationKind.HardSigmoid), [2, 8, 2, 2]),
        ["se_mobilenetv3"] = (() => SqueezeExcite.MobileNetV3(8), [2, 8, 2, 2]),
        ["cam"] = (() => new ChannelAttention(8, 2), [2, 8, 3, 3]),
        ["cam_no_bias"] = (() => new ChannelAttention(8, 4, bias: false), [2, 8, 3, 3]),
        ["sam7"] = (() => new SpatialAttention(7), [2, 3, 4, 4]),
        ["sam3_bn"] = (() => new SpatialAttention(3, batch_norm: true), [2, 3, 4, 4]),
        ["cbam"] = (() => new Cbam(8, 2, 3), [2, 8, 3, 3]),
        ["cbam_timm"] = (() => new Cbam(8, 2, 3, bias: false, batch_norm: true), [2, 8, 3, 3]),
        ["eca3"] = (() => new Eca(3), [2, 8, 2, 2]),
        ["eca5"] = (() => new Eca(5), [2, 8, 2, 2]),
    };

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradients_of_the_input_and_every_parameter_match_finite_differences(string name)
    {
        var (make, shape) = GradientModules[name];
        manual_seed(11);
        using nn.Module<Tensor, Tensor> module = make();
        using Tensor input = randn(shape, ScalarType.Float64);
        GradCheck.AssertModule(module, input);
    }

    // ---- kept attention weights -------------------------------------------------------------------

    public static TheoryData<string> Mechanisms => new(WeightModules.Keys);

    // Each mechanism on a [2, 8, 3, 5] input, with the shape of the weights it keeps.
    private static readonly Dictionary<string, (Func<nn.Module<Tensor, Tensor>> Make, long[] Shape)> WeightModules = new()
    {
        ["SqueezeExcite"] = (() => new SqueezeExcite(8, 2), [2, 8]),
        ["ChannelAttention"] = (() => new ChannelAttention(8, 2), [2, 8]),
        ["SpatialAttention"] = (() => new SpatialAttention(3, batch_norm: true), [2, 1, 3, 5]),
        ["Cbam"] = (() => new Cbam(8, 2, 3), [2, 1, 3, 5]),
        ["Eca"] = (() => new Eca(3), [2, 8]),
    };

    private static Tensor Input() => randn([2, 8, 3, 5]);

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Weights_are_off_by_default(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using var module = WeightModules[name].Make();
        var attention = (IAttentionWeights)module;
        Assert.False(attention.keep_weights);
        module.call(Input());
        Assert.Null(attention.weights);
        Assert.Empty(module.attention_weights());
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Kept_weights_have_the_gates_shape_no_autograd_history_and_outlive_the_scope_of_the_forward_pass(string name)
    {
        var (make, shape) = WeightModules[name];
        using var module = make();
        var attention = (IAttentionWeights)module;
        attention.keep_weights = true;
        using (NewDisposeScope())
        {
            Tensor input = Input().requires_grad_();
            module.call(input).sum().backward();
        }

        Tensor weights = attention.weights!;
        Assert.False(weights.IsDisposed);
        Assert.Equal(shape, weights.shape);
        Assert.False(weights.requires_grad);
        Assert.All(ReferenceData.AsDoubles(weights), w => Assert.InRange(w, 0.0, 1.0));
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Kept_weights_are_replaced_by_each_forward_pass_without_leaking(string name)
    {
        using var module = WeightModules[name].Make();
        module.keep_attention_weights();
        using Tensor input = Input();
        module.call(input).Dispose();
        Tensor first = ((IAttentionWeights)module).weights!;
        long before = LiveTensors.Settled();
        for (int i = 0; i < 4; i++)
        {
            module.call(input).Dispose();
        }

        Assert.Equal(before, LiveTensors.Settled());
        Assert.True(first.IsDisposed);
        Assert.NotSame(first, ((IAttentionWeights)module).weights);
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void A_forward_pass_leaves_no_tensor_behind_with_or_without_kept_weights(string name)
    {
        using Tensor input = Input();
        long before = LiveTensors.Settled();
        using (var module = WeightModules[name].Make())
        {
            module.call(input).Dispose();
            module.keep_attention_weights();
            module.call(input).Dispose();
        }

        Assert.Equal(before, LiveTensors.Settled());
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Kept_weights_are_disposed_when_keeping_stops_and_with_the_module(string name)
    {
        using Tensor input = Input();
        var module = WeightModules[name].Make();
        var attention = (IAttentionWeights)module;
        attention.keep_weights = true;
        module.call(input).Dispose();
        Tensor weights = attention.weights!;
        attention.keep_weights = false;
        Assert.True(weights.IsDisposed);
        Assert.Null(attention.weights);

        attention.keep_weights = true;
        module.call(input).Dispose();
        weights = attention.weights!;
        module.Dispose();
        Assert.True(weights.IsDisposed);
    }

    [Fact]
    public void Cbam_keeps_both_maps_and_reports_the_spatial_one()
    {
        using DisposeScope scope = NewDisposeScope();
        using var cbam = new Cbam(8, 2, 3);
        cbam.keep_weights = true;
        Assert.True(cbam.channel.keep_weights);
        Assert.True(cbam.spatial.keep_weights);
        cbam.call(Input());
        Assert.Same(cbam.spatial.weights, cbam.weights);
        Assert.Equal([2L, 8L], cbam.channel.weights!.shape);

        cbam.keep_weights = false;
        Assert.False(cbam.channel.keep_weights);
        Assert.Null(cbam.channel.weights);
        Assert.Null(cbam.weights);
    }

    [Fact]
    public void Attention_weights_lists_each_kept_map_once_by_module_path()
    {
        using DisposeScope scope = NewDisposeScope();
        using var network = nn.Sequential(
            ("se1", new SqueezeExcite(8, 2)),
            ("conv1", nn.Conv2d(8, 8, 3, padding: 1)),
            ("cbam1", new Cbam(8, 2, 3)),
            ("eca1", new Eca(3)));
        Assert.Empty(network.attention_weights());

        Assert.Same(network, network.keep_attention_weights());
        Assert.Empty(network.attention_weights()); // nothing kept before a forward pass
        network.call(Input());
        IReadOnlyDictionary<string, Tensor> weights = network.attention_weights();
        Assert.Equal(["se1", "cbam1.channel", "cbam1.spatial", "eca1"], weights.Keys);
        var modules = network.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.All(weights, w => Assert.Same(((IAttentionWeights)modules[w.Key]).weights, w.Value));
        Assert.Equal([2L, 1L, 3L, 5L], weights["cbam1.spatial"].shape);

        network.keep_attention_weights(false);
        Assert.Empty(network.attention_weights());
        Assert.All(network.modules().OfType<IAttentionWeights>(), m => Assert.False(m.keep_weights));
    }

    // ---- size rules -----------------------------------------------------------------------------

    [Theory]
    [InlineData(64 / 4.0, 8, 16)]
    [InlineData(32 / 16.0, 8, 8)] // at least the divisor
    [InlineData(72 / 4.0, 8, 24)] // 18 rounds to 16, more than 10 % short: one divisor more
    [InlineData(40 / 4.0, 8, 16)] // likewise 10 → 8 → 16
    [InlineData(20.0, 8, 24)] // half way rounds up
    [InlineData(17.0, 8, 16)] // 21 // 8 * 8 = 16, within 10 % of 17
    [InlineData(2048 / 16.0, 8, 128)]
    [InlineData(0.0, 8, 8)]
    [InlineData(7.0, 1, 7)]
    public void Make_divisible_is_timms(double value, int divisor, long expected) =>
        Assert.Equal(expected, SqueezeExcite.make_divisible(value, divisor));

    [Fact]
    public void MobileNetV3_form_reduces_by_four_rounded_to_eight_with_a_hard_sigmoid_gate()
    {
        using var se = SqueezeExcite.MobileNetV3(72);
        Assert.Equal((72L, 24L, ActivationKind.ReLU, ActivationKind.HardSigmoid), (se.channels, se.reduced_channels, se.inner_activation, se.gate));
        Assert.NotNull(se.fc1.bias);
        using var small = SqueezeExcite.MobileNetV3(16);
        Assert.Equal(8L, small.reduced_channels);
    }

    [Theory]
    // t = int(|log2(C) + 1| / 2), made odd: 64 -> 3.5 -> 3; 128 -> 4 -> 5; 256 -> 4.5 -> 5; 512 -> 5; 2048 -> 6 -> 7
    [InlineData(64, 2, 1, 3)]
    [InlineData(128, 2, 1, 5)]
    [InlineData(256, 2, 1, 5)]
    [InlineData(512, 2, 1, 5)]
    [InlineData(32, 2, 1, 3)]
    [InlineData(1024, 2, 1, 5)]
    [InlineData(2048, 2, 1, 7)]
    [InlineData(1, 2, 1, 1)] // t = 0, made odd
    [InlineData(64, 1, 0, 7)] // t = 6
    [InlineData(64, 3, 2, 3)] // t = int(8 / 3) = 2
    public void Adaptive_kernel_size_is_the_eca_papers(long channels, int gamma, int beta, long expected)
    {
        Assert.Equal(expected, Eca.adaptive_kernel_size(channels, gamma, beta));
        using var eca = Eca.Adaptive(channels, gamma, beta);
        Assert.Equal(expected, eca.kernel_size);
    }

    [Theory]
    [InlineData(64, 16, false, 4)]
    [InlineData(64, 16, true, 4)]
    [InlineData(24, 16, false, 1)] // 1.5 rounded down
    [InlineData(24, 16, true, 2)] // 1.5 rounded half up
    [InlineData(8, 16, false, 0)]
    [InlineData(8, 16, true, 1)] // at least 1
    [InlineData(100, 16, true, 6)] // 6.25
    [InlineData(147, 98, true, 1)] // timm's 147 * (1 / 98) falls just short of 1.5
    public void Reduced_width_rounds_down_or_as_timms_cbam(long channels, long reduction, bool roundToNearest, long expected) =>
        Assert.Equal(expected, ChannelAttention.reduced_width(channels, reduction, roundToNearest));

    // ---- argument checks ------------------------------------------------------------------------

    public static TheoryData<string, Type> BadArguments => new()
    {
        { "SqueezeExcite(0, 2)", typeof(ArgumentOutOfRangeException) },
        { "SqueezeExcite(8, 0)", typeof(ArgumentOutOfRangeException) },
        { "SqueezeExcite gate ReLU", typeof(ArgumentException) },
        { "SqueezeExcite gate SiLU", typeof(ArgumentException) },
        { "SqueezeExcite inner 99", typeof(ArgumentOutOfRangeException) },
        { "SqueezeExcite.MobileNetV3(0)", typeof(ArgumentOutOfRangeException) },
        { "ChannelAttention(0, 2)", typeof(ArgumentOutOfRangeException) },
        { "ChannelAttention(8, -1)", typeof(ArgumentOutOfRangeException) },
        { "SpatialAttention(4)", typeof(ArgumentOutOfRangeException) },
        { "SpatialAttention(0)", typeof(ArgumentOutOfRangeException) },
        { "SpatialAttention(-3)", typeof(ArgumentOutOfRangeException) },
        { "Cbam(8, 2, 6)", typeof(ArgumentOutOfRangeException) },
        { "Cbam(8, 0)", typeof(ArgumentOutOfRangeException) },
        { "Eca(2)", typeof(ArgumentOutOfRangeException) },
        { "Eca(0)", typeof(ArgumentOutOfRangeException) },
        { "Eca.Adaptive(0)", typeof(ArgumentOutOfRangeException) },
        { "adaptive_kernel_size gamma 0", typeof(ArgumentOutOfRangeException) },
        { "make_divisible(NaN, 8)", typeof(ArgumentOutOfRangeException) },
        { "make_divisible(-1, 8)", typeof(ArgumentOutOfRangeException) },
        { "make_divisible(+inf, 8)", typeof(ArgumentOutOfRangeException) },
        { "make_divisible(16, 0)", typeof(ArgumentOutOfRangeException) },
        { "reduced_width(64, 0)", typeof(ArgumentOutOfRangeException) },
        { "reduced_width(0, 4)", typeof(ArgumentOutOfRangeException) },
    };

    private static readonly Dictionary<string, Action> BadCalls = new()
    {
        ["SqueezeExcite(0, 2)"] = () => _ = new SqueezeExcite(0, 2),
        ["SqueezeExcite(8, 0)"] = () => _ = new SqueezeExcite(8, 0),
        ["SqueezeExcite gate ReLU"] = () => _ = new SqueezeExcite(8, 2, gate: ActivationKind.ReLU),
        ["SqueezeExcite gate SiLU"] = () => _ = new SqueezeExcite(8, 2, gate: ActivationKind.SiLU),
        ["SqueezeExcite inner 99"] = () => _ = new SqueezeExcite(8, 2, inner_activation: (ActivationKind)99),
        ["SqueezeExcite.MobileNetV3(0)"] = () => SqueezeExcite.MobileNetV3(0),
        ["ChannelAttention(0, 2)"] = () => _ = new ChannelAttention(0, 2),
        ["ChannelAttention(8, -1)"] = () => _ = new ChannelAttention(8, -1),
        ["SpatialAttention(4)"] = () => _ = new SpatialAttention(4),
        ["SpatialAttention(0)"] = () => _ = new SpatialAttention(0),
        ["SpatialAttention(-3)"] = () => _ = new SpatialAttention(-3),
        ["Cbam(8, 2, 6)"] = () => _ = new Cbam(8, 2, 6),
        ["Cbam(8, 0)"] = () => _ = new Cbam(8, 0),
        ["Eca(2)"] = () => _ = new Eca(2),
        ["Eca(0)"] = () => _ = new Eca(0),
        ["Eca.Adaptive(0)"] = () => Eca.Adaptive(0),
        ["adaptive_kernel_size gamma 0"] = () => Eca.adaptive_kernel_size(64, gamma: 0),
        ["make_divisible(NaN, 8)"] = () => SqueezeExcite.make_divisible(double.NaN, 8),
        ["make_divisible(-1, 8)"] = () => SqueezeExcite.make_divisible(-1, 8),
        ["make_divisible(+inf, 8)"] = () => SqueezeExcite.make_divisible(double.PositiveInfinity, 8),
        ["make_divisible(16, 0)"] = () => SqueezeExcite.make_divisible(16, 0),
        ["reduced_width(64, 0)"] = () => ChannelAttention.reduced_width(64, 0),
        ["reduced_width(0, 4)"] = () => ChannelAttention.reduced_width(0, 4),
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_throw(string call, Type exception)
    {
        long before = LiveTensors.Settled();
        Exception thrown = Assert.Throws(exception, BadCalls[call]);
        Assert.False(string.IsNullOrWhiteSpace(thrown.Message));
        Assert.Equal(before, LiveTensors.Settled()); // a refused module leaves no parameter behind
    }

    [Fact]
    public void Kernel_messages_say_what_is_wrong()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialAttention(4));
        Assert.Equal("kernel_size", error.ParamName);
        Assert.Contains("must be odd and at least 1", error.Message, StringComparison.Ordinal);
        var gate = Assert.Throws<ArgumentException>(() => new SqueezeExcite(8, 2, gate: ActivationKind.GELU));
        Assert.Contains("Sigmoid or HardSigmoid", gate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Input_that_is_not_a_batch_of_feature_maps_is_refused(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using var module = WeightModules[name].Make();
        var error = Assert.Throws<ArgumentException>(() => module.call(randn([8, 3, 5])));
        Assert.Contains("[N, C, H, W]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_with_other_channels_is_refused_by_the_modules_that_know_theirs()
    {
        using DisposeScope scope = NewDisposeScope();
        using var se = new SqueezeExcite(16, 4);
        var error = Assert.Throws<ArgumentException>(() => se.call(Input()));
        Assert.Contains("built for 16 channels", error.Message, StringComparison.Ordinal);
        using var cam = new ChannelAttention(16, 4);
        Assert.Throws<ArgumentException>(() => cam.call(Input()));
    }
}
