// Data-parallel training on this machine, measured: (1) training throughput of examples/FashionMnist's CBAM network
// on 1 process against 2 processes of DistributedDataParallel (one intra-op thread each, the same global batch of
// 128 split between the ranks); (2) the cost of an all-reduce per MiB over Gloo on loopback between 2 ranks, ours
// against Python's torch.distributed, in interleaved runs, ratio printed. Each side's ranks are processes started
// by Launcher (ours) or with the same variables (Python).
//
//   dotnet run -c Release --project benchmarks/Attention.DistributedBenchmarks [-- --repeats 3 --steps 30]
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Distributed;
using static Attention.Runtime.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int[] sizesMiB = [1, 4, 16, 64];
int repeats = Option("--repeats", 3);
int steps = Option("--steps", 30);
const int GlobalBatch = 128;
const int AllReduceRepeats = 20;

if (args.Length > 0 && args[0] == "train-child")
{
    return TrainChild(int.Parse(args[1], CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "allreduce-child")
{
    return AllReduceChild();
}

string self = Environment.GetCommandLineArgs()[0];
string host = Environment.ProcessPath!;
bool underDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
string peer = Path.Combine(AppContext.BaseDirectory, "distributed_peer.py");
Console.WriteLine($"Data-parallel training on this machine ({Environment.ProcessorCount} cores), {repeats} interleaved runs per row, Gloo on loopback, 1 intra-op thread per process.");

// ---- (1) throughput -------------------------------------------------------------------------------
var throughput = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
for (int run = 0; run < repeats; run++)
{
    foreach (int world in run % 2 == 0 ? new[] { 1, 2 } : [2, 1])
    {
        List<string> lines = Launch(world, ["train-child", steps.ToString(CultureInfo.InvariantCulture)]);
        throughput[world].Add(double.Parse(Value(lines, "images/s"), CultureInfo.InvariantCulture));
    }
}

Console.WriteLine();
Console.WriteLine($"FashionMnist CBAM-CNN, global batch {GlobalBatch}, {steps} timed steps (forward, loss, backward, Adam):");
Console.WriteLine($"  {"processes",-10} {"images/s (median)",18} {"speed-up",9}");
double single = Median(throughput[1]);
foreach (int world in new[] { 1, 2 })
{
    Console.WriteLine($"  {world,-10} {Median(throughput[world]),18:F0} {Median(throughput[world]) / single,8:F2}x");
}

// ---- (2) all-reduce cost ----------------------------------------------------------------------------
var ours = sizesMiB.ToDictionary(s => s, _ => new List<double>());
var theirs = sizesMiB.ToDictionary(s => s, _ => new List<double>());
for (int run = 0; run < repeats; run++)
{
    foreach (bool isOurs in run % 2 == 0 ? new[] { true, false } : [false, true])
    {
        List<string> lines = isOurs ? Launch(2, ["allreduce-child"]) : LaunchPython(2, [peer, "allreduce", $"{AllReduceRepeats}", .. sizesMiB.Select(s => $"{s}")]);
        foreach (int size in sizesMiB)
        {
            double ms = double.Parse(Value(lines, $"allreduce {size}"), CultureInfo.InvariantCulture);
            (isOurs ? ours : theirs)[size].Add(ms / size);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"All-reduce (sum, float32) between 2 ranks, {AllReduceRepeats} per size, milliseconds per MiB (median of runs):");
Console.WriteLine($"  {"size MiB",-9} {"ours",9} {"PyTorch",9} {"ratio",7}");
foreach (int size in sizesMiB)
{
    double a = Median(ours[size]), b = Median(theirs[size]);
    Console.WriteLine($"  {size,-9} {a,9:F3} {b,9:F3} {a / b,7:F2}");
}

return 0;

// Our ranks run this program again in a child mode; Python's run the peer script. The launcher's variables serve
// Python's env:// rendezvous as well as ours.
List<string> Launch(int world, string[] childArguments) =>
    LaunchProgram(host, world, underDotnet ? [self, .. childArguments] : childArguments);

List<string> LaunchPython(int world, string[] arguments) => LaunchProgram("/usr/bin/python3", world, arguments);

static List<string> LaunchProgram(string program, int world, string[] arguments)
{
    var lines = new ConcurrentQueue<string>();
    int exit = new Launcher { nproc_per_node = world, master_port = 0, output = (rank, line) => lines.Enqueue($"[{rank}] {line}") }
        .Run(program, arguments);
    if (exit != 0)
    {
        throw new InvalidOperationException($"a rank of {program} failed with exit code {exit}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }

    return [.. lines];
}

// One rank of the throughput run: its share of the global batch, random data made once, DDP when there are 2.
static int TrainChild(int steps)
{
    set_num_threads(1);
    bool launched = Launcher.IsLaunched && Environment.GetEnvironmentVariable("WORLD_SIZE") != "1";
    int rank = 0, world = 1;
    if (launched)
    {
        distributed.init_process_group("gloo");
        (rank, world) = (distributed.get_rank(), distributed.get_world_size());
    }

    manual_seed(0);
    var network = new FashionMnist.FashionCbamNet();
    nn.Module<Tensor, Tensor> model = launched ? new DistributedDataParallel<Tensor, Tensor>(network) : network;
    var adam = optim.Adam(network.parameters());
    manual_seed(1 + rank);
    int share = GlobalBatch / world;
    Tensor x = randn([share, 1, 28, 28]);
    Tensor y = randint(0, 10, [share]);
    void Step()
    {
        using var scope = NewDisposeScope();
        adam.zero_grad();
        nn.functional.cross_entropy(model.call(x), y).backward();
        adam.step();
    }

    for (int i = 0; i < 3; i++)
    {
        Step();
    }

    if (launched)
    {
        distributed.barrier();
    }

    var clock = Stopwatch.StartNew();
    for (int i = 0; i < steps; i++)
    {
        Step();
    }

    if (launched)
    {
        distributed.barrier();
    }

    clock.Stop();
    if (rank == 0)
    {
        Console.WriteLine($"images/s: {steps * GlobalBatch / clock.Elapsed.TotalSeconds:F1}");
    }

    if (launched)
    {
        distributed.destroy_process_group();
    }

    return 0;
}

int AllReduceChild()
{
    set_num_threads(1);
    distributed.init_process_group("gloo", timeout: TimeSpan.FromMinutes(5));
    foreach (int size in sizesMiB)
    {
        using Tensor tensor = ones(size * (1L << 20) / 4);
        for (int i = 0; i < 3; i++)
        {
            distributed.all_reduce(tensor);
        }

        distributed.barrier();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < AllReduceRepeats; i++)
        {
            distributed.all_reduce(tensor);
        }

        clock.Stop();
        if (distributed.get_rank() == 0)
        {
            Console.WriteLine($"allreduce {size} {clock.Elapsed.TotalMilliseconds / AllReduceRepeats:F4}");
        }
    }

    distributed.destroy_process_group();
    return 0;
}

static string Value(List<string> lines, string key) =>
    lines.Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
        ? line[key.Length..].TrimStart(':', ' ')
        : throw new InvalidOperationException($"no '{key}' line in:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
