using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace AddingProblem;

/// <summary>The example's figures, drawn with ScottPlot.</summary>
internal static class AddingCharts
{
    /// <summary>Test MSE after every epoch, one line per length, the solved threshold dashed; log scale.</summary>
    public static void SaveCurves(IReadOnlyList<AddingResult> results, double solved, string path)
    {
        var plot = new Plot();
        foreach (AddingResult result in results)
        {
            double[] epochs = Enumerable.Range(1, result.Curve.Count).Select(static e => (double)e).ToArray();
            double[] logMse = result.Curve.Select(static m => System.Math.Log10(m)).ToArray();
            var line = plot.Add.Scatter(epochs, logMse);
            line.LegendText = "T = " + result.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        var threshold = plot.Add.HorizontalLine(System.Math.Log10(solved));
        threshold.LinePattern = LinePattern.Dashed;
        threshold.LegendText = "solved (MSE 0.01)";
        plot.Title("Addition problem: test MSE during training");
        plot.XLabel("epoch (10,000 sequences)");
        plot.YLabel("log10 test MSE");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    /// <summary>The attention weight of every step of one test sequence, the two marked steps highlighted.</summary>
    public static void SaveAttention(AttentionExample example, string path)
    {
        var plot = new Plot();
        double[] steps = Enumerable.Range(0, example.Weights.Length).Select(static s => (double)s).ToArray();
        var line = plot.Add.Scatter(steps, example.Weights.Select(static w => (double)w).ToArray());
        line.MarkerSize = 0;
        line.LegendText = "attention weight";
        foreach (int step in example.MarkedSteps)
        {
            var mark = plot.Add.VerticalLine(step);
            mark.LinePattern = LinePattern.Dotted;
            mark.Color = Colors.OrangeRed;
        }

        plot.Title($"Attention over a test sequence of {example.Weights.Length:N0} steps (marked steps dotted)");
        plot.XLabel("step");
        plot.YLabel("attention weight");
        plot.SavePng(path, 900, 450);
    }
}
