// Per-call cost of small ops in Attention.Runtime against PyTorch eager on the same libtorch, with
// the same intra-op thread count: for tiny tensors both sides spend most of a call outside the
// kernel (argument handling, dispatch, allocation of the result and its wrapper), which is what
// this measures. See docs/benchmarks.md for how to read the table.
//
//   dotnet run -c Release --project benchmarks/Attention.Benchmarks [-- --quick | --iterations N --repeats R | --help]
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using Attention.Benchmarks;
using static Attention.Runtime.torch;

const double Target = 0.6;

var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

set_num_threads(options.Threads);
manual_seed(0);
Console.WriteLine(Invariant($"Attention.Runtime on libtorch {__version__}, {get_num_threads()} intra-op thread(s), {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}"));
Console.WriteLine(Invariant($"{options.Iterations} calls per timed run ({Math.Max(options.Iterations / 10, 10)} for the training step), {options.Repeats} runs per case"));
Console.WriteLine("Per-call time = the calling thread's CPU time over a run / calls, median over runs; the last column compares wall-clock medians.");
Console.WriteLine();

BenchmarkCase[] selected = [.. Cases.All.Where(c => options.Only is null || c.Name.Contains(options.Only, StringComparison.Ordinal))];
var ours = new Dictionary<string, Timing>();
foreach (BenchmarkCase benchmark in selected)
{
    ours[benchmark.Name] = Measure(benchmark, options);
    Console.WriteLine(Invariant($"  ours  {benchmark.Name,-34} {ours[benchmark.Name].CpuMedian,9:F2} µs/call CPU, {ours[benchmark.Name].WallMedian,9:F2} wall"));
}

PeerResult? peer = options.Only is null ? PyTorchPeer.Run(options.Python, options.Iterations, options.Repeats, options.Threads) : null;
if (peer is not null)
{
    Console.WriteLine(Invariant($"  PyTorch {peer.TorchVersion} (Python {peer.PythonVersion}), {peer.Threads} intra-op thread(s): done"));
}

Console.WriteLine();
PrintTable(selected, ours, peer);
return 0;

static Timing Measure(BenchmarkCase benchmark, Options options)
{
    int iterations = benchmark.IsTrainingStep ? Math.Max(options.Iterations / 10, 10) : options.Iterations;
    // Warm-up for at least half a second: the JIT promotes hot methods to its optimised tier on a
    // background thread after a short delay, and libtorch fills its allocator caches.
    long warmUpStart = Stopwatch.GetTimestamp();
    do
    {
        benchmark.Run(Math.Max(iterations / 4, 1));
    }
    while (Stopwatch.GetElapsedTime(warmUpStart) < TimeSpan.FromSeconds(0.5));
    var runs = new Elapsed[options.Repeats];
    for (int r = 0; r < runs.Length; r++)
    {
        runs[r] = benchmark.Run(iterations);
    }

    return Timing.Of(runs, iterations);
}

static void PrintTable(BenchmarkCase[] selected, Dictionary<string, Timing> ours, PeerResult? peer)
{
    string meetsHeader = Invariant($"≤ {Target}");
    Console.WriteLine(Invariant($"| {"case",-34} | {"ours (µs/call)",14} | {"PyTorch (µs/call)",17} | {"ratio",6} | {meetsHeader,5} | {"wall-clock ratio",16} |"));
    Console.WriteLine($"|{new string('-', 36)}|{new string('-', 15)}:|{new string('-', 18)}:|{new string('-', 7)}:|:{new string('-', 5)}:|{new string('-', 17)}:|");
    foreach (BenchmarkCase benchmark in selected)
    {
        Timing mine = ours[benchmark.Name];
        string theirs = "-", ratio = "-", meets = "-", wallRatio = "-";
        if (peer is not null && peer.Cases.TryGetValue(benchmark.PeerName, out Timing? reference))
        {
            double r = mine.CpuMedian / reference.CpuMedian;
            theirs = Invariant($"{reference.CpuMedian:F2}");
            ratio = Invariant($"{r:F2}");
            meets = r <= Target ? "yes" : "no";
            wallRatio = Invariant($"{mine.WallMedian / reference.WallMedian:F2}");
        }

        Console.WriteLine(Invariant($"| {benchmark.Name,-34} | {mine.CpuMedian,14:F2} | {theirs,17} | {ratio,6} | {meets,5} | {wallRatio,16} |"));
    }
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>Median and minimum per-call CPU and wall-clock time over the timed runs of one case, in microseconds.</summary>
internal sealed record Timing(double CpuMedian, double CpuMinimum, double WallMedian, double WallMinimum)
{
    public static Timing Of(IReadOnlyCollection<Elapsed> runs, int calls)
    {
        double[] cpu = [.. runs.Select(r => r.CpuMicroseconds / calls)];
        double[] wall = [.. runs.Select(r => r.WallMicroseconds / calls)];
        return new Timing(Median(cpu), cpu.Min(), Median(wall), wall.Min());
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>Command-line options.</summary>
internal sealed record Options(int Iterations, int Repeats, int Threads, string Python, string? Only)
{
    private const string Usage =
        "Usage: Attention.Benchmarks [--quick] [--iterations N] [--repeats R] [--threads T] [--python PATH] [--only TEXT]\n" +
        "  --quick         a short run: 5000 calls per timed run, 3 runs per case\n" +
        "  --iterations N  calls per timed run of a small op (default 50000; the training step runs N/10)\n" +
        "  --repeats R     timed runs per case; the table shows the median (default 7)\n" +
        "  --threads T     intra-op threads on both sides (default 1)\n" +
        "  --python PATH   the Python that runs pytorch_peer.py (default /usr/bin/python3)\n" +
        "  --only TEXT     run only the cases whose name contains TEXT, and no PyTorch side (for profiling)";

    public static Options? Parse(string[] args)
    {
        var options = new Options(50_000, 7, 1, "/usr/bin/python3", null);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Iterations = 5_000, Repeats = 3 };
                    break;
                case "--iterations" when i + 1 < args.Length && PositiveInt(args[i + 1]) is int n:
                    options = options with { Iterations = n };
                    i++;
                    break;
                case "--repeats" when i + 1 < args.Length && PositiveInt(args[i + 1]) is int r:
                    options = options with { Repeats = r };
                    i++;
                    break;
                case "--threads" when i + 1 < args.Length && PositiveInt(args[i + 1]) is int t:
                    options = options with { Threads = t };
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    options = options with { Only = args[++i] };
                    break;
                case "--python" when i + 1 < args.Length:
                    options = options with { Python = args[++i] };
                    break;
                default:
                    Console.Error.WriteLine(args[i] is "--help" or "-h" ? Usage : $"Unknown or incomplete option '{args[i]}'.\n{Usage}");
                    return null;
            }
        }

        return options;
    }

    private static int? PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;
}
