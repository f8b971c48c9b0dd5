using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Malformed or unusual component declarations must give an ATTN diagnostic or nothing at all:
/// never an exception reaching the compiler (CS8785), and never ATTN9999.
/// </summary>
public sealed class ComponentRobustnessTests
{
    private const string Module = "public partial class M : nn.Module<Tensor, Tensor> { public override Tensor forward(Tensor input) => input; ";

    [Theory]
    [InlineData(Module + "[Linear] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(\"a\", InFeatures = 3)] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = x)] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = int.MaxValue)] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = -1), Linear(0, InFeatures = 0)] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Conv2d(int.MaxValue, InChannels = int.MaxValue, Kernel = int.MaxValue, Dilation = int.MaxValue)] private partial Conv2d c { get; } }")]
    [InlineData(Module + "[Conv1d(4, InChannels = 3, Groups = 2, Kernel = 0, Stride = 0)] private partial Conv1d c { get; } }")]
    [InlineData(Module + "[Eca(Channels = 16, Gamma = 0)] private partial nn.Module<Tensor, Tensor> e { get; } [Eca(Kernel = -3)] private partial nn.Module<Tensor, Tensor> f { get; } }")]
    [InlineData(Module + "[SqueezeExcite(Channels = 3, Reduction = 0, Gate = (Gate)7)] private partial nn.Module<Tensor, Tensor> se { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2, Name = \"x\")] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Linear fc { get; } [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Linear fc { get; } private partial Linear fc { get => null!; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Linear @class { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Unknown fc { get; } }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Linear fc => null!; }")]
    [InlineData(Module + "[Linear(4, InFeatures = 2)] private partial Linear this[int i] { get; } }")]
    [InlineData("public partial struct S { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    [InlineData("public partial interface I { [Linear(4, InFeatures = 2)] partial Linear fc { get; } }")]
    [InlineData("public partial record R { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    [InlineData("public partial class G<T> : nn.Module<Tensor, Tensor> { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    [InlineData("public class Outer { public partial class M : nn.Module<Tensor, Tensor> { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } } }")]
    [InlineData("public partial class M : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor> { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    [InlineData("[Network(4)] public partial class M { [Linear(4, InFeatures = 2)] private partial Linear fc { get; } }")]
    public void GeneratorNeverThrows(string declaration)
    {
        var outcome = GeneratorHarness.RunComponents(
            "using Attention.Dsl;\nusing Attention.Runtime.Modules;\nusing static Attention.Runtime.torch;\n" + declaration + "\n");

        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.OutputCompilation.GetDiagnostics(), static d => d.Id == "CS8785");
        Assert.All(outcome.GeneratorDiagnostics, static d =>
        {
            Assert.StartsWith("ATTN", d.Id, System.StringComparison.Ordinal);
            Assert.NotEqual("ATTN9999", d.Id);
        });
    }

    [Fact]
    public void PublicDocumentedComponentsCompileWithoutWarnings()
    {
        var outcome = GeneratorHarness.RunComponents("""
            using Attention.Dsl;
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;

            namespace Models;

            /// <summary>A module with public components.</summary>
            public sealed partial class M : nn.Module<Tensor, Tensor>
            {
                /// <summary>Gets the projection.</summary>
                [Linear(4, InFeatures = 2)] public partial Linear Projection { get; }

                /// <summary>Gets the channel attention.</summary>
                [SqueezeExcite(Channels = 4, Reduction = 2)] public partial nn.Module<Tensor, Tensor> Attention { get; }

                /// <summary>Runs.</summary>
                /// <param name="input">The batch.</param>
                /// <returns>The result.</returns>
                public override Tensor forward(Tensor input) => Projection.call(input);
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
    }

    [Fact]
    public void AKeywordPropertyIsRegisteredWithoutItsEscape()
    {
        var outcome = GeneratorHarness.RunComponents("""
            using Attention.Dsl;
            using Attention.Runtime.Modules;
            using static Attention.Runtime.torch;

            /// <summary>A module.</summary>
            public partial class M : nn.Module<Tensor, Tensor>
            {
                [Linear(4, InFeatures = 2)] private partial Linear @class { get; }

                /// <summary>Runs.</summary>
                /// <param name="input">The batch.</param>
                /// <returns>The result.</returns>
                public override Tensor forward(Tensor input) => @class.call(input);
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);
        var source = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("private partial Linear @class { get => _class; }", source, System.StringComparison.Ordinal);
        Assert.Contains("register_module(\"class\", _class);", source, System.StringComparison.Ordinal);
    }
}
