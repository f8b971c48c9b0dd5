using System;
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
