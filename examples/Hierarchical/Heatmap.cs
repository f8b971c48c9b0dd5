using System.Globalization;
using System.Linq;
using ScottPlot;

namespace Hierarchical;

/// <summary>A document's attention, drawn with ScottPlot: word weights per sentence, rows labelled with the sentence weights.</summary>
internal static class Heatmap
{
    public static void Save(Document document, float[,] words, float[] sentences, string path)
    {
        int rows = document.Sentences.Length, columns = Documents.Words;
        var values = new double[rows, columns];
        for (int s = 0; s < rows; s++)
        {
            for (int w = 0; w < columns; w++)
            {
                // a sentence's weights over its words; the padding after its last word stays blank
                values[s, w] = w < document.Sentences[s].Length ? words[s, w] : double.NaN;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "word attention";
        // cell (s, w) is centred on (w, rows − 1 − s): the first sentence at the top
        var marker = plot.Add.Marker(document.PlantedWord, rows - 1 - document.PlantedSentence, MarkerShape.OpenSquare, 22, Colors.Red);
        marker.LegendText = "planted word";
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, rows).Select(s => (double)(rows - 1 - s)).ToArray(),
            Enumerable.Range(0, rows).Select(s => "sentence " + (s + 1) + " (" + sentences[s].ToString("F2", CultureInfo.InvariantCulture) + ")").ToArray());
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, columns).Select(static w => (double)w).ToArray(),
            Enumerable.Range(1, columns).Select(static w => w.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title($"Class {document.Label}: word attention per sentence (sentence attention in brackets)");
        plot.XLabel("word");
        plot.ShowLegend();
        plot.SavePng(path, 820, 140 + (rows * 48));
    }
}
