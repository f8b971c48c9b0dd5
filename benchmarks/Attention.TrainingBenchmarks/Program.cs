// Training steps of Attention.Runtime against PyTorch eager on the same libtorch, in interleaved process pairs:
// for each case and pair, one process of ours and one of training_peer.py run the same step (same network, batch,
// loss and Adam, one intra-op thread on the CPU), in alternating order, each reporting its time per step, minor
// page faults per step and peak resident memory. This machine's speed drifts within minutes, so only the ratio
// within a pair means anything; the table gives the median over pairs.
//
//   dotnet run -c Release --project benchmarks/Attention.TrainingBenchmarks [-- --help]
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Attention.Runtime;
using Attention.TrainingBenchmarks;
using static Attention.Runtime.torch;

var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

if (options.Child is { } childCase)
{
    return RunChild(childCase, options);
}

Console.WriteLine(Invariant($"Training steps, ours against PyTorch eager, {options.Pairs} interleaved process pairs per case, device {options.Device}, {(options.Device == "cpu" ? "1 intra-op thread, " : "")}allocators {(options.PinBoth ? "pinned alike on both sides (GLIBC_TUNABLES)" : "as each side ships")}"));
Console.WriteLine();
string[] header = ["case", "ours ms/step", "PyTorch ms/step", "ratio (median of pairs)", "ours faults/step", "PyTorch faults/step", "ours peak RSS MB", "PyTorch peak RSS MB"];
var rows = new List<string[]> { header };
foreach (string name in options.Cases)
{
    var ours = new List<Sample>();
    var theirs = new List<Sample>();
    for (int pair = 0; pair < options.Pairs; pair++)
    {
        // Alternate which side goes first, so that a drift within the pair does not favour one side.
        bool oursFirst = pair % 2 == 0;
        Sample? a = null, b = null;
        foreach (bool isOurs in (bool[])[oursFirst, !oursFirst])
        {
            Sample? sample = isOurs ? Child.Ours(name, options) : Child.PyTorch(name, options);
            if (isOurs)
            {
                a = sample;
            }
            else
            {
                b = sample;
            }
        }

        if (a is null || b is null)
        {
            Console.Error.WriteLine($"{name}: pair {pair + 1} failed; see above.");
            return 1;
        }

        ours.Add(a);
        theirs.Add(b);
        Console.WriteLine(Invariant($"  {name,-14} pair {pair + 1}: ours {a.MsPerStep,8:F2} ms, PyTorch {b.MsPerStep,8:F2} ms, ratio {a.MsPerStep / b.MsPerStep:F2}"));
    }

    double ratio = Median(ours.Zip(theirs, (o, t) => o.MsPerStep / t.MsPerStep));
    rows.Add([
        name,
        Invariant($"{Median(ours.Select(s => s.MsPerStep)):F2}"),
        Invariant($"{Median(theirs.Select(s => s.MsPerStep)):F2}"),
        Invariant($"{ratio:F2}"),
        Invariant($"{Median(ours.Select(s => s.FaultsPerStep)):F0}"),
        Invariant($"{Median(theirs.Select(s => s.FaultsPerStep)):F0}"),
        Invariant($"{Median(ours.Select(s => s.PeakRssMb)):F0}"),
        Invariant($"{Median(theirs.Select(s => s.PeakRssMb)):F0}"),
    ]);
}

Console.WriteLine();
PrintTable(rows);
return 0;

static int RunChild(string name, Options options)
{
    Device device = options.Device == "cuda" ? new Device(DeviceType.CUDA, 0) : new Device(DeviceType.CPU);
    if (options.Device == "cpu")
    {
        set_num_threads(1);
    }

    using var step = TrainingStep.Create(name, device);
    for (int i = 0; i < options.WarmUp(name); i++)
    {
        step.Run();
    }

    long faults = ProcessStats.MinorFaults();
    var clock = Stopwatch.StartNew();
    int steps = options.Steps(name);
    for (int i = 0; i < steps; i++)
    {
        step.Run();
    }

    double ms = clock.Elapsed.TotalMilliseconds / steps;
    double faultsPerStep = (double)(ProcessStats.MinorFaults() - faults) / steps;
    Console.WriteLine(JsonSerializer.Serialize(new Sample(ms, faultsPerStep, ProcessStats.PeakRssMb())));
    return 0;
}

