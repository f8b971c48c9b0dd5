using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// The hierarchical attention network (HierarchicalNet) against PyTorch (Reference/hierarchical.py), with padded words and
/// padded sentences; what the padding holds does not matter.
/// </summary>
/// <remarks>Tolerance: rtol 1e-4, atol 1e-5 in fp32, as MechanismParityTests explains.</remarks>
public sealed class HierarchicalNetworkTests : NetworkParityTests<HierarchicalNetworkTests>, INetworkArea
{
    private const string Area = "hierarchical";

    private static readonly Dictionary<string, Func<ParityNetwork>> ByName = new()
    {
        [nameof(HierarchicalNet)] = () => ParityNetwork.Masked(new HierarchicalNet(), HierarchicalNet.Summary),
        [nameof(ContextHierarchicalNet)] = () => ParityNetwork.Masked(new ContextHierarchicalNet(), ContextHierarchicalNet.Summary),
    };

    static string INetworkArea.Area => Area;

    static IReadOnlyDictionary<string, Func<ParityNetwork>> INetworkArea.Networks => ByName;

    [Fact]
    public void Padded_words_and_padded_sentences_do_not_change_the_output()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(71);
        using var network = new HierarchicalNet();
        Tensor lengths = tensor(new long[] { 6, 2, 0, 0, 3, 3, 3, 1 }, [2, 4]);
        Tensor mask = arange(6).view(1, 1, 6) < lengths.unsqueeze(-1);
        Tensor tokens = randint(1, 30, [2, 4, 6]) * mask;
        Tensor noisy = tokens + (randint(1, 30, [2, 4, 6]) * mask.logical_not());     // garbage where the mask is false
        ReferenceData.AssertClose(network.call(tokens, mask), network.call(noisy, mask), 1e-6, 1e-7, "output");

        // The first document alone, cut to its two real sentences, gives what it gives in the batch.
        Tensor alone = network.call(tokens[..1, ..2], mask[..1, ..2]);
        ReferenceData.AssertClose(alone, network.call(tokens, mask)[..1], 1e-5, 1e-6, "a document alone");
    }

    [Fact]
    public void The_mask_has_an_axis_for_the_words_of_each_sentence()
    {
        using DisposeScope scope = NewDisposeScope();
        using var network = new HierarchicalNet();
        var error = Assert.Throws<ArgumentException>(() => network.call(randint(1, 30, [2, 4, 6]), ones([2, 4], ScalarType.Bool)));
        Assert.Contains("must be bool [N, S, W] = [2, 4, 6]", error.Message, StringComparison.Ordinal);
        Assert.Equal([-1L, 4, 10], HierarchicalNet.Summary.Rows.Single(r => r.Name == "each1").OutputShape);
    }
}
