using System.Runtime.CompilerServices;
using Attention.Generators.Tests.Infrastructure;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The generated part of modules in the graph form, compared with the committed snapshots. As for
/// networks, each test first requires no generator diagnostics and a compilation without errors or
/// warnings.
/// </summary>
public sealed class ComponentSnapshotTests
{
    [Fact]
    public void GatedMultimodalUnit() => Verify(ComponentSources.GatedMultimodalUnit);

    [Fact]
    public void CrossAttentionFusionWithSqueezeExcite() => Verify(ComponentSources.CrossAttentionFusion);

    [Fact]
    public void EncoderDecoderWithCrossAttention() => Verify(ComponentSources.EncoderDecoder);

    [Fact]
    public void TaggerWithModuleMembers() => Verify(ComponentSources.TaggerWithModuleMembers);

    [Fact]
    public void EveryComponentKind()
    {
        Verify("""
            using Attention.Dsl;
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;

            namespace Models;

            /// <summary>One component of each kind, in a nested class and with one input.</summary>
            public static partial class Zoo
            {
                /// <summary>The module.</summary>
                internal sealed partial class Everything : nn.Module<Tensor, Tensor>
                {
                    [Conv1d(8, InChannels = 4, Kernel = 5, Padding = 2)] private partial Conv1d conv1 { get; }
                    [Conv2d(16, InChannels = 8, Stride = 2, Bias = false)] private partial Conv2d conv2 { get; }
                    [BatchNorm1d(NumFeatures = 8)] private partial BatchNorm1d bn1 { get; }
                    [BatchNorm2d(NumFeatures = 16, Momentum = 0.01)] private partial BatchNorm2d bn2 { get; }
                    [LayerNorm(Features = 32)] internal partial LayerNorm norm { get; }
                    [Dropout(0.1)] private partial Dropout? drop { get; }
                    [ChannelAttention(Channels = 16, Reduction = 4)] private partial nn.Module<Tensor, Tensor> ca { get; }
                    [SpatialAttention(Kernel = 3)] private partial nn.Module<Tensor, Tensor> sa { get; }
                    [Cbam(Channels = 16, Reduction = 4)] private partial nn.Module<Tensor, Tensor> cbam { get; }
                    [Eca(Channels = 16)] private partial nn.Module<Tensor, Tensor> eca { get; }
                    [Eca(Kernel = 5)] private partial nn.Module<Tensor, Tensor> eca5 { get; }

                    /// <summary>Uses the 2-D components on <c>[N, 8, H, W]</c>.</summary>
                    /// <param name="input">The batch.</param>
                    /// <returns>The result.</returns>
                    public override Tensor forward(Tensor input)
                    {
                        using Tensor a = conv2.call(input);
                        using Tensor b = bn2.call(a);
                        using Tensor c = cbam.call(b);
                        return eca.call(c);
                    }
                }
            }
            """);
    }

    private static void Verify(string source, [CallerMemberName] string methodName = "")
    {
        var outcome = GeneratorHarness.RunComponents(source);

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        Assert.NotEmpty(outcome.Result.GeneratedSources);

        SnapshotAssert.Match(outcome.RunResult, nameof(ComponentSnapshotTests), methodName);
    }
}
