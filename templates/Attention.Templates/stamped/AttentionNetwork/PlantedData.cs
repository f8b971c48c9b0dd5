using static Attention.Runtime.torch;

namespace AttentionNetwork;

/// <summary>
/// Noise <c>N(0, 10²)</c> of shape <c>[n, 10, 2]</c>, a label <c>y ∈ {0, 1}</c> per sample, and the
/// label planted in step 2: only that step carries the answer, so attention should learn to look there.
/// </summary>
public static class PlantedData
{
    public const int Steps = 10;
    public const int Features = 2;
    public const int PlantedStep = 2;

    /// <summary>Draws <paramref name="count"/> samples: inputs <c>[n, 10, 2]</c> and labels <c>[n, 1]</c>.</summary>
    public static (Tensor Inputs, Tensor Labels) Draw(long count)
    {
        using var scope = NewDisposeScope();
        Tensor x = randn(count, Steps, Features) * 10.0;
        Tensor y = randint(0, 2, [count, 1]).to(float32);
        x.select(1, PlantedStep).copy_(y.expand(count, Features));   // x[:, 2, :] = y
        return (scope.MoveToOuter(x), scope.MoveToOuter(y));
    }
}
