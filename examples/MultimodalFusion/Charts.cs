using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MultimodalFusion;

/// <summary>The example's figures, drawn with ScottPlot.</summary>
internal static class Charts
{
    /// <summary>The GMU's mean gate on the image against the second modality's noise, one line per image noise.</summary>
    public static void SaveGates(IReadOnlyList<FusionResult> results, string path)
    {
        var plot = new Plot();
        foreach (var group in results.Where(static r => r.ImageGate is not null).GroupBy(static r => r.ImageNoise))
        {
            var line = plot.Add.Scatter(group.Select(static r => r.TextNoise).ToArray(), group.Select(static r => r.ImageGate!.Value).ToArray());
            line.LegendText = "image noise " + group.Key.ToString("F1", CultureInfo.InvariantCulture);
        }

        plot.Title("GMU: mean gate on the image as the second modality gets noisier");
        plot.XLabel("noise of the second modality (standard deviation)");
        plot.YLabel("mean z (weight of the image)");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Test accuracy of both fusions against the second modality's noise, one pair of lines per image noise.</summary>
    public static void SaveAccuracies(IReadOnlyList<FusionResult> results, string path)
    {
        var plot = new Plot();
        foreach (var group in results.GroupBy(static r => (r.Fusion, r.ImageNoise)))
        {
            var line = plot.Add.Scatter(group.Select(static r => r.TextNoise).ToArray(), group.Select(static r => 100 * r.Accuracy).ToArray());
            line.LegendText = group.Key.Fusion + ", image noise " + group.Key.ImageNoise.ToString("F1", CultureInfo.InvariantCulture);
            if (group.Key.Fusion != "GMU")
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Title("Test accuracy: GMU (solid) against concatenation (dashed)");
        plot.XLabel("noise of the second modality (standard deviation)");
        plot.YLabel("test accuracy (%)");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
