using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// The storage behind <see cref="IAttentionWeights"/> for a module that computes one gate: a detached copy
/// of the gate, owned here, replaced by <see cref="Store"/> and released by <see cref="Clear"/>.
/// </summary>
internal sealed class KeptWeights
{
    private bool keep;

    public bool Keep
    {
        get => keep;
        set
        {
            keep = value;
            if (!value)
            {
                Clear();
            }
        }
    }

    public Tensor? Value { get; private set; }

    /// <summary>
    /// When <see cref="Keep"/> is on, replaces the kept weights by a copy of <paramref name="gate"/> (viewed as
    /// <paramref name="shape"/> when given) that has no autograd history and belongs to no dispose scope.
    /// </summary>
    public void Store(Tensor gate, long[]? shape = null)
    {
        if (!keep)
        {
            return;
        }

        Tensor copy;
        using (Tensor detached = gate.detach())
        {
            if (shape is null)
            {
                copy = detached.clone();
            }
            else
            {
                using Tensor view = detached.view(shape);
                copy = view.clone();
            }
        }

        DisposeScope.Detach(copy);
        Value?.Dispose();
        Value = copy;
    }

    /// <summary>Disposes and forgets the kept weights.</summary>
    public void Clear()
    {
        Value?.Dispose();
        Value = null;
    }
}
