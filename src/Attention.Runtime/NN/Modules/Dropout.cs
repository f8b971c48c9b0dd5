using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// In training mode, zeroes each element with probability <see cref="p"/> and scales the rest by 1/(1 − p),
/// as torch.nn.Dropout; in evaluation mode, the identity.
/// </summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    public Dropout(double p = 0.5, bool inplace = false) : base(nameof(Dropout))
    {
        if (p < 0 || p > 1 || double.IsNaN(p))
        {
            throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {p}", nameof(p));
        }

        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; }

    public bool inplace { get; }

    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, inplace);
}
