using System.Linq;
using Attention.Runtime;
using ScottPlot;
using static Attention.Runtime.torch;

namespace FashionMnist;

/// <summary>
/// What CBAM's spatial attention looks at: a few test images beside the spatial gate <c>σ(conv([mean; max]))</c> of their
/// feature map (14 × 14, after the first pool), each gate cell drawn over the 2 × 2 pixels it covers, with ScottPlot.
/// </summary>
internal static class AttentionMaps
{
    /// <summary>Runs <paramref name="model"/> on <paramref name="images"/> (normalised) and writes the picture to <paramref name="path"/>.</summary>
    public static void Save(nn.Module<Tensor, Tensor> model, Tensor images, Tensor raw, string[] labels, string path)
    {
        model.eval();
        model.keep_attention_weights();
        using (no_grad())
        {
            using Tensor _ = model.call(images);
        }

        using Tensor gate = model.attention_weights()["cbam1.spatial"].contiguous();   // [N, 1, h, w]
        model.keep_attention_weights(false);
        long n = raw.size(0), side = raw.size(2), cells = gate.size(2), scale = side / cells;
        float[] pixels = raw.contiguous().data<float>().ToArray();
        float[] weights = gate.data<float>().ToArray();

        const int Gap = 4;
        var picture = new double[(int)((2 * side) + Gap), (int)((n * (side + Gap)) - Gap)];
        for (int r = 0; r < picture.GetLength(0); r++)
        {
            for (int c = 0; c < picture.GetLength(1); c++)
            {
                picture[r, c] = double.NaN;
            }
        }

        for (int i = 0; i < n; i++)
        {
            int left = (int)(i * (side + Gap));
            for (int r = 0; r < side; r++)
            {
                for (int c = 0; c < side; c++)
                {
                    // the image on top, the gate below it (a gate of 0..1 on the same grey scale as pixels of 0..1)
                    picture[r, left + c] = pixels[(i * side * side) + (r * side) + c] / 255.0;
                    picture[side + Gap + r, left + c] = weights[(i * cells * cells) + (r / scale * cells) + (c / scale)];
                }
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(picture);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Axes.Frameless();
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.Title("CBAM's spatial attention (below) over test images: " + string.Join(", ", labels));
        plot.SavePng(path, (int)(n * 150) + 120, 380);
    }
}
