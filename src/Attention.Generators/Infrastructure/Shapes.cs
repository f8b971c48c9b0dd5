using System.Collections.Generic;
using System.Linq;

namespace Attention.Generators.Infrastructure;

/// <summary>Per-sample shapes: the open length, and the batched form users see, such as <c>[N, 1, 28, 28]</c>.</summary>
internal static class Shapes
{
    /// <summary>A dimension left open at compile time (<c>Attention.Dsl.Dimension.Open</c>): the length of a sequence.</summary>
    public const int Open = -1;

    /// <summary>Whether <paramref name="sample"/> has a dimension left open.</summary>
    public static bool HasOpen(IEnumerable<int> sample) => sample.Contains(Open);

    /// <summary>The batched shape: <c>N</c>, then the per-sample dimensions, <c>T</c> for an open one.</summary>
    public static string Format(IEnumerable<int> sample) =>
        "[N, " + string.Join(", ", sample.Select(static d => d == Open ? "T" : IndentedWriter.Literal(d))) + "]";
}
