using System.Linq;
using ScottPlot;

namespace PlantedColumn;

/// <summary>The seed's figure: the mean attention weight of each step as a bar chart, the planted step highlighted.</summary>
internal static class AttentionChart
{
    /// <summary>Writes the bar chart of <paramref name="meanAttention"/> to <paramref name="path"/> (PNG).</summary>
    public static void Save(float[] meanAttention, int plantedStep, string path)
    {
        var plot = new Plot();
        var bars = meanAttention.Select((weight, step) => new Bar
        {
            Position = step,
            Value = weight,
            FillColor = step == plantedStep ? Colors.OrangeRed : Colors.SteelBlue,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, meanAttention.Length).Select(static s => (double)s).ToArray(),
            Enumerable.Range(0, meanAttention.Length).Select(static s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Mean attention per time step (label planted at step " + plantedStep + ")");
        plot.XLabel("time step");
        plot.YLabel("mean attention weight");
        plot.SavePng(path, 800, 500);
    }
}
