using System.Linq;
using Attention.Runtime;
using ScottPlot;
using static Attention.Runtime.torch;

namespace DynamicCapacity;

/// <summary>Test canvases beside their saliency maps, the chosen cells marked, drawn with ScottPlot.</summary>
internal static class Saliency
{
    public static void Save(CapacityNetwork network, Tensor normalised, Tensor canvases, string path)
    {
        var dcn = (Attention.Runtime.Modules.DynamicCapacity)network.named_modules().Single(static m => m.name == "dcn1").module;
        network.eval();
        network.keep_attention_weights();
        using (no_grad())
        {
            using Tensor _ = network.call(normalised);
        }

        long n = canvases.size(0), side = canvases.size(2), cells = dcn.weights!.size(1), cell = side / cells;
        float[] images = canvases.contiguous().data<float>().ToArray();
        float[] saliency = dcn.weights.contiguous().data<float>().ToArray();
        long[] chosen = dcn.positions!.contiguous().data<long>().ToArray();
        network.keep_attention_weights(false);

        const int Gap = 6;
        int width = (int)(2 * side) + Gap, height = (int)((n * (side + Gap)) - Gap);
        var picture = new double[height, width];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                picture[r, c] = double.NaN;
            }
        }

        var plot = new Plot();
        for (int i = 0; i < n; i++)
        {
            int top = (int)(i * (side + Gap));
            float max = saliency.Skip((int)(i * cells * cells)).Take((int)(cells * cells)).Max();
            for (int r = 0; r < side; r++)
            {
                for (int c = 0; c < side; c++)
                {
                    picture[top + r, c] = images[(i * side * side) + (r * side) + c];
                    // the saliency of the pixel's cell, scaled to [0, 1] per canvas, on the right
                    picture[top + r, side + Gap + c] = saliency[(i * cells * cells) + (r / cell * cells) + (c / cell)] / max;
                }
            }

            foreach (long position in chosen.Skip((int)(i * dcn.patches)).Take((int)dcn.patches))
            {
                // a cell is drawn at x = column · cell, y counted from the bottom of the picture
                double x = side + Gap + (position % cells * cell) - 0.5, y = height - top - (position / cells * cell) - 0.5;
                var box = plot.Add.Rectangle(x, x + cell, y - cell, y);
                box.FillStyle.Color = Colors.Transparent;
                box.LineStyle.Color = Colors.Red;
                box.LineStyle.Width = 2;
            }
        }

        var heatmap = plot.Add.Heatmap(picture);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        plot.MoveToBack(heatmap);
        plot.Axes.Frameless();
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.Title("Canvases; saliency, refined cells");
        plot.SavePng(path, 420, 60 + (int)(n * 200));
    }
}
