using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Attention.CodeFixes;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The code fixes, as an IDE runs them: the generator reports its diagnostics on the source, the fix
/// is asked for each, its action is applied to the document, and the fixed text must be exactly the
/// expected one and must compile without the diagnostic.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public async Task A_network_class_without_modifiers_becomes_partial_keeping_its_attributes_and_comments()
    {
        const string source = """
            using Attention.Dsl;

            namespace Models;

            [Network(1, 28, 28)]
            [Conv2d(8, Kernel = 3), ReLU]
            // the classifier
            class Net;
            """;
        const string expected = """
            using Attention.Dsl;

            namespace Models;

            [Network(1, 28, 28)]
            [Conv2d(8, Kernel = 3), ReLU]
            // the classifier
            partial class Net;
            """;
        Assert.Equal(expected, await FixAsync(source, "ATTN0001"));
    }

    [Fact]
    public async Task Partial_goes_after_the_other_modifiers()
    {
        const string source = """
            using Attention.Dsl;

            [Network(4), Linear(2)]
            public sealed class Net { }
            """;
        Assert.Equal(source.Replace("public sealed class", "public sealed partial class"), await FixAsync(source, "ATTN0001"));
    }

    [Fact]
    public async Task The_containing_type_and_a_block_class_are_made_partial_too()
    {
        const string containing = """
            using Attention.Dsl;

            public static class Outer
            {
                [Network(4), Linear(2)]
                public partial class Net;
            }
            """;
        Assert.Equal(containing.Replace("public static class Outer", "public static partial class Outer"), await FixAsync(containing, "ATTN0003"));

        const string block = """
            using Attention.Dsl;

            [Block, Linear(4)]
            internal class Mlp;

            [Network(4), Apply(typeof(Mlp))]
            public partial class Net;
            """;
        Assert.Equal(block.Replace("internal class Mlp", "internal partial class Mlp"), await FixAsync(block, "ATTN0015"));
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_diagnostic_that_is_not_about_partial()
    {
        // ATTN0006: Linear on a 3-D image; making anything partial would not help.
        const string source = """
            using Attention.Dsl;

            [Network(1, 28, 28), Linear(10)]
            public partial class Net;
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("ATTN0006", diagnostic.Id);
        Assert.DoesNotContain(diagnostic.Id, new MakePartialCodeFix().FixableDiagnosticIds);
    }

    /// <summary>Applies the fix for the one diagnostic <paramref name="id"/> and returns the fixed source, checked to compile cleanly.</summary>
    private static async Task<string> FixAsync(string source, string id)
    {
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == id);
        Compilation compilation = GeneratorHarness.CreateCompilation(source);

        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Fixed", "Fixed", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: compilation.References));
        Document document = project.AddDocument("Source0.cs", SourceText.From(source));

        var actions = new List<CodeAction>();
        var fix = new MakePartialCodeFix();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        CodeAction single = Assert.Single(actions);
        Assert.Equal(MakePartialCodeFix.EquivalenceKey, single.EquivalenceKey);
        Assert.StartsWith("Make '", single.Title, System.StringComparison.Ordinal);

        ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(await single.GetOperationsAsync(CancellationToken.None)));
        string fixedSource = (await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();

        // The fixed source compiles with the generator and reports nothing.
        GeneratorOutcome outcome = GeneratorHarness.Run(fixedSource);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.OutputCompilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        return fixedSource;
    }
}
