using System.Linq;
using ScottPlot;

namespace Translation;

/// <summary>The alignment matrices as heatmaps, drawn with ScottPlot: target characters down, source characters across.</summary>
internal static class Heatmaps
{
    /// <summary>Writes the weights of <paramref name="alignment"/> to <paramref name="path"/> (PNG).</summary>
    public static void Save(AlignmentMatrix alignment, string label, string path)
    {
        int rows = alignment.Weights.GetLength(0), columns = alignment.Weights.GetLength(1);
        var values = new double[rows, columns];
        for (int t = 0; t < rows; t++)
        {
            for (int s = 0; s < columns; s++)
            {
                values[t, s] = alignment.Weights[t, s];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "attention weight";
        // Cell (t, s) is centred on (s, rows − 1 − t): the first target character at the top.
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, columns).Select(static s => (double)s).ToArray(),
            alignment.Source.Select(static c => c == ' ' ? "␣" : c.ToString()).ToArray());
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, rows).Select(t => (double)(rows - 1 - t)).ToArray(),
            alignment.Translation.Select(static c => c.ToString()).ToArray());
        plot.Title($"\"{alignment.Source}\" -> {alignment.Translation} ({label})");
        plot.XLabel("source character");
        plot.YLabel("output character");
        plot.SavePng(path, 80 + (28 * columns) + 160, 120 + (32 * rows));
    }
}
