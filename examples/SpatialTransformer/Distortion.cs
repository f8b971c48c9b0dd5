using System;
using Attention.Runtime;
using FashionMnist;
using static Attention.Runtime.torch;

namespace SpatialTransformer;

/// <summary>
/// Fashion-MNIST distorted as seed 000's figure shows for the spatial transformer: each 28 × 28 item is put on a 42 × 42
/// canvas, rotated by up to ±45°, moved by up to ±7 pixels, and covered with Gaussian noise; the result is normalised
/// with the training canvases' statistics. The distortions are drawn once, from a seed, for every image.
/// </summary>
internal static class Distortion
{
    public const int Canvas = 42;
    public const double MaxDegrees = 45;
    public const double MaxShift = 7;
    public const double Noise = 0.1;

    /// <summary>The distorted canvases <c>[N, 1, 42, 42]</c> in [0, 1] plus noise, and the labels <c>[N]</c>.</summary>
    public static (Tensor Images, Tensor Labels) Make(Split split, int seed)
    {
        manual_seed(seed);
        using var scope = NewDisposeScope();
        Tensor items = tensor(split.Pixels, [split.Count, 1, split.Rows, split.Columns]).to(float32) / 255.0;
        int margin = (Canvas - split.Rows) / 2;
        Tensor canvas = nn.functional.pad(items, [margin, margin, margin, margin]);                    // [N, 1, 42, 42]
        // θ maps each output position to where it reads the canvas: a rotation and a shift, in [-1, 1] coordinates.
        Tensor angle = (rand(split.Count) * 2 - 1) * (MaxDegrees * Math.PI / 180);
        Tensor shift = (rand(split.Count, 2) * 2 - 1) * (2 * MaxShift / Canvas);
        Tensor cos = angle.cos(), sin = angle.sin();
        Tensor theta = stack([cos, -sin, shift[.., 0], sin, cos, shift[.., 1]], 1).view(-1, 2, 3);
        Tensor grid = nn.functional.affine_grid(theta, [split.Count, 1, Canvas, Canvas], align_corners: false);
        Tensor distorted = nn.functional.grid_sample(canvas, grid, align_corners: false) + (randn(split.Count, 1, Canvas, Canvas) * Noise);
        Tensor labels = tensor(split.Labels, [split.Count]).to(int64);
        return (scope.MoveToOuter(distorted), scope.MoveToOuter(labels));
    }
}
