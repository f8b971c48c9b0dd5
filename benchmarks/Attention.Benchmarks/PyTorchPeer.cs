using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Attention.Benchmarks;

/// <summary>PyTorch's per-call times, as measured by pytorch_peer.py.</summary>
internal sealed record PeerResult(string TorchVersion, int Threads, string PythonVersion, IReadOnlyDictionary<string, Timing> Cases);

/// <summary>Runs pytorch_peer.py in a Python that has PyTorch and reads its JSON report.</summary>
internal static class PyTorchPeer
{
    public const string ScriptName = "pytorch_peer.py";

    /// <summary>The peer's results, or null after printing why there are none.</summary>
    public static PeerResult? Run(string python, int iterations, int repeats, int threads)
    {
        string script = Path.Combine(AppContext.BaseDirectory, ScriptName);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (ReadOnlySpan<string>)[script, "--json", "--iterations", Invariant(iterations), "--repeats", Invariant(repeats), "--threads", Invariant(threads)])
        {
            start.ArgumentList.Add(argument);
        }

        string output, errors;
        int exitCode;
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
            var errorText = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            errors = errorText.GetAwaiter().GetResult();
            exitCode = process.ExitCode;
        }
        catch (Win32Exception e)
        {
            Report($"{python} could not be started ({e.Message}).");
            return null;
        }

        if (exitCode != 0)
        {
            Report($"{ScriptName} failed (exit code {exitCode}): {errors.Trim()}");
            return null;
        }

        return Parse(output);
    }

    private static PeerResult Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        var cases = new Dictionary<string, Timing>();
        foreach (JsonProperty entry in root.GetProperty("cases").EnumerateObject())
        {
            JsonElement value = entry.Value;
            cases[entry.Name] = new Timing(
                value.GetProperty("cpu_median_us").GetDouble(), value.GetProperty("cpu_min_us").GetDouble(),
                value.GetProperty("wall_median_us").GetDouble(), value.GetProperty("wall_min_us").GetDouble());
        }

        return new PeerResult(
            root.GetProperty("torch_version").GetString() ?? "?",
            root.GetProperty("threads").GetInt32(),
            root.GetProperty("python").GetString() ?? "?",
            cases);
    }

    private static void Report(string reason) =>
        Console.Error.WriteLine($"No PyTorch column: {reason}{Environment.NewLine}" +
            "The PyTorch side needs Debian's python3-torch (apt-get install python3-torch) run by /usr/bin/python3, or --python PATH naming a Python with torch.");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
