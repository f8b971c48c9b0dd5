using System;

namespace Attention.Shared;

/// <summary>
/// The size rules that both the generator (at compile time, for shapes and parameter counts) and
/// the runtime (for blocks, whose sizes are computed per use) apply. Written once, compiled into
/// both as source.
/// </summary>
internal static class ChannelRules
{
    /// <summary>
    /// timm's <c>make_divisible(value, divisor)</c>: the nearest multiple of <paramref name="divisor"/>,
    /// at least the divisor, and never below 90 % of <paramref name="value"/>.
    /// </summary>
    public static int MakeDivisible(double value, int divisor)
    {
        var rounded = Math.Max(divisor, (int)(value + (divisor / 2.0)) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    /// <summary>
    /// ECA's adaptive kernel size (Wang et al. 2020, as the paper's code computes it):
    /// <c>t = ⌊|log₂(C) + beta| / gamma⌋</c>, then <c>t</c> if odd, otherwise <c>t + 1</c>.
    /// </summary>
    public static int EcaKernel(int channels, int gamma, int beta)
    {
        var t = (int)(Math.Abs((Math.Log(channels) / Math.Log(2)) + beta) / gamma);
        return t % 2 == 1 ? t : t + 1;
    }

    /// <summary>
    /// The hidden width of a reduction MLP: <c>C / r</c> rounded down (the papers' code), or, with
    /// <paramref name="roundToNearest"/>, rounded half up and at least 1, as timm's CBAM computes it
    /// (<c>make_divisible(C / r, 1, round_limit = 0)</c>).
    /// </summary>
    public static int ReducedWidth(int channels, int reduction, bool roundToNearest) =>
        roundToNearest ? Math.Max(1, (int)(((double)channels / reduction) + 0.5)) : channels / reduction;
}
