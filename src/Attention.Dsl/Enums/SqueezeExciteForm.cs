namespace Attention.Dsl;

/// <summary>
/// A preset of <c>[SqueezeExcite]</c>'s arguments: the defaults of the arguments left unset.
/// Shared with Attention.Generators, which compiles this file in.
/// </summary>
public enum SqueezeExciteForm
{
    /// <summary>The paper's (Hu et al. 2018): <c>Reduction = 16</c>, no rounding, sigmoid gate.</summary>
    Original = 0,

    /// <summary>
    /// MobileNetV3's (Howard et al. 2019): <c>Reduction = 4</c>, the width rounded by
    /// <c>make_divisible(C / 4, 8)</c>, a hard-sigmoid gate <c>relu6(x + 3) / 6</c>.
    /// </summary>
    MobileNetV3 = 1,
}
