// One rank of a multi-process test. Every scenario reads its rank from the environment (RANK, WORLD_SIZE,
// MASTER_ADDR, MASTER_PORT, as Launcher and torchrun set them) and writes what it observed to standard output
// as "key: value" lines that the tests read back.
using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Attention.Runtime;
using Attention.Runtime.Distributed;
using static Attention.Runtime.torch;

string scenario = args.Length > 0 ? args[0] : "";
try
{
    return scenario switch
    {
        "collectives" => Collectives(),
        "ddp" => DataParallel(distributedRun: true, steps: int.Parse(args[1], CultureInfo.InvariantCulture), output: args[2]),
        "single" => DataParallel(distributedRun: false, steps: int.Parse(args[1], CultureInfo.InvariantCulture), output: args[2]),
        "die" => DieOrWait(TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20)),
        "init" => InitOnly(),
        _ => Usage(),
    };
}
catch (Exception e)
{
    Console.WriteLine($"error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Attention.Distributed.Worker collectives | ddp STEPS OUT | single STEPS OUT | die [TIMEOUT_S] | init");
    return 64;
}

// all_reduce, broadcast, all_gather and barrier with values a Python rank computes the same way
// (tests/Attention.Runtime.Tests/Distributed/python_rank.py).
static int Collectives()
{
    distributed.init_process_group("gloo", timeout: TimeSpan.FromSeconds(60));
    int rank = distributed.get_rank(), size = distributed.get_world_size();

    using Tensor summed = arange(4, dtype: ScalarType.Float32) + (10 * rank);
    distributed.all_reduce(summed);
    using Tensor largest = tensor(new float[] { rank, -rank });
    distributed.all_reduce(largest, ReduceOp.MAX);
    using Tensor broadcasted = full([3], (double)(rank + 1) * 7, dtype: ScalarType.Float64);
    distributed.broadcast(broadcasted, src: size - 1);
    using Tensor mine = full([2], (long)rank, dtype: ScalarType.Int64);
    Tensor[] gathered = [.. Enumerable.Range(0, size).Select(_ => zeros([2], dtype: ScalarType.Int64))];
    distributed.all_gather(gathered, mine);
    distributed.barrier();

    Console.WriteLine($"rank: {rank} of {size}");
    Console.WriteLine($"all_reduce sum: {Values(summed)}");
    Console.WriteLine($"all_reduce max: {Values(largest)}");
    Console.WriteLine($"broadcast: {Values(broadcasted)}");
    Console.WriteLine($"all_gather: {string.Join(" | ", gathered.Select(Values))}");
    distributed.destroy_process_group();
    return 0;
}

// Trains a float64 perceptron with SGD. Distributed: each rank takes its half of every batch, rank r starts
// from seed r (so only the broadcast at construction makes the ranks agree), DDP averages the gradients.
// Single: one process takes the whole batch. Both write the final parameters to OUTPUT (rank 0 only).
static int DataParallel(bool distributedRun, int steps, string output)
{
    const int Batch = 8, Features = 6, Classes = 3;
    int rank = 0, size = 1;
    if (distributedRun)
    {
        distributed.init_process_group("gloo", timeout: TimeSpan.FromSeconds(60));
        (rank, size) = (distributed.get_rank(), distributed.get_world_size());
    }

    manual_seed(rank);
    // The 512×512 layer (2 MiB) fills a bucket of its own: the reducer runs several buckets.
    var network = nn.Sequential(nn.Linear(Features, 512), nn.Tanh(), nn.Linear(512, 512), nn.Tanh(), nn.Linear(512, Classes));
    network.to(ScalarType.Float64);
    nn.Module<Tensor, Tensor> model = network;
    DistributedDataParallel<Tensor, Tensor>? ddp = null;
    if (distributedRun)
    {
        ddp = new DistributedDataParallel<Tensor, Tensor>(network, bucket_cap_mb: 1);
        model = ddp;
        Console.WriteLine($"buckets: {ddp.bucket_count}");
    }

    var optimizer = optim.SGD(network.parameters(), lr: 0.05);
    manual_seed(1234);  // the data: the same on every rank
    for (int step = 0; step < steps; step++)
    {
        using var scope = NewDisposeScope();
        Tensor x = randn([Batch, Features], dtype: ScalarType.Float64);
        Tensor y = randint(Classes, [Batch]);
        long share = Batch / size;
        Tensor loss = nn.functional.cross_entropy(model.call(x.narrow(0, rank * share, share)), y.narrow(0, rank * share, share));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    if (rank == 0)
    {
        network.save_safetensors(output);
    }

    Console.WriteLine($"rank: {rank} done");
    if (distributedRun)
    {
        distributed.destroy_process_group();
    }

    return 0;
}

// Rank 0 all-reduces in a loop; rank 1 says it is ready and waits to be killed (or frozen) by the test. Rank 0
// must fail with a clear error within the group's timeout, not hang: it prints the error and exits with 3.
static int DieOrWait(TimeSpan timeout)
{
    distributed.init_process_group("gloo", timeout: timeout);
    int rank = distributed.get_rank();
    using Tensor value = ones(1024);
    distributed.all_reduce(value);
    Console.WriteLine("ready");
    if (rank != 0)
    {
        Thread.Sleep(Timeout.Infinite);
    }

    try
    {
        while (true)
        {
            distributed.all_reduce(value);
            Thread.Sleep(50);
        }
    }
    catch (TorchException e)
    {
        Console.WriteLine($"collective failed: {e.Message.ReplaceLineEndings(" ")}");
        return 3;
    }
}

// Only the rendezvous: prints "initialized" or the error (the caller sets a bad environment).
static int InitOnly()
{
    distributed.init_process_group("gloo", timeout: TimeSpan.FromSeconds(5));
    Console.WriteLine($"initialized: rank {distributed.get_rank()} of {distributed.get_world_size()}");
    distributed.destroy_process_group();
    return 0;
}

static string Values(Tensor t) =>
    string.Join(" ", t.to_type(ScalarType.Float64).data<double>().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
