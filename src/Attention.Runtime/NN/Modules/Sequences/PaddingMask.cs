using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// The checks of a padding mask that the sequence layers share. A padding mask is a <c>[N, T]</c> tensor of
/// booleans beside a batch of sequences <c>[N, T, …]</c>, and <b>true marks a real step</b> (Keras' polarity;
/// PyTorch's <c>key_padding_mask</c> is the opposite and is converted where it is used).
/// </summary>
internal static class PaddingMask
{
    /// <summary>Throws unless <paramref name="mask"/> is a boolean <c>[N, T]</c> for <paramref name="input"/> <c>[N, T, …]</c>.</summary>
    public static void Check(Tensor mask, Tensor input, string module)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.dtype != ScalarType.Bool)
        {
            throw new ArgumentException($"{module}'s padding mask must be bool (true = a real step), but is {dtype_name(mask.dtype)}.", nameof(mask));
        }

        if (mask.Dim() != 2 || input.Dim() < 2 || mask.size(0) != input.size(0) || mask.size(1) != input.size(1))
        {
            throw new ArgumentException(
                $"{module}'s padding mask must be [N, T] = [{input.size(0)}, {(input.Dim() < 2 ? "T" : input.size(1))}] for the input " +
                $"[{string.Join(", ", input.shape)}], but is [{string.Join(", ", mask.shape)}].",
                nameof(mask));
        }
    }

    /// <summary>
    /// The number of real steps of each row of a right-padded <paramref name="mask"/> (every real step before every
    /// padded one); throws naming the first row that is not.
    /// </summary>
    public static long[] Lengths(Tensor mask, Tensor input, string module)
    {
        Check(mask, input, module);
        long rows = mask.size(0), steps = mask.size(1);
        using Tensor onCpu = mask.cpu();
        bool[] real = onCpu.data<bool>();
        long[] lengths = new long[rows];
        for (long row = 0; row < rows; row++)
        {
            long length = 0;
            while (length < steps && real[row * steps + length])
            {
                length++;
            }

            for (long step = length + 1; step < steps; step++)
            {
                if (real[row * steps + step])
                {
                    throw new ArgumentException(
                        $"{module} takes right-padded sequences, but row {row} of the padding mask has a real step ({step}) after a padded one ({length}).",
                        nameof(mask));
                }
            }

            lengths[row] = length;
        }

        return lengths;
    }
}
