using System.Globalization;
using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>The gated multimodal unit as a component (its place), the spatial transformer's checks, and the diagnostics that keep them right.</summary>
public sealed class FusionSpecTests
{
    private const string Header = """
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>Fuses text and image features.</summary>
        public partial class Fusion : nn.Module<Tensor, Tensor, Tensor>
        {
        """;

    private const string Footer = """

            /// <inheritdoc/>
            public override Tensor forward(Tensor text, Tensor image) => gmu.call(text, image);
        }
        """;

    [Theory]
    [InlineData("[GatedMultimodalUnit(64, InFeatures1 = 300, InFeatures2 = 512)]", "new GatedMultimodalUnit(300, 512, 64)", 64 * 812 + 812 * 64)]
    [InlineData("[GatedMultimodalUnit(16, InFeatures1 = 30, InFeatures2 = 20, ScalarGate = true, GateOnHidden = true, Bias = true)]",
        "new GatedMultimodalUnit(30, 20, 16, scalar_gate: true, gate_on_hidden: true, bias: true)", 16 * 50 + 32 + 32 + 1)]
    public void A_unit_on_a_property_is_sized_and_counted(string attribute, string creation, int parameters)
    {
        var outcome = GeneratorHarness.RunComponents(Header + "    " + attribute + " private partial GatedMultimodalUnit gmu { get; }" + Footer);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        string generated = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains(creation, generated, System.StringComparison.Ordinal);
        Assert.Contains("(" + parameters.ToString("N0", CultureInfo.InvariantCulture) + " parameters in all)", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_size_is_required()
    {
        var diagnostic = Assert.Single(GeneratorHarness.RunComponents(Header + "    [GatedMultimodalUnit(64, InFeatures1 = 300)] private partial GatedMultimodalUnit gmu { get; }" + Footer).GeneratorDiagnostics);
        Assert.Equal("ATTN0005", diagnostic.Id);
        Assert.Contains("InFeatures2, the size of the second input, is required", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Network(1, 28, 28)]", "[Conv2d(4, Kernel = 3)]", "its localisation block 'Loc' ends in [N, 4, 26, 26], and fc_loc needs a vector")]
    [InlineData("[Network(16)]", "[Linear(4)]", "SpatialTransformer takes [N, C, H, W] images")]
    public void A_spatial_transformer_needs_images_and_a_localisation_block_that_ends_in_a_vector(string network, string block, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run($$"""
            using Attention.Dsl;

            {{network}}
            [SpatialTransformer(typeof(Loc))]
            public partial class Net;

            [Block]
            {{block}}
            public partial class Loc;
            """).GeneratorDiagnostics);
        Assert.Equal("ATTN0006", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ForEach(typeof(Words)), Flatten, Linear(2)]", "[Embedding(30, 8), Gru(5)]", "ForEach would mix the padded steps into the real ones")]
    public void A_nested_mask_must_be_reduced_by_a_block_that_consumes_it(string layers, string block, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run($$"""
            using Attention.Dsl;

            [Network(4, 6, PaddingMask = true)]
            {{layers}}
            public partial class Net;

            [Block]
            {{block}}
            public partial class Words;
            """).GeneratorDiagnostics);
        Assert.Equal("ATTN0020", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv2d(3, Kernel = 3)]", "[Conv2d(3, Kernel = 4), Flatten]", "Patches = 2", "its coarse block 'Coarse' gives [N, 3, 14, 14], and must give a feature map [D, h, w] with one cell per s × s pixels")]
    [InlineData("[Conv2d(3, Kernel = 4, Stride = 4)]", "[Conv2d(5, Kernel = 4), Flatten]", "Patches = 2", "its fine block 'Fine' turns a 4 × 4 patch into [N, 5], and must give the coarse features' 3 numbers")]
    [InlineData("[Conv2d(3, Kernel = 4, Stride = 4)]", "[Conv2d(3, Kernel = 4), Flatten]", "Patches = 17", "Patches is 17, and the coarse map has 16 cells")]
    [InlineData("[Conv2d(3, Kernel = 4, Stride = 4)]", "[Conv2d(3, Kernel = 4), Flatten]", "Patches = 2, PatchSize = 7", "PatchSize is 7, and must be the cell's side, 4, or that plus an even number of pixels")]
    public void A_dynamic_capacity_network_checks_that_its_blocks_fit(string coarse, string fine, string arguments, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run($$"""
            using Attention.Dsl;

            [Network(1, 16, 16)]
            [DynamicCapacity(typeof(Coarse), typeof(Fine), typeof(Top), {{arguments}})]
            public partial class Net;

            [Block] {{coarse}} public partial class Coarse;
            [Block] {{fine}} public partial class Fine;
            [Block] [Flatten, Linear(2)] public partial class Top;
            """).GeneratorDiagnostics);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Yang_et_al_attention_pooling_has_no_step_bias()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run("""
            using Attention.Dsl;

            [Network(5, 8)]
            [AttentionPooling(Units = 4, StepBias = true)]
            public partial class Net;
            """).GeneratorDiagnostics);
        Assert.Equal("ATTN0005", diagnostic.Id);
        Assert.Contains("Units = 4 asks for Yang et al.'s, which has none", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Network(8)]", "[GatedMultimodalUnit(4)]", "ATTN0006", "give it a second input with [SecondInput(...)]")]
    [InlineData("[Network(8), SecondInput(5)]", "[Linear(4)]", "ATTN0002", "no layer takes the second input")]
    [InlineData("[Network(8, PaddingMask = true), SecondInput(5)]", "[GatedMultimodalUnit(4)]", "ATTN0002", "a network with a padding mask has one input beside it")]
    [InlineData("[Network(8), SecondInput(0)]", "[GatedMultimodalUnit(4)]", "ATTN0002", "every dimension of [SecondInput] must be at least 1")]
    [InlineData("[Network(3, 8), SecondInput(5)]", "[GatedMultimodalUnit(4)]", "ATTN0006", "the second input is [N, 5]")]
    [InlineData("[Network(8), SecondInput(5)]", "[GatedMultimodalUnit(4, InFeatures2 = 5)]", "ATTN0005", "InFeatures2 sizes a component")]
    [InlineData("[Network(8), SecondInput(5)]", "[GatedMultimodalUnit(4, InFeatures1 = 8)]", "ATTN0106", "InFeatures1")]
    [InlineData("[Network(8), SecondInput(5)]", "[GatedMultimodalUnit(4, Name = \"second\")]", "ATTN0008", "second")]
    [InlineData("[Network(4, 8)]", "[ScoredAttention(AttendToSecondInput = true)]", "ATTN0005", "which must be declared with [SecondInput(S, features)] as sequences; it is missing")]
    [InlineData("[Network(4, 8), SecondInput(5)]", "[MultiHeadAttention(AttendToSecondInput = true)]", "ATTN0005", "it is [N, 5]")]
    public void A_second_input_is_checked(string network, string layers, string id, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run($$"""
            using Attention.Dsl;

            {{network}}
            {{layers}}
            public partial class Net;
            """).GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
