using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>The input checks that the attention mechanisms share, with messages that name the module.</summary>
internal static class MechanismInput
{
    /// <summary>
    /// Throws unless <paramref name="input"/> is a batch of feature maps [N, C, H, W], with
    /// <paramref name="channels"/> channels when given.
    /// </summary>
    public static void Check(Tensor input, string module, long? channels = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int dim = input.Dim();
        if (dim != 4)
        {
            throw new ArgumentException($"{module} expects a batch of feature maps [N, C, H, W], but got {dim}-D input [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (channels is { } c && input.size(1) != c)
        {
            throw new ArgumentException($"{module} was built for {c} channels, but the input [{string.Join(", ", input.shape)}] has {input.size(1)}.", nameof(input));
        }
    }

    /// <summary>Throws unless <paramref name="kernel_size"/> is odd and at least 1 (padding k / 2 then keeps the size).</summary>
    public static void CheckOddKernel(long kernel_size, string parameterName)
    {
        if (kernel_size < 1 || kernel_size % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, kernel_size,
                $"{parameterName} is {kernel_size}, and must be odd and at least 1, so that the output keeps the input's size.");
        }
    }
}
