using System;
using System.IO;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Distributed;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// A generated network wrapped in DistributedDataParallel, on a group of one rank (the multi-rank behaviour is tested
/// in Attention.Runtime.Tests/Distributed): its parameters appear under <c>module.</c> as PyTorch names them, and
/// its forward and its training steps are the bare network's (averaging over one rank changes nothing).
/// </summary>
public sealed class DistributedNetworkTests
{
    [Fact]
    public void A_generated_CBAM_network_trains_under_DDP_as_it_trains_alone()
    {
        string store = Path.Combine(Path.GetTempPath(), $"attention-dsl-store-{Guid.NewGuid():N}");
        distributed.init_process_group("gloo", init_method: "file://" + store, world_size: 1, rank: 0, timeout: TimeSpan.FromSeconds(30));
        try
        {
            using var scope = NewDisposeScope();
            manual_seed(3);
            using var alone = new CbamNet();
            using var wrapped = new CbamNet();
            wrapped.load_state_dict(alone.state_dict());
            using var ddp = new DistributedDataParallel<Tensor, Tensor>(wrapped);

            Assert.Equal(alone.named_parameters().Select(p => "module." + p.name), ddp.named_parameters().Select(p => p.name));
            var adamAlone = optim.Adam(alone.parameters(), lr: 0.01);
            var adamWrapped = optim.Adam(wrapped.parameters(), lr: 0.01);
            for (int step = 0; step < 3; step++)
            {
                Tensor x = randn(4, 64, 5, 5);
                Tensor lossAlone = alone.call(x).pow(2).mean();
                Tensor lossWrapped = ddp.call(x).pow(2).mean();
                Assert.Equal(lossAlone.item<float>(), lossWrapped.item<float>());
                adamAlone.zero_grad();
                adamWrapped.zero_grad();
                lossAlone.backward();
                lossWrapped.backward();
                adamAlone.step();
                adamWrapped.step();
            }

            foreach (((string name, var a), (_, var b)) in alone.named_parameters().Zip(wrapped.named_parameters()))
            {
                Assert.True(a.allclose(b, rtol: 1e-6, atol: 1e-7), $"{name} differs after 3 steps");
            }

            // The wrapper does not own the network: disposed, it leaves it usable, to evaluate and save.
            ddp.Dispose();
            Assert.Equal(new long[] { 2, 64, 5, 5 }, wrapped.call(randn(2, 64, 5, 5)).shape);
        }
        finally
        {
            distributed.destroy_process_group();
        }
    }
}
