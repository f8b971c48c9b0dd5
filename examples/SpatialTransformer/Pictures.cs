using System;
using ScottPlot;

namespace SpatialTransformer;

/// <summary>The example's figure, drawn with ScottPlot: distorted inputs beside what the transformer made of them.</summary>
internal static class Pictures
{
    /// <summary>
    /// One row per example: the 42 × 42 input on the left, the transformer's 28 × 28 output centred on the right, both in
    /// grey levels, as one image.
    /// </summary>
    public static void SaveGrid(float[][,] inputs, float[][,] outputs, string path)
    {
        const int Cell = 42, Gap = 4;
        int rows = inputs.Length;
        var picture = new double[(rows * (Cell + Gap)) - Gap, (2 * Cell) + Gap];
        for (int r = 0; r < picture.GetLength(0); r++)
        {
            for (int c = 0; c < picture.GetLength(1); c++)
            {
                picture[r, c] = double.NaN;   // the gaps stay blank
            }
        }

        for (int i = 0; i < rows; i++)
        {
            Paste(picture, inputs[i], i * (Cell + Gap), 0);
            int offset = (Cell - outputs[i].GetLength(0)) / 2;
            Paste(picture, outputs[i], (i * (Cell + Gap)) + offset, Cell + Gap + offset);
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(picture);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        plot.Axes.Frameless();
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.Title("Inputs (left), the transformer's views (right)");
        plot.SavePng(path, 360, 60 + (rows * 120));
    }

    private static void Paste(double[,] picture, float[,] image, int top, int left)
    {
        for (int r = 0; r < image.GetLength(0); r++)
        {
            for (int c = 0; c < image.GetLength(1); c++)
            {
                picture[top + r, left + c] = image[r, c];
            }
        }
    }
}
