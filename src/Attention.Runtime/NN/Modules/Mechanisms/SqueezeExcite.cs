using System;
using Attention.Shared;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Squeeze-and-Excitation (Hu, Shen, Albanie, Sun and Wu, "Squeeze-and-Excitation Networks", CVPR 2018): the
/// channels re-weighted by a gate computed from their global averages,
/// <c>y = x · gate(fc2(act(fc1(mean(x, [2, 3])))))</c>, one weight per sample and channel.
/// <para>
/// <c>fc1</c> is Linear(C → C_r) and <c>fc2</c> Linear(C_r → C), registered in that order with PyTorch's names
/// and initialisation, so the state dict is <c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>,
/// <c>fc2.bias</c> and a seeded SqueezeExcite draws the values a seeded PyTorch module of the same layout draws.
/// The paper's form is the default: ReLU inside, sigmoid gate (its networks use C_r = C / 16). The seed's code
/// leaves out the biases (<c>bias: false</c>). <see cref="MobileNetV3"/> builds the form of Howard et al. 2019.
/// </para>
/// <para>
/// The inner activation may be any <see cref="ActivationKind"/> (ReLU in the paper and in MobileNetV3, SiLU in
/// EfficientNet); the gate must map into [0, 1]: <see cref="ActivationKind.Sigmoid"/> or
/// <see cref="ActivationKind.HardSigmoid"/>.
/// </para>
/// </summary>
public sealed class SqueezeExcite : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>A Squeeze-and-Excitation block over <paramref name="channels"/> channels through <paramref name="reduced_channels"/> hidden units.</summary>
    /// <param name="channels">C, the channels of the input and the output.</param>
    /// <param name="reduced_channels">C_r, the width of the bottleneck (C / r for a reduction ratio r).</param>
    /// <param name="inner_activation">The activation between <c>fc1</c> and <c>fc2</c>.</param>
    /// <param name="gate">Sigmoid (the paper) or HardSigmoid (MobileNetV3).</param>
    /// <param name="bias">Whether <c>fc1</c> and <c>fc2</c> have biases.</param>
    public SqueezeExcite(long channels, long reduced_channels, ActivationKind inner_activation = ActivationKind.ReLU,
        ActivationKind gate = ActivationKind.Sigmoid, bool bias = true)
        : base(nameof(SqueezeExcite))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reduced_channels);
        ActivationKinds.EnsureDefined(inner_activation, nameof(inner_activation));
        ActivationKinds.EnsureDefined(gate, nameof(gate));
        if (!ActivationKinds.IsGate(gate))
        {
            throw new ArgumentException($"The gate of SqueezeExcite must be Sigmoid or HardSigmoid, which map into [0, 1], but got {gate}.", nameof(gate));
        }

        this.channels = channels;
        this.reduced_channels = reduced_channels;
        this.inner_activation = inner_activation;
        this.gate = gate;
        fc1 = new Linear(channels, reduced_channels, bias);
        register_module(nameof(fc1), fc1);
        fc2 = new Linear(reduced_channels, channels, bias);
        register_module(nameof(fc2), fc2);
    }

    /// <summary>C, the channels of the input and the output.</summary>
    public long channels { get; }

    /// <summary>C_r, the width of the bottleneck.</summary>
    public long reduced_channels { get; }

    /// <summary>The activation between <see cref="fc1"/> and <see cref="fc2"/>.</summary>
    public ActivationKind inner_activation { get; }

    /// <summary>Sigmoid or HardSigmoid.</summary>
    public ActivationKind gate { get; }

    /// <summary>The squeeze to the bottleneck, Linear(C → C_r).</summary>
    public Linear fc1 { get; }

    /// <summary>The excitation back to the channels, Linear(C_r → C).</summary>
    public Linear fc2 { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The gate of the last forward pass, [N, C], while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>
    /// The form of Howard et al., "Searching for MobileNetV3" (ICCV 2019), as timm and torchvision build it:
    /// reduction 4 with the width rounded by <c>make_divisible(C / 4, 8)</c>, ReLU inside and the hard-sigmoid
    /// gate <c>relu6(x + 3) / 6</c>, with biases.
    /// </summary>
    public static SqueezeExcite MobileNetV3(long channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        return new SqueezeExcite(channels, make_divisible(channels / 4.0, 8), ActivationKind.ReLU, ActivationKind.HardSigmoid);
    }

    /// <summary>
    /// timm's <c>make_divisible(value, divisor)</c>, the width rounding of MobileNet and timm's SE: the nearest
    /// multiple of <paramref name="divisor"/>, at least the divisor, and never below 90 % of
    /// <paramref name="value"/>. <c>make_divisible(72 / 4.0, 8)</c> is 24 (18 rounds to 16, more than 10 % short).
    /// </summary>
    public static long make_divisible(double value, int divisor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
        if (!(value >= 0 && value + divisor <= int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"make_divisible needs a finite width from 0 to {int.MaxValue - divisor}, but got {value}.");
        }

        return ChannelRules.MakeDivisible(value, divisor);
    }

    /// <summary>Re-weights the channels of <paramref name="input"/> [N, C, H, W] by the gate of their averages; same shape out.</summary>
    public override Tensor forward(Tensor input)
    {
        MechanismInput.Check(input, name, channels);
        // squeeze: [N, C, H, W] -> [N, C]
        using Tensor squeezed = input.mean([2, 3]);
        // excite: [N, C] -> [N, C_r] -> [N, C]
        using Tensor hidden = fc1.call(squeezed);
        using Tensor activated = ActivationKinds.Apply(inner_activation, hidden);
        using Tensor excited = fc2.call(activated);
        // gate: sigmoid, weights in (0, 1), or hard sigmoid relu6(x + 3) / 6, weights in [0, 1]: [N, C]
        using Tensor channelWeights = ActivationKinds.Apply(gate, excited);
        kept.Store(channelWeights);
        // scale: [N, C, H, W] * [N, C, 1, 1]
        using Tensor scale = channelWeights.view(input.size(0), input.size(1), 1, 1);
        return input * scale;
    }

    /// <summary>Releases the kept weights with the parameters.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            kept.Clear();
        }

        base.Dispose(disposing);
    }
}
