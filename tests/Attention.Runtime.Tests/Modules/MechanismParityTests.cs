using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// The attention mechanisms against Reference/cases_mechanisms.py, whose modules are the PyTorch implementations
/// of the papers: initial values after the same seed (and the parameter count), outputs and gradients of the input
/// and every parameter (and BatchNorm's running statistics), and the gate weights that <c>keep_weights</c> keeps.
/// Each helper mirrors the Python one of the same name. Python's second size is a reduction ratio r, ours the
/// hidden width C / r.
/// </summary>
/// <remarks>
/// Tolerance: rtol 1e-4, atol 1e-5 in fp32, as tests/Attention.Dsl.Tests/MechanismParityTests.cs states it. Both
/// sides run libtorch's fp32 kernels, but not necessarily the same sequence of them (pooling, concatenation and
/// reductions may run in different orders), so sums of up to a few hundred terms may differ by several ulps
/// (fp32 ε ≈ 1.2e-7); 1e-4 relative leaves two orders of magnitude of room while any wrong formula, gate, padding
/// or kernel size is off by far more. atol covers values near zero (gradients of dead ReLU units, small gate
/// derivatives).
/// </remarks>
public sealed class MechanismParityTests : ReferenceParityTests<MechanismParityTests>, IReferenceArea
{
    private const string Area = "mechanisms";

    private static readonly Dictionary<string, ActivationKind> InnerActivations = new()
    {
        ["silu"] = ActivationKind.SiLU,
        ["hardswish"] = ActivationKind.HardSwish,
        ["gelu"] = ActivationKind.GELU,
        ["sigmoid"] = ActivationKind.Sigmoid,
        ["hardsigmoid"] = ActivationKind.HardSigmoid,
    };

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = BuildOps();

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    static double IReferenceArea.RelativeTolerance => 1e-4;

    static double IReferenceArea.AbsoluteTolerance => 1e-5;

    private static Dictionary<string, Func<Tensor[], object>> BuildOps()
    {
        var ops = new Dictionary<string, Func<Tensor[], object>>
        {
            // initialisation after manual_seed
            ["se_init"] = InitValues(101, () => new SqueezeExcite(32, 4)),
            ["se_no_bias_init"] = InitValues(102, () => new SqueezeExcite(32, 4, bias: false)),
            ["se_mobilenetv3_init"] = InitValues(103, () => SqueezeExcite.MobileNetV3(40)),
            ["cam_init"] = InitValues(104, () => new ChannelAttention(32, 2)),
            ["sam_bn_init"] = InitValues(105, () => new SpatialAttention(7, batch_norm: true)),
            ["cbam_init"] = InitValues(106, () => new Cbam(64, 4, 7)),
            ["cbam_timm_init"] = InitValues(107, () => new Cbam(64, 4, 7, bias: false, batch_norm: true)),
            ["eca_adaptive_init"] = InitValues(108, () => Eca.Adaptive(256)),

            // SE
            ["se_fb"] = ForwardBackward(201, () => new SqueezeExcite(16, 4)),
            ["se_no_bias_fb"] = ForwardBackward(202, () => new SqueezeExcite(16, 4, bias: false)),
            ["se_mobilenetv3_fb"] = ForwardBackward(203, () => SqueezeExcite.MobileNetV3(40)),
            ["se_relu6_hardsigmoid_fb"] = ForwardBackward(204, () => new SqueezeExcite(16, 8, ActivationKind.ReLU6, ActivationKind.HardSigmoid)),

            // CBAM's channel attention
            ["cam_fb"] = ForwardBackward(301, () => new ChannelAttention(16, 4)),
            ["cam_no_bias_fb"] = ForwardBackward(302, () => new ChannelAttention(16, 2, bias: false)),

            // CBAM's spatial attention
            ["sam7_fb"] = ForwardBackward(401, () => new SpatialAttention(7)),
            ["sam3_bn_fb"] = ForwardBackward(402, () => new SpatialAttention(3, batch_norm: true)),

            // CBAM
            ["cbam_fb"] = ForwardBackward(501, () => new Cbam(16, 4, 7)),
            ["cbam_no_bias_fb"] = ForwardBackward(502, () => new Cbam(16, 4, 7, bias: false)),
            ["cbam_bn_fb"] = ForwardBackward(503, () => new Cbam(16, 4, 7, batch_norm: true)),

            // ECA
            ["eca3_fb"] = ForwardBackward(601, () => new Eca(3)),
            ["eca5_fb"] = ForwardBackward(602, () => new Eca(5)),

            // the gates that keep_weights keeps
            ["se_weights"] = Weights(701, () => new SqueezeExcite(16, 4)),
            ["se_mobilenetv3_weights"] = Weights(702, () => SqueezeExcite.MobileNetV3(40)),
            ["cam_weights"] = Weights(703, () => new ChannelAttention(16, 4)),
            ["sam_weights"] = Weights(704, () => new SpatialAttention(7)),
            ["sam_bn_weights"] = Weights(705, () => new SpatialAttention(3, batch_norm: true)),
            ["cbam_weights"] = Weights(706, () => new Cbam(16, 4, 7)),
            ["eca_weights"] = Weights(707, () => new Eca(5)),
        };

        foreach (var (name, kind) in InnerActivations)
        {
            ops[$"se_inner_{name}_fb"] = ForwardBackward(205, () => new SqueezeExcite(16, 4, inner_activation: kind));
        }

        return ops;
    }

