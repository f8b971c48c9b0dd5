using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Whatever names the user's code declares, generated code compiles, or the generator says why it writes
/// nothing: a user type, namespace or member named like a runtime name the generated code uses (<c>Tensor</c>,
/// <c>F</c>, <c>nn</c>, <c>Linear</c> …) makes that name fully qualified where it is used; what cannot be generated
/// (a static class, a file-local class, a constructor that skips the generated one) is a diagnostic on it.
/// </summary>
public sealed class UserNameTests
{
    private const string MaskedSequences = """
        [Network(Dimension.Open, 4, PaddingMask = true), Lstm(8), AttentionPooling, Linear(2), Softmax]
        public partial class Seq;
        """;

    private const string Images = """
        [Network(3, 8, 8), Conv2d(8, Kernel = 3, Padding = 1), BatchNorm2d, ReLU, Cbam(Reduction = 4), SqueezeExcite(Reduction = 4)]
        [Residual(typeof(Unit), Width = 8), MaxPool2d(2), Flatten, Dropout, Linear(4), LayerNorm, GELU]
        public partial class Net;

        [Block, Conv2d(Block.Width, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]
        public partial class Unit;
        """;

    [Theory]
    [InlineData("public class Linear { }")]
    [InlineData("public class Tensor { } public class Conv2d { } public class BatchNorm2d { } public class ModelSummary { }")]
    [InlineData("public static class F { } public class nn { } public class torch { }")]
    [InlineData("public class Cbam { } public class SqueezeExcite { } public class LSTM { } public class AttentionPooling { }")]
    [InlineData("public class Dropout { } public class LayerNorm { } public class Embedding { } public class Sequential { }")]
    [InlineData("public partial class Net { public int F; public int nn; public static int Tensor; }")]
    [InlineData("public partial class Net { public class Linear { } public void Conv2d() { } }")]
    [InlineData("public partial class Seq { public int F; public string Tensor = \"\"; public void LSTM() { } }")]
    public void User_names_like_the_runtime_names_leave_the_generated_code_compiling(string userCode)
    {
        var outcome = GeneratorHarness.Run(
            "using Attention.Dsl;\nnamespace Models;\n" + MaskedSequences + "\n" + Images + "\n",
            "namespace Models;\n#pragma warning disable CS1591\n" + userCode + "\n");

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
        Assert.Equal(3, outcome.Result.GeneratedSources.Length);
    }

    [Theory]
    [InlineData("namespace Tensor { }")]
    [InlineData("namespace nn { class X { } }")]
    [InlineData("namespace F { }")]
    [InlineData("public class Linear { }")]
    public void Global_types_and_namespaces_named_like_runtime_names_leave_the_generated_code_compiling(string userCode)
    {
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\nnamespace Models;\n" + MaskedSequences + "\n" + Images + "\n", "#pragma warning disable CS1591\n" + userCode + "\n");

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
    }

