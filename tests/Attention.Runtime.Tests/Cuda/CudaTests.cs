using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Cuda;

public sealed class CudaTests
{
    [Fact]
    public void Device_strings_name_the_device_ordinal()
    {
        var device = new Device("cuda:1");
        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(1, device.index);
        Assert.Equal("cuda:1", device.ToString());
        Assert.Equal(-1, new Device("cuda").index);
        Assert.Throws<FormatException>(() => new Device("cuda:-1"));
        Assert.Throws<FormatException>(() => new Device("gpu:0"));
    }

    [CudaFact]
    public void Tensors_keep_their_values_on_the_way_to_the_GPU_and_back()
    {
        using DisposeScope scope = NewDisposeScope();
        foreach (Tensor original in new[] { randn(3, 4), arange(-5, 7).reshape(3, 4), randn(3, 4) > 0, randn(3, 4).to(bfloat16) })
        {
            Tensor onGpu = original.cuda();
            Assert.Equal(DeviceType.CUDA, onGpu.device_type);
            Assert.Equal(original.dtype, onGpu.dtype);
            Tensor back = onGpu.cpu();
            Assert.Equal(DeviceType.CPU, back.device_type);
            Assert.True(back.equal(original));
        }

        Assert.Equal("cuda:0", ones([2], device: CUDA).device.ToString());
    }

    [CudaFact]
    public void An_ordinal_past_the_last_device_is_a_TorchException()
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.Throws<TorchException>(() => ones(2).to(new Device(DeviceType.CUDA, cuda.device_count())));
    }

    [CudaFact]
    public void Ops_on_the_GPU_match_the_CPU()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(0);
        Tensor a = randn(16, 32), b = randn(32, 8);
        Tensor Compute(Tensor x, Tensor y) => nn.functional.softmax(x.matmul(y).relu() + x.sum(1, keepdim: true), 1);

        Tensor expected = Compute(a, b);
        Tensor actual = Compute(a.cuda(), b.cuda());
        cuda.synchronize();
        // GPU kernels sum in another order than the CPU's, so results agree to float32 rounding, not bitwise.
        Assert.True(actual.cpu().allclose(expected, rtol: 1e-4, atol: 1e-5), $"GPU {actual.cpu()} vs CPU {expected}");
    }

    [CudaFact]
    public void A_Linear_moved_to_the_GPU_keeps_its_Parameters_and_trains()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(1);
        using Linear layer = nn.Linear(4, 2);
        var before = layer.parameters().ToList();
        layer.cuda();
        Assert.Equal(before, layer.parameters(), ReferenceEqualityComparer.Instance);
        Assert.All(before, p => Assert.Equal(DeviceType.CUDA, p.device_type));
        Assert.All(before, p => Assert.True(p.requires_grad && p.is_leaf));

        Tensor x = randn(8, 4).cuda(), target = randn(8, 2).cuda();
        double Loss() => (layer.call(x) - target).pow(2).mean().item<double>();
        double initial = Loss();
        for (int step = 0; step < 20; step++)
        {
            layer.zero_grad();
            (layer.call(x) - target).pow(2).mean().backward();
            using (no_grad())
            {
                foreach (Tensor parameter in layer.parameters())
                {
                    Assert.Equal(DeviceType.CUDA, parameter.grad!.device_type);
                    parameter.sub_(parameter.grad!, alpha: 0.1);
                }
            }
        }

        cuda.synchronize(0);
        Assert.True(Loss() < initial, $"SGD on the GPU did not reduce the loss ({initial} -> {Loss()})");
    }

    [CudaFact]
    public void Seeding_every_GPU_makes_GPU_draws_repeatable()
    {
        using DisposeScope scope = NewDisposeScope();
        cuda.manual_seed_all(5);
        Tensor first = randn([6], device: CUDA);
        cuda.manual_seed_all(5);
        Tensor second = randn([6], device: CUDA);
        cuda.synchronize();
        Assert.True(first.equal(second));
    }

    [WithoutCudaFact]
    public void Asking_for_CUDA_without_it_names_the_libtorch_and_how_to_get_one()
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.False(cuda.is_available());
        Assert.Equal(0, cuda.device_count());
        cuda.manual_seed_all(5); // nothing to seed, as in PyTorch

        using Linear layer = nn.Linear(2, 2);
        string path = Path.Combine(Path.GetTempPath(), $"cuda-test-{Guid.NewGuid():N}.safetensors");
        var attempts = new Dictionary<string, Action>
        {
            ["zeros(device: CUDA)"] = () => zeros([2], device: CUDA),
            ["tensor.cuda()"] = () => ones(2).cuda(),
            ["tensor.to(\"cuda:1\")"] = () => ones(2).to("cuda:1"),
            ["module.cuda()"] = () => layer.cuda(),
            ["cuda.synchronize()"] = () => cuda.synchronize(),
            ["load_safetensors(device: cuda)"] = () => load_safetensors(path, CUDA),
        };
        foreach (var (name, attempt) in attempts)
        {
            var error = Assert.Throws<TorchException>(attempt);
            Assert.True(error.Message.Contains($"libtorch {__version__}", StringComparison.Ordinal) && error.Message.Contains("ATTENTION_LIBTORCH", StringComparison.Ordinal),
                $"{name}: {error.Message}");
        }

        Assert.All(layer.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
    }
}