static double Median(IEnumerable<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static void PrintTable(List<string[]> rows)
{
    int[] widths = [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length))];
    for (int r = 0; r < rows.Count; r++)
    {
        Console.WriteLine("| " + string.Join(" | ", rows[r].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |");
        if (r == 0)
        {
            Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        }
    }
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

namespace Attention.TrainingBenchmarks
{
    /// <summary>What one process measured: time and minor page faults per timed step, and its peak resident memory.</summary>
    internal sealed record Sample(double MsPerStep, double FaultsPerStep, double PeakRssMb);

    /// <summary>The counters of this process that the kernel keeps.</summary>
    internal static class ProcessStats
    {
        /// <summary>Minor page faults so far: field 10 of /proc/self/stat (after the parenthesised command name).</summary>
        public static long MinorFaults()
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }

        /// <summary>The peak resident set size in MB (VmHWM of /proc/self/status).</summary>
        public static double PeakRssMb()
        {
            string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    /// <summary>Starts one measuring process of either side and reads the JSON line it prints.</summary>
    internal static class Child
    {
        private const string PinnedTunables = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296";

        public static Sample? Ours(string name, Options options)
        {
            // This program again, as a child: through dotnet when it was started as a .dll.
            string self = Environment.GetCommandLineArgs()[0];
            var start = Path.GetFileName(Environment.ProcessPath) == "dotnet"
                ? new ProcessStartInfo(Environment.ProcessPath!) { ArgumentList = { "exec", self } }
                : new ProcessStartInfo(Environment.ProcessPath!);
            return Run(start, name, options, "ours");
        }

        public static Sample? PyTorch(string name, Options options)
        {
            var start = new ProcessStartInfo(options.Python) { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "training_peer.py") } };
            return Run(start, name, options, "PyTorch");
        }

        private static Sample? Run(ProcessStartInfo start, string name, Options options, string side)
        {
            foreach (string argument in (string[])["--child", name, "--device", options.Device, "--steps", options.Steps(name).ToString(CultureInfo.InvariantCulture),
                "--warmup", options.WarmUp(name).ToString(CultureInfo.InvariantCulture)])
            {
                start.ArgumentList.Add(argument);
            }

            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            if (options.PinBoth)
            {
                start.Environment["GLIBC_TUNABLES"] = PinnedTunables;
            }

            try
            {
                using Process process = Process.Start(start)!;
                var errors = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine($"{side} {name} failed (exit code {process.ExitCode}): {errors.GetAwaiter().GetResult().Trim()}");
                    return null;
                }

                string? line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
                return line is null ? null : JsonSerializer.Deserialize<Sample>(line);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Console.Error.WriteLine($"{side}: {start.FileName} could not be started ({e.Message}).");
                return null;
            }
        }
    }

    /// <summary>The command line.</summary>
    internal sealed record Options(string[] Cases, int Pairs, int? StepsGiven, int? WarmUpGiven, string Device, bool PinBoth, string Python, string? Child)
    {
        /// <summary>The timed steps of <paramref name="name"/>: as given, or enough for a stable time without taking minutes.</summary>
        public int Steps(string name) => StepsGiven ?? name switch { "lstm-temporal" => 100, "encoder" => 3, _ => 20 };

        /// <summary>The untimed steps of <paramref name="name"/> before the clock starts.</summary>
        public int WarmUp(string name) => WarmUpGiven ?? (name == "encoder" ? 1 : 5);

        private const string Usage = """
            Training steps of Attention.Runtime against PyTorch eager, in interleaved process pairs.

            Usage: dotnet run -c Release --project benchmarks/Attention.TrainingBenchmarks [-- options]

              --cases LIST     comma-separated, from cbam-cnn, plain-cnn, lstm-temporal, encoder (default all)
              --pairs N        process pairs per case (default 5)
              --steps N        timed steps per process (default: 20; lstm-temporal 100; encoder 3, about 4 s each on a CPU)
              --warmup N       untimed steps first (default: 5; encoder 1)
              --device D       cpu (one intra-op thread, the default) or cuda
              --pin-both       give both sides the same pinned glibc malloc thresholds (GLIBC_TUNABLES)
              --python PATH    the Python with PyTorch (default /usr/bin/python3)
              --help           show this text
            """;

        public static Options? Parse(string[] args)
        {
            var options = new Options(TrainingStep.Cases, 5, null, null, "cpu", false, "/usr/bin/python3", null);
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                try
                {
                    options = args[i] switch
                    {
                        "--cases" => options with { Cases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                        "--pairs" => options with { Pairs = Positive(Next()) },
                        "--steps" => options with { StepsGiven = Positive(Next()) },
                        "--warmup" => options with { WarmUpGiven = int.Parse(Next(), CultureInfo.InvariantCulture) },
                        "--device" => options with { Device = DeviceName(Next()) },
                        "--pin-both" => options with { PinBoth = true },
                        "--python" => options with { Python = Next() },
                        "--child" => options with { Child = Next() },
                        "--help" or "-h" => throw new HelpRequested(),
                        _ => throw new ArgumentException($"unknown option {args[i]}"),
                    };
                }
                catch (HelpRequested)
                {
                    Console.WriteLine(Usage);
                    return null;
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    Console.Error.WriteLine(e.Message);
                    Console.Error.WriteLine(Usage);
                    return null;
                }
            }

            string[] unknown = [.. options.Cases.Where(c => !TrainingStep.Cases.Contains(c))];
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine($"unknown case(s) {string.Join(", ", unknown)}; the cases are {string.Join(", ", TrainingStep.Cases)}");
                return null;
            }

            return options;
        }

        private static string DeviceName(string text) => text is "cpu" or "cuda" ? text : throw new ArgumentException("--device takes cpu or cuda");

        private static int Positive(string text) =>
            int.Parse(text, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException("a count must be at least 1");

        private sealed class HelpRequested : Exception;
    }
}
