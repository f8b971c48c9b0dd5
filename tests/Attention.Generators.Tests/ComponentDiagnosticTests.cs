using System.Globalization;
using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The diagnostics of the graph form (components on partial properties): exact IDs and spans as
/// 1-based (line, column) of the start and the end. A class with an error generates nothing.
/// </summary>
public sealed class ComponentDiagnosticTests
{
    [Fact]
    public void ATTN0101_MissingSizePointsAtTheAttribute()
    {
        var diagnostic = SingleDiagnostic(Module("[Linear(4)] private partial Linear fc { get; }"));

        AssertDiagnostic(diagnostic, "ATTN0101", (8, 6), (8, 15));
        Assert.Equal(
            "Component 'fc' (Linear) needs InFeatures: a hand-written module has no input shape to infer it from",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Conv2d(8, Kernel = 1)] private partial Conv2d fc { get; }", "InChannels")]
    [InlineData("[BatchNorm1d] private partial BatchNorm1d fc { get; }", "NumFeatures")]
    [InlineData("[LayerNorm] private partial LayerNorm fc { get; }", "Features")]
    [InlineData("[Cbam] private partial nn.Module<Tensor, Tensor> fc { get; }", "Channels")]
    [InlineData("[Eca] private partial nn.Module<Tensor, Tensor> fc { get; }", "Channels")]
    public void ATTN0101_EachKindNamesItsSize(string member, string size)
    {
        var diagnostic = SingleDiagnostic(Module(member));

        Assert.Equal("ATTN0101", diagnostic.Id);
        Assert.Contains("needs " + size + ":", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0102_PropertyTypeDoesNotMatchTheLayer()
    {
        var diagnostic = SingleDiagnostic(Module("[Linear(4, InFeatures = 2)] private partial Conv2d fc { get; }"));

        AssertDiagnostic(diagnostic, "ATTN0102", (8, 49), (8, 55));
        Assert.Equal(
            "Component 'fc' is declared [Linear], so its type must be Linear, not 'Attention.Runtime.Modules.Conv2d'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0102_MechanismsAreTypedAsTensorModules()
    {
        var diagnostic = SingleDiagnostic(Module("[SqueezeExcite(Channels = 16)] private partial Linear fc { get; }"));

        Assert.Equal("ATTN0102", diagnostic.Id);
        Assert.Contains("its type must be SqueezeExcite or nn.Module<Tensor, Tensor>", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Linear(4, InFeatures = 2)] private Linear fc { get; }", 48, "must be declared partial")]
    [InlineData("[Linear(4, InFeatures = 2)] private partial Linear fc { get; set; }", 56, "must have a get accessor only")]
    [InlineData("[Linear(4, InFeatures = 2)] private static partial Linear fc { get; }", 63, "must not be static")]
    public void ATTN0103_PropertyMustBePartialGetOnlyAndInstance(string member, int column, string reason)
    {
        var diagnostic = SingleDiagnostic(Module(member));

        AssertDiagnostic(diagnostic, "ATTN0103", (8, column), (8, column + 2));
        Assert.Contains(reason, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATTN0001_ClassMustBePartial()
    {
        var diagnostic = SingleDiagnostic(Module(
            "[Linear(4, InFeatures = 2)] private partial Linear fc { get; }",
            "public class M : nn.Module<Tensor, Tensor>"));

        AssertDiagnostic(diagnostic, "ATTN0001", (6, 14), (6, 15));
    }

    [Fact]
    public void ATTN0104_ClassMustDeriveFromModule()
    {
        var diagnostic = SingleDiagnostic(Module(
            "[Linear(4, InFeatures = 2)] private partial Linear fc { get; }",
            "public partial class M"));

        AssertDiagnostic(diagnostic, "ATTN0104", (6, 22), (6, 23));
    }

    [Fact]
    public void ATTN0105_UserConstructorPointsAtIt()
    {
        var diagnostic = SingleDiagnostic(Module("""
            [Linear(4, InFeatures = 2)] private partial Linear fc { get; }
                public M() : base("m") { }
            """));

        AssertDiagnostic(diagnostic, "ATTN0105", (9, 12), (9, 13));
    }

    [Fact]
    public void ATTN0106_InferredSizeSetInTheSequentialForm()
    {
        var diagnostic = SingleDiagnostic("""
            using Attention.Dsl;

            [Network(16)]
            [Linear(4, InFeatures = 16)]
            public partial class Net;
            """);

        AssertDiagnostic(diagnostic, "ATTN0106", (4, 12), (4, 27));
        Assert.Equal(
            "InFeatures of layer 'Linear' is inferred from the input shape in a [Network]; remove it",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0107_SecondLayerAttributeOnOneProperty()
    {
        var diagnostic = SingleDiagnostic(Module("[Linear(4, InFeatures = 2), Dropout] private partial Linear fc { get; }"));

        AssertDiagnostic(diagnostic, "ATTN0107", (8, 33), (8, 40));
    }

    [Fact]
    public void ATTN0005_ComponentArgumentsAreCheckedAsInTheSequentialForm()
    {
        var diagnostic = SingleDiagnostic(Module("[SqueezeExcite(Channels = 8, Reduction = 16)] private partial nn.Module<Tensor, Tensor> se { get; }"));

        AssertDiagnostic(diagnostic, "ATTN0005", (8, 34), (8, 48));
        Assert.Equal(
            "Invalid argument for layer 'SqueezeExcite': Reduction is 16, and must be between 1 and the 8 input channels",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATTN0008_BackingFieldClashesWithAUserMember()
    {
        var diagnostic = SingleDiagnostic(Module("""
            [Linear(4, InFeatures = 2)] private partial Linear fc { get; }
                private int _fc;
            """));

        AssertDiagnostic(diagnostic, "ATTN0008", (9, 17), (9, 20));
    }

    [Fact]
    public void EveryInvalidPropertyIsReported()
    {
        SingleDiagnostic(
            Module("""
                [Linear(4)] private partial Linear a { get; }
                    [Linear(4, InFeatures = 2)] private partial Linear b { get; set; }
                """),
            expected: 2);
    }

    [Fact]
    public void ActivationOnAPropertyIsACompileError()
    {
        var outcome = GeneratorHarness.RunComponents(Module("[ReLU] private partial Linear fc { get; }"));

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.Result.GeneratedSources);
        var error = outcome.OutputCompilation.GetDiagnostics().First(static d => d.Id == "CS0592");
        var span = error.Location.GetLineSpan().Span;
        Assert.Equal((8, 6), (span.Start.Line + 1, span.Start.Character + 1));
    }

    [Fact]
    public void TheNetworkGeneratorIgnoresComponents()
    {
        var outcome = GeneratorHarness.Run(ComponentSources.GatedMultimodalUnit);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.Result.GeneratedSources);
    }

    [Fact]
    public void ATTN9999_UnexpectedExceptionBecomesADiagnosticOnTheProperty()
    {
        var tree = GeneratorHarness.Parse("partial class M { partial Linear fc { get; } }\n", "M.cs");
        var property = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>().Single();

        var result = ComponentGenerator.Guard(property, static () => throw new System.InvalidOperationException("boom"));

        Assert.Null(result.Model);
        var diagnostic = Assert.Single(result.Diagnostics).ToDiagnostic();
        AssertDiagnostic(diagnostic, "ATTN9999", (1, 34), (1, 36));
        Assert.Equal(
            "Attention.Generators failed while processing 'fc': System.InvalidOperationException: boom",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheAnalyzerReportsTheInferredSizeAndBothGeneratorsStillEmitTheNetwork()
    {
        var compilation = GeneratorHarness.CreateCompilation("""
            using Attention.Dsl;

            /// <summary>A network.</summary>
            [Network(16)]
            [Linear(4, InFeatures = 16)]
            public partial class Net;
            """);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator(), new ComponentGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions);
        var run = driver.RunGenerators(compilation).GetRunResult();

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["ATTN0106"], GeneratorHarness.Analyze(compilation).Select(static d => d.Id));
        Assert.Single(run.Results[0].GeneratedSources);
        Assert.Empty(run.Results[1].GeneratedSources);
    }

    [Theory]
    [InlineData("private LSTM? encoder;", "encoder", 82)]
    [InlineData("private LSTM encoder { get; set; } = null!; private GRU Decoder { get; set; }", "Decoder", 124)]
    public void ATTN0108_ModuleMemberWithoutAnInitialiser(string member, string name, int column)
    {
        var diagnostic = SingleDiagnostic(Module("[Linear(4, InFeatures = 2)] private partial Linear fc { get; } " + member));

        AssertDiagnostic(diagnostic, "ATTN0108", (8, column), (8, column + name.Length));
        Assert.StartsWith("'" + name + "' holds a module but has no initialiser", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Computed_and_static_module_members_are_not_registered_and_not_reported()
    {
        var outcome = GeneratorHarness.RunComponents(Module(
            "[Linear(4, InFeatures = 2)] private partial Linear fc { get; } private Linear Same => fc; private static readonly Linear Shared = new Linear(2, 2);"));

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        var source = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.DoesNotContain("\"Same\"", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\"Shared\"", source, System.StringComparison.Ordinal);
    }

    /// <summary>A module class <c>M</c> with <paramref name="members"/> on line 8 and a forward after them.</summary>
    private static string Module(string members, string header = "public partial class M : nn.Module<Tensor, Tensor>") => $$"""
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        /// <summary>The module.</summary>
        {{header}}
        {
            {{members}}

            /// <summary>Runs.</summary>
            /// <param name="input">The batch.</param>
            /// <returns>The batch.</returns>
            public override Tensor forward(Tensor input) => input.view(input.shape);
        }
        """;

    private static Diagnostic SingleDiagnostic(string source, int expected = 1)
    {
        var outcome = GeneratorHarness.RunComponents(source);
        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.Result.GeneratedSources);
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
