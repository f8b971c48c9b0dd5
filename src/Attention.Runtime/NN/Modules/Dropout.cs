using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// In training mode, zeroes each element with probability <see cref="p"/> and scales the rest by 1/(1 − p),
/// as torch.nn.Dropout; in evaluation mode, the identity.
/// </summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    /// <summary>Dropout with zeroing probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    public Dropout(double p = 0.5, bool inplace = false) : base(nameof(Dropout))
    {
        if (p < 0 || p > 1 || double.IsNaN(p))
        {
            throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {p}", nameof(p));
        }

        this.p = p;
        this.inplace = inplace;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public double p { get; }

    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; }

    /// <summary>As <c>torch.nn.functional.dropout</c> in training mode; the input itself in evaluation mode. Any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, inplace);
}
