using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Random DSL programs, valid and invalid, with names that collide with what the generated code uses and numbers
/// out of every range. For each: the generator does not throw, never reports ATTN9999, and when it reports no error
/// and the user's own code compiles, the code it generates compiles too. Seeded, so a run is reproducible; bounded by
/// a count and a time budget. What it found is kept as regular cases in <see cref="RobustnessTests"/> and
/// <see cref="UserNameTests"/>.
/// </summary>
public sealed class FuzzTests
{
    private static readonly int Programs = int.TryParse(Environment.GetEnvironmentVariable("ATTENTION_FUZZ_PROGRAMS"), out var n) ? n : 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(Programs > 300 ? 3600 : 40);

    private static readonly string[] Sizes = ["1", "2", "3", "4", "8", "16", "64", "1000", "65536", "int.MaxValue", "0", "-1", "1 << 30"];
    private static readonly string[] Small = ["0", "1", "2", "3", "4", "5", "7", "-1", "100"];
    private static readonly string[] Signed = ["-3", "-2", "-1", "0", "1", "2", "3", "99"];
    private static readonly string[] Doubles = ["0", "0.1", "0.5", "1", "1.5", "-0.5", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "1e-5", "1e300"];
    private static readonly string[] Bools = ["true", "false"];
    private static readonly string[] Outputs = ["EveryStep", "LastStep", "FinalState"];
    private static readonly string[] Names = ["fc_x", "F", "Tensor", "nn", "mask", "input", "h1", "Net", "forward", "Summary", "register_module", "conv1", "a b", "Linear", "layer"];

    // Layers by the input they suit, so that most programs get far enough to reach the emitters; one in five layers
    // comes from another family, to reach the shape diagnostics too.
    private static readonly string[] ImageLayers =
    [
        "Conv2d({size}, Kernel = {small}, Padding = {small}, Dilation = {small}, Groups = {small})", "Conv2d({size}, Kernel = 3, SamePadding = {bool})",
        "BatchNorm2d(Eps = {double}, Momentum = {double})", "MaxPool2d({small})", "ReLU", "GELU", "SqueezeExcite(Reduction = {small}, MakeDivisible = {small})",
        "Cbam(Reduction = {small}, SpatialKernel = {small})", "Eca", "Eca(Kernel = {small}, Gamma = {small})", "ChannelAttention(Reduction = {small})",
        "SpatialAttention(Kernel = {small})", "Apply(typeof(Unit), Width = {size}, Repeat = {small})", "Residual(typeof(Unit), Width = {size}, Stride = {small})",
        "SpatialTransformer(typeof(Unit), AlignCorners = {bool}, OutputHeight = {small}, OutputWidth = {small})",
        "DynamicCapacity(typeof(Unit), typeof(Unit), typeof(Unit), Patches = {small}, PatchSize = {small})", "ForEach(typeof(Unit), Width = {size})",
    ];

    private static readonly string[] SequenceLayers =
    [
        "Lstm({size}, Layers = {small}, Bidirectional = {bool}, Output = RecurrentOutput.{output})", "Gru({size}, Layers = 2, Dropout = {double})",
        "TemporalAttention(Shared = {bool})", "AttentionPooling(StepBias = {bool})", "PositionalEncoding(Learned = {bool}, MaxLength = {size})",
        "Linear({size})", "LayerNorm(Eps = {double})", "Dropout({double})", "Tanh", "Softmax(Dim = {signed})",
        "Conv1d({size}, Kernel = {small}, Stride = {small}, Padding = {small})", "AvgPool1d({small}, Stride = {small})", "GlobalMaxPool1d", "BatchNorm1d",
        "ScoredAttention(Score = (Score){small}, Units = {size}, Causal = {bool})", "ScoredAttention(Alignment = (Alignment){small}, Window = {small}, Temperature = {double})",
        "MultiHeadAttention(Heads = {small}, Dropout = {double}, Causal = {bool}, Bias = {bool})",
        "RelativePositionAttention(Heads = {small}, MaxDistance = {small}, RelativeValues = {bool})", "ForEach(typeof(Unit))",
    ];

