using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Attention.Dsl;
using Attention.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attention.Generators.Tests.Infrastructure;

/// <summary>
/// Builds compilations against the .NET reference assemblies this test project was built with
/// (recorded by the build, never taken from the running process) plus Attention.Dsl and
/// Attention.Runtime, and runs <see cref="NetworkGenerator"/> over them.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>Latest C#, with documentation comments checked so generated docs are validated too.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. System.IO.Directory.EnumerateFiles(FrameworkReferenceDirectory(), "*.dll")
            .OrderBy(static path => path, System.StringComparer.Ordinal)
            .Select(static path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Attention.Runtime.ModelSummary).Assembly.Location),
    ];

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999);

    private static string FrameworkReferenceDirectory()
    {
        var directory = typeof(GeneratorHarness).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .SingleOrDefault(static a => a.Key == "FrameworkReferenceDirectory")?.Value;
        return string.IsNullOrEmpty(directory) || !System.IO.Directory.Exists(directory)
            ? throw new System.InvalidOperationException("The test assembly does not record the .NET reference assembly folder.")
            : directory;
    }

    /// <summary>Parses <paramref name="source"/> as the file <paramref name="path"/>.</summary>
    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ….</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select(static (source, i) => Parse(source, $"Source{i}.cs")));

    /// <summary>A compilation of <paramref name="trees"/>.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Attention.Generators.TestInput", trees, References, CompilationOptions);

    /// <summary>A driver for <see cref="NetworkGenerator"/> that records every pipeline step.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(
                IncrementalGeneratorOutputKind.None,
                trackIncrementalGeneratorSteps: true));

    /// <summary>A driver for <paramref name="generator"/> alone that records every pipeline step.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(
                IncrementalGeneratorOutputKind.None,
                trackIncrementalGeneratorSteps: true));

    /// <summary>Runs <see cref="ComponentGenerator"/> (the graph form) over <paramref name="sources"/>.</summary>
    public static GeneratorOutcome RunComponents(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(new ComponentGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorOutcome(driver.GetRunResult(), output, Analyze(compilation));
    }

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorOutcome Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator over <paramref name="compilation"/>.</summary>
    public static GeneratorOutcome Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorOutcome(driver.GetRunResult(), output, Analyze(compilation));
    }

    /// <summary>The diagnostics of the generator assembly's analyzers over the user's code (not the generated code).</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation) =>
        compilation.WithAnalyzers([new LayerPlacementAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
}

/// <summary>What one generator run produced.</summary>
/// <param name="RunResult">The driver's result: generated sources, generator diagnostics, exceptions.</param>
/// <param name="OutputCompilation">The input compilation with the generated sources added.</param>
/// <param name="AnalyzerDiagnostics">What the generator assembly's analyzers report on the input.</param>
internal sealed record GeneratorOutcome(GeneratorDriverRunResult RunResult, Compilation OutputCompilation, ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>The single generator's result.</summary>
    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Diagnostics the generator and its analyzers reported: what a user sees from the package.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => [.. RunResult.Diagnostics, .. AnalyzerDiagnostics];

    /// <summary>Errors and warnings of the compilation that includes the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationErrorsAndWarnings =>
        [.. OutputCompilation.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning)];
}