    [Fact]
    public void A_network_named_like_a_runtime_type_compiles_and_keeps_its_layers_the_runtimes()
    {
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;
            namespace Models;
            [Network(16), Linear(4)]
            public partial class Linear;
            [Network(16), Linear(4)]
            public partial class Tensor;
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
        var linear = outcome.Result.GeneratedSources.Single(s => s.HintName == "Models.Linear.g.cs").SourceText.ToString();
        Assert.Contains("private readonly global::Attention.Runtime.Modules.Linear fc1;", linear, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("namespace Linear;")]
    [InlineData("namespace Models.Linear;")]
    [InlineData("namespace Linear.Models;")]
    [InlineData("namespace Linear { namespace Inner {")]
    public void A_namespace_named_like_a_runtime_type_keeps_its_name_and_the_layers_the_runtimes(string namespaceDeclaration)
    {
        var close = namespaceDeclaration.EndsWith('{') ? "}}" : string.Empty;
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\n" + namespaceDeclaration + "\n[Network(16), Linear(4)]\npublic partial class Net;\n" + close);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
        var generated = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.DoesNotContain("namespace global::", generated, System.StringComparison.Ordinal);
        Assert.Contains("private readonly global::Attention.Runtime.Modules.Linear fc1;", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_named_like_a_runtime_type_that_user_code_shadows_stays_a_field()
    {
        // found by the fuzz test: the field named Linear was qualified as the runtime's type wherever it was used
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\nnamespace Models;\n[Network(16), Linear(4, Name = \"Linear\"), ReLU]\npublic partial class Net;\npublic class Linear { }\n");

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
        var generated = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("private readonly global::Attention.Runtime.Modules.Linear Linear;", generated, System.StringComparison.Ordinal);
        Assert.Contains("Linear = new global::Attention.Runtime.Modules.Linear(16, 4);", generated, System.StringComparison.Ordinal);
        Assert.Contains("Linear.call(input)", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_named_nn_beside_one_typed_nn_Module_compiles()
    {
        // found by the graph-form fuzz test once value uses of member names were left alone: nn.Module must still be qualified
        var outcome = GeneratorHarness.RunComponents("""
            using Attention.Dsl;
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;
            namespace Models;
            public partial class Net : nn.Module<Tensor, Tensor>
            {
                [Eca(Channels = 4)] private partial nn.Module<Tensor, Tensor> attention { get; }
                [Linear(3, InFeatures = 3)] public partial Linear nn { get; }
                public override Tensor forward(Tensor x) => x.view(x.shape);
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(Errors(outcome));
    }

    [Fact]
    public void Qualified_names_keep_the_shape_comments_aligned()
    {
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\nnamespace Models;\n[Network(16), Linear(8), ReLU, Linear(2)] public partial class Net { public int F; }");
        var lines = outcome.Result.GeneratedSources.Single().SourceText.ToString().Split('\n');
        var forward = lines.SkipWhile(l => !l.Contains("public override Tensor forward", System.StringComparison.Ordinal)).Skip(2).TakeWhile(l => !l.Contains("return", System.StringComparison.Ordinal))
            .Where(l => l.Contains("// [N", System.StringComparison.Ordinal)).ToList();
        Assert.Contains(forward, l => l.Contains("global::Attention.Runtime.torch.nn.functional.relu(h1);", System.StringComparison.Ordinal));
        Assert.Single(forward.Select(l => l.IndexOf("// [N", System.StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void Names_that_nothing_shadows_stay_short()
    {
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\nnamespace Models;\n" + Images);
        var net = outcome.Result.GeneratedSources.Single(s => s.HintName == "Models.Net.g.cs").SourceText.ToString();
        Assert.DoesNotContain("global::Attention.Runtime.Modules.Linear fc1", net, System.StringComparison.Ordinal);
        Assert.Contains("private readonly Linear fc1;", net, System.StringComparison.Ordinal);
    }

    private static Diagnostic[] Errors(GeneratorOutcome outcome) =>
        [.. outcome.OutputCompilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error)];
}

/// <summary>What cannot be generated is a diagnostic on the declaration that causes it, and nothing broken is written.</summary>
public sealed class UngeneratableDeclarationTests
{
    [Theory]
    [InlineData("[Network(16), Linear(2)] public static partial class Net;", "ATTN0021", "static")]
    [InlineData("[Network(16), Linear(2)] file partial class Net;", "ATTN0021", "file-local")]
    [InlineData("[Network(16), Linear(2)] public partial class Net { public Net(int seed) { } }", "ATTN0021", "this()")]
    [InlineData("[Network(16), Linear(2)] public partial class Net { public Net(int seed) : base(\"x\") { } }", "ATTN0021", "this()")]
    [InlineData("[Network(16), Linear(2)] public partial class Summary;", "ATTN0008", "Summary")]
    [InlineData("[Network(16), Linear(2)] public partial class InputShape;", "ATTN0008", "InputShape")]
    [InlineData("[Network(16), Linear(2)] public partial class forward;", "ATTN0008", "forward")]
    [InlineData("[Network(16), Linear(2, Name = \"F\"), ReLU] public partial class Net;", "ATTN0008", "'F'")]
    [InlineData("[Network(16), Linear(2, Name = \"Tensor\")] public partial class Net;", "ATTN0008", "'Tensor'")]
    [InlineData("[Network(4, 2, PaddingMask = true), Lstm(2, Name = \"mask\"), AttentionPooling] public partial class Net;", "ATTN0008", "'mask'")]
    [InlineData("[Block, Linear(Block.Width)] public static partial class U; [Network(16), Apply(typeof(U), Width = 4)] public partial class Net;", "ATTN0017", "static")]
    public void Is_a_diagnostic_and_writes_nothing_broken(string declaration, string id, string fragment)
    {
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\nnamespace Models;\n" + declaration + "\n");

        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == id);
        Assert.Contains(fragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, static d => d.Id == "ATTN9999");
        Assert.Empty(outcome.OutputCompilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true));
    }

    [Fact]
    public void A_constructor_that_calls_this_is_fine()
    {
        var outcome = GeneratorHarness.Run("""
            using Attention.Dsl;
            namespace Models;
            /// <summary>N</summary>
            [Network(16), Linear(2)]
            public partial class Net
            {
                /// <summary>Seeds, then builds.</summary>
                public Net(int seed) : this() { Seed = seed; }

                /// <summary>The seed.</summary>
                public int Seed { get; }
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
    }
}
