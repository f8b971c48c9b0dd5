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
