using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// The spatial transformer networks (VisionNetworks.cs) against PyTorch (Reference/vision.py): state dicts load by key,
/// outputs and gradients agree with θ off the identity; at its initial values the transformer passes the image through.
/// </summary>
/// <remarks>Tolerance: rtol 1e-4, atol 1e-5 in fp32, as MechanismParityTests explains.</remarks>
public sealed class VisionNetworkTests : NetworkParityTests<VisionNetworkTests>, INetworkArea
{
    private const string Area = "vision";

    private static readonly Dictionary<string, Func<ParityNetwork>> ByName = new()
    {
        [nameof(StnNet)] = () => ParityNetwork.Of(new StnNet(), StnNet.Summary),
        [nameof(StnAlignedNet)] = () => ParityNetwork.Of(new StnAlignedNet(), StnAlignedNet.Summary),
    };

    static string INetworkArea.Area => Area;

    static IReadOnlyDictionary<string, Func<ParityNetwork>> INetworkArea.Networks => ByName;

    [Fact]
    public void The_transformer_starts_at_the_identity_and_keeps_theta_and_the_images()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(61);
        using var network = new StnNet();
        network.keep_attention_weights();
        Tensor x = randn(2, 1, 12, 12);
        network.call(x);
        var stn = (SpatialTransformer)network.named_modules().Single(m => m.name == "stn1").module;
        ReferenceData.AssertClose(tensor(new float[] { 1, 0, 0, 0, 1, 0 }).view(1, 2, 3).expand(2, 2, 3), stn.weights!, 0, 0, "θ at the start");
        ReferenceData.AssertClose(x, stn.transformed!, 1e-5, 1e-6, "the image through the identity transform");
        Assert.Equal([-1L, 1, 12, 12], StnNet.Summary.Rows[0].OutputShape);
        Assert.Equal([-1L, 2, 8, 6], StnAlignedNet.Summary.Rows[0].OutputShape);
    }

    [Fact]
    public void The_declared_dynamic_capacity_network_is_the_runtime_module_with_the_same_weights()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(62);
        using var network = new CapacityNet();
        using var module = new DynamicCapacity(new Conv2d(1, 3, [4, 4], stride: [4, 4]), new Sequential(new Conv2d(1, 3, [8, 8]), new Flatten()),
            new Sequential(new Flatten(), new Linear(48, 5)), patches: 3, patch_size: 8, stride: 4);
        Assert.Equal(
            ["dcn1.coarse.conv1.weight", "dcn1.coarse.conv1.bias", "dcn1.fine.conv1.weight", "dcn1.fine.conv1.bias", "dcn1.top.fc1.weight", "dcn1.top.fc1.bias"],
            network.state_dict().Keys);
        using (no_grad())
        {
            foreach (var (mine, theirs) in network.parameters().Zip(module.parameters()))
            {
                theirs.copy_(mine);
            }
        }

        Tensor x = randn(2, 1, 16, 16);
        ReferenceData.AssertClose(module.call(x), network.call(x), 0, 0, "output");
        Assert.Equal(CapacityNet.Summary.TotalParameters, network.parameters().Sum(p => p.numel()));
        Assert.Equal([-1L, 5], CapacityNet.Summary.Rows[0].OutputShape);
    }

    [Fact]
    public void A_network_with_a_second_input_fuses_it_with_the_gated_multimodal_unit()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(63);
        using var network = new TwoInputFusionNet();
        Assert.Equal([7L], TwoInputFusionNet.SecondInputShape);
        Assert.Equal(
            ["fc1.weight", "fc1.bias", "gmu1.hidden1.weight", "gmu1.hidden2.weight", "gmu1.gate.weight", "fc2.weight", "fc2.bias"],
            network.state_dict().Keys);
        var fc1 = new Linear(12, 8);
        var gmu = new GatedMultimodalUnit(8, 7, 5);
        var fc2 = new Linear(5, 3);
        using (no_grad())
        {
            var mine = network.parameters().ToArray();
            var theirs = fc1.parameters().Concat(gmu.parameters()).Concat(fc2.parameters()).ToArray();
            for (int i = 0; i < mine.Length; i++)
            {
                theirs[i].copy_(mine[i]);
            }
        }

        Tensor text = randn(4, 12), image = randn(4, 7);
        ReferenceData.AssertClose(fc2.call(gmu.call(fc1.call(text).tanh(), image)), network.call(text, image), 1e-6, 1e-7, "output");
        Assert.Equal(TwoInputFusionNet.Summary.TotalParameters, network.parameters().Sum(p => p.numel()));
    }
}
