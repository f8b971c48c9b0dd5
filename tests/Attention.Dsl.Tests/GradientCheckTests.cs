using System;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// Finite differences in float64 (the network moved with <c>to(float64)</c>) against autograd, for
/// one network per mechanism, the MobileNetV3 gate, and all of them in one network with BatchNorm:
/// the input's gradient through GradCheck (the runtime tests' helper, linked), every parameter's
/// through ParameterGradCheck. Tolerances are torch.autograd.gradcheck's: eps 1e-6, atol 1e-5,
/// rtol 1e-3.
/// </summary>
public sealed class GradientCheckTests
{
    public static TheoryData<string> Networks => new()
    {
        nameof(SePaper),
        nameof(SeMobileNetV3),
        nameof(ChannelAttentionNet),
        nameof(SpatialAttention3),
        nameof(CbamNet),
        nameof(EcaAdaptive),
        nameof(SmallAttentionNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradients_agree_with_finite_differences_in_float64(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(20240611);
        using nn.Module<Tensor, Tensor> network = MechanismCases.Networks[name]();
        network.to(ScalarType.Float64);
        long[] shape = [1, .. MechanismCases.Info(name).InputShape];
        Tensor x = randn(shape, ScalarType.Float64);

        GradCheck.Assert(inputs => network.call(inputs[0]), x);
        ParameterGradCheck.Assert(network, x);
    }
}
