using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Attention.Runtime.Distributed;
using Attention.Runtime.Tests.Serialization;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Distributed;

/// <summary>
/// Process groups of 2 or 3 processes on loopback, each rank a process of its own (Attention.Distributed.Worker, or
/// Python's torch.distributed): the collectives, DDP against one process, a C# rank and a Python rank in one group,
/// a rank that dies, and bad rendezvous settings.
/// </summary>
[Collection(nameof(MultiProcessCollection))]
public sealed class MultiProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public void Three_ranks_started_by_the_launcher_reduce_broadcast_and_gather()
    {
        var lines = new ConcurrentDictionary<int, List<string>>();
        var launcher = new Launcher
        {
            nproc_per_node = 3,
            master_port = 0,
            output = (rank, line) => { lock (lines) { lines.GetOrAdd(rank, _ => []).Add(line); } },
        };

        int exit = launcher.Run(Ranks.DotnetHost, [Ranks.WorkerPath, "collectives"], TestContext.Current.CancellationToken);

        Assert.True(exit == 0, Describe(lines));
        for (int rank = 0; rank < 3; rank++)
        {
            List<string> output = lines[rank];
            Assert.Contains($"rank: {rank} of 3", output);
            Assert.Contains("all_reduce sum: 30 33 36 39", output);       // Σ_r (i + 10 r) for r = 0, 1, 2
            Assert.Contains("all_reduce max: 2 0", output);
            Assert.Contains("broadcast: 21 21 21", output);               // rank 2's (2 + 1) · 7
            Assert.Contains("all_gather: 0 0 | 1 1 | 2 2", output);
        }
    }

    [Fact]
    public void The_launcher_gives_each_process_torchruns_variables()
    {
        var lines = new ConcurrentDictionary<int, List<string>>();
        int exit = new Launcher { nproc_per_node = 2, nnodes = 2, node_rank = 1, master_addr = "10.1.2.3", master_port = 29999, output = (rank, line) => lines.GetOrAdd(rank, _ => []).Add(line) }
            .Run("/bin/sh", ["-c", "echo \"$MASTER_ADDR $MASTER_PORT $WORLD_SIZE $RANK $LOCAL_RANK $LOCAL_WORLD_SIZE $GROUP_RANK ${OMP_NUM_THREADS:-unset}\""]);

        Assert.Equal(0, exit);
        string threads = Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is { Length: > 0 } set ? set : "1";
        Assert.Equal([$"10.1.2.3 29999 4 2 0 2 1 {threads}"], lines[2]);
        Assert.Equal([$"10.1.2.3 29999 4 3 1 2 1 {threads}"], lines[3]);
    }

    [Fact]
    public void When_one_process_fails_the_launcher_stops_the_others_and_returns_its_exit_code()
    {
        var clock = Stopwatch.StartNew();
        int exit = new Launcher { nproc_per_node = 3, master_port = 0, output = (_, _) => { } }
            .Run("/bin/sh", ["-c", "if [ \"$RANK\" = 1 ]; then sleep 0.2; exit 7; fi; sleep 120"]);

        Assert.Equal(7, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:F0} s: the others were not stopped");
    }

    [PythonTorchFact]
    public void A_CSharp_rank_and_a_Python_rank_share_one_group_either_serving_the_store()
    {
        foreach (bool pythonServes in new[] { false, true })
        {
            int port = Ranks.FreePort();
            using Rank csharp = Ranks.Worker(pythonServes ? 1 : 0, 2, port, "collectives");
            using Rank python = Ranks.Python(pythonServes ? 0 : 1, 2, port, "collectives");

            Assert.True(csharp.Exit(Limit) == 0, "C# rank: " + csharp.Output);
            Assert.True(python.Exit(Limit) == 0, "Python rank: " + python.Output);
            foreach (string key in new[] { "all_reduce sum", "all_reduce max", "broadcast", "all_gather" })
            {
                Assert.NotNull(csharp.Line(key));
                Assert.Equal(python.Line(key), csharp.Line(key));
            }

            Assert.Equal("10 12 14 16", csharp.Line("all_reduce sum"));
            Assert.Equal("0 0 | 1 1", csharp.Line("all_gather"));
        }
    }

    /// <summary>
    /// Rank r starts from seed r and takes its half of every batch of 8; after 5 SGD steps rank 0's weights equal, to
    /// 1e-12 in float64, those of one process that took the whole batches from seed 0. Only the broadcast at
    /// construction and averaged gradients give that; the 2 MiB layer makes the reducer use several buckets.
    /// </summary>
    [Fact]
    public void DDP_over_two_ranks_with_half_the_batch_each_ends_with_the_weights_of_one_process_with_the_whole_batch()
    {
        string folder = Directory.CreateTempSubdirectory("ddp-").FullName;
        try
        {
            string distributedWeights = Path.Combine(folder, "ddp.safetensors");
            string singleWeights = Path.Combine(folder, "single.safetensors");
            string initialWeights = Path.Combine(folder, "initial.safetensors");
            var lines = new ConcurrentDictionary<int, List<string>>();
            int exit = new Launcher { nproc_per_node = 2, master_port = 0, output = (rank, line) => { lock (lines) { lines.GetOrAdd(rank, _ => []).Add(line); } } }
                .Run(Ranks.DotnetHost, [Ranks.WorkerPath, "ddp", "5", distributedWeights], TestContext.Current.CancellationToken);
            Assert.True(exit == 0, Describe(lines));
            using (Rank single = Ranks.Worker(0, 1, 0, "single", "5", singleWeights))
            using (Rank initial = Ranks.Worker(0, 1, 0, "single", "0", initialWeights))
            {
                Assert.True(single.Exit(Limit) == 0, single.Output);
                Assert.True(initial.Exit(Limit) == 0, initial.Output);
            }

            Assert.All(lines.Values, output => Assert.Contains(output, l => l.StartsWith("buckets: ", StringComparison.Ordinal) && int.Parse(l[9..]) >= 2));
            Dictionary<string, Tensor> ddp = load_safetensors(distributedWeights), one = load_safetensors(singleWeights), start = load_safetensors(initialWeights);
            Assert.Equal(one.Keys.Order(), ddp.Keys.Order());
            foreach ((string name, Tensor weights) in one)
            {
                Assert.True(ddp[name].allclose(weights, rtol: 0, atol: 1e-12), $"{name} differs by {(ddp[name] - weights).abs().max().item<double>():E2}");
                Assert.True((weights - start[name]).abs().max().item<double>() > 1e-4, $"{name} did not train");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_rank_that_dies_makes_the_others_fail_with_a_clear_error_within_the_timeout()
    {
        (Rank survivor, Rank victim) = ReadyPair(timeoutSeconds: 20);
        using var first = survivor;
        using var second = victim;

        var clock = Stopwatch.StartNew();
        victim.Kill();
        int exit = survivor.Exit(TimeSpan.FromSeconds(60));

        Assert.True(exit == 3, $"exit {exit}: {survivor.Output}");
        Assert.StartsWith("all_reduce failed on rank 0 of 2 (gloo): ", survivor.Line("collective failed"));
        Assert.Contains("A peer has gone", survivor.Line("collective failed"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"took {clock.Elapsed.TotalSeconds:F0} s with a 20 s timeout");
    }

    [Fact]
    public void A_rank_that_freezes_makes_the_others_fail_once_the_timeout_passes()
    {
        (Rank survivor, Rank frozen) = ReadyPair(timeoutSeconds: 5);
        using var first = survivor;
        using var second = frozen;

        var clock = Stopwatch.StartNew();
        frozen.Freeze();
        int exit = survivor.Exit(TimeSpan.FromSeconds(60));

        Assert.True(exit == 3, $"exit {exit}: {survivor.Output}");
        Assert.Contains("No answer within the timeout (00:00:05)", survivor.Line("collective failed"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:F0} s with a 5 s timeout");
    }

    [Fact]
    public void GLOO_SOCKET_IFNAME_chooses_the_interface_and_an_unknown_one_is_named()
    {
        int port = Ranks.FreePort();
        var loopback = new Dictionary<string, string?>(Ranks.Variables(0, 1, port)) { ["GLOO_SOCKET_IFNAME"] = "lo" };
        using (Rank onLoopback = Rank.Start(Ranks.DotnetHost, [Ranks.WorkerPath, "init"], loopback))
        {
            Assert.True(onLoopback.Exit(Limit) == 0, onLoopback.Output);
            Assert.Equal("rank 0 of 1", onLoopback.Line("initialized"));
        }

        var unknown = new Dictionary<string, string?>(Ranks.Variables(0, 1, Ranks.FreePort())) { ["GLOO_SOCKET_IFNAME"] = "nosuch0" };
        using Rank onNothing = Rank.Start(Ranks.DotnetHost, [Ranks.WorkerPath, "init"], unknown);
        Assert.True(onNothing.Exit(Limit) == 2, onNothing.Output);
        Assert.Contains("nosuch0", onNothing.Line("error"));
    }

    public static TheoryData<string, string?, string?, string?, string?, string> BadRendezvous => new()
    {
        { "no master address", null, "29500", "0", "1", "environment variable MASTER_ADDR expected, but not set" },
        { "no rank", "127.0.0.1", "29500", null, "1", "environment variable RANK expected, but not set" },
        { "rank outside the world", "127.0.0.1", "29500", "2", "2", "rank must be in [0, 2), got 2" },
        { "a port that is not a number", "127.0.0.1", "http", "0", "1", "MASTER_PORT must be a port from 0 to 65535, got 'http'" },
        { "a world size that is not a number", "127.0.0.1", "29500", "0", "two", "WORLD_SIZE must be an integer, got 'two'" },
    };

    [Theory]
    [MemberData(nameof(BadRendezvous))]
    public void Bad_rendezvous_settings_are_refused_with_the_setting_named(string why, string? addr, string? port, string? rank, string? worldSize, string message)
    {
        var variables = new Dictionary<string, string?> { ["MASTER_ADDR"] = addr, ["MASTER_PORT"] = port, ["RANK"] = rank, ["WORLD_SIZE"] = worldSize };
        using Rank process = Rank.Start(Ranks.DotnetHost, [Ranks.WorkerPath, "init"], variables);

        Assert.True(process.Exit(Limit) == 2, why + ": " + process.Output);
        Assert.Contains(message, process.Line("error"));
    }

    [Fact]
    public void A_master_that_never_comes_fails_the_rendezvous_within_its_timeout()
    {
        int port = Ranks.FreePort();   // nothing listens there
        var clock = Stopwatch.StartNew();
        using Rank orphan = Ranks.Worker(1, 2, port, "init");

        Assert.True(orphan.Exit(Limit) == 2, orphan.Output);
        Assert.StartsWith("TorchException: ", orphan.Line("error"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalSeconds:F0} s with a 5 s timeout");
    }

    // Two ranks of the worker's "die" scenario, both past their first all-reduce: rank 0 keeps all-reducing, rank 1 waits.
    private static (Rank Survivor, Rank Other) ReadyPair(int timeoutSeconds)
    {
        int port = Ranks.FreePort();
        string timeout = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Rank survivor = Ranks.Worker(0, 2, port, "die", timeout);
        Rank other = Ranks.Worker(1, 2, port, "die", timeout);
        try
        {
            Assert.True(survivor.WaitForLine("ready", Limit), survivor.Output);
            Assert.True(other.WaitForLine("ready", Limit), other.Output);
            return (survivor, other);
        }
        catch
        {
            survivor.Dispose();
            other.Dispose();
            throw;
        }
    }

    private static string Describe(ConcurrentDictionary<int, List<string>> lines) =>
        string.Join(Environment.NewLine, lines.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(l => $"[{p.Key}] {l}")));
}

/// <summary>The multi-process tests run one at a time: each starts several processes on a machine of two cores.</summary>
[CollectionDefinition(nameof(MultiProcessCollection), DisableParallelization = true)]
public sealed class MultiProcessCollection;