    private static readonly string[] VectorLayers =
    [
        "Linear({size})", "Linear({size}, Bias = {bool})", "LayerNorm(Eps = {double})", "Dropout({double})", "ReLU", "LeakyReLU(NegativeSlope = {double})",
        "Softmax(Dim = {signed})", "Flatten(StartDim = {signed}, EndDim = {signed})", "BatchNorm1d", "Apply(typeof(Mlp), Width = {size})",
    ];

    private static readonly string[] Tame = ["1", "2", "3", "4", "8", "16"];
    private static readonly string[] TameSmall = ["1", "2", "3"];
    private static readonly string[] TameDoubles = ["0", "0.1", "0.5", "1e-5"];

    private static readonly string[] Decoys =
    [
        "", "", "", "public class Linear { }", "namespace Tensor { }", "public partial class Net { public int F; }",
        "public partial class Net { public Net(int seed) : this() { } }", "public class Conv2d { } public class LSTM { }",
        "public static class nn { }", "public partial class Net { public static int torch; public class Dropout { } }",
        "public class ModelSummary { } public class Sequential { } public class AttentionPooling { }",
    ];

    private static readonly string[] Blocks =
    [
        "[Block, Conv2d(Block.Width, Kernel = 3, Padding = 1), BatchNorm2d, ReLU]",
        "[Block, Conv2d(Block.Width, Stride = Block.Stride, Kernel = 1), SqueezeExcite(Reduction = 4)]",
        "[Block, Conv2d(Block.Width, Kernel = 2, Stride = 2), ReLU, GlobalAvgPool2d, Linear(Block.Width)]",
        "[Block, Linear(Block.Width), Gru(4), AttentionPooling]",
    ];

