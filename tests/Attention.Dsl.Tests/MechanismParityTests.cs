using System.Collections.Generic;
using System.Linq;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// Each DSL network against the PyTorch implementation of its paper (Reference/mechanisms.py):
/// the reference weights load by state-dict key, strictly, and the output, the gradients of
/// <c>(y · W).sum()</c> with respect to the input and every parameter, and any buffer after the
/// forward pass (running statistics) match PyTorch's.
/// </summary>
/// <remarks>
/// Tolerance: rtol 1e-4, atol 1e-5 in fp32. Both sides run libtorch's fp32 kernels, but not the
/// same sequence of them (the generated code and the reference may pool, concatenate and reduce
/// in different orders), so sums of up to a few hundred terms may differ by several ulps
/// (fp32 ε ≈ 1.2e-7); 1e-4 relative leaves two orders of magnitude of room while any wrong
/// formula, gate, padding or kernel size is off by far more. atol covers values near zero
/// (gradients of dead ReLU units, small gate derivatives). Measured: at rtol 1e-6 / atol 1e-7 every
/// output and input gradient still agrees, and the worst parameter gradients differ by 1.8e-6
/// relative (ECA's 5-tap weight, a sum over the whole batch) and 2.6e-7 absolute (a SAM weight
/// gradient of 7e-3, a sum of 128 products that largely cancel).
/// </remarks>
public sealed class MechanismParityTests
{
    private const double Rtol = 1e-4;
    private const double Atol = 1e-5;

    public static TheoryData<string> Cases => ReferenceData.CaseNames(MechanismCases.Area);

    [Fact]
    public void Every_reference_case_has_a_network_and_every_network_a_case() =>
        ReferenceData.AssertCoverage(MechanismCases.Area, MechanismCases.Networks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_shape_is_the_declared_one(string name) =>
        Assert.Equal(MechanismCases.Info(name).InputShape, MechanismCases.InputShapes[name]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void State_dict_keys_are_the_papers_modules_under_the_design_names(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using nn.Module<Tensor, Tensor> network = MechanismCases.Networks[name]();
        CaseInfo info = MechanismCases.Info(name);
        Assert.Equal(info.StateKeys, network.state_dict().Keys);
        Assert.Equal(info.ParameterKeys, network.named_parameters().Select(p => p.name));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_and_gradients_match_pytorch(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using nn.Module<Tensor, Tensor> network = MechanismCases.Networks[name]();
        CaseInfo info = MechanismCases.Info(name);
        Tensor[] inputs = ReferenceData.Inputs(MechanismCases.Area, name);
        Tensor[] expected = ReferenceData.Outputs(MechanismCases.Area, name);
        Tensor x = inputs[0].requires_grad_();
        Tensor weights = inputs[1];

        // Strict: a missing, extra or differently shaped key throws, naming the key.
        var state = new Dictionary<string, Tensor>();
        for (int i = 0; i < info.StateKeys.Length; i++)
        {
            state[info.StateKeys[i]] = inputs[2 + i];
        }

        nn.LoadStateDictResult loaded = network.load_state_dict(state, strict: true);
        Assert.Empty(loaded.missing_keys);
        Assert.Empty(loaded.unexpected_keys);

        Tensor y = network.call(x);
        (y * weights).sum().backward();

        ReferenceData.AssertClose(expected[0], y, Rtol, Atol, $"{name} output");
        ReferenceData.AssertClose(expected[1], x.grad!, Rtol, Atol, $"{name} input gradient");
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(info.ParameterKeys.Length, parameters.Count);
        for (int i = 0; i < info.ParameterKeys.Length; i++)
        {
            string key = info.ParameterKeys[i];
            Assert.True(parameters.TryGetValue(key, out nn.Parameter? parameter), $"{name} has no parameter {key}");
            Assert.True(parameter!.grad is not null, $"{name}: {key} has no gradient");
            ReferenceData.AssertClose(expected[2 + i], parameter.grad!, Rtol, Atol, $"{name} gradient of {key}");
        }

        // Buffers after the forward pass (BatchNorm's running statistics, updated in training mode).
        Dictionary<string, Tensor> after = network.state_dict();
        string[] buffers = info.BufferKeys;
        Assert.Equal(expected.Length, 2 + info.ParameterKeys.Length + buffers.Length);
        for (int j = 0; j < buffers.Length; j++)
        {
            ReferenceData.AssertClose(expected[2 + info.ParameterKeys.Length + j], after[buffers[j]], Rtol, Atol, $"{name} buffer {buffers[j]} after forward");
        }
    }

    [Fact]
    public void Any_batch_size_and_the_input_is_left_unchanged()
    {
        using DisposeScope scope = NewDisposeScope();
        using var network = new CbamNet();
        Tensor x = randn(5, 64, 5, 5);
        Tensor copy = x.clone();
        Tensor y = network.call(x);
        Assert.Equal(new long[] { 5, 64, 5, 5 }, y.shape);
        Assert.True(equal(x, copy));
    }
}
