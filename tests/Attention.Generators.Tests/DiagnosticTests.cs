using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// One test per diagnostic: the exact ID and where it points, given as 1-based line and column
/// (as an editor shows them) of the span's start and end. A declaration with an error generates
/// nothing (a valid block it uses is still completed).
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void ATTN0001_NetworkClassNotPartial()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(1, 28, 28)]
            public class Net
            {
            }
            """);

        AssertDiagnostic(diagnostic, "ATTN0001", (4, 14), (4, 17));
        Assert.Equal("Network class 'Net' must be declared partial so that its generated members can be added", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0002_NoDimensionsPointsAtTheArgumentList()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network()]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 9), (3, 11));
    }

    [Fact]
    public void ATTN0002_NoArgumentListPointsAtTheAttribute()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 2), (3, 9));
    }

    [Fact]
    public void ATTN0002_DimensionBelowOnePointsAtThatArgument()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(1, 0, 28)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 13), (3, 14));
        Assert.Equal(
            "Invalid input shape for network 'Net': dimension 1 is 0, and every dimension must be at least 1",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0002_NegativeElementOfAnExplicitArray()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(new[] { 3, -1 })]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 21), (3, 23));
    }

    [Fact]
    public void ATTN0003_ContainingTypeNotPartial()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            public class Outer
            {
                [Network(4)]
                public partial class Net;
            }
            """);

        AssertDiagnostic(diagnostic, "ATTN0003", (3, 14), (3, 19));
        Assert.Equal(
            "Type 'Outer' contains network class 'Net' and must be declared partial",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0004_GenericNetworkClass()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(4)]
            public partial class Net<T>;
            """);

        AssertDiagnostic(diagnostic, "ATTN0004", (4, 22), (4, 25));
    }

    [Fact]
    public void ATTN0004_NetworkClassInsideGenericType()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            public partial class Outer<T>
            {
                [Network(4)]
                public partial class Net;
            }
            """);

        AssertDiagnostic(diagnostic, "ATTN0004", (6, 26), (6, 29));
    }

    [Fact]
    public void ATTN0005_ReductionLargerThanChannelsPointsAtTheArgument()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(8, 4, 4)]
            [SqueezeExcite(Reduction = 16)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0005", (4, 16), (4, 30));
        Assert.Equal(
            "Invalid argument for layer 'SqueezeExcite': Reduction is 16, and must be between 1 and the 8 input channels",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0005_EvenSpatialKernel()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(8, 16, 16)]
            [Cbam(Reduction = 2, SpatialKernel = 4)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0005", (4, 22), (4, 39));
    }

    [Fact]
    public void ATTN0005_DropoutProbabilityOutOfRangePointsAtTheConstructorArgument()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            [Dropout(1.5)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0005", (4, 10), (4, 13));
    }

    [Fact]
    public void ATTN0006_LinearAfterFeatureMapPointsAtTheAttribute()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(1, 28, 28)]
            [Conv2d(8), Linear(10)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0006", (4, 13), (4, 23));
        Assert.Equal(
            "Layer 'Linear' cannot take input of shape [N, 8, 26, 26]: Linear takes [N, features] or [N, T, features]; insert Flatten or a global pool before it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0006_KernelLargerThanPaddedInput()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(1, 4, 4)]
            [Conv2d(8, Kernel = 7, Padding = 1)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0006", (4, 2), (4, 36));
        Assert.Contains("the kernel spans 7 elements, more than the padded input's 6", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0006_Conv2dOnVectors()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(128)]
            [Conv2d(8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0006", (4, 2), (4, 11));
    }

    [Fact]
    public void ATTN0007_LayersOnTwoDeclarationsPointsAtTheSecond()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            [Linear(8)]
            public partial class Net;

            [ReLU]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0007", (7, 2), (7, 6));
    }

    [Fact]
    public void ATTN0008_LayerNameClashesWithAnotherLayer()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            [Linear(8, Name = "head"), Linear(4, Name = "head")]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0008", (4, 38), (4, 51));
        Assert.Equal(
            "The generated member 'head' of network 'Net' clashes with another layer's field",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0008_DefaultLayerNameClashesWithUserMember()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            [Linear(8)]
            public partial class Net
            {
                private int fc1;
            }
            """);

        AssertDiagnostic(diagnostic, "ATTN0008", (4, 2), (4, 11));
    }

    [Fact]
    public void ATTN0008_UserMemberNamedLikeAGeneratedMember()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            public partial class Net
            {
                public static int Summary => 0;
            }
            """);

        AssertDiagnostic(diagnostic, "ATTN0008", (6, 23), (6, 30));
    }

    [Fact]
    public void ATTN0009_LayerWithoutNetwork()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Conv2d(8), ReLU]
            public partial class Net;
            """,
            expected: 2);

        AssertDiagnostic(diagnostic, "ATTN0009", (3, 2), (3, 11));
        Assert.Equal(
            "Layer attribute 'Conv2d' has no effect: class 'Net' is not marked [Network]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0010_NetworkWithBaseClass()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            public class Base;

            [Network(16)]
            public partial class Net : Base;
            """);

        AssertDiagnostic(diagnostic, "ATTN0010", (6, 28), (6, 32));
    }

    [Fact]
    public void ATTN0011_TypeofAClassWithoutBlock()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            public partial class Plain;

            [Network(3, 32, 32)]
            [Apply(typeof(Plain), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0011", (6, 8), (6, 21));
        Assert.Equal("'Apply' uses 'Plain', which is not a class marked [Block]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0012_WidthSentinelInANetwork()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(3, 32, 32)]
            [Conv2d(4 * Block.Width)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0012", (4, 9), (4, 24));
        Assert.Equal("Layer 'Conv2d' uses 4 * Block.Width, which is valid only in the layers of a [Block] class", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0012_StrideSentinelInANetwork()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(3, 32, 32)]
            [Conv2d(8, Stride = Block.Stride)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0012", (4, 12), (4, 33));
    }

    [Fact]
    public void ATTN0012_StrideSentinelAsASizeInABlock()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Linear(Block.Stride)]
            public partial class Unit;

            [Network(16)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0012", (4, 9), (4, 21));
    }

    [Fact]
    public void ATTN0013_BlockThatIsAlsoANetwork()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Network(3, 32, 32)]
            [Conv2d(8)]
            public partial class Both;
            """);

        AssertDiagnostic(diagnostic, "ATTN0013", (3, 2), (3, 7));
    }

    [Fact]
    public void ATTN0014_BlockThatAppliesItself()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 1), Apply(typeof(Loop))]
            public partial class Loop;

            [Network(3, 32, 32)]
            [Apply(typeof(Loop), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0014", (4, 41), (4, 53));
        Assert.Equal("Block 'Loop' uses itself (Loop -> Loop), which would never end", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0014_BlocksThatUseEachOther()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Apply(typeof(B))]
            public partial class A;

            [Block]
            [Residual(typeof(A))]
            public partial class B;

            [Network(3, 32, 32)]
            [Apply(typeof(A), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0014", (8, 11), (8, 20));
        Assert.Contains("(A -> B -> A)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0015_BlockClassNotPartial()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width)]
            public class Unit;

            [Network(3, 32, 32)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0015", (5, 14), (5, 18));
    }

    [Fact]
    public void ATTN0016_BlockWhoseCodeDiffersBetweenUses()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 1), LayerNorm]
            public partial class Unit;

            [Network(8, 8, 8)]
            [Apply(typeof(Unit), Width = 8), MaxPool2d(2), Apply(typeof(Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0016", (8, 48), (8, 78));
        Assert.Equal(
            "Block 'Unit' cannot serve this use and its earlier ones with one module class: the sizes of its layer 'ln1' do not follow from in_channels, width and stride alone",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11, "11.0")]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10, "10.0")]
    public void ATTN0018_LanguageVersionTooOldForTheGeneratedCode(Microsoft.CodeAnalysis.CSharp.LanguageVersion version, string shown)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width)]
            public partial class Unit;

            [Network(3, 8, 8)]
            [Apply(typeof(Unit), Width = 4)]
            public partial class Net { }
            """, GeneratorHarness.ParseOptions.WithLanguageVersion(version), "Old.cs");
        var outcome = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([tree]));

        Assert.Empty(outcome.Result.GeneratedSources);
        var diagnostics = outcome.GeneratorDiagnostics.OrderBy(static d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);
        AssertDiagnostic(diagnostics[0], "ATTN0018", (5, 22), (5, 26));
        AssertDiagnostic(diagnostics[1], "ATTN0018", (9, 22), (9, 25));
        Assert.Equal(
            "'Net' is not generated: the code the generator writes needs C# 12 or later (collection expressions), and this project compiles C# " + shown + "; set <LangVersion>12</LangVersion> or later",
            diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0019_TemporalAttentionOverAnOpenLength()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(Dimension.Open, 2)]
            [Lstm(32), TemporalAttention]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0019", (4, 12), (4, 29));
        Assert.Equal(
            "TemporalAttention needs a fixed length: it learns a layer over the T steps (seed 000's Dense over the steps); its input is [N, T, 32], whose length T is left open by [Network(Dimension.Open, ...)]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0019_LinearAfterFlatteningAnOpenLength()
    {
        // Seed 000's Flatten into a Dense: the Flatten is fine, the Linear cannot know its input size.
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(Dimension.Open, 2)]
            [Lstm(32), Flatten, Linear(1)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0019", (4, 21), (4, 30));
        Assert.Contains("its input is [N, T]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AttentionPooling(StepBias = true)", 19, 34)]
    [InlineData("PositionalEncoding", 2, 20)]
    [InlineData("GlobalAvgPool1d", 2, 17)]
    public void ATTN0019_ArgumentsOrKindsThatNeedAFixedLength(string layer, int start, int end)
    {
        var diagnostic = SingleDiagnostic($$"""
            using Attention.Dsl;

            [Network(Dimension.Open, 8)]
            [{{layer}}]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0019", (4, start), (4, end));
    }

    [Fact]
    public void ATTN0002_OnlyTheFirstDimensionMayBeOpen()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(4, Dimension.Open)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 13), (3, 27));
    }

    [Fact]
    public void ATTN0002_APaddingMaskOverImages()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(1, 28, 28, PaddingMask = true)]
            [Conv2d(8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0002", (3, 21), (3, 39));
    }

    [Fact]
    public void ATTN0020_FlattenWhileTheMaskIsLive()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(10, 2, PaddingMask = true)]
            [Lstm(32), Flatten, Linear(1)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0020", (4, 12), (4, 19));
        Assert.Equal(
            "The padding mask of network 'Net' is not taken: Flatten would mix the padded steps into the real ones; reduce the steps first with a layer that takes the mask (AttentionPooling, or Lstm/Gru with Output = LastStep or FinalState)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0020_AMaskThatNoLayerTakes()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(Dimension.Open, 4, PaddingMask = true)]
            [Linear(8), ReLU]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0020", (3, 29), (3, 47));
    }

    [Fact]
    public void NoMaskDiagnosticOnceALayerHasReducedTheSteps()
    {
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;

            /// <summary>After the last step, nothing is per step any more.</summary>
            [Network(10, 2, PaddingMask = true)]
            [Lstm(32, Output = RecurrentOutput.LastStep), Flatten, Linear(1), Softmax(Dim = 1)]
            public partial class Net;
            """);

        Assert.Empty(outcome.GeneratorDiagnostics.Select(static d => d.ToString()));
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
    }

    [Fact]
    public void ATTN0016_TwoNetworksThatNeedABlockWrittenDifferently()
    {
        // Each network alone is fine; together they would need two versions of Unit (LayerNorm over
        // the last spatial dimension: 8 in one, 4 in the other). The second network is told.
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 1), LayerNorm]
            public partial class Unit;

            [Network(8, 8, 8)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Wide;

            [Network(8, 4, 4)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Narrow;
            """);

        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "ATTN0016", (13, 22), (13, 28));
        Assert.Equal(
            "Block 'Unit' cannot serve this use and its earlier ones with one module class: network 'Wide' uses it too, and the sizes of its layer 'ln1' do not follow from in_channels, width and stride alone",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(outcome.Result.GeneratedSources, static s => s.HintName == "Unit.g.cs");
    }

    [Fact]
    public void ATTN0005_InsideABlockNamesTheUseThatCausedIt()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 1), SqueezeExcite(Reduction = 16)]
            public partial class Unit;

            [Network(8, 8, 8)]
            [Apply(typeof(Unit), Width = 2)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0005", (4, 49), (4, 63));
        Assert.Equal(
            "Invalid argument for layer 'SqueezeExcite': Reduction is 16, and must be between 1 and the 2 input channels (in block 'Unit' as used by [Apply(typeof(Unit), Width = 2)])",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0006_InsideANestedBlockNamesEveryUseOnTheWay()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 5)]
            public partial class Inner;

            [Block]
            [Apply(typeof(Inner), Width = Block.Width)]
            public partial class Outer;

            [Network(8, 4, 4)]
            [Apply(typeof(Outer), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0006", (4, 2), (4, 33));
        Assert.Equal(
            "Layer 'Conv2d' cannot take input of shape [N, 8, 4, 4]: the kernel spans 5 elements, more than the padded input's 4 (in block 'Inner' as used by [Apply(typeof(Inner), Width = Block.Width)], in block 'Outer' as used by [Apply(typeof(Outer), Width = 8)])",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Lstm(8, Dropout = 0.5)]", 10, 23, "Dropout is 0.5, but it applies between stacked layers and Layers is 1, so it would do nothing")]
    [InlineData("[Gru(0)]", 6, 7, "hiddenSize is 0, and must be at least 1")]
    [InlineData("[Lstm(8, Layers = 2, Dropout = 1.0)]", 22, 35, "Dropout is 1, and must be in [0, 1)")]
    [InlineData("[Lstm(8), PositionalEncoding(MaxLength = 5)]", 30, 43, "MaxLength is 5, and must be 0 (the input's length) or at least the 10 steps of the input")]
    public void ATTN0005_SequenceLayerArguments(string layers, int start, int end, string reason)
    {
        var diagnostic = SingleDiagnostic(SnapshotTests.Network("10, 2", layers));

        AssertDiagnostic(diagnostic, "ATTN0005", (7, start), (7, end));
        Assert.EndsWith(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10, 2", "[Embedding(50, 8)]", "Layer 'Embedding' cannot take input of shape [N, 10, 2]: Embedding takes [N, T] token ids")]
    [InlineData("3, 8, 8", "[Lstm(8)]", "Layer 'Lstm' cannot take input of shape [N, 3, 8, 8]: Lstm takes [N, T, features]")]
    [InlineData("10, 2", "[Lstm(8, Output = RecurrentOutput.LastStep), TemporalAttention]", "Layer 'TemporalAttention' cannot take input of shape [N, 8]: TemporalAttention takes [N, T, features]")]
    public void ATTN0006_SequenceLayersOnTheWrongShape(string shape, string layers, string message)
    {
        var diagnostic = SingleDiagnostic(SnapshotTests.Network(shape, layers));

        Assert.Equal("ATTN0006", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0006_ResidualWithoutProjectionWhereTheShapeChanges()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1)]
            public partial class Unit;

            [Network(8, 16, 16)]
            [Residual(typeof(Unit), Width = 16, Stride = 2, Projection = false)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0006", (8, 2), (8, 68));
        Assert.Equal(
            "Layer 'Residual' cannot take input of shape [N, 8, 16, 16]: the block's output is [N, 16, 8, 8], and with Projection = false the identity shortcut cannot be added to it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("public partial class Unit<T>", 5, 26, 5, 29)]
    [InlineData("public partial class Unit : Base", 5, 29, 5, 33)]
    [InlineData("public partial class Unit : System.IDisposable { public void Dispose() { } } public partial class Unit : Base", 5, 106, 5, 110)]
    public void ATTN0017_BlockDeclarationTheModuleCannotComplete(string declaration, int line, int column, int endLine, int endColumn)
    {
        var diagnostic = SingleDiagnostic($$"""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width)]
            {{declaration}};

            /// <summary>A base.</summary>
            public class Base;

            [Network(3, 32, 32)]
            [Apply(typeof(Unit{{(declaration.Contains('<') ? "<int>" : string.Empty)}}), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0017", (line, column), (endLine, endColumn));
    }

    [Fact]
    public void ATTN0017_BlockNestedInATypeThatIsNotPartial()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            public static class Blocks
            {
                [Block]
                [Conv2d(Block.Width)]
                public partial class Unit;
            }

            [Network(3, 32, 32)]
            [Apply(typeof(Blocks.Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0017", (3, 21), (3, 27));
    }

    [Fact]
    public void ATTN0008_BlockLayerNamedLikeAConstructorParameter()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Name = "width")]
            public partial class Unit;

            [Network(3, 32, 32)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0008", (4, 22), (4, 36));
        Assert.Equal(
            "The generated member 'width' of block 'Unit' clashes with a parameter of the generated constructor",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0008_BlockLayerNamedLikeAUserMember()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width), BatchNorm2d]
            public partial class Unit
            {
                private int bn1;
            }

            [Network(3, 32, 32)]
            [Apply(typeof(Unit), Width = 8, Repeat = 2)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0008", (4, 23), (4, 34));
    }

    [Theory]
    [InlineData("Repeat = 0", "Repeat is 0, and must be between 1 and 1024")]
    [InlineData("Repeat = 5000", "Repeat is 5000, and must be between 1 and 1024")]
    [InlineData("Stride = 0", "Stride is 0, and must be at least 1")]
    [InlineData("Width = -3", "Width is -3, and must be at least 1 (or 0 for the incoming channels)")]
    [InlineData("Activation = (Activation)42", "Activation 42 is not a defined Activation")]
    public void ATTN0005_InvalidStageArgumentPointsAtIt(string argument, string reason)
    {
        var diagnostic = SingleDiagnostic($$"""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 1)]
            public partial class Unit;

            [Network(3, 32, 32)]
            [Residual(typeof(Unit), {{argument}})]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0005", (8, 25), (8, 25 + argument.Length));
        Assert.Equal("Invalid argument for layer 'Residual': " + reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0011_TypeofAStructOrAnUnboundGeneric()
    {
        var diagnostics = GeneratorHarness.Run("""
            using Attention.Dsl;

            [Network(3, 32, 32)]
            [Apply(typeof(int)), Apply(typeof(System.Collections.Generic.List<>))]
            public partial class Net;
            """).GeneratorDiagnostics;

        var diagnostic = Assert.Single(diagnostics);
        AssertDiagnostic(diagnostic, "ATTN0011", (4, 8), (4, 19));
    }

    [Fact]
    public void AProblemInsideABlockIsReportedOnceAtTheBlocksAttribute()
    {
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width, Kernel = 9)]
            public partial class Unit;

            [Network(3, 4, 4)]
            [Apply(typeof(Unit), Width = 8, Repeat = 2)]
            public partial class First;

            [Network(3, 4, 4)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Second;
            """);

        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "ATTN0006", (4, 2), (4, 33));
        Assert.EndsWith("(in block 'Unit' as used by [Apply(typeof(Unit), Width = 8, Repeat = 2)])", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0007_BlockLayersOnTwoDeclarations()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width)]
            public partial class Unit;

            [BatchNorm2d]
            public partial class Unit;

            [Network(3, 32, 32)]
            [Apply(typeof(Unit), Width = 8)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0007", (7, 2), (7, 13));
        Assert.StartsWith("Block 'Unit' has layer attributes on more than one partial declaration", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0009_NotReportedForTheLayersOfABlock()
    {
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;

            [Block]
            [Conv2d(Block.Width), BatchNorm2d, ReLU]
            internal partial class Unit;
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
    }

    [Fact]
    public void EveryDescriptorHasADocumentationPageAndARelease()
    {
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(ProjectDirectory(), "..", ".."));
        var releases = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "src", "Attention.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.All(DiagnosticDescriptors.ById.Keys, id =>
        {
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "docs", "diagnostics", id + ".md")), id + " has no page");
            Assert.Contains(id + " |", releases, System.StringComparison.Ordinal);
        });
    }

    private static string ProjectDirectory() =>
        typeof(DiagnosticTests).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(static a => a.Key == "ProjectDirectory").Value!;

    [Fact]
    public void ATTN9999_UnexpectedExceptionBecomesADiagnostic()
    {
        var tree = GeneratorHarness.Parse("partial class Net;\n", "Net.cs");
        var declaration = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().Single();

        var result = NetworkGenerator.Guard(declaration, static () => throw new System.InvalidOperationException("boom"));

        Assert.Null(result.Model);
        var info = Assert.Single(result.Diagnostics);
        var diagnostic = info.ToDiagnostic();
        AssertDiagnostic(diagnostic, "ATTN9999", (1, 15), (1, 18));
        Assert.Equal(
            "Attention.Generators failed while processing 'Net': System.InvalidOperationException: boom",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryDescriptorHasHelpLinkDescriptionAndErrorSeverity()
    {
        Assert.All(DiagnosticDescriptors.ById.Values, static descriptor =>
        {
            Assert.Matches("^ATTN[0-9]{4}$", descriptor.Id);
            Assert.EndsWith(descriptor.Id + ".md", descriptor.HelpLinkUri, System.StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        });
    }

    private static Diagnostic SingleDiagnostic(string source, int expected = 1)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);

        // The network with the error generates nothing; a valid block it uses is still completed.
        Assert.All(outcome.Result.GeneratedSources, static source =>
            Assert.Contains("(long in_channels, long width, long stride)", source.SourceText.ToString(), System.StringComparison.Ordinal));
        var diagnostics = outcome.GeneratorDiagnostics.OrderBy(static d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(expected, diagnostics.Count);
        return diagnostics[0];
    }

    private static void AssertDiagnostic(Diagnostic diagnostic, string id, (int Line, int Column) start, (int Line, int Column) end)
    {
        Assert.Equal(id, diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan().Span;
        Assert.Equal(start, (span.Start.Line + 1, span.Start.Character + 1));
        Assert.Equal(end, (span.End.Line + 1, span.End.Character + 1));
    }
}
