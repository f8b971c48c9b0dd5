using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace AddingProblem;

/// <summary>The declared networks by sequence length.</summary>
internal static class AddingNetworks
{
    private static readonly Dictionary<int, Func<nn.Module<Tensor, Tensor>>> ByLength = new()
    {
        [50] = static () => new Adding50(),
        [200] = static () => new Adding200(),
        [1000] = static () => new Adding1000(),
        [10000] = static () => new Adding10000(),
    };

    /// <summary>The lengths there is a network for.</summary>
    public static IReadOnlyCollection<int> Lengths => ByLength.Keys;

    /// <summary>A new network for sequences of <paramref name="length"/> steps.</summary>
    public static nn.Module<Tensor, Tensor> Create(int length) => ByLength[length]();
}
