using System;
using System.Linq;
using Attention.Runtime;

namespace DynamicCapacity;

/// <summary>
/// Multiply-adds per image, counted from the layers of Networks.cs: a convolution costs
/// <c>C_in · C_out · k² · H_out · W_out</c>, a Linear layer <c>in · out</c>; activations and pools are left out. The
/// layer list below is written from the declarations, and <see cref="Check"/> confirms it against the built modules'
/// parameter counts, so that the two cannot drift apart unnoticed.
/// </summary>
internal static class Cost
{
    /// <summary>One weighted layer: channels in and out, kernel side (1 for Linear), and output side (1 for Linear).</summary>
    private readonly record struct Layer(long In, long Out, long Kernel, long Side)
    {
        public long MultiplyAdds => In * Out * Kernel * Kernel * Side * Side;

        public long Parameters => (In * Out * Kernel * Kernel) + Out;
    }

    private static readonly Layer[] Coarse = [new(1, 8, 3, 40), new(8, 16, 3, 20), new(16, 32, 3, 10)];
    private static readonly Layer[] Fine = [new(1, 16, 3, 16), new(16, 16, 3, 16), new(16, 32, 3, 8), new(32, 32, 4, 1)];
    private static readonly Layer[] Top = [new(32, 64, 3, 5), new(64, 10, 1, 1)];

    public static long CoarsePass => Coarse.Sum(static l => l.MultiplyAdds);

    public static long FinePatch => Fine.Sum(static l => l.MultiplyAdds);

    public static long TopPass => Top.Sum(static l => l.MultiplyAdds);

    /// <summary>
    /// The DCN at test time: the coarse layers, the top layers forward and backward for the saliency (the backward of a
    /// layer costs about twice its forward), the fine layers on <paramref name="patches"/> patches, and the top layers on
    /// the merged map.
    /// </summary>
    public static long Dynamic(long patches) => CoarsePass + (3 * TopPass) + (patches * FinePatch) + TopPass;

    /// <summary>The fine layers on every one of <paramref name="cells"/> cells, and the top layers.</summary>
    public static long Everywhere(long cells) => (cells * FinePatch) + TopPass;

    /// <summary>Throws unless the layer list has the parameters the network's parts have.</summary>
    public static void Check(Attention.Runtime.Modules.DynamicCapacity network)
    {
        foreach (var (part, layers) in new (torch.nn.Module Part, Layer[] Layers)[] { (network.coarse, Coarse), (network.fine, Fine), (network.top, Top) })
        {
            long counted = layers.Sum(static l => l.Parameters), actual = part.parameters().Sum(static p => p.numel());
            if (counted != actual)
            {
                throw new InvalidOperationException($"Cost.cs describes {part.GetType().Name} with {counted:N0} parameters, but it has {actual:N0}: update the layer list.");
            }
        }
    }
}
