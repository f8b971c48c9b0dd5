using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Attention.Runtime;

/// <summary>
/// One row of a <see cref="ModelSummary"/>: a layer, its output shape and its parameter count.
/// </summary>
/// <param name="Name">The layer's name (its field and state-dict prefix, or a label for a functional step).</param>
/// <param name="Kind">The layer's kind, such as <c>Conv2d</c> or <c>SqueezeExcite</c>.</param>
/// <param name="OutputShape">The output shape with −1 for the batch dimension (first) and for a length left open (after it).</param>
/// <param name="Parameters">The number of trainable parameter elements.</param>
public sealed record ModelSummaryRow(string Name, string Kind, IReadOnlyList<long> OutputShape, long Parameters);

/// <summary>
/// A network's layers with their output shapes and parameter counts, as a table. Networks declared
/// with Attention.Dsl get one built from compile-time constants (their static <c>Summary</c>).
/// </summary>
public sealed class ModelSummary
{
    /// <summary>Creates a summary of the network <paramref name="name"/>.</summary>
    /// <param name="name">The network's name.</param>
    /// <param name="inputShape">The per-sample input shape, without the batch dimension.</param>
    /// <param name="rows">The layers in forward order.</param>
    public ModelSummary(string name, IReadOnlyList<long> inputShape, IEnumerable<ModelSummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(rows);
        Name = name;
        InputShape = inputShape.ToArray().AsReadOnly();
        Rows = rows.ToArray().AsReadOnly();
        TotalParameters = Rows.Sum(static r => r.Parameters);
    }

    /// <summary>Gets the network's name.</summary>
    public string Name { get; }

    /// <summary>Gets the per-sample input shape, without the batch dimension.</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>Gets the layers in forward order.</summary>
    public IReadOnlyList<ModelSummaryRow> Rows { get; }

    /// <summary>Gets the number of trainable parameter elements of the whole network.</summary>
    public long TotalParameters { get; }

    /// <summary>
    /// Formats a batched shape with <c>N</c> for the batch dimension (a negative first dimension) and <c>T</c> for a
    /// length left open (a negative dimension after it), such as <c>[N, 32, 28, 28]</c> or <c>[N, T, 64]</c>.
    /// </summary>
    public static string FormatShape(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return "[" + string.Join(", ", shape.Select(static (d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : i == 0 ? "N" : "T")) + "]";
    }

    /// <summary>The summary as an aligned table: one row per layer, then the total.</summary>
    public override string ToString()
    {
        string[] header = ["Layer", "Kind", "Output shape", "Parameters"];
        var cells = new List<string[]> { header };
        cells.Add(["input", "", FormatShape([-1, .. InputShape]), ""]);
        cells.AddRange(Rows.Select(static r => new[] { r.Name, r.Kind, FormatShape(r.OutputShape), r.Parameters.ToString("N0", CultureInfo.InvariantCulture) }));

        var widths = Enumerable.Range(0, header.Length).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var rule = new string('-', widths.Sum() + (2 * (widths.Length - 1)));
        var builder = new StringBuilder();
        builder.Append(Name).Append('\n').Append(rule).Append('\n');
        for (var i = 0; i < cells.Count; i++)
        {
            var row = cells[i];
            var line = string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
            builder.Append(line.TrimEnd()).Append('\n');
            if (i == 0)
            {
                builder.Append(rule).Append('\n');
            }
        }

        builder.Append(rule).Append('\n');
        builder.Append("Total parameters: ").Append(TotalParameters.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        return builder.ToString();
    }
}
