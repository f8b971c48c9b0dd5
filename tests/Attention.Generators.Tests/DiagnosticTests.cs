using System.Linq;
using Attention.Generators.Diagnostics;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// One test per diagnostic: the exact ID and where it points, given as 1-based line and column
/// (as an editor shows them) of the span's start and end. A declaration with an error generates
/// nothing.
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

    private static Diagnostic SingleDiagnostic(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.Result.GeneratedSources);
        return Assert.Single(outcome.GeneratorDiagnostics);
    }

    private static void AssertDiagnostic(Diagnostic diagnostic, string id, (int Line, int Column) start, (int Line, int Column) end)
    {
        Assert.Equal(id, diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan().Span;
        Assert.Equal(start, (span.Start.Line + 1, span.Start.Character + 1));
        Assert.Equal(end, (span.End.Line + 1, span.End.Character + 1));
    }
}
