using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// An elementwise activation chosen by value rather than by module: <see cref="SqueezeExcite"/>'s inner
/// activation and its gate. Each applies the torch.nn.functional function of the same name.
/// </summary>
public enum ActivationKind
{
    /// <summary>max(0, x), as F.relu.</summary>
    ReLU,

    /// <summary>min(max(0, x), 6), as F.relu6.</summary>
    ReLU6,

    /// <summary>x·sigmoid(x), as F.silu (also called swish).</summary>
    SiLU,

    /// <summary>x·relu6(x + 3)/6, as F.hardswish.</summary>
    HardSwish,

    /// <summary>x·Φ(x), exact, as F.gelu.</summary>
    GELU,

    /// <summary>1/(1 + e⁻ˣ), as F.sigmoid: a gate with weights in (0, 1).</summary>
    Sigmoid,

    /// <summary>relu6(x + 3)/6, as F.hardsigmoid: a gate with weights in [0, 1] (MobileNetV3's).</summary>
    HardSigmoid,
}

/// <summary>Applies an <see cref="ActivationKind"/>.</summary>
internal static class ActivationKinds
{
    /// <summary>True for the kinds that map to [0, 1] and can gate: Sigmoid and HardSigmoid.</summary>
    public static bool IsGate(ActivationKind kind) => kind is ActivationKind.Sigmoid or ActivationKind.HardSigmoid;

    /// <summary>Throws unless <paramref name="kind"/> is a defined value.</summary>
    public static void EnsureDefined(ActivationKind kind, string parameterName)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(parameterName, kind, $"{(int)kind} is not a defined ActivationKind.");
        }
    }

    /// <summary>The activation of <paramref name="input"/>, a new tensor.</summary>
    public static Tensor Apply(ActivationKind kind, Tensor input) => kind switch
    {
        ActivationKind.ReLU => nn.functional.relu(input),
        ActivationKind.ReLU6 => nn.functional.relu6(input),
        ActivationKind.SiLU => nn.functional.silu(input),
        ActivationKind.HardSwish => nn.functional.hardswish(input),
        ActivationKind.GELU => nn.functional.gelu(input),
        ActivationKind.Sigmoid => nn.functional.sigmoid(input),
        ActivationKind.HardSigmoid => nn.functional.hardsigmoid(input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a defined ActivationKind."),
    };
}