    [Fact]
    public void Random_programs_never_break_the_generator_or_the_generated_code()
    {
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("ATTENTION_FUZZ_SEED"), out var seed) ? seed : 20261203);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var compiled = 0;
        var i = 0;
        for (; i < Programs && clock.Elapsed < Budget && failures.Count < 5; i++)
        {
            var (dsl, decoy) = Program(random);
            var (failure, valid) = Check(dsl, decoy);
            compiled += valid ? 1 : 0;
            if (failure is not null)
            {
                failures.Add(failure + "\n" + dsl + decoy);
            }
        }

        Console.WriteLine($"fuzz: {i} programs, {compiled} valid, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The generator is exercised both ways: programs it generates code for, and programs it rejects.
        Assert.True(compiled >= i / 20, $"only {compiled} of {i} programs were valid: the fuzzer no longer reaches the emitters");
        Assert.True(compiled <= i - (i / 20), $"{compiled} of {i} programs were valid: the fuzzer no longer reaches the diagnostics");
    }

    private static readonly string[] Components =
    [
        "[Linear({size}, InFeatures = {size})] private partial Linear {name} { get; }",
        "[Linear({size}, InFeatures = {size}, Bias = {bool})] public partial Linear {name} { get; }",
        "[Conv2d({size}, InChannels = {size}, Kernel = {small}, Padding = {small})] private partial Conv2d {name} { get; }",
        "[BatchNorm2d(NumFeatures = {size}, Eps = {double})] private partial BatchNorm2d {name} { get; }",
        "[LayerNorm(Features = {size})] private partial LayerNorm {name} { get; }",
        "[Dropout({double})] private partial Dropout {name} { get; }",
        "[SqueezeExcite(Channels = {size}, Reduction = {small})] private partial nn.Module<Tensor, Tensor> {name} { get; }",
        "[Cbam(Channels = {size}, Reduction = {small})] private partial Cbam {name} { get; }",
        "[Eca(Channels = {size})] private partial nn.Module<Tensor, Tensor> {name} { get; }",
        "[SpatialAttention(Kernel = {small})] private partial SpatialAttention {name} { get; }",
        "[Linear({size})] private partial Linear {name} { get; }",
        "[Linear({size}, InFeatures = {size})] private Linear {name} { get; } = null!;",
        "[ScoredAttention(QueryFeatures = {size}, KeyFeatures = {size}, Score = (Score){small}, Units = {size})] private partial ScoredAttention {name} { get; }",
        "[MultiHeadAttention(EmbedDim = {size}, Heads = {small}, KeyFeatures = {size})] private partial MultiheadAttention {name} { get; }",
        "[Gru({size}, InputSize = {size}, Bidirectional = {bool})] private partial GRU {name} { get; }",
        "[Embedding({size}, {size})] private partial Embedding {name} { get; }",
    ];

    private static readonly string[] MemberNames = ["fc", "conv", "norm", "F", "Tensor", "nn", "forward", "call", "register_module", "attention", "x", "Net"];

    [Fact]
    public void Random_graph_form_modules_never_break_the_generator_or_the_generated_code()
    {
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("ATTENTION_FUZZ_SEED"), out var seed) ? seed + 1 : 20261204);
        var failures = new List<string>();
        var clean = 0;
        var i = 0;
        for (; i < Programs && failures.Count < 5; i++)
        {
            string Pick(string[] pool) => pool[random.Next(pool.Length)];
            var members = Enumerable.Range(0, random.Next(1, 4))
                .Select(k => Layer(random, Pick(Components), named: false).Replace("{name}", Pick(MemberNames) + (random.Next(3) == 0 ? string.Empty : k.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal));
            var source = "using Attention.Dsl;\nusing Attention.Runtime.Modules;\nusing static Attention.Runtime.torch;\nnamespace Models;\n"
                + "public partial class Net : nn.Module<Tensor, Tensor>\n{\n    " + string.Join("\n    ", members)
                + "\n    public override Tensor forward(Tensor x) => x.view(x.shape);\n}\n";
            var decoy = Pick(Decoys);
            var outcome = GeneratorHarness.RunComponents(source, "#pragma warning disable CS1591, CS0169, CS0649\nnamespace Models;\n" + decoy + "\n");
            string? failure = outcome.Result.Exception is { } exception
                ? "threw " + exception.GetType().Name + ": " + exception.Message
                : outcome.GeneratorDiagnostics.FirstOrDefault(static d => d.Id == "ATTN9999")?.GetMessage(CultureInfo.InvariantCulture);
            // The user's own errors: those of the module without the generator, less what the generator is there
            // to add (the partial properties' implementations, the constructor that calls the base with a name).
            var userErrors = GeneratorHarness.CreateCompilation(source, "namespace Models;\n" + decoy).GetDiagnostics()
                .Any(static d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS9248" or "CS7036"));
            if (failure is null && !userErrors && !outcome.GeneratorDiagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
            {
                // The user's file may have errors of its own (a decoy's clash); the generated file may not.
                var generated = outcome.OutputCompilation.GetDiagnostics()
                    .Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
                    .ToList();
                clean++;
                failure = generated.Count > 0 ? "generated code does not compile: " + string.Join("; ", generated.Take(3)) : null;
            }

            if (failure is not null)
            {
                failures.Add(failure + "\n" + source);
            }
        }

        Console.WriteLine($"fuzz (graph form): {i} modules, {clean} without a generator error");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(clean >= i / 20 && clean <= i - (i / 20), $"{clean} of {i} modules had no generator error: the fuzzer no longer reaches both sides ");
    }

    /// <summary>Programs the fuzzer found broken, kept: non-finite arguments written as NaN.0, and sizes that overflowed the generator.</summary>
    [Theory]
    [InlineData("[Network(4, 3)]\n[LeakyReLU(NegativeSlope = double.PositiveInfinity)]", "ATTN0005")]
    [InlineData("[Network(8, 2)]\n[Linear(65536), LeakyReLU(NegativeSlope = double.NegativeInfinity), LeakyReLU(NegativeSlope = 0)]", "ATTN0005")]
    [InlineData("[Network(16)]\n[LayerNorm(Eps = double.PositiveInfinity), Flatten]", "ATTN0005")]
    [InlineData("[Network(16)]\n[Dropout(double.NaN)]", "ATTN0005")]
    [InlineData("[Network(int.MaxValue, 1, 4)]\n[Cbam(Reduction = 1, SpatialKernel = 1), GELU, Conv2d(16, Kernel = 1, Padding = 1)]", "ATTN0006")]
    [InlineData("[Network(int.MaxValue, 2, 2)]\n[Conv2d(int.MaxValue, Kernel = 1), Conv2d(int.MaxValue, Kernel = 1), Conv2d(int.MaxValue, Kernel = 1)]", "ATTN0006")]
    public void Found_programs_get_a_diagnostic_and_no_broken_code(string network, string id)
    {
        var dsl = "using Attention.Dsl;\nnamespace Models;\n" + network + "\npublic partial class Net;\n";
        var (failure, _) = Check(dsl, string.Empty);
        Assert.Null(failure);
        Assert.Contains(GeneratorHarness.Run(dsl).GeneratorDiagnostics, d => d.Id == id);
    }

    /// <summary>
    /// The invariants for one program: what is wrong with it (null when nothing), and whether it was valid (the
    /// generator reported no error and the user's own code compiles), so that its generated code had to compile.
    /// </summary>
    private static (string? Failure, bool Valid) Check(string dsl, string decoy)
    {
        var outcome = GeneratorHarness.Run(dsl, "#pragma warning disable CS1591, CS0169, CS0649\nnamespace Models;\n" + decoy + "\n");
        if (outcome.Result.Exception is { } exception)
        {
            return ("threw " + exception.GetType().Name + ": " + exception.Message, false);
        }

        if (outcome.GeneratorDiagnostics.FirstOrDefault(static d => d.Id == "ATTN9999") is { } internalError)
        {
            return (internalError.GetMessage(CultureInfo.InvariantCulture), false);
        }

        var userErrors = GeneratorHarness.CreateCompilation(dsl, "namespace Models;\n" + decoy).GetDiagnostics().Any(static d => d.Severity == DiagnosticSeverity.Error);
        if (userErrors || outcome.GeneratorDiagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
        {
            return (null, false);
        }

        var errors = outcome.OutputCompilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        return (errors.Count > 0 ? "generated code does not compile: " + string.Join("; ", errors.Take(3)) : null, true);
    }

    private static (string Dsl, string Decoy) Program(Random random)
    {
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        string Size() => random.Next(5) == 0 ? Pick(Sizes) : Pick(Tame);
        var source = new StringBuilder("using Attention.Dsl;\nnamespace Models;\n");
        var family = random.Next(4);
        var (shape, layers) = family switch
        {
            0 => (Size() + ", " + Size() + ", " + Size(), ImageLayers),
            1 => ((random.Next(3) == 0 ? "Dimension.Open" : Size()) + ", " + Size(), SequenceLayers),
            2 => ((random.Next(2) == 0 ? "Dimension.Open" : Size()), SequenceLayers),
            _ => (Size(), VectorLayers),
        };
        if (family is 1 or 2 && random.Next(3) == 0)
        {
            shape += ", PaddingMask = true";
        }

        var declared = new List<string>();
        if (family == 2)
        {
            declared.Add(Layer(random, "Embedding({size}, {size}, PaddingIndex = {signed})"));
        }

        var all = new[] { ImageLayers, SequenceLayers, VectorLayers };
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            declared.Add(Layer(random, Pick(random.Next(5) == 0 ? all[random.Next(all.Length)] : layers)));
        }

        source.Append("[Network(").Append(shape).Append(")]\n[").Append(string.Join(", ", declared)).Append("]\n");
        source.Append(random.Next(25) == 0 ? "public static partial class Net;\n" : "public partial class Net;\n");
        source.Append(Pick(Blocks)).Append("\npublic partial class Unit;\n");
        source.Append("[Block, Linear(Block.Width), ReLU]\npublic partial class Mlp;\n");
        return (source.ToString(), Pick(Decoys));
    }

    private static string Layer(Random random, string template, bool named = true)
    {
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        bool wild = random.Next(5) == 0;
        var text = template
            .Replace("{size}", wild ? Pick(Sizes) : Pick(Tame), StringComparison.Ordinal)
            .Replace("{small}", wild ? Pick(Small) : Pick(TameSmall), StringComparison.Ordinal)
            .Replace("{signed}", wild ? Pick(Signed) : "-1", StringComparison.Ordinal)
            .Replace("{double}", wild ? Pick(Doubles) : Pick(TameDoubles), StringComparison.Ordinal)
            .Replace("{bool}", Pick(Bools), StringComparison.Ordinal)
            .Replace("{output}", Pick(Outputs), StringComparison.Ordinal);
        if (named && random.Next(6) == 0)
        {
            var name = "Name = \"" + Pick(Names) + "\"";
            text = text.EndsWith(')') ? text[..^1] + ", " + name + ")" : text + "(" + name + ")";
        }

        return text;
    }
}
