using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Cuda;

/// <summary>
/// Every layer and mechanism of the runtime on the GPU against its CPU result, with the same weights and input:
/// the output, the input's gradient and every parameter's gradient. Skipped where there is no CUDA device
/// (scripts/gpu/run-on-device.sh runs them on one).
/// </summary>
/// <remarks>
/// Tolerances: GPU kernels reduce in other orders than the CPU's, so float32 results agree to rounding: rtol 1e-4,
/// atol 1e-5 for the elementwise, matrix and recurrent layers. Convolutions get rtol 2e-3, atol 2e-3: cuDNN may run
/// them in TF32 (10-bit mantissa, on by default in libtorch for convolutions on Ampere and later), whose relative
/// error is about 1e-3.
/// </remarks>
public sealed class CudaModuleTests
{
    private const double Rtol = 1e-4, Atol = 1e-5;
    private const double ConvRtol = 2e-3, ConvAtol = 2e-3;

    private static readonly Device Gpu = new(DeviceType.CUDA, 0);

    public static TheoryData<string> Modules => [.. Cases.Keys];

    /// <summary>Each case: how to build the module, its input, and whether convolutions (TF32) are inside.</summary>
    private static readonly Dictionary<string, (Func<nn.Module> Create, Func<Tensor> Input, Func<nn.Module, Tensor, Tensor> Run, bool Convolution)> Cases = new()
    {
        ["Linear"] = (() => new Linear(16, 8), () => randn(4, 16), Call, false),
        ["Conv2d"] = (() => new Conv2d(3, 8, [3, 3], padding: [1, 1]), () => randn(2, 3, 8, 8), Call, true),
        ["BatchNorm2d"] = (() => new BatchNorm2d(8), () => randn(4, 8, 5, 5), Call, false),
        ["LayerNorm"] = (() => new LayerNorm(16), () => randn(4, 7, 16), Call, false),
        ["Embedding"] = (() => new Embedding(20, 6, padding_idx: 0), () => randint(0, 20, [3, 5]), Call, false),
        ["LSTM"] = (() => new LSTM(6, 8, num_layers: 2, batch_first: true, bidirectional: true), () => randn(3, 7, 6),
            (m, x) => ((LSTM)m).call(x).every_step(), false),
        ["LSTM masked"] = (() => new LSTM(6, 8, batch_first: true), () => randn(3, 7, 6),
            (m, x) => ((LSTM)m).call_masked(x, Mask(x, [7, 3, 5])).final_state(), false),
        ["GRU"] = (() => new GRU(6, 8, batch_first: true), () => randn(3, 7, 6), (m, x) => ((GRU)m).call(x).last_step(), false),
        ["MultiheadAttention"] = (() => new MultiheadAttention(16, 4, batch_first: true), () => randn(2, 5, 16),
            (m, x) => ((MultiheadAttention)m).forward(x, x, x).output, false),
        ["SqueezeExcite"] = (() => new SqueezeExcite(16, 4), () => randn(2, 16, 5, 5), Call, false),
        ["ChannelAttention"] = (() => new ChannelAttention(16, 4), () => randn(2, 16, 5, 5), Call, false),
        ["SpatialAttention"] = (() => new SpatialAttention(7), () => randn(2, 16, 6, 6), Call, true),
        ["Cbam"] = (() => new Cbam(16, 4, 7), () => randn(2, 16, 6, 6), Call, true),
        ["Eca"] = (() => new Eca(3), () => randn(2, 16, 5, 5), Call, true),
        ["TemporalAttention"] = (() => new TemporalAttention(7), () => randn(3, 7, 5), Call, false),
        ["AttentionPooling"] = (() => new AttentionPooling(5), () => randn(3, 7, 5),
            (m, x) => ((AttentionPooling)m).call(x, Mask(x, [7, 2, 0])), false),
        ["PositionalEncoding learned"] = (() => new PositionalEncoding(5, 9, learned: true), () => randn(3, 7, 5), Call, false),
        ["ScoredAttention additive"] = (() => new ScoredAttention(5, 5, ScoreFunction.Additive, units: 4), () => randn(3, 7, 5),
            (m, x) => ((ScoredAttention)m).call(x, x, Mask(x, [7, 3, 5])), false),
        ["ScoredAttention local-p"] = (() => new ScoredAttention(5, 5, ScoreFunction.General, alignment: AttentionAlignment.LocalPredictive, window: 2),
            () => randn(3, 7, 5), (m, x) => ((ScoredAttention)m).call(x, x, Mask(x, [7, 3, 5])), false),
        ["RelativePositionAttention"] = (() => new RelativePositionAttention(8, 2, 3, relative_values: true, causal: true), () => randn(2, 6, 8),
            (m, x) => ((RelativePositionAttention)m).call(x, Mask(x, [6, 4])), false),
        ["MultiheadAttention self_attend"] = (() => new MultiheadAttention(16, 4, batch_first: true), () => randn(2, 5, 16),
            (m, x) => ((MultiheadAttention)m).self_attend(x, Mask(x, [5, 2]), is_causal: true), false),
        ["GatedMultimodalUnit"] = (() => new GatedMultimodalUnit(6, 6, 4), () => randn(3, 6),
            (m, x) => ((GatedMultimodalUnit)m).call(x, x.flip(0)), false),
        ["ContextAttentionPooling"] = (() => new ContextAttentionPooling(5, 3), () => randn(3, 7, 5),
            (m, x) => ((ContextAttentionPooling)m).call(x, Mask(x, [7, 2, 0])), false),
        ["SpatialTransformer"] = (() => new SpatialTransformer(new Sequential(new Flatten(), new Linear(64, 8)), 8, align_corners: false), () => randn(2, 1, 8, 8),
            Call, false),
        ["DynamicCapacity"] = (() => new DynamicCapacity(new Conv2d(1, 3, [4, 4], stride: [4, 4]), new Sequential(new Conv2d(1, 3, [8, 8]), new Flatten()),
            new Sequential(new Flatten(), new Linear(48, 5)), patches: 3, patch_size: 8, stride: 4), () => randn(2, 1, 16, 16), Call, true),
        ["ForEach"] = (() => new ForEach(new Linear(5, 3)), () => randn(2, 4, 5), Call, false),
    };

