using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Attention.Generators.Tests.Infrastructure;
using Attention.Runtime;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Generators.Tests;

/// <summary>
/// Compiles generated networks, loads them next to the runtime and runs them: the output shape,
/// the compile-time parameter count and the state-dict keys must match what the module does.
/// </summary>
public sealed class GeneratedNetworkTests
{
    private const string FashionCbamNet = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>A small CNN with SE and CBAM.</summary>
        [Network(1, 28, 28)]
        [Conv2d(32, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
        [SqueezeExcite(Reduction = 16)]
        [Conv2d(64, Kernel = 3, Stride = 2, Padding = 1), BatchNorm2d, ReLU]
        [Cbam(Reduction = 16, SpatialKernel = 7)]
        [Eca, SpatialAttention(BatchNorm = true)]
        [MaxPool2d(2), Dropout(0.25)]
        [GlobalAvgPool2d, Linear(10)]
        public partial class FashionCbamNet;

        /// <summary>Vectors through every other kind of layer.</summary>
        [Network(4, 32)]
        [Conv1d(8, Kernel = 5, Padding = 2), BatchNorm1d, LeakyReLU, MaxPool1d(2), AvgPool1d(2)]
        [Flatten, LayerNorm, Linear(16), GELU, SiLU, Dropout, Linear(3), Softmax]
        public partial class VectorNet;
        """;

    /// <summary>A block that holds a residual stage of another block.</summary>
    internal const string NestedBlocks = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>ResNet's basic block.</summary>
        [Block]
        [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
        [Conv2d(Block.Width, Kernel = 3, Padding = 1, Bias = false), BatchNorm2d]
        public partial class BasicBlock;

        /// <summary>Two basic blocks at twice the width, then channel attention.</summary>
        [Block]
        [Residual(typeof(BasicBlock), Width = 2 * Block.Width, Stride = Block.Stride, Repeat = 2, Activation = Activation.ReLU)]
        [ChannelAttention(Reduction = 4)]
        public partial class Stage;

        /// <summary>Sizes the block's constructor computes with helpers: an adaptive ECA kernel, a rounded SE width.</summary>
        [Block]
        [Conv2d(Block.Width, Kernel = 1), Eca, SqueezeExcite(Reduction = 4, MakeDivisible = 8)]
        [Conv2d(Block.Width, Kernel = 3, Padding = 1, Groups = Block.Width, Bias = false)]
        public partial class Attend;

        /// <summary>A network for the test.</summary>
        [Network(3, 32, 32)]
        [Conv2d(16, Kernel = 3, Padding = 1)]
        [Apply(typeof(Stage), Width = 16, Stride = 2), Apply(typeof(Stage), Width = 32, Stride = 2)]
        [Apply(typeof(Attend), Width = 12), Apply(typeof(Attend), Width = 256)]
        [GlobalAvgPool2d, Linear(10)]
        public partial class Net;
        """;

    [Fact]
    public void BlocksInsideBlocksRunAndCountAsTheSummarySays()
    {
        WithNetwork(NestedBlocks, "Models.Net", network =>
        {
            using var input = randn(2, 3, 32, 32);
            using var output = ((nn.Module<Tensor, Tensor>)network).call(input);
            Assert.Equal([2L, 10], output.shape);

            var summary = (ModelSummary)network.GetType().GetProperty("Summary")!.GetValue(null)!;
            Assert.Equal(network.parameters().Sum(static p => p.numel()), summary.TotalParameters);
            Assert.Contains("layer2.0.layer1.1.branch.conv2.weight", network.state_dict().Keys);
            Assert.Contains("layer1.0.layer1.0.downsample.0.weight", network.state_dict().Keys);
        });
    }

    [Fact]
    public void OneDimensionalResidualStagesRunAndCountAsTheSummarySays()
    {
        const string source = """
            using Attention.Dsl;

            namespace Models;

            /// <summary>A 1-D residual unit.</summary>
            [Block]
            [Conv1d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm1d, GELU]
            [Conv1d(Block.Width, Kernel = 3, Padding = 1), MaxPool1d(3, Stride = 1, Padding = 1)]
            public partial class Unit1d;

            /// <summary>A network over sequences.</summary>
            [Network(4, 32)]
            [Residual(typeof(Unit1d), Width = 8, Stride = 2, Repeat = 2, Activation = Activation.GELU)]
            [Residual(typeof(Unit1d))]
            [GlobalAvgPool1d, Linear(3)]
            public partial class SequenceNet;
            """;

        WithNetwork(source, "Models.SequenceNet", network =>
        {
            using var input = randn(5, 4, 32);
            using var output = ((nn.Module<Tensor, Tensor>)network).call(input);
            Assert.Equal([5L, 3], output.shape);

            var summary = (ModelSummary)network.GetType().GetProperty("Summary")!.GetValue(null)!;
            Assert.Equal(network.parameters().Sum(static p => p.numel()), summary.TotalParameters);
            Assert.Equal([-1L, 8, 16], summary.Rows[0].OutputShape);
            var keys = network.state_dict().Keys.ToList();
            Assert.Contains("layer1.0.downsample.0.weight", keys);
            Assert.DoesNotContain("layer1.1.downsample.0.weight", keys);
            Assert.DoesNotContain("layer2.0.downsample.0.weight", keys);
        });
    }

    [Fact]
    public void ABlockNoNetworkUsesIsAModuleToo()
    {
        const string source = """
            using Attention.Dsl;

            namespace Models;

            /// <summary>A block that no network uses.</summary>
            [Block]
            [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
            [Conv2d(4 * Block.Width, Kernel = 1), SqueezeExcite(Reduction = 8)]
            public partial class Unused;
            """;

        WithNetwork(source, "Models.Unused", [16L, 8L, 2L], block =>
        {
            using var input = randn(2, 16, 10, 10);
            using var output = ((nn.Module<Tensor, Tensor>)block).call(input);
            Assert.Equal([2L, 32, 5, 5], output.shape);

            // 16·8·9 + 2·8 + 8·32 + 32 + SE(32 → 4 → 32 with biases)
            Assert.Equal((16 * 8 * 9) + 16 + (8 * 32) + 32 + (2 * 32 * 4) + 32 + 4, block.parameters().Sum(static p => p.numel()));
        });
    }

    /// <summary>SE-ResNet-50 and ResNet-50 as the design's example declares them.</summary>
    internal const string ResNets = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>ResNet's bottleneck with squeeze-and-excitation before the addition.</summary>
        [Block]
        [Conv2d(Block.Width, Kernel = 1, Bias = false), BatchNorm2d, ReLU]
        [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
        [Conv2d(4 * Block.Width, Kernel = 1, Bias = false), BatchNorm2d]
        [SqueezeExcite(Reduction = 16)]
        public partial class SeBottleneck;

        /// <summary>ResNet's bottleneck.</summary>
        [Block]
        [Conv2d(Block.Width, Kernel = 1, Bias = false), BatchNorm2d, ReLU]
        [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
        [Conv2d(4 * Block.Width, Kernel = 1, Bias = false), BatchNorm2d]
        public partial class Bottleneck;

        /// <summary>SE-ResNet-50 (Hu et al., 2018).</summary>
        [Network(3, 224, 224)]
        [Conv2d(64, Kernel = 7, Stride = 2, Padding = 3, Bias = false), BatchNorm2d, ReLU, MaxPool2d(3, Stride = 2, Padding = 1)]
        [Residual(typeof(SeBottleneck), Width = 64, Repeat = 3, Activation = Activation.ReLU)]
        [Residual(typeof(SeBottleneck), Width = 128, Stride = 2, Repeat = 4, Activation = Activation.ReLU)]
        [Residual(typeof(SeBottleneck), Width = 256, Stride = 2, Repeat = 6, Activation = Activation.ReLU)]
        [Residual(typeof(SeBottleneck), Width = 512, Stride = 2, Repeat = 3, Activation = Activation.ReLU)]
        [GlobalAvgPool2d, Linear(1000)]
        public partial class SeResNet50;

        /// <summary>ResNet-50 (He et al., 2016), projection shortcuts.</summary>
        [Network(3, 224, 224)]
        [Conv2d(64, Kernel = 7, Stride = 2, Padding = 3, Bias = false), BatchNorm2d, ReLU, MaxPool2d(3, Stride = 2, Padding = 1)]
        [Residual(typeof(Bottleneck), Width = 64, Repeat = 3, Activation = Activation.ReLU)]
        [Residual(typeof(Bottleneck), Width = 128, Stride = 2, Repeat = 4, Activation = Activation.ReLU)]
        [Residual(typeof(Bottleneck), Width = 256, Stride = 2, Repeat = 6, Activation = Activation.ReLU)]
        [Residual(typeof(Bottleneck), Width = 512, Stride = 2, Repeat = 3, Activation = Activation.ReLU)]
        [GlobalAvgPool2d, Linear(1000)]
        public partial class ResNet50;
        """;

    [Theory]
    [InlineData("Models.SeResNet50", 28_088_024L)]
    [InlineData("Models.ResNet50", 25_557_032L)]
    public void ResNetParameterCountsAreExactAtCompileTimeAndRunTime(string typeName, long expected)
    {
        WithNetwork(ResNets, typeName, network =>
        {
            var summary = (ModelSummary)network.GetType().GetProperty("Summary")!.GetValue(null)!;
            Assert.Equal(expected, summary.TotalParameters);
            Assert.Equal(expected, network.parameters().Sum(static p => p.numel()));
            Assert.Equal(4 + 3 + 4 + 6 + 3 + 2, summary.Rows.Count);
            Assert.Equal("layer4.2", summary.Rows[^3].Name);
            Assert.Equal([-1L, 2048, 7, 7], summary.Rows[^3].OutputShape);
        });
    }

    [Fact]
    public void ResNet50RunsForwardAndNamesItsStateLikePyTorch()
    {
        WithNetwork(ResNets, "Models.ResNet50", network =>
        {
            network.eval();
            using var input = randn(1, 3, 64, 64);
            using var output = ((nn.Module<Tensor, Tensor>)network).call(input);
            Assert.Equal([1L, 1000], output.shape);

            var keys = network.state_dict().Keys.ToList();
            string[] expected =
            [
                "conv1.weight", "bn1.running_var",
                "layer1.0.branch.conv1.weight", "layer1.0.branch.bn3.bias",
                "layer1.0.downsample.0.weight", "layer1.0.downsample.1.running_mean",
                "layer1.1.branch.conv3.weight", "layer2.0.downsample.0.weight", "layer4.2.branch.bn3.weight",
                "fc1.weight", "fc1.bias",
            ];
            Assert.All(expected, key => Assert.Contains(key, keys));
            Assert.DoesNotContain("layer1.1.downsample.0.weight", keys);
        });
    }

    [Theory]
    [InlineData("Models.FashionCbamNet", new long[] { 5, 1, 28, 28 }, new long[] { 5, 10 })]
    [InlineData("Models.VectorNet", new long[] { 5, 4, 32 }, new long[] { 5, 3 })]
    public void ForwardShapeAndParameterCountMatchTheSummary(string typeName, long[] inputShape, long[] outputShape)
    {
        WithNetwork(typeName, network =>
        {
            using var input = randn(inputShape);
            using var output = ((nn.Module<Tensor, Tensor>)network).call(input);
            Assert.Equal(outputShape, output.shape);

            var summary = (ModelSummary)network.GetType().GetProperty("Summary")!.GetValue(null)!;
            Assert.Equal(network.parameters().Sum(static p => p.numel()), summary.TotalParameters);
            Assert.Equal(outputShape.Skip(1), summary.Rows[^1].OutputShape.Skip(1));
            Assert.Contains("Total parameters", summary.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void StateDictKeysFollowTheDesign()
    {
        WithNetwork("Models.FashionCbamNet", network =>
        {
            var keys = network.state_dict().Keys.ToList();
            string[] expected =
            [
                "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "se1.fc1.weight", "se1.fc1.bias", "se1.fc2.weight", "se1.fc2.bias",
                "cbam1.channel.fc1.weight", "cbam1.channel.fc2.weight", "cbam1.spatial.conv.weight",
                "eca1.conv.weight", "sa1.conv.weight", "sa1.bn.weight", "fc1.weight", "fc1.bias",
            ];
            Assert.All(expected, key => Assert.Contains(key, keys));
            Assert.True(keys.IndexOf("conv1.weight") < keys.IndexOf("se1.fc1.weight"));
            Assert.True(keys.IndexOf("se1.fc1.weight") < keys.IndexOf("cbam1.channel.fc1.weight"));
        });
    }

    [Fact]
    public void DropoutFollowsTrainingMode()
    {
        WithNetwork("Models.VectorNet", network =>
        {
            network.eval();
            using var input = randn(2, 4, 32);
            using var first = ((nn.Module<Tensor, Tensor>)network).call(input);
            using var second = ((nn.Module<Tensor, Tensor>)network).call(input);
            Assert.True(first.allclose(second));
        });
    }

    private static void WithNetwork(string typeName, Action<nn.Module> test) => WithNetwork(FashionCbamNet, typeName, test);

    private static void WithNetwork(string source, string typeName, Action<nn.Module> test) => WithNetwork(source, typeName, [], test);

    private static void WithNetwork(string source, string typeName, object[] arguments, Action<nn.Module> test)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);

        using var stream = new MemoryStream();
        var emitted = outcome.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        // The generated assembly binds to the Attention.Runtime the test already loaded.
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        context.Resolving += static (_, name) =>
            name.Name == typeof(ModelSummary).Assembly.GetName().Name ? typeof(ModelSummary).Assembly : null;
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            using var network = (nn.Module)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, arguments)!;
            test(network);
        }
        finally
        {
            context.Unload();
        }
    }
}
