using static Attention.Runtime.torch;

namespace AddingProblem;

/// <summary>
/// The addition problem (Hochreiter and Schmidhuber 1997, as Raffel and Ellis 2015 use it): each
/// step holds a value drawn from U(−1, 1) and a marker; exactly two steps are marked, one in the
/// first half and one in the second, and the target is the sum of their two values.
/// </summary>
internal static class AddingData
{
    /// <summary>Draws <paramref name="count"/> sequences of <paramref name="steps"/> steps: inputs <c>[n, T, 2]</c>, targets <c>[n, 1]</c>.</summary>
    public static (Tensor Inputs, Tensor Targets) Draw(long count, long steps)
    {
        using var scope = NewDisposeScope();
        Tensor values = rand(count, steps) * 2.0 - 1.0;                 // [n, T] in (−1, 1)
        long half = steps / 2;
        Tensor first = randint(0, half, [count, 1]);                      // one marked step in each half
        Tensor second = randint(half, steps, [count, 1]);
        Tensor marks = zeros(count, steps);
        marks.scatter_(1, first, 1.0);
        marks.scatter_(1, second, 1.0);
        Tensor targets = (values * marks).sum([1], keepdim: true);       // [n, 1]
        Tensor inputs = stack([values, marks], 2);                        // [n, T, 2]
        return (scope.MoveToOuter(inputs), scope.MoveToOuter(targets));
    }
}
