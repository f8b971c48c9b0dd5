using System;

namespace Attention.Shared;

/// <summary>
/// The size rules that both the generator (at compile time, for shapes and parameter counts) and
/// the runtime (for blocks, whose sizes are computed per use) apply. Written once, compiled into
/// both as source; it targets netstandard2.0 as the generator does.
/// </summary>
internal static class ChannelRules
{
    /// <summary>
    /// timm's <c>make_divisible(value, divisor)</c> (the MobileNet rounding, timm/layers/helpers.py):
    /// the nearest multiple of <paramref name="divisor"/>, at least the divisor, and never below 90 %
    /// of <paramref name="value"/> (one more divisor when rounding down went further):
    /// <c>max(divisor, int(value + divisor / 2) // divisor * divisor)</c>.
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
    /// <paramref name="roundToNearest"/>, as timm's CBAM computes it from its ratio <c>rd_ratio = 1 / r</c>:
    /// <c>make_divisible(C * rd_ratio, 1, round_limit = 0)</c>, i.e. <c>max(1, int(C * (1 / r) + 0.5))</c>,
    /// rounded half up and at least 1. The product with the rounded ratio is kept as timm has it: it can
    /// fall one ulp short of a half (<c>147 * (1 / 98)</c> is just below 1.5, so 1, where 147 / 98 gives 2).
    /// </summary>
    public static int ReducedWidth(int channels, int reduction, bool roundToNearest) =>
        roundToNearest ? Math.Max(1, (int)((channels * (1.0 / reduction)) + 0.5)) : channels / reduction;
}
