using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>The input checks the attention layers over sequences share, with messages that name the module.</summary>
internal static class SequenceInput
{
    /// <summary>Throws unless <paramref name="input"/> is a batch of sequences [N, T, D], with <paramref name="steps"/> steps when given.</summary>
    public static void Check(Tensor input, string module, long? steps = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int dim = input.Dim();
        if (dim != 3)
        {
            throw new ArgumentException($"{module} expects a batch of sequences [N, T, D], but got {dim}-D input [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (steps is { } t && input.size(1) != t)
        {
            throw new ArgumentException($"{module} was built for {t} steps, but the input [{string.Join(", ", input.shape)}] has {input.size(1)}.", nameof(input));
        }
    }
}
