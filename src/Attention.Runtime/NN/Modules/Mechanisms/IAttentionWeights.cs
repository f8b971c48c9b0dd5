using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A module that can keep the attention weights of its last forward pass for inspection and plots.
/// Off by default, so that the forward pass does no extra work; <see cref="nn.Module.keep_attention_weights"/>
/// switches it on for every such module inside a network and <see cref="nn.Module.attention_weights"/> collects
/// the weights by module path.
/// </summary>
public interface IAttentionWeights
{
    /// <summary>
    /// Whether a forward pass keeps a copy of its attention weights in <see cref="weights"/>. Turning it off
    /// disposes the kept weights.
    /// </summary>
    bool keep_weights { get; set; }

    /// <summary>
    /// The attention weights of the last forward pass while <see cref="keep_weights"/> is on, otherwise null.
    /// The tensor is detached from autograd and from every dispose scope and belongs to the module: the next
    /// forward pass replaces (and disposes) it, and so do turning <see cref="keep_weights"/> off and disposing
    /// the module. Clone it to keep it longer.
    /// </summary>
    Tensor? weights { get; }
}

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
