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
    public async Task A_Linear_after_a_feature_map_gets_a_Flatten_or_a_global_pool_inserted_before_it()
    {
        const string source = """
            using Attention.Dsl;

            [Network(1, 28, 28)]
            [Conv2d(8, Kernel = 3), ReLU, Linear(10)]
            public partial class Net;
            """;
        Assert.Equal(source.Replace("ReLU, Linear(10)", "ReLU, Flatten, Linear(10)"), await FixAsync(source, "ATTN0006", new InsertLayerCodeFix(), "Insert [Flatten] before [Linear]"));
        Assert.Equal(source.Replace("ReLU, Linear(10)", "ReLU, GlobalAvgPool2d, Linear(10)"), await FixAsync(source, "ATTN0006", new InsertLayerCodeFix(), "Insert [GlobalAvgPool2d] before [Linear]"));

        const string first = """
            using Attention.Dsl;

            [Network(3, 8, 8)]
            [Linear(10)]
            public partial class Net;
            """;
        Assert.Equal(first.Replace("[Linear(10)]", "[Flatten, Linear(10)]"), await FixAsync(first, "ATTN0006", new InsertLayerCodeFix(), "Insert [Flatten] before [Linear]"));
    }

    [Fact]
    public async Task No_fix_is_offered_where_no_inserted_layer_certainly_helps()
    {
        // A Flatten over an open length would be ATTN0019 instead; a global pool is for [C, H, W] maps.
        const string open = """
            using Attention.Dsl;

            [Network(Dimension.Open, 4, 4), Linear(2)]
            public partial class Net;
            """;
        Assert.Empty(await ActionsAsync(open, "ATTN0006", new InsertLayerCodeFix()));

        // ATTN0006 for another reason (a convolution's window does not fit): nothing to insert.
        const string window = """
            using Attention.Dsl;

            [Network(1, 2, 2), Conv2d(4, Kernel = 5)]
            public partial class Net;
            """;
        Assert.Empty(await ActionsAsync(window, "ATTN0006", new InsertLayerCodeFix()));
        Assert.Empty(await ActionsAsync(window, "ATTN0006", new MakePartialCodeFix()));
    }

    /// <summary>Applies the fix for the one diagnostic <paramref name="id"/> and returns the fixed source, checked to compile cleanly.</summary>
    private static async Task<string> FixAsync(string source, string id) =>
        await FixAsync(source, id, new MakePartialCodeFix(), title: null);

    /// <summary>Applies <paramref name="fix"/>'s action titled <paramref name="title"/> (or its only one) for the one diagnostic <paramref name="id"/>.</summary>
    private static async Task<string> FixAsync(string source, string id, CodeFixProvider fix, string? title)
    {
        (Document document, List<CodeAction> actions) = await RegisterAsync(source, id, fix);
        CodeAction single = title is null ? Assert.Single(actions) : Assert.Single(actions, action => action.Title == title);
        if (fix is MakePartialCodeFix)
        {
            Assert.Equal(MakePartialCodeFix.EquivalenceKey, single.EquivalenceKey);
            Assert.StartsWith("Make '", single.Title, System.StringComparison.Ordinal);
        }

        ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(await single.GetOperationsAsync(CancellationToken.None)));
        string fixedSource = (await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();

        // The fixed source compiles with the generator and reports nothing.
        GeneratorOutcome outcome = GeneratorHarness.Run(fixedSource);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.OutputCompilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        return fixedSource;
    }

    private static async Task<List<CodeAction>> ActionsAsync(string source, string id, CodeFixProvider fix) =>
        (await RegisterAsync(source, id, fix)).Actions;

    /// <summary>The generator's one diagnostic <paramref name="id"/> on <paramref name="source"/>, and the actions <paramref name="fix"/> registers for it.</summary>
    private static async Task<(Document Document, List<CodeAction> Actions)> RegisterAsync(string source, string id, CodeFixProvider fix)
    {
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == id);
        Compilation compilation = GeneratorHarness.CreateCompilation(source);
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Fixed", "Fixed", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: compilation.References));
        Document document = project.AddDocument("Source0.cs", SourceText.From(source));
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return (document, actions);
    }
}
