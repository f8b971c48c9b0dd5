namespace Attention.Dsl;

/// <summary>
/// An activation function used inside an attention mechanism, such as the inner activation of
/// <c>[SqueezeExcite]</c> or the activation after a <c>[Residual]</c> addition.
/// </summary>
/// <remarks>This enum is compiled into Attention.Generators as source, so its values must stay stable.</remarks>
public enum Activation
{
    /// <summary><c>max(0, x)</c>.</summary>
    ReLU = 0,

    /// <summary><c>min(max(0, x), 6)</c>.</summary>
    ReLU6 = 1,

    /// <summary><c>x · sigmoid(x)</c> (also called swish).</summary>
    SiLU = 2,

    /// <summary><c>x · relu6(x + 3) / 6</c>.</summary>
    HardSwish = 3,

    /// <summary>The Gaussian error linear unit, <c>x · Φ(x)</c>.</summary>
    GELU = 4,

    /// <summary>No activation: the identity (the default after a <c>[Residual]</c> addition).</summary>
    None = 5,
}
