using System.Linq;
using System.Runtime.CompilerServices;
using Attention.Generators.Tests.Infrastructure;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The generated source for valid networks, compared with the committed snapshots in
/// <c>Snapshots/</c>. Each test first requires a clean build: no generator diagnostics, and no
/// errors or warnings in the compilation that includes the generated code.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void SimpleNetwork()
    {
        Verify("""
            using Attention.Dsl;

            namespace Fashion.Models;

            /// <summary>A classifier for 28×28 grey images.</summary>
            [Network(1, 28, 28)]
            public partial class MnistNet;
            """);
    }

    [Fact]
    public void NetworkInGlobalNamespace()
    {
        Verify("""
            /// <summary>A network over feature vectors, declared outside any namespace.</summary>
            [Attention.Dsl.Network(128)]
            internal sealed partial class VectorNet
            {
            }
            """);
    }

    [Fact]
    public void NetworkNestedInPartialTypes()
    {
        Verify("""
            using Attention.Dsl;

            namespace Zoo
            {
                /// <summary>Networks grouped under one type.</summary>
                public static partial class Catalog
                {
                    /// <summary>Groups of image networks.</summary>
                    public partial record struct Images
                    {
                        /// <summary>A network over small colour images.</summary>
                        [Network(3, 32, 32)]
                        public partial class CifarNet
                        {
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public void Conv1dLayers()
    {
        Verify(Network("4, 32", """
            [Conv1d(8, Kernel = 5, Stride = 2, Padding = 2), Conv1d(8, Kernel = 3, SamePadding = true, Bias = false, PaddingMode = PaddingMode.Reflect), Conv1d(16, Kernel = 3, Dilation = 2, Groups = 4)]
            """));
    }

    [Fact]
    public void Conv2dLayers()
    {
        Verify(Network("3, 32, 32", """
            [Conv2d(16, Kernel = 3, Padding = 1), Conv2d(32, Kernel = 3, Stride = 2, Padding = 1, Bias = false), Conv2d(32, Kernel = 3, Groups = 32, SamePadding = true), Conv2d(8, Kernel = 1, Name = "project")]
            """));
    }

    [Fact]
    public void BatchNormLayers()
    {
        Verify(Network("8, 16", """
            [BatchNorm1d, Conv1d(4, Kernel = 1), BatchNorm1d(Eps = 1e-3, Momentum = 0.01, Affine = false), Flatten, BatchNorm1d]
            """));
    }

    [Fact]
    public void BatchNorm2dLayer()
    {
        Verify(Network("3, 8, 8", """
            [Conv2d(4), BatchNorm2d, BatchNorm2d(Eps = 0.001, Name = "norm")]
            """));
    }

    [Fact]
    public void LayerNormAndLinear()
    {
        Verify(Network("10, 64", """
            [LayerNorm, Linear(32), GELU(Approximate = true), LayerNorm(Eps = 1e-6, ElementwiseAffine = false), Linear(8, Bias = false)]
            """));
    }

    [Fact]
    public void DropoutAndFlatten()
    {
        Verify(Network("2, 4, 4", """
            [Flatten, Dropout, Linear(16), Dropout(0.2), Linear(4)]
            """));
    }

    [Fact]
    public void FlattenRanges()
    {
        Verify(Network("2, 3, 4, 5", """
            [Flatten(StartDim = 2, EndDim = 3), Flatten(EndDim = -2), Softmax(Dim = 1)]
            """));
    }

    [Fact]
    public void PoolingLayers()
    {
        Verify(Network("3, 28, 28", """
            [MaxPool2d(2), AvgPool2d(3, Stride = 2, Padding = 1), MaxPool2d(3, Stride = 2, CeilMode = true), GlobalMaxPool2d]
            """));
    }

    [Fact]
    public void Pooling1dLayers()
    {
        Verify(Network("3, 50", """
            [MaxPool1d(3, Stride = 2, CeilMode = true), AvgPool1d(2), GlobalAvgPool1d]
            """));
    }

    [Fact]
    public void GlobalPool1dMax()
    {
        Verify(Network("3, 50", """
            [Conv1d(6), GlobalMaxPool1d, Linear(2)]
            """));
    }

    [Fact]
    public void Activations()
    {
        Verify(Network("16", """
            [ReLU, ReLU6, LeakyReLU, LeakyReLU(NegativeSlope = 0.2), GELU, SiLU, Sigmoid, Tanh, HardSwish, HardSigmoid, Softmax]
            """));
    }

    [Fact]
    public void SqueezeExciteDefault()
    {
        Verify(Network("64, 8, 8", """
            [SqueezeExcite]
            """));
    }

    [Fact]
    public void SqueezeExciteSeedForm()
    {
        Verify(Network("64, 8, 8", """
            [SqueezeExcite(Reduction = 16, Bias = false)]
            """));
    }

    [Fact]
    public void SqueezeExciteMobileNetV3Form()
    {
        Verify(Network("72, 14, 14", """
            [SqueezeExcite(Reduction = 4, Gate = Gate.HardSigmoid, MakeDivisible = 8), HardSwish]
            """));
    }

    [Fact]
    public void SqueezeExciteMobileNetV3Preset()
    {
        var preset = GeneratorHarness.Run(Network("72, 14, 14", "[SqueezeExcite(Form = SqueezeExciteForm.MobileNetV3), HardSwish]"));
        var spelledOut = GeneratorHarness.Run(Network("72, 14, 14", "[SqueezeExcite(Reduction = 4, Gate = Gate.HardSigmoid, MakeDivisible = 8), HardSwish]"));

        // The preset is exactly the three arguments it stands for; an argument that is set keeps its value.
        Assert.Empty(preset.GeneratorDiagnostics);
        Assert.Empty(preset.CompilationErrorsAndWarnings);
        Assert.Equal(spelledOut.Result.GeneratedSources.Single().SourceText.ToString(), preset.Result.GeneratedSources.Single().SourceText.ToString());
        var overridden = GeneratorHarness.Run(Network("72, 14, 14", "[SqueezeExcite(Form = SqueezeExciteForm.MobileNetV3, Reduction = 8)]"));
        Assert.Contains("se1 = new SqueezeExcite(72, 16, gate: ActivationKind.HardSigmoid);", overridden.Result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void CbamTimmForm()
    {
        Verify(Network("40, 8, 8", """
            [Cbam(Bias = false, BatchNorm = true, RoundToNearest = true), ChannelAttention(Reduction = 16, RoundToNearest = true)]
            """));
    }

    [Fact]
    public void BlockWithRoundedReduction()
    {
        Verify("""
            using Attention.Dsl;

            namespace Models;

            /// <summary>A block whose CBAM rounds its hidden width as timm does.</summary>
            [Block]
            [Conv2d(Block.Width, Kernel = 1), Cbam(RoundToNearest = true)]
            public partial class Rounded;

            /// <summary>A network of it.</summary>
            [Network(8, 8, 8)]
            [Apply(typeof(Rounded), Width = 40)]
            public partial class Net;
            """);
    }

    [Fact]
    public void SqueezeExciteVariants()
    {
        Verify(Network("32, 8, 8", """
            [SqueezeExcite(Reduction = 4), SqueezeExcite(Reduction = 8, InnerActivation = Activation.SiLU), SqueezeExcite(Reduction = 2)]
            """));
    }

    [Fact]
    public void ChannelAttentionLayer()
    {
        Verify(Network("32, 8, 8", """
            [ChannelAttention(Reduction = 8), ChannelAttention(Reduction = 4, Bias = false)]
            """));
    }

    [Fact]
    public void SpatialAttentionLayer()
    {
        Verify(Network("16, 8, 8", """
            [SpatialAttention, SpatialAttention(Kernel = 3, BatchNorm = true)]
            """));
    }

    [Fact]
    public void CbamLayer()
    {
        Verify(Network("32, 16, 16", """
            [Cbam(Reduction = 8, SpatialKernel = 5)]
            """));
    }

    [Fact]
    public void EcaLayer()
    {
        Verify(Network("64, 8, 8", """
            [Eca, Eca(Kernel = 5)]
            """));
    }

    [Fact]
    public void FashionCbamNet()
    {
        Verify("""
            using Attention.Dsl;

            namespace Fashion.Models;

            /// <summary>A small CNN with squeeze-and-excitation and CBAM for Fashion-MNIST.</summary>
            [Network(1, 28, 28)]
            [Conv2d(32, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
            [SqueezeExcite(Reduction = 16)]
            [Conv2d(64, Kernel = 3, Stride = 2, Padding = 1), BatchNorm2d, ReLU]
            [Cbam(Reduction = 16, SpatialKernel = 7)]
            [MaxPool2d(2), Dropout(0.25)]
            [GlobalAvgPool2d, Linear(10)]
            public partial class FashionCbamNet;
            """);
    }

    [Fact]
    public void BlockAppliedWithRepeat()
    {
        Verify("""
            using Attention.Dsl;

            namespace Models;

            /// <summary>Two convolutions at the use's width; the first takes the use's stride.</summary>
            [Block]
            [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
            [Conv2d(2 * Block.Width, Kernel = 1), SqueezeExcite(Reduction = 4)]
            public partial class ConvUnit;

            /// <summary>A network for the test.</summary>
            [Network(3, 32, 32)]
            [Apply(typeof(ConvUnit), Width = 16, Stride = 2, Repeat = 3)]
            [GlobalAvgPool2d, Linear(10)]
            public partial class Net;
            """);
    }

    [Fact]
    public void ResidualWithIdentityAndProjection()
    {
        Verify("""
            using Attention.Dsl;

            namespace Models;

            /// <summary>ResNet's basic block.</summary>
            [Block]
            [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
            [Conv2d(Block.Width, Kernel = 3, Padding = 1, Bias = false), BatchNorm2d]
            public partial class BasicBlock;

            /// <summary>A network for the test.</summary>
            [Network(16, 16, 16)]
            [Residual(typeof(BasicBlock), Width = 16, Repeat = 2, Activation = Activation.ReLU, Name = "layer1")]
            [Residual(typeof(BasicBlock), Width = 32, Stride = 2)]
            [GlobalAvgPool2d, Linear(10)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BlockInsideABlock()
    {
        Verify(GeneratedNetworkTests.NestedBlocks);
    }

    [Fact]
    public void BlockThatNoNetworkUses()
    {
        Verify("""
            using Attention.Dsl;

            namespace Models;

            /// <summary>An MLP block over feature vectors.</summary>
            [Block]
            [Linear(4 * Block.Width), GELU, Dropout(0.1), Linear(Block.Width), LayerNorm]
            internal partial class Mlp;
            """);
    }

    [Fact]
    public void SeResNet50()
    {
        Verify(GeneratedNetworkTests.ResNets);
    }

    [Fact]
    public void PlantedColumnNet()
    {
        Verify(Network("10, 2", """
            [Lstm(32)]
            [TemporalAttention]
            [Flatten, Linear(1), Sigmoid]
            """));
    }

    [Fact]
    public void SequenceLayers()
    {
        Verify(Network("12", """
            [Embedding(100, 16, PaddingIndex = 0), PositionalEncoding, Dropout(0.1)]
            [Gru(8, Layers = 2, Bidirectional = true, Dropout = 0.2), LayerNorm]
            [PositionalEncoding(Learned = true, MaxLength = 64)]
            [TemporalAttention(Shared = true), AttentionPooling(StepBias = true)]
            [Linear(3)]
            """));
    }

    [Fact]
    public void OpenLengthWithPaddingMask()
    {
        Verify(Network("Dimension.Open, PaddingMask = true", """
            [Embedding(1000, 16, PaddingIndex = 0), PositionalEncoding(MaxLength = 512), Dropout(0.1)]
            [Gru(8, Bidirectional = true), LayerNorm]
            [Lstm(8, Output = RecurrentOutput.EveryStep)]
            [AttentionPooling, Linear(2)]
            """));
    }

    [Fact]
    public void MaskedRecurrentOutputs()
    {
        Verify(Network("20, 4, PaddingMask = true", """
            [TemporalAttention(Shared = true), Lstm(6, Output = RecurrentOutput.LastStep)]
            """));
    }

    [Fact]
    public void RecurrentOutputs()
    {
        Verify(Network("20, 4", """
            [Lstm(8, Output = RecurrentOutput.EveryStep), Lstm(6, Bias = false, Output = RecurrentOutput.LastStep)]
            """).Replace("public partial class Net;", """
            public partial class Net;

            /// <summary>The final state of a bidirectional GRU.</summary>
            [Network(20, 4)]
            [Gru(5, Bidirectional = true, Output = RecurrentOutput.FinalState), Linear(2)]
            public partial class FinalNet;
            """, System.StringComparison.Ordinal));
    }

    [Fact]
    public void QueryKeyValueAttention()
    {
        Verify(Network("Dimension.Open, 16, PaddingMask = true", """
            [MultiHeadAttention(Heads = 4, Dropout = 0.1, Causal = true)]
            [RelativePositionAttention(Heads = 2, MaxDistance = 3, RelativeValues = true, Bias = false)]
            [ScoredAttention(Score = Score.Additive, Units = 8, Alignment = Alignment.LocalPredictive, Window = 2)]
            [ScoredAttention(Score = Score.Dot, Alignment = Alignment.Hard, Temperature = 0.5, Name = "hard")]
            [AttentionPooling, Linear(2)]
            """));
    }

    [Fact]
    public void SpatialTransformerWithALocalisationBlock()
    {
        Verify(Network("1, 28, 28", """
            [SpatialTransformer(typeof(Localisation), OutputHeight = 20, OutputWidth = 20), Conv2d(8, Kernel = 3), ReLU, Flatten, Linear(10)]
            """).Replace("public partial class Net;", """
            public partial class Net;

            /// <summary>The localisation network.</summary>
            [Block]
            [Conv2d(8, Kernel = 7), MaxPool2d(2), ReLU, GlobalAvgPool2d, Linear(16), ReLU]
            public partial class Localisation;
            """, System.StringComparison.Ordinal));
    }

    [Fact]
    public void HierarchicalAttentionNetwork()
    {
        Verify(Network("8, 20, PaddingMask = true", """
            [ForEach(typeof(SentenceEncoder)), Gru(16, Bidirectional = true), AttentionPooling, Linear(2)]
            """).Replace("public partial class Net;", """
            public partial class Net;

            /// <summary>Words to a sentence vector.</summary>
            [Block]
            [Embedding(1000, 32, PaddingIndex = 0), Gru(16, Bidirectional = true), AttentionPooling]
            public partial class SentenceEncoder;
            """, System.StringComparison.Ordinal));
    }

    [Fact]
    public void NetworkWithASecondInput()
    {
        Verify(Network("16, 300", """
            [SecondInput(16, 512)]
            [Linear(64), Tanh, GatedMultimodalUnit(32, ScalarGate = true), AttentionPooling, Linear(2)]
            """));
    }

    [Fact]
    public void CrossAttentionOverASecondInputOfOpenLength()
    {
        // the README's example
        Verify(Network("Dimension.Open, 64", """
            [SecondInput(49, 256)]
            [MultiHeadAttention(Heads = 4, AttendToSecondInput = true), LayerNorm, AttentionPooling, Linear(2)]
            """));
    }

    [Fact]
    public void MaskedTransformerEncoder()
    {
        Verify(Network("Dimension.Open, 16, PaddingMask = true", """
            [Residual(typeof(PreNormAttention), Width = 16, Repeat = 2), Residual(typeof(FeedForward), Width = 16), LayerNorm]
            [AttentionPooling, Linear(2)]
            """).Replace("public partial class Net;", """
            public partial class Net;

            /// <summary>Pre-norm self-attention.</summary>
            [Block]
            [LayerNorm, MultiHeadAttention(Heads = 4), Dropout(0.1)]
            public partial class PreNormAttention;

            /// <summary>Pre-norm feed-forward.</summary>
            [Block]
            [LayerNorm, Linear(4 * Block.Width), GELU, Linear(Block.Width)]
            public partial class FeedForward;
            """, System.StringComparison.Ordinal));
    }

    /// <summary>A network class in namespace <c>Models</c> with <paramref name="layers"/> under <c>[Network(shape)]</c>.</summary>
    internal static string Network(string shape, string layers) => $$"""
        using Attention.Dsl;

        namespace Models;

        /// <summary>A network for the test.</summary>
        [Network({{shape}})]
        {{layers}}
        public partial class Net;
        """;

    private static void Verify(string source, [CallerMemberName] string methodName = "")
    {
        var outcome = GeneratorHarness.Run(source);

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        Assert.NotEmpty(outcome.Result.GeneratedSources);

        SnapshotAssert.Match(outcome.RunResult, nameof(SnapshotTests), methodName);
    }
}
