using System.Collections.Generic;
using System.Linq;

namespace Attention.Generators.Infrastructure;

/// <summary>Formats per-sample shapes as the batched shapes users see, such as <c>[N, 1, 28, 28]</c>.</summary>
internal static class Shapes
{
    /// <summary>The batched shape: <c>N</c>, then the per-sample dimensions.</summary>
    public static string Format(IEnumerable<int> sample) =>
        "[N, " + string.Join(", ", sample.Select(static d => IndentedWriter.Literal(d))) + "]";
}