    private static Tensor Call(nn.Module module, Tensor x) => ((nn.Module<Tensor, Tensor>)module).call(x);

    private static Tensor Mask(Tensor x, long[] lengths) =>
        arange(x.size(1), device: x.device).unsqueeze(0) < tensor(lengths, device: x.device).unsqueeze(1);

    /// <summary>The cases themselves, run where there is no GPU, so that a broken case shows before a GPU run.</summary>
    [Fact]
    public void Every_case_runs_on_the_CPU_and_has_gradients()
    {
        foreach (var (name, (create, makeInput, run, _)) in Cases)
        {
            using var scope = NewDisposeScope();
            manual_seed(7);
            using nn.Module module = create();
            Tensor input = makeInput();
            Tensor x = input.is_floating_point() ? input.requires_grad_() : input;
            run(module, x).pow(2).sum().backward();
            Assert.True(module.parameters().All(static p => p.grad is not null), $"{name}: every parameter has a gradient");
        }
    }

    [CudaTheory]
    [MemberData(nameof(Modules))]
    public void Matches_the_CPU_with_the_same_weights(string name)
    {
        using var scope = NewDisposeScope();
        var (create, makeInput, run, convolution) = Cases[name];
        manual_seed(7);
        using nn.Module onCpu = create();
        using nn.Module onGpu = create();
        onGpu.load_state_dict(onCpu.state_dict());
        onGpu.to(Gpu);
        Tensor input = makeInput();
        Tensor cpuInput = input.is_floating_point() ? input.clone().requires_grad_() : input;
        Tensor gpuInput = input.is_floating_point() ? input.cuda().requires_grad_() : input.cuda();

        Tensor expected = run(onCpu, cpuInput);
        Tensor actual = run(onGpu, gpuInput);
        expected.pow(2).sum().backward();
        actual.pow(2).sum().backward();
        cuda.synchronize();

        double rtol = convolution ? ConvRtol : Rtol, atol = convolution ? ConvAtol : Atol;
        Assert.Equal(DeviceType.CUDA, actual.device_type);
        ReferenceData.AssertClose(expected, actual.cpu(), rtol, atol, name + " output");
        if (input.is_floating_point())
        {
            ReferenceData.AssertClose(cpuInput.grad!, gpuInput.grad!.cpu(), rtol, atol, name + " input gradient");
        }

        var gpuParameters = onGpu.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (key, parameter) in onCpu.named_parameters())
        {
            Assert.Equal(DeviceType.CUDA, gpuParameters[key].device_type);
            ReferenceData.AssertClose(parameter.grad!, gpuParameters[key].grad!.cpu(), rtol, atol, $"{name} gradient of {key}");
        }
    }

    [CudaFact]
    public void An_optimizer_built_before_the_move_to_the_GPU_keeps_its_state_and_trains_as_on_the_CPU()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var moved = new Linear(8, 4);
        using var stayed = new Linear(8, 4);
        stayed.load_state_dict(moved.state_dict());
        using var movedOptimizer = optim.Adam(moved.parameters(), lr: 0.01);
        using var stayedOptimizer = optim.Adam(stayed.parameters(), lr: 0.01);
        Tensor x = randn(16, 8), target = randn(16, 4);

        void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor input, Tensor y)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.mse_loss(model.call(input), y).backward();
            optimizer.step();
        }

        for (int i = 0; i < 3; i++)
        {
            Step(moved, movedOptimizer, x, target);
            Step(stayed, stayedOptimizer, x, target);
        }

        moved.to(Gpu);
        Tensor gx = x.cuda(), gtarget = target.cuda();
        for (int i = 0; i < 3; i++)
        {
            Step(moved, movedOptimizer, gx, gtarget);
            Step(stayed, stayedOptimizer, x, target);
        }

        cuda.synchronize();
        Assert.All(movedOptimizer.state_dict().state.Values.SelectMany(s => s.Where(e => e.Key != "step").Select(e => (Tensor)e.Value!)),
            t => Assert.Equal(DeviceType.CUDA, t.device_type));
        ReferenceData.AssertClose(stayed.weight, moved.weight.cpu(), Rtol, Atol, "weight after training across the move");
        ReferenceData.AssertClose(stayed.bias!, moved.bias!.cpu(), Rtol, Atol, "bias after training across the move");
    }

    [CudaFact]
    public void Mixing_CPU_and_GPU_inputs_is_a_TorchException_naming_both_devices()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => ones(3).cuda() + ones(3));
        Assert.Contains("same device", error.Message, StringComparison.Ordinal);
        using var layer = new Linear(3, 2);
        error = Assert.Throws<TorchException>(() => layer.call(ones(1, 3).cuda()));
        Assert.Contains("cuda", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
