using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Attention.Runtime.Distributed;
using Attention.Runtime.Tests.Serialization;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Distributed;

/// <summary>
/// What one process can check: the default group's life cycle on a one-rank group, the API's refusals, and
/// DistributedSampler against PyTorch's. The default group is process-wide, so these run with no other test.
/// </summary>
[Collection(nameof(MultiProcessCollection))]
public sealed class SingleProcessTests
{
    [Fact]
    public void A_one_rank_group_over_a_file_store_runs_every_collective_and_can_be_made_again()
    {
        string file = Path.Combine(Path.GetTempPath(), $"attention-store-{Guid.NewGuid():N}");
        for (int round = 0; round < 2; round++)
        {
            distributed.init_process_group("gloo", init_method: "file://" + file, world_size: 1, rank: 0, timeout: TimeSpan.FromSeconds(30));
            try
            {
                Assert.True(distributed.is_initialized());
                Assert.Equal((0, 1, "gloo"), (distributed.get_rank(), distributed.get_world_size(), distributed.get_backend()));
                using Tensor values = tensor(new[] { 1.5, -2.0 });
                distributed.all_reduce(values, ReduceOp.PRODUCT);
                distributed.broadcast(values, src: 0);
                using Tensor gathered = zeros([2], dtype: ScalarType.Float64);
                distributed.all_gather([gathered], values);
                distributed.barrier();
                Assert.Equal([1.5, -2.0], gathered.data<double>());
                Assert.Throws<InvalidOperationException>(() => distributed.init_process_group("gloo", init_method: "file://" + file, world_size: 1, rank: 0));
                Assert.Throws<ArgumentOutOfRangeException>(() => distributed.broadcast(values, src: 1));
                Assert.Throws<ArgumentException>(() => distributed.all_gather([gathered, gathered], values));
            }
            finally
            {
                distributed.destroy_process_group();
            }

            Assert.False(distributed.is_initialized());
        }

        Assert.Throws<InvalidOperationException>(() => distributed.get_rank());
        Assert.Throws<InvalidOperationException>(distributed.destroy_process_group);
    }

    [Fact]
    public void A_tensor_c10d_refuses_fails_with_its_message_and_the_group_stays_usable()
    {
        distributed.init_process_group("gloo", init_method: "tcp://127.0.0.1:" + Ranks.FreePort(), world_size: 1, rank: 0, timeout: TimeSpan.FromSeconds(30));
        try
        {
            using Tensor input = ones(2);
            using Tensor wrongSize = zeros(3);
            TorchException refused = Assert.Throws<TorchException>(() => distributed.all_gather([wrongSize], input));
            Assert.Equal("all_gather failed on rank 0 of 1 (gloo): ProcessGroupGloo::allgather: invalid tensor size at index 0 (expected (2), got (3))", refused.Message);

            using Tensor fine = ones(3);
            distributed.all_reduce(fine);
            Assert.Equal([1f, 1f, 1f], fine.data<float>());
        }
        finally
        {
            distributed.destroy_process_group();
        }
    }

    [Fact]
    public void Wrong_arguments_are_refused_before_any_connection()
    {
        Assert.Contains("Invalid backend: 'mpi'", Assert.Throws<ArgumentException>(() => distributed.init_process_group("mpi")).Message);
        if (!distributed.is_nccl_available())
        {
            Assert.Contains("built without NCCL", Assert.Throws<ArgumentException>(() => distributed.init_process_group("nccl")).Message);
        }

        Assert.Contains("tcp:// needs a port", Assert.Throws<ArgumentException>(() => distributed.init_process_group(init_method: "tcp://127.0.0.1", world_size: 1, rank: 0)).Message);
        Assert.Contains("no rendezvous handler for udp://", Assert.Throws<ArgumentException>(() => distributed.init_process_group(init_method: "udp://x:1", world_size: 1, rank: 0)).Message);
        Assert.Contains("world_size must be positive", Assert.Throws<ArgumentException>(() => distributed.init_process_group(init_method: "tcp://127.0.0.1:1", rank: 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TCPStore("127.0.0.1", 70000));
        Assert.False(distributed.is_initialized());
    }

    [Fact]
    public void DDP_refuses_a_module_without_trainable_parameters()
    {
        distributed.init_process_group("gloo", init_method: "tcp://127.0.0.1:" + Ranks.FreePort(), world_size: 1, rank: 0, timeout: TimeSpan.FromSeconds(30));
        try
        {
            using var frozen = nn.Linear(2, 2);
            foreach (var p in frozen.parameters())
            {
                p.requires_grad_(false);
            }

            Assert.Contains("doesn't have any parameter that requires a gradient",
                Assert.Throws<ArgumentException>(() => new DistributedDataParallel<Tensor, Tensor>(frozen)).Message);
        }
        finally
        {
            distributed.destroy_process_group();
        }
    }

    [Theory]
    [InlineData(10, 3, 0, 0, 0, true, false)]
    [InlineData(10, 3, 2, 0, 0, true, false)]
    [InlineData(10, 3, 1, 7, 4, true, false)]
    [InlineData(10, 3, 1, 7, 4, true, true)]
    [InlineData(11, 4, 3, 0, 2, false, false)]
    [InlineData(11, 4, 3, 0, 2, false, true)]
    [InlineData(60000, 2, 1, 42, 9, true, false)]
    [InlineData(2, 5, 4, 1, 0, true, false)]
    public void DistributedSampler_gives_the_indices_of_PyTorchs(long length, int replicas, int rank, ulong seed, long epoch, bool shuffle, bool dropLast)
    {
        Assert.SkipWhen(PythonTorch.MissingReason.Value is not null, PythonTorch.MissingReason.Value ?? "");
        var sampler = new DistributedSampler(length, replicas, rank, shuffle, seed, dropLast);
        sampler.set_epoch(epoch);

        long[] expected = PythonSampler(length, replicas, rank, seed, epoch, shuffle, dropLast);

        Assert.Equal(expected.LongLength, sampler.num_samples);
        Assert.Equal(expected, sampler.Indices());
    }

    [Fact]
    public void The_ranks_of_a_sampler_cover_the_data_set_once_each_padded_to_equal_shares()
    {
        long[][] shares = [.. Enumerable.Range(0, 3).Select(r => new DistributedSampler(10, 3, r, seed: 5).Indices())];

        Assert.All(shares, s => Assert.Equal(4, s.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), shares.SelectMany(s => s).Distinct().Order());
        Assert.NotEqual(new DistributedSampler(10, 3, 0, seed: 5).Indices(), WithEpoch(new DistributedSampler(10, 3, 0, seed: 5), 1).Indices());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(10, 3, 3));
    }

    private static DistributedSampler WithEpoch(DistributedSampler sampler, long epoch)
    {
        sampler.set_epoch(epoch);
        return sampler;
    }

    private static long[] PythonSampler(long length, int replicas, int rank, ulong seed, long epoch, bool shuffle, bool dropLast)
    {
        using Rank python = Rank.Start(PythonTorch.Interpreter,
            [Ranks.PythonRankPath, "sampler", $"{length}", $"{replicas}", $"{rank}", $"{seed}", $"{epoch}", shuffle ? "true" : "false", dropLast ? "true" : "false"],
            new System.Collections.Generic.Dictionary<string, string?>());
        Assert.True(python.Exit(TimeSpan.FromMinutes(1)) == 0, python.Output);
        return [.. python.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)];
    }
}
