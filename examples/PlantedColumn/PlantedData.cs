using static Attention.Runtime.torch;

namespace PlantedColumn;

/// <summary>
/// Seed 000's data set: <c>x ~ N(0, 10²)</c> of shape <c>[n, 10, 2]</c>, a label <c>y ∈ {0, 1}</c>,
/// and the label planted in every feature of step 2 (<c>x[:, 2, :] = y</c>). Only step 2 carries
/// the answer, so a network that learns the task should attend to it.
/// </summary>
/// <remarks>
/// The seed draws with NumPy; this draws with libtorch's generator, so that a PyTorch script with
/// the same seed (<c>planted_column.py</c> beside this file) sees exactly the same samples.
/// </remarks>
internal static class PlantedData
{
    /// <summary>The number of time steps.</summary>
    public const int Steps = 10;

    /// <summary>The number of features per step.</summary>
    public const int Features = 2;

    /// <summary>The step that holds the label.</summary>
    public const int AttentionColumn = 2;

    /// <summary>Draws <paramref name="count"/> samples: inputs <c>[n, 10, 2]</c> (float32) and labels <c>[n, 1]</c> (0.0 or 1.0).</summary>
    public static (Tensor Inputs, Tensor Labels) Draw(long count)
    {
        using var scope = NewDisposeScope();
        Tensor x = randn(count, Steps, Features) * 10.0;
        Tensor y = randint(0, 2, [count, 1]).to(float32);
        // x[:, 2, :] = y, broadcast over the features
        x.select(1, AttentionColumn).copy_(y.expand(count, Features));
        return (scope.MoveToOuter(x), scope.MoveToOuter(y));
    }
}
