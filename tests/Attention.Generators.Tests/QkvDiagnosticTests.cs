using System.Globalization;
using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The QKV family's bad arguments, in a network and as components: one diagnostic each, on the argument at fault (the
/// text under its span is checked), with a message that says why.
/// </summary>
public sealed class QkvDiagnosticTests
{
    [Theory]
    [InlineData("ScoredAttention(Window = 2)", "Window = 2", "Window is 2, but it applies only to the local alignments, and Alignment is Soft")]
    [InlineData("ScoredAttention(Alignment = Alignment.LocalMonotonic)", "ScoredAttention(Alignment = Alignment.LocalMonotonic)", "Window is 0, and a local alignment needs at least 1 step on each side")]
    [InlineData("ScoredAttention(Temperature = 0.5)", "Temperature = 0.5", "Temperature is 0.5, but it applies only to Alignment.Hard")]
    [InlineData("ScoredAttention(Alignment = Alignment.Hard, Temperature = 0)", "Temperature = 0", "Temperature is 0, and must be greater than 0")]
    [InlineData("ScoredAttention(KeyFeatures = 6)", "KeyFeatures = 6", "in a network the layer attends its input to itself")]
    [InlineData("ScoredAttention(Units = -1, Score = Score.Additive)", "Units = -1", "Units is -1")]
    [InlineData("ScoredAttention(Score = (Score)9)", "Score = (Score)9", "Score 9 is not a defined Score")]
    [InlineData("MultiHeadAttention(Heads = 3)", "Heads = 3", "Heads is 3, and must divide the 8 features of each step")]
    [InlineData("MultiHeadAttention(Heads = 2, Dropout = 1.0)", "Dropout = 1.0", "Dropout is 1, and must be in [0, 1)")]
    [InlineData("MultiHeadAttention(ValueFeatures = 4)", "ValueFeatures = 4", "ValueFeatures sizes a component")]
    [InlineData("RelativePositionAttention(Heads = 16)", "Heads = 16", "Heads is 16, and must divide the 8 features")]
    [InlineData("RelativePositionAttention(MaxDistance = 0)", "MaxDistance = 0", "MaxDistance is 0, and must be at least 1")]
    public void A_bad_argument_in_a_network_is_reported_on_that_argument(string layer, string span, string message)
    {
        string source = $$"""
            using Attention.Dsl;

            [Network(5, 8)]
            [{{layer}}]
            public partial class Net;
            """;
        var diagnostic = Single(GeneratorHarness.Run(source).GeneratorDiagnostics);

        Assert.Equal("ATTN0005", diagnostic.Id);
        Assert.Equal(span, Text(diagnostic, source));
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ScoredAttention(QueryFeatures = 8, KeyFeatures = 6, Score = Score.Dot)] private partial ScoredAttention attention { get; }",
        "KeyFeatures = 6", "the Dot score compares queries and keys of one size, and queries have 8")]
    [InlineData("[MultiHeadAttention(EmbedDim = 8, Heads = 2, Causal = true)] private partial MultiheadAttention attention { get; }",
        "Causal = true", "a component's forward passes is_causal: true to call")]
    [InlineData("[Gru(16, InputSize = 8, Output = RecurrentOutput.LastStep)] private partial GRU attention { get; }",
        "Output = RecurrentOutput.LastStep", "a component's forward takes what it needs")]
    public void A_bad_argument_on_a_component_is_reported_on_that_argument(string member, string span, string message)
    {
        string source = Module(member);
        var diagnostic = Single(GeneratorHarness.RunComponents(source).GeneratorDiagnostics);

        Assert.Equal("ATTN0005", diagnostic.Id);
        Assert.Equal(span, Text(diagnostic, source));
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_held_under_pytorchs_type_name_is_accepted_and_any_other_type_is_reported()
    {
        var outcome = GeneratorHarness.RunComponents(Module("[MultiHeadAttention(EmbedDim = 8, Heads = 2)] private partial MultiheadAttention attention { get; }"));
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);

        var wrong = Single(GeneratorHarness.RunComponents(Module("[MultiHeadAttention(EmbedDim = 8)] private partial Linear attention { get; }")).GeneratorDiagnostics);
        Assert.Equal("ATTN0102", wrong.Id);
        Assert.Contains("MultiheadAttention", wrong.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_attention_recurrent_and_embedding_components_compile_and_are_sized_by_the_generator()
    {
        var outcome = GeneratorHarness.RunComponents(Module("""
            [Embedding(20, 8)] private partial Embedding embed { get; }
                [Gru(6, InputSize = 8, Bidirectional = true)] private partial GRU encoder { get; }
                [ScoredAttention(QueryFeatures = 4, KeyFeatures = 12, Score = Score.Additive, Units = 5)] private partial ScoredAttention attention { get; }
            """));

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        string generated = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("new ScoredAttention(4, 12, ScoreFunction.Additive, units: 5)", generated, System.StringComparison.Ordinal);
        Assert.Contains("new GRU(8, 6, batch_first: true, bidirectional: true)", generated, System.StringComparison.Ordinal);
        Assert.Contains("(821 parameters in all)", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_class_may_derive_from_a_base_with_a_name_constructor_but_not_from_one_without()
    {
        const string Base = """
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;

            namespace Models;

            /// <summary>A base holding the forward pass.</summary>
            public abstract class Base : nn.Module<Tensor, Tensor, Tensor>
            {
                /// <summary>Creates the base.</summary>
                /// <param name="name">The module's name.</param>
                protected Base(string name) : base(name) { }

                /// <summary>Gets the attention.</summary>
                protected abstract ScoredAttention attention { get; }

                /// <inheritdoc/>
                public override Tensor forward(Tensor query, Tensor keys) => attention.call(query, keys);
            }

            /// <summary>A base without a name constructor.</summary>
            public abstract class Nameless : nn.Module<Tensor, Tensor, Tensor>
            {
                /// <summary>Creates the base.</summary>
                protected Nameless() : base("nameless") { }
            }
            """;
        const string Derived = """
            using Attention.Dsl;
            using Attention.Runtime.Modules;

            namespace Models;

            /// <summary>The dot score.</summary>
            public sealed partial class DotAttention : Base
            {
                /// <inheritdoc/>
                [ScoredAttention(QueryFeatures = 8, Score = Score.Dot)] protected override partial ScoredAttention attention { get; }
            }
            """;
        var outcome = GeneratorHarness.RunComponents(Base, Derived);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);

        var nameless = GeneratorHarness.RunComponents(Base, Derived.Replace(": Base", ": Nameless", System.StringComparison.Ordinal).Replace("protected override", "private", System.StringComparison.Ordinal));
        Assert.Equal(["ATTN0104"], nameless.GeneratorDiagnostics.Select(static d => d.Id));
    }

    private static Diagnostic Single(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics) => Assert.Single(diagnostics);

    private static string Text(Diagnostic diagnostic, string source) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static string Module(string members) => $$"""
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>The module.</summary>
        public partial class M : nn.Module<Tensor, Tensor>
        {
            {{members}}

            /// <summary>Runs.</summary>
            /// <param name="input">The batch.</param>
            /// <returns>The batch.</returns>
            public override Tensor forward(Tensor input) => input.view(input.shape);
        }
        """;
}
