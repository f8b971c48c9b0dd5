// Progress of a training epoch with Spectre.Console: a live bar with the running loss and accuracy
// on a terminal; where output is redirected (a log file, CI) there is nothing to redraw, so one
// line at every quarter of the epoch instead.
using System;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace FashionMnist;

internal static class EpochProgress
{
    /// <summary>
    /// Runs <paramref name="epoch"/>, which reports after each of its <paramref name="steps"/> steps how many
    /// are done and the running loss and accuracy; returns the time the epoch took. <paramref name="quiet"/>: no
    /// output (the ranks of a data-parallel run other than 0).
    /// </summary>
    public static TimeSpan Run(string label, int steps, bool quiet, Action<Action<int, double, double>> epoch)
    {
        var clock = Stopwatch.StartNew();
        if (quiet)
        {
            epoch(static (_, _, _) => { });
        }
        else if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Describe(label, 0, 0), maxValue: steps);
                    epoch((done, loss, accuracy) =>
                    {
                        task.Value = done;
                        task.Description = Describe(label, loss, accuracy);
                    });
                });
        }
        else
        {
            int lastQuarter = 0;
            epoch((done, loss, accuracy) =>
            {
                if (done * 4 / steps > lastQuarter)
                {
                    lastQuarter = done * 4 / steps;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {label} {done,4}/{steps}  loss {loss:F4}  acc {accuracy:P1}  {clock.Elapsed:m\\:ss}"));
                }
            });
        }

        return clock.Elapsed;
    }

    private static string Describe(string label, double loss, double accuracy) =>
        string.Create(CultureInfo.InvariantCulture, $"{label}  loss {loss:F4}  acc {accuracy:P1}");
}
