using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>Self-attention with <see cref="MultiheadAttention"/> in the padding mask's polarity, as generated networks call it.</summary>
public static class SelfAttention
{
    /// <summary>
    /// Attends every step of <paramref name="input"/> <c>[N, T, E]</c> to the steps that <paramref name="mask"/>
    /// <c>[N, T]</c> marks true (a real step; every step when null), causally with <paramref name="is_causal"/>, and
    /// returns the output <c>[N, T, E]</c>. The mask is converted here to PyTorch's <c>key_padding_mask</c>, where true
    /// means "do not attend".
    /// </summary>
    public static Tensor self_attend(this MultiheadAttention attention, Tensor input, Tensor? mask = null, bool is_causal = false)
    {
        ArgumentNullException.ThrowIfNull(attention);
        if (!attention.batch_first)
        {
            throw new ArgumentException($"{attention.name} must be batch first ([N, T, E]) for self_attend.", nameof(attention));
        }

        SequenceInput.Check(input, attention.name);
        if (mask is null)
        {
            return attention.call(input, input, input, is_causal: is_causal).output;
        }

        PaddingMask.Check(mask, input, attention.name);
        using Tensor padded = mask.logical_not();
        return attention.call(input, input, input, key_padding_mask: padded, is_causal: is_causal).output;
    }
}
