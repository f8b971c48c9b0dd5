using System;
using FashionMnist;
using static Attention.Runtime.torch;

namespace DynamicCapacity;

/// <summary>
/// Fashion-MNIST on a cluttered canvas, as the paper's cluttered MNIST: each 28 × 28 item at a random place of a 40 × 40
/// canvas, with 4 pieces of 8 × 8 cut from other items scattered around it; pixels in [0, 1], normalised afterwards.
/// </summary>
internal static class Canvas
{
    public const int Side = 40;
    public const int Pieces = 4;
    public const int Piece = 8;

    public static (Tensor Images, Tensor Labels) Make(Split split, int seed)
    {
        var random = new Random(seed);
        int item = split.Rows, count = split.Count;
        var pixels = new float[count * Side * Side];
        for (int n = 0; n < count; n++)
        {
            int offset = n * Side * Side;
            // clutter first, so that the item lies on top of it
            for (int k = 0; k < Pieces; k++)
            {
                int source = random.Next(count), fromRow = random.Next(item - Piece), fromColumn = random.Next(item - Piece);
                int toRow = random.Next(Side - Piece), toColumn = random.Next(Side - Piece);
                Copy(split, source, fromRow, fromColumn, Piece, pixels, offset, toRow, toColumn);
            }

            Copy(split, n, 0, 0, item, pixels, offset, random.Next(Side - item + 1), random.Next(Side - item + 1));
        }

        Tensor labels = tensor(split.Labels, [count]).to(int64);
        return (tensor(pixels, [count, 1, Side, Side]), labels);
    }

    private static void Copy(Split split, int image, int fromRow, int fromColumn, int size, float[] canvas, int offset, int toRow, int toColumn)
    {
        int item = split.Rows;
        for (int r = 0; r < size; r++)
        {
            for (int c = 0; c < size; c++)
            {
                float value = split.Pixels[(image * item * item) + ((fromRow + r) * item) + fromColumn + c] / 255f;
                int at = offset + ((toRow + r) * Side) + toColumn + c;
                canvas[at] = Math.Max(canvas[at], value);
            }
        }
    }
}
