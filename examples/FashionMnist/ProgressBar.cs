// A one-line progress bar for a training epoch: plain console output, redrawn in place with '\r'.
// When stdout is redirected (a log file, CI) there is no line to redraw, so it prints a line at
// every quarter of the epoch instead.
using System;
using System.Diagnostics;
using System.Globalization;

namespace FashionMnist;

internal sealed class ProgressBar
{
    private const int Width = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly string label;
    private readonly int total;
    private readonly bool redraw = !Console.IsOutputRedirected;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastDrawn = -RedrawInterval; // so the first update draws
    private int lastQuarter;
    private int lastLength;

    /// <param name="label">Shown in front of the bar, e.g. <c>epoch 1/3</c>.</param>
    /// <param name="total">The number of steps (mini-batches) in the epoch.</param>
    public ProgressBar(string label, int total)
    {
        this.label = label;
        this.total = total;
    }

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Reports that <paramref name="done"/> steps are finished, with the epoch's running loss and accuracy.</summary>
    public void Update(int done, double loss, double accuracy)
    {
        if (redraw)
        {
            if (done == total || clock.Elapsed - lastDrawn >= RedrawInterval)
            {
                lastDrawn = clock.Elapsed;
                Draw(Line(done, loss, accuracy));
            }
        }
        else if (done * 4 / total > lastQuarter)
        {
            lastQuarter = done * 4 / total;
            Console.WriteLine(Line(done, loss, accuracy));
        }
    }

    /// <summary>Ends the bar's line, leaving the final state on screen.</summary>
    public void Finish()
    {
        if (redraw)
        {
            Console.WriteLine();
        }
    }

    private string Line(int done, double loss, double accuracy)
    {
        int filled = (int)((long)Width * done / total);
        string bar = new string('#', filled) + new string('.', Width - filled);
        TimeSpan time = done == total
            ? clock.Elapsed                                            // the epoch's duration
            : TimeSpan.FromTicks(clock.Elapsed.Ticks * (total - done) / Math.Max(done, 1)); // time left at the current pace
        string timeLabel = done == total ? "took" : "ETA ";
        return string.Create(CultureInfo.InvariantCulture,
            $"  {label} [{bar}] {done,4}/{total}  loss {loss:F4}  acc {accuracy:P1}  {timeLabel} {time:m\\:ss}");
    }

    private void Draw(string line)
    {
        // Pad with spaces so a shorter line fully covers the previous one.
        Console.Write("\r" + line.PadRight(lastLength));
        lastLength = line.Length;
    }
}
