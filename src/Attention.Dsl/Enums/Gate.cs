namespace Attention.Dsl;

/// <summary>
/// The function that turns attention logits into weights in [0, 1], such as the gate of
/// <c>[SqueezeExcite]</c>.
/// </summary>
/// <remarks>This enum is compiled into Attention.Generators as source, so its values must stay stable.</remarks>
public enum Gate
{
    /// <summary><c>1 / (1 + exp(−x))</c>, as the SE and CBAM papers.</summary>
    Sigmoid = 0,

    /// <summary><c>relu6(x + 3) / 6</c>, a piecewise-linear sigmoid, as MobileNetV3.</summary>
    HardSigmoid = 1,
}
