using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// The block classes to complete across the compilation, one model per class, and ATTN0016 for
/// each network that needs a block written otherwise than the first network that uses it.
/// </summary>
internal sealed record BlockPlan(EquatableArray<BlockModel> Blocks, EquatableArray<DiagnosticInfo> Conflicts)
{
    /// <summary>
    /// Chooses each block's model: the first network's use (networks in the order the compilation
    /// gives them), else the block's own nominal use.
    /// </summary>
    public static BlockPlan Create(ImmutableArray<NetworkResult> networks, ImmutableArray<BlockModel> standalone)
    {
        var chosen = new Dictionary<string, (BlockModel Model, string Network)>();
        var order = new List<string>();
        var conflicts = new List<DiagnosticInfo>();
        foreach (var network in networks)
        {
            foreach (var block in network.Blocks)
            {
                if (!chosen.TryGetValue(block.HintName, out var first))
                {
                    chosen[block.HintName] = (block, network.Model!.Name);
                    order.Add(block.HintName);
                }
                else if (BlockModel.Difference(first.Model, block) is { } reason && network.BlockConflict is { } anchor)
                {
                    conflicts.Add(anchor with
                    {
                        MessageArgs = new[] { block.Name, "network '" + first.Network + "' uses it too, and " + reason }.ToEquatableArray(),
                    });
                }
            }
        }

        foreach (var block in standalone.Where(b => !chosen.ContainsKey(b.HintName)))
        {
            chosen[block.HintName] = (block, string.Empty);
            order.Add(block.HintName);
        }

        return new BlockPlan(order.Select(h => chosen[h].Model).ToEquatableArray(), conflicts.ToEquatableArray());
    }
}
