using System;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// Generated networks trained on the GPU: from the same weights and data, a few Adam steps there end where they
/// end on the CPU, and the loss falls. Skipped where there is no CUDA device (scripts/gpu/run-on-device.sh runs
/// them on one).
/// </summary>
/// <remarks>Tolerance rtol 2e-3, atol 2e-3: cuDNN may run convolutions in TF32 (see CudaModuleTests).</remarks>
public sealed class CudaNetworkTests
{
    private static readonly Device Gpu = new(DeviceType.CUDA, 0);

    [CudaFact]
    public void A_generated_CBAM_network_trains_on_the_GPU_as_on_the_CPU() =>
        TrainBoth(() => new CbamNet(), () => randn(8, 64, 5, 5), x => x, (y, _) => y.pow(2).mean());

    [CudaFact]
    public void A_generated_masked_sequence_network_trains_on_the_GPU_as_on_the_CPU()
    {
        Tensor mask = arange(8).unsqueeze(0) < tensor(new long[] { 8, 3, 5, 1 }).unsqueeze(1);
        TrainBoth(() => new MaskedTokenNet(), () => randint(1, 20, [4, 8]), x => x,
            (y, device) => nn.functional.cross_entropy(y, tensor(new long[] { 0, 1, 2, 1 }, device: device)), mask);
    }

    private static void TrainBoth(Func<nn.Module> create, Func<Tensor> data, Func<Tensor, Tensor> prepare, Func<Tensor, Device, Tensor> loss, Tensor? mask = null)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using nn.Module onCpu = create();
        using nn.Module onGpu = create();
        onGpu.load_state_dict(onCpu.state_dict());
        onGpu.to(Gpu);
        Tensor x = prepare(data());
        double[] cpuLosses = Train(onCpu, x, mask, loss, CPU);
        double[] gpuLosses = Train(onGpu, x.cuda(), mask?.cuda(), loss, Gpu);

        Assert.True(gpuLosses[^1] < gpuLosses[0], $"the loss on the GPU did not fall: {string.Join(", ", gpuLosses)}");
        var gpuParameters = onGpu.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (key, parameter) in onCpu.named_parameters())
        {
            Assert.Equal(DeviceType.CUDA, gpuParameters[key].device_type);
            ReferenceData.AssertClose(parameter, gpuParameters[key].cpu(), 2e-3, 2e-3, key + " after training");
        }
    }

    private static double[] Train(nn.Module model, Tensor x, Tensor? mask, Func<Tensor, Device, Tensor> loss, Device device)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var losses = new double[6];
        for (int step = 0; step < losses.Length; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor y = mask is null ? ((nn.Module<Tensor, Tensor>)model).call(x) : ((nn.Module<Tensor, Tensor, Tensor>)model).call(x, mask);
            Tensor value = loss(y, device);
            losses[step] = value.item<double>();
            value.backward();
            optimizer.step();
        }

        return losses;
    }
}
