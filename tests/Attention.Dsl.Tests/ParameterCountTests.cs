using System.Linq;
using Attention.Dsl.Tests.Infrastructure;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// The generated <c>Summary.TotalParameters</c> (compile-time constants) equals the runtime's count
/// over the network's parameters and the count of the PyTorch reference module.
/// </summary>
public sealed class ParameterCountTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames(MechanismCases.Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summary_total_equals_the_runtime_count_and_pytorchs(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using nn.Module<Tensor, Tensor> network = MechanismCases.Networks[name]();
        long runtime = network.parameters().Sum(p => p.numel());
        long pytorch = MechanismCases.Info(name).ParameterCount;
        Assert.Equal(pytorch, runtime);
        Assert.Equal(pytorch, MechanismCases.SummaryTotals[name]);
    }

    [Fact]
    public void Counts_follow_the_papers_formulas()
    {
        // SE: 2·C·C_r weights plus C_r + C biases; without bias only the weights.
        Assert.Equal((2 * 64 * 4) + 4 + 64, SePaper.Summary.TotalParameters);
        Assert.Equal(2 * 32 * 4, SeSeed.Summary.TotalParameters);
        Assert.Equal((2 * 32 * 8) + 8 + 32, SeSiLU.Summary.TotalParameters);
        // MobileNetV3: C_r = make_divisible(72 / 4, 8) = 24.
        Assert.Equal((2 * 72 * 24) + 24 + 72, SeMobileNetV3.Summary.TotalParameters);
        // CAM: the shared MLP counts once.
        Assert.Equal((2 * 32 * 2) + 2 + 32, ChannelAttentionNet.Summary.TotalParameters);
        Assert.Equal(2 * 32 * 4, ChannelAttentionNoBias.Summary.TotalParameters);
        // SAM: 2 input maps, 1 output map, no bias.
        Assert.Equal(2 * 7 * 7, SpatialAttention7.Summary.TotalParameters);
        Assert.Equal(2 * 3 * 3, SpatialAttention3.Summary.TotalParameters);
        // timm's variant adds BatchNorm2d(1): a weight and a bias (running statistics are buffers).
        Assert.Equal((2 * 7 * 7) + 2, SpatialAttentionBn.Summary.TotalParameters);
        Assert.Equal((2 * 64 * 4) + 4 + 64 + (2 * 7 * 7), CbamNet.Summary.TotalParameters);
        // ECA: just the kernel.
        Assert.Equal(5, EcaAdaptive.Summary.TotalParameters);
        Assert.Equal(5, EcaKernel5.Summary.TotalParameters);
        // conv1 + bn1 + se1 + conv2 + bn2 + cbam1 (CAM + SAM) + eca1 (k = 3) + fc1.
        Assert.Equal((3 * 16 * 9) + 16 + (2 * 16) + (2 * 16 * 4) + 4 + 16 + (16 * 32 * 9) + 32 + (2 * 32)
            + (2 * 32 * 4) + 4 + 32 + (2 * 3 * 3) + 3 + (32 * 10) + 10, SmallAttentionNet.Summary.TotalParameters);
        // LSTM: 4 gates of H·(D + H) weights and two biases of 4H; temporal attention T² + T; Linear(320 → 1).
        Assert.Equal((4 * 32 * (2 + 32)) + (8 * 32) + (10 * 10) + 10 + 320 + 1, PlantedColumnNet.Summary.TotalParameters);
        // Attention pooling with a bias per step: D + T.
        Assert.Equal((2 * 16) + 16 + 16 + 7 + 16 + 1, RaffelEllisNet.Summary.TotalParameters);
        // GRU: 3 gates; the second layer of a bidirectional GRU reads 2H features.
        Assert.Equal((2 * ((3 * 5 * (3 + 5)) + (6 * 5))) + (2 * ((3 * 5 * (10 + 5)) + (6 * 5))) + (6 * 6) + 6 + 10 + 1 + (10 * 4) + 4,
            SharedTemporalGruNet.Summary.TotalParameters);
    }
}
