using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A module that also runs with a padding mask <c>[N, T]</c> (bool, true = a real step) beside its input: the generated
/// blocks whose layers take the mask, and the residual repetitions that hold them.
/// </summary>
public interface IMaskedModule
{
    /// <summary>Runs the module on <paramref name="input"/> <c>[N, T, …]</c>, hiding the steps that <paramref name="mask"/> marks false.</summary>
    Tensor forward(Tensor input, Tensor mask);
}

/// <summary>Running containers with a padding mask.</summary>
public static class MaskedModules
{
    /// <summary>
    /// Runs the children of <paramref name="sequential"/> in order, passing <paramref name="mask"/> to those that take one
    /// (<see cref="IMaskedModule"/>) and calling the others as they are; intermediate results are disposed as
    /// <see cref="Sequential.forward(Tensor)"/> does.
    /// </summary>
    public static Tensor call_masked(this Sequential sequential, Tensor input, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(sequential);
        ArgumentNullException.ThrowIfNull(mask);
        Tensor x = input;
        foreach (nn.Module<Tensor, Tensor> layer in sequential)
        {
            Tensor next = layer is IMaskedModule masked ? masked.forward(x, mask) : layer.call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }
}
