using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests.Infrastructure;

/// <summary>A generated network, how to run it with the reference's mask input, and its Summary's parameter count.</summary>
internal sealed record ParityNetwork(nn.Module Module, Func<Tensor, Tensor, Tensor> Forward, long Parameters)
{
    /// <summary>A network without a padding mask (the reference's mask input is ignored).</summary>
    public static ParityNetwork Of(nn.Module<Tensor, Tensor> network, ModelSummary summary) => new(network, (x, _) => network.call(x), summary.TotalParameters);

    /// <summary>A network with a padding mask.</summary>
    public static ParityNetwork Masked(nn.Module<Tensor, Tensor, Tensor> network, ModelSummary summary) => new(network, network.call, summary.TotalParameters);
}

/// <summary>
/// The check the reference files in masked.json's layout share (inputs = [x, mask, W, state-dict values in key order];
/// outputs = [y, dL/dx (float inputs only), dL/dp in parameter order] for L = (y · W).sum()): the state dict loads strictly, the parameter
/// count is the Summary's, and the output and every gradient match.
/// </summary>
internal static class NetworkParity
{
    public static void Check(string area, string name, ParityNetwork network, double rtol, double atol)
    {
        using DisposeScope scope = NewDisposeScope();
        using nn.Module module = network.Module;
        Tensor[] inputs = ReferenceData.Inputs(area, name);
        Tensor[] expected = ReferenceData.Outputs(area, name);
        bool floating = inputs[0].is_floating_point();                                 // token ids have no gradient
        Tensor x = floating ? inputs[0].requires_grad_() : inputs[0];
        string[] keys = [.. module.state_dict().Keys];
        Assert.Equal(inputs.Length - 3, keys.Length);
        module.load_state_dict(keys.Select((k, i) => (k, inputs[3 + i])).ToDictionary(p => p.k, p => p.Item2), strict: true);
        Assert.Equal(network.Parameters, module.parameters().Sum(p => p.numel()));

        Tensor y = network.Forward(x, inputs[1]);
        (y * inputs[2]).sum().backward();

        ReferenceData.AssertClose(expected[0], y, rtol, atol, $"{name} output");
        int next = 1;
        if (floating)
        {
            ReferenceData.AssertClose(expected[next++], x.grad!, rtol, atol, $"{name} input gradient");
        }

        foreach (var (key, parameter) in module.named_parameters())
        {
            ReferenceData.AssertClose(expected[next++], parameter.grad!, rtol, atol, $"{name} gradient of {key}");
        }

        Assert.Equal(expected.Length, next);
    }
}

/// <summary>
/// One reference file of generated networks for <see cref="NetworkParityTests{TArea}"/>: its area (Reference/expected/
/// <c>Area</c>.json, written by a script in masked.json's layout) and the network of each case.
/// </summary>
public interface INetworkArea
{
    /// <summary>The area, i.e. Reference/expected/<c>Area</c>.json.</summary>
    static abstract string Area { get; }

    /// <summary>A new network for each reference case, by case name.</summary>
    internal static abstract IReadOnlyDictionary<string, Func<ParityNetwork>> Networks { get; }
}

/// <summary>
/// The parity harness of the generated networks against PyTorch: one theory case per reference case, checked by
/// <see cref="NetworkParity.Check"/> at rtol 1e-4, atol 1e-5 in fp32 (MechanismParityTests explains the tolerance),
/// and a fact that every case has a network and every network a case. A test class derives from it with itself as
/// <typeparamref name="TArea"/>.
/// </summary>
public abstract class NetworkParityTests<TArea>
    where TArea : INetworkArea
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames(TArea.Area);

    [Fact]
    public void Every_reference_case_has_a_network() => ReferenceData.AssertCoverage(TArea.Area, TArea.Networks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_and_gradients_match_pytorch(string name) => NetworkParity.Check(TArea.Area, name, TArea.Networks[name](), 1e-4, 1e-5);
}
