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
