using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Attention.Runtime.Tests.Serialization;

namespace Attention.Runtime.Tests.Distributed;

/// <summary>
/// The processes of a multi-process test on loopback: C# ranks run Attention.Distributed.Worker (built beside
/// the tests), Python ranks run Distributed/python_rank.py on /usr/bin/python3. Each gets the torchrun variables
/// for its rank; its standard output and error are collected.
/// </summary>
internal static class Ranks
{
    public static string WorkerPath => Path.Combine(AppContext.BaseDirectory, "Attention.Distributed.Worker.dll");

    public static string PythonRankPath => Path.Combine(AppContext.BaseDirectory, "Distributed", "python_rank.py");

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host :
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>A free loopback port for one group's store.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A C# rank running the worker's <paramref name="scenario"/>.</summary>
    public static Rank Worker(int rank, int worldSize, int port, params string[] scenario) =>
        Rank.Start(DotnetHost, [WorkerPath, .. scenario], Variables(rank, worldSize, port));

    /// <summary>A Python rank running python_rank.py with <paramref name="arguments"/>.</summary>
    public static Rank Python(int rank, int worldSize, int port, params string[] arguments) =>
        Rank.Start(PythonTorch.Interpreter, [PythonRankPath, .. arguments], Variables(rank, worldSize, port));

    public static Dictionary<string, string?> Variables(int rank, int worldSize, int port) => new()
    {
        ["MASTER_ADDR"] = "127.0.0.1",
        ["MASTER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["RANK"] = rank.ToString(CultureInfo.InvariantCulture),
        ["WORLD_SIZE"] = worldSize.ToString(CultureInfo.InvariantCulture),
        ["LOCAL_RANK"] = rank.ToString(CultureInfo.InvariantCulture),
        ["OMP_NUM_THREADS"] = "1",
    };
}

/// <summary>One running rank: its output so far, and its exit.</summary>
internal sealed class Rank : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private Rank(Process process) => this.process = process;

    public static Rank Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> variables)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in variables)
        {
            start.Environment[name] = value;
        }

        var rank = new Rank(Process.Start(start)!);
        rank.process.OutputDataReceived += (_, e) => rank.Append(e.Data);
        rank.process.ErrorDataReceived += (_, e) => rank.Append(e.Data);
        rank.process.BeginOutputReadLine();
        rank.process.BeginErrorReadLine();
        return rank;
    }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The value of the first output line "key: value", or null.</summary>
    public string? Line(string key) =>
        Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?[(key.Length + 2)..];

    /// <summary>Waits up to <paramref name="limit"/> for the exit and returns the exit code; kills the rank and fails past it.</summary>
    public int Exit(TimeSpan limit)
    {
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the rank did not exit within {limit.TotalSeconds:F0} s; its output:{Environment.NewLine}{Output}");
        }

        process.WaitForExit();  // drains the asynchronous readers
        return process.ExitCode;
    }

    /// <summary>Waits until a line starts with <paramref name="key"/>; false when the rank exits first or the time passes.</summary>
    public bool WaitForLine(string key, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (Output.Split('\n').Any(l => l.StartsWith(key, StringComparison.Ordinal)))
            {
                return true;
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                return Output.Split('\n').Any(l => l.StartsWith(key, StringComparison.Ordinal));
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>Freezes the process (SIGSTOP): alive, its sockets open, but silent, as a rank stuck in a long step or a hung machine.</summary>
    public void Freeze()
    {
        using var kill = Process.Start("kill", ["-STOP", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (gate)
            {
                output.AppendLine(line);
            }
        }
    }
}
