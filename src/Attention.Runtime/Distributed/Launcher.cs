using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Attention.Runtime.Distributed;

/// <summary>
/// Starts the processes of one machine of a data-parallel run with the variables torchrun sets: MASTER_ADDR,
/// MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK, LOCAL_WORLD_SIZE, GROUP_RANK and, unless set, OMP_NUM_THREADS=1 (one
/// intra-op thread per process, as torchrun does). Waits for all of them; when one fails, stops the others, as
/// torchrun does, and returns the failed one's exit code.
/// </summary>
public sealed class Launcher
{
    /// <summary>The master's port when none is given: torchrun's 29500.</summary>
    public const int DefaultPort = 29500;

    /// <summary>How many processes this machine starts.</summary>
    public int nproc_per_node { get; init; } = 1;

    /// <summary>How many machines take part (each runs a launcher with the same settings).</summary>
    public int nnodes { get; init; } = 1;

    /// <summary>This machine's index among <see cref="nnodes"/>, 0 for the one that serves the store.</summary>
    public int node_rank { get; init; }

    /// <summary>The address of machine 0.</summary>
    public string master_addr { get; init; } = "127.0.0.1";

    /// <summary>The port of machine 0's store; 0 picks a free one (one machine only).</summary>
    public int master_port { get; init; } = DefaultPort;

    /// <summary>Where each process's standard output and error go; null: this process's own, unchanged.</summary>
    public Action<int, string>? output { get; init; }

    /// <summary>
    /// Runs <paramref name="file_name"/> with <paramref name="arguments"/> as <see cref="nproc_per_node"/> processes and
    /// returns 0 when all succeed, else the first failure's exit code.
    /// </summary>
    public int Run(string file_name, IReadOnlyList<string> arguments, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(file_name);
        ArgumentNullException.ThrowIfNull(arguments);
        Check();
        int port = master_port == 0 ? FreePort() : master_port;
        int worldSize = nnodes * nproc_per_node;

        var processes = new List<Process>();
        try
        {
            for (int local = 0; local < nproc_per_node; local++)
            {
                processes.Add(Start(file_name, arguments, local, node_rank * nproc_per_node + local, worldSize, port));
            }

            return Wait(processes, cancellation);
        }
        finally
        {
            foreach (Process process in processes)
            {
                Stop(process);
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs this program again as <see cref="nproc_per_node"/> processes, with <paramref name="arguments"/> (this
    /// program's own, less the launcher's options); for a program that offers <c>--nproc-per-node</c> itself.
    /// </summary>
    public int RunSelf(IReadOnlyList<string> arguments, CancellationToken cancellation = default)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        string entry = Environment.GetCommandLineArgs()[0];
        bool underDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
        return underDotnet ? Run(host, [entry, .. arguments], cancellation) : Run(host, arguments, cancellation);
    }

    /// <summary>Whether this process was started by a launcher (or torchrun): WORLD_SIZE and RANK are set.</summary>
    public static bool IsLaunched =>
        Environment.GetEnvironmentVariable(Rendezvous.WorldSize) is { Length: > 0 } &&
        Environment.GetEnvironmentVariable(Rendezvous.Rank) is { Length: > 0 };

    /// <summary>This process's LOCAL_RANK (its index on this machine, for choosing a GPU), 0 when not launched.</summary>
    public static int LocalRank =>
        int.TryParse(Environment.GetEnvironmentVariable(Rendezvous.LocalRank), NumberStyles.None, CultureInfo.InvariantCulture, out int rank) ? rank : 0;

    private void Check()
    {
        if (nproc_per_node < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nproc_per_node), nproc_per_node, "nproc_per_node must be at least 1.");
        }

        if (nnodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nnodes), nnodes, "nnodes must be at least 1.");
        }

        if (node_rank < 0 || node_rank >= nnodes)
        {
            throw new ArgumentOutOfRangeException(nameof(node_rank), node_rank, $"node_rank must be in [0, {nnodes}).");
        }

        if (master_port is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(master_port), master_port, "master_port must be from 0 to 65535.");
        }

        if (master_port == 0 && nnodes > 1)
        {
            throw new ArgumentException("master_port 0 (a free port) works on one machine only; give the port every machine uses.", nameof(master_port));
        }
    }

    private Process Start(string fileName, IReadOnlyList<string> arguments, int localRank, int rank, int worldSize, int port)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        IDictionary<string, string?> env = start.Environment;
        env[Rendezvous.MasterAddr] = master_addr;
        env[Rendezvous.MasterPort] = port.ToString(CultureInfo.InvariantCulture);
        env[Rendezvous.WorldSize] = worldSize.ToString(CultureInfo.InvariantCulture);
        env[Rendezvous.Rank] = rank.ToString(CultureInfo.InvariantCulture);
        env[Rendezvous.LocalRank] = localRank.ToString(CultureInfo.InvariantCulture);
        env["LOCAL_WORLD_SIZE"] = nproc_per_node.ToString(CultureInfo.InvariantCulture);
        env["GROUP_RANK"] = node_rank.ToString(CultureInfo.InvariantCulture);
        if (nproc_per_node > 1 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_NUM_THREADS")))
        {
            env["OMP_NUM_THREADS"] = "1";
        }

        if (output is not null)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        if (output is { } sink)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) sink(rank, e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sink(rank, e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    // The first process to fail decides the result; the others are stopped so that none waits for a dead peer.
    private static int Wait(List<Process> processes, CancellationToken cancellation)
    {
        Task<int>[] exits = [.. processes.Select(async p => { await p.WaitForExitAsync(cancellation).ConfigureAwait(false); return p.ExitCode; })];
        var running = new List<Task<int>>(exits);
        while (running.Count > 0)
        {
            int done = Task.WaitAny([.. running], cancellation);
            int code = running[done].Result;
            running.RemoveAt(done);
            if (code != 0)
            {
                return code;
            }
        }

        return 0;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // it exited between the check and the kill
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
