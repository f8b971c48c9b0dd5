using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>Dynamic capacity networks against Reference/cases_capacity.py: saliency, the chosen cells, the patches, the merged map, gradients.</summary>
public sealed class CapacityModuleTests : ReferenceParityTests<CapacityModuleTests>, IReferenceArea
{
    private const string Area = "capacity";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["dcn_three_patches"] = x => Run(x, channels: 1, patches: 3),
        ["dcn_two_channels_float64"] = x => Run(x, channels: 2, patches: 5),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    private static DynamicCapacity Network(long channels, long patches) =>
        new(new Conv2d(channels, 3, [4, 4], stride: [4, 4]), new Conv2d(channels, 3, [8, 8]), new Sequential(new Flatten(), new Linear(48, 5)), patches, 8, 4);

    // Inputs: x, the parameters, W1, W2. Outputs: output, coarse output, hint, saliency, positions, then the gradients of
    // (output · W1).sum() + (coarse · W2).sum() + hint for x and every parameter.
    private static Tensor[] Run(Tensor[] x, long channels, long patches)
    {
        var network = Network(channels, patches);   // its gradients are the outputs
        network.to(x[0].dtype);
        using (no_grad())
        {
            foreach (var (parameter, value) in network.parameters().Zip(x[1..^2]))
            {
                parameter.copy_(value);
            }
        }

        Tensor input = x[0].requires_grad_();
        DynamicCapacityOutput parts = network.forward_parts(input);
        ((parts.output * x[^2]).sum() + (parts.coarse_output * x[^1]).sum() + parts.hint).backward();
        return [parts.output, parts.coarse_output, parts.hint, parts.saliency, parts.positions, input.grad!, .. network.parameters().Select(p => p.grad!)];
    }

    [Fact]
    public void Refining_every_cell_is_the_fine_network_everywhere_and_the_saliency_pass_leaves_no_gradient_behind()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(31);
        using DynamicCapacity everywhere = Network(1, 16);
        Tensor x = randn(2, 1, 16, 16);
        // the fine layers over every cell's patch, laid out as the coarse map
        Tensor padded = nn.functional.pad(x, [2, 2, 2, 2]);
        var rows = new List<Tensor>();
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                rows.Add(everywhere.fine.call(padded[.., .., (4 * i)..((4 * i) + 8), (4 * j)..((4 * j) + 8)]).flatten(1));
            }
        }

        Tensor map = stack(rows, 2).view(2, 3, 4, 4);
        ReferenceData.AssertClose(everywhere.top.call(map), everywhere.call(x), 1e-5, 1e-6, "all 16 cells refined");
        ReferenceData.AssertClose(everywhere.top.call(map), everywhere.forward_fine_everywhere(x), 1e-5, 1e-6, "the fine layers everywhere");
        Assert.All(everywhere.parameters(), static p => Assert.Null(p.grad));
    }

    [Fact]
    public void Bad_sizes_are_refused_with_the_reason()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicCapacity(new Flatten(), new Flatten(), new Flatten(), 2, 7, 4));
        using DisposeScope scope = NewDisposeScope();
        using DynamicCapacity network = Network(1, 17);
        Assert.Contains("refines 17 cells, but the coarse map has 16", Assert.Throws<ArgumentException>(() => network.call(randn(1, 1, 16, 16))).Message, StringComparison.Ordinal);
        using DynamicCapacity wrongStride = new(new Conv2d(1, 3, [2, 2], stride: [2, 2]), new Conv2d(1, 3, [8, 8]), new Flatten(), 2, 8, 4);
        Assert.Contains("one cell per 4 × 4 pixels", Assert.Throws<ArgumentException>(() => wrongStride.call(randn(1, 1, 16, 16))).Message, StringComparison.Ordinal);
    }
}