    /// <summary>The module's state_dict values (parameters, then buffers) right after construction, and its parameter count.</summary>
    private static Func<Tensor[], object> InitValues(long seed, Func<nn.Module> make) => _ =>
    {
        manual_seed(seed);
        using nn.Module module = make();
        return module.state_dict().Values.Append(tensor(module.parameters().Sum(p => p.numel()))).ToArray();
    };

    /// <summary>
    /// y, the input's gradient and every parameter's gradient after back-propagating sum(y · y) in training mode.
    /// With a BatchNorm, its weight and bias come from the inputs, and its running statistics and an
    /// evaluation-mode output follow.
    /// </summary>
    private static Func<Tensor[], object> ForwardBackward(long seed, Func<nn.Module<Tensor, Tensor>> make) => x =>
    {
        manual_seed(seed);
        using nn.Module<Tensor, Tensor> module = make();
        BatchNorm2d[] norms = module.modules().OfType<BatchNorm2d>().ToArray();
        using (no_grad())
        {
            foreach (BatchNorm2d bn in norms)
            {
                bn.weight!.copy_(x[1]);
                bn.bias!.copy_(x[2]);
            }
        }

        Tensor input = x[0].requires_grad_();
        Tensor y = module.call(input);
        (y * y).sum().backward();
        var result = new List<Tensor> { y, input.grad! };
        // Gradients and buffers belong to the module, which the op disposes: compare copies.
        result.AddRange(module.parameters().Select(p => p.grad!.clone()));
        foreach (BatchNorm2d bn in norms)
        {
            result.AddRange([bn.running_mean!.clone(), bn.running_var!.clone(), bn.num_batches_tracked!.clone()]);
        }

        if (norms.Length > 0)
        {
            module.eval();
            using (no_grad())
            {
                result.Add(module.call(x[0]));
            }
        }

        return result.ToArray();
    };

    /// <summary>The weights a seeded module keeps from one forward pass (training mode); CBAM's channel weights, then its spatial map.</summary>
    private static Func<Tensor[], object> Weights(long seed, Func<nn.Module<Tensor, Tensor>> make) => x =>
    {
        manual_seed(seed);
        using nn.Module<Tensor, Tensor> module = make();
        module.keep_attention_weights();
        using Tensor y = module.call(x[0]);
        return module is Cbam cbam
            ? new[] { cbam.channel.weights!.clone(), cbam.spatial.weights!.clone() }
            : new[] { ((IAttentionWeights)module).weights!.clone() };
    };
}
