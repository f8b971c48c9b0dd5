using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Runs the driver twice with step tracking and checks why each step's outputs were produced:
/// an edit that does not touch a network must leave every step cached, and changing one
/// network's shape must re-emit that network only.
/// </summary>
public sealed class IncrementalityTests
{
    private const string FirstNetwork = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>The first network.</summary>
        [Network(1, 28, 28)]
        [Conv2d(32, Padding = 1), BatchNorm2d, ReLU]
        [SqueezeExcite(Reduction = 16)]
        [GlobalAvgPool2d, Linear(10)]
        public partial class FirstNet;
        """;

    private const string SecondNetwork = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>The second network.</summary>
        [Network(3, 32, 32)]
        [Conv2d(16), ReLU, Cbam(Reduction = 4)]
        [Flatten, Dropout, Linear(10)]
        public partial class SecondNet;
        """;

    private static readonly string[] PipelineSteps =
    [
        TrackingNames.NetworkResults,
        TrackingNames.NetworkDiagnostics,
        TrackingNames.NetworkModels,
    ];

    [Fact]
    public void AddingAnUnrelatedFileLeavesEveryStepCached()
    {
        var compilation = GeneratorHarness.CreateCompilation(FirstNetwork, SecondNetwork);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var firstRun = driver.GetRunResult();

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse(
            "namespace Other;\n\n/// <summary>Unrelated.</summary>\npublic static class Helpers;\n",
            "Helpers.cs"));
        var secondRun = driver.RunGenerators(edited).GetRunResult();

        var result = secondRun.Results.Single();
        foreach (var step in PipelineSteps)
        {
            Assert.All(Outputs(result, step), static reason =>
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"reason {reason}"));
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs),
            static output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal(
            firstRun.Results.Single().GeneratedSources.Select(static s => s.SourceText.ToString()),
            result.GeneratedSources.Select(static s => s.SourceText.ToString()));
    }

    [Fact]
    public void ChangingOneShapeRegeneratesOnlyThatNetwork()
    {
        var first = GeneratorHarness.Parse(FirstNetwork, "FirstNet.cs");
        var second = GeneratorHarness.Parse(SecondNetwork, "SecondNet.cs");
        var compilation = GeneratorHarness.CreateCompilation([first, second]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult());

        var changed = GeneratorHarness.Parse(FirstNetwork.Replace("[Network(1, 28, 28)]", "[Network(1, 32, 32)]", System.StringComparison.Ordinal), "FirstNet.cs");
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(first, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        var models = Outputs(result, TrackingNames.NetworkModels).ToList();
        Assert.Equal(1, models.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(static r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var sourceOutputs = result.TrackedOutputSteps["SourceOutput"].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.Equal(1, sourceOutputs.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.DoesNotContain(sourceOutputs, static r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Removed);

        Assert.Equal(before["Models.SecondNet.g.cs"], after["Models.SecondNet.g.cs"]);
        Assert.NotEqual(before["Models.FirstNet.g.cs"], after["Models.FirstNet.g.cs"]);
        Assert.Contains("new long[] { 1, 32, 32 }", after["Models.FirstNet.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingOneReductionRegeneratesOnlyThatNetwork()
    {
        var first = GeneratorHarness.Parse(FirstNetwork, "FirstNet.cs");
        var second = GeneratorHarness.Parse(SecondNetwork, "SecondNet.cs");
        var compilation = GeneratorHarness.CreateCompilation([first, second]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult());

        var changed = GeneratorHarness.Parse(FirstNetwork.Replace("Reduction = 16", "Reduction = 8", System.StringComparison.Ordinal), "FirstNet.cs");
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(first, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        var models = Outputs(result, TrackingNames.NetworkModels).ToList();
        Assert.Equal(1, models.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(static r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var sourceOutputs = result.TrackedOutputSteps["SourceOutput"].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.Equal(1, sourceOutputs.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.DoesNotContain(sourceOutputs, static r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Removed);

        Assert.Equal(before["Models.SecondNet.g.cs"], after["Models.SecondNet.g.cs"]);
        Assert.Contains("se1 = new SqueezeExcite(32, 2);", before["Models.FirstNet.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("se1 = new SqueezeExcite(32, 4);", after["Models.FirstNet.g.cs"], System.StringComparison.Ordinal);
    }

    private const string UnitBlock = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>A block in a file of its own.</summary>
        [Block]
        [Conv2d(2 * Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1), BatchNorm2d, ReLU]
        public partial class Unit;
        """;

    private const string BlockNetwork = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>A network of blocks.</summary>
        [Network(3, 32, 32)]
        [Apply(typeof(Unit), Width = 8, Stride = 2, Repeat = 2)]
        [GlobalAvgPool2d, Linear(10)]
        public partial class BlockNet;
        """;

    [Fact]
    public void EditingABlockInItsOwnFileRegeneratesTheBlockAndItsNetwork()
    {
        var block = GeneratorHarness.Parse(UnitBlock, "Unit.cs");
        var network = GeneratorHarness.Parse(BlockNetwork, "BlockNet.cs");
        var second = GeneratorHarness.Parse(SecondNetwork, "SecondNet.cs");
        var compilation = GeneratorHarness.CreateCompilation([block, network, second]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult());

        // An unrelated edit leaves the block's model and every source as they were.
        var unrelated = compilation.AddSyntaxTrees(GeneratorHarness.Parse(
            "namespace Other;\n\n/// <summary>Unrelated.</summary>\npublic static class Helpers;\n", "Helpers.cs"));
        var driverAfterUnrelated = driver.RunGenerators(unrelated);
        var unchanged = driverAfterUnrelated.GetRunResult().Results.Single();
        Assert.All(Outputs(unchanged, TrackingNames.BlockModels), static reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"reason {reason}"));
        Assert.Equal(before, Sources(unchanged));

        var changed = GeneratorHarness.Parse(UnitBlock.Replace("2 * Block.Width", "4 * Block.Width", System.StringComparison.Ordinal), "Unit.cs");
        var result = driverAfterUnrelated.RunGenerators(unrelated.ReplaceSyntaxTree(block, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        Assert.Equal(before["Models.SecondNet.g.cs"], after["Models.SecondNet.g.cs"]);
        Assert.Contains("conv1 = new Conv2d(in_channels, 2 * width, [3, 3]", before["Models.Unit.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("conv1 = new Conv2d(in_channels, 4 * width, [3, 3]", after["Models.Unit.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("new global::Models.Unit(16, 8, 1)", before["Models.BlockNet.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("new global::Models.Unit(32, 8, 1)", after["Models.BlockNet.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public void EditingABlockWithoutChangingItsUseLeavesTheNetworkAlone()
    {
        var block = GeneratorHarness.Parse(UnitBlock, "Unit.cs");
        var network = GeneratorHarness.Parse(BlockNetwork, "BlockNet.cs");
        var compilation = GeneratorHarness.CreateCompilation([block, network]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult());

        // ReLU to SiLU: the block's code changes, its sizes, shapes and counts do not.
        var changed = GeneratorHarness.Parse(UnitBlock.Replace("BatchNorm2d, ReLU]", "BatchNorm2d, SiLU]", System.StringComparison.Ordinal), "Unit.cs");
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(block, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        Assert.All(Outputs(result, TrackingNames.NetworkModels), static reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"reason {reason}"));
        Assert.Equal(before["Models.BlockNet.g.cs"], after["Models.BlockNet.g.cs"]);
        Assert.Contains("F.silu(", after["Models.Unit.g.cs"], System.StringComparison.Ordinal);
        Assert.Equal(1, Outputs(result, TrackingNames.BlockModels).Count(static r => r == IncrementalStepRunReason.Modified));
        var sourceOutputs = result.TrackedOutputSteps["SourceOutput"].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.Equal(1, sourceOutputs.Count(static r => r == IncrementalStepRunReason.Modified));
    }

    private const string SequenceNetwork = """
        using Attention.Dsl;

        namespace Models;

        /// <summary>Seed 000's network.</summary>
        [Network(10, 2)]
        [Lstm(32)]
        [TemporalAttention]
        [Flatten, Linear(1), Sigmoid]
        public partial class PlantedNet;
        """;

    [Fact]
    public void ChangingARecurrentLayerRegeneratesOnlyThatNetwork()
    {
        var sequence = GeneratorHarness.Parse(SequenceNetwork, "PlantedNet.cs");
        var second = GeneratorHarness.Parse(SecondNetwork, "SecondNet.cs");
        var compilation = GeneratorHarness.CreateCompilation([sequence, second]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver.GetRunResult());

        var changed = GeneratorHarness.Parse(SequenceNetwork.Replace("[Lstm(32)]", "[Lstm(16, Bidirectional = true)]", System.StringComparison.Ordinal), "PlantedNet.cs");
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(sequence, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        var models = Outputs(result, TrackingNames.NetworkModels).ToList();
        Assert.Equal(1, models.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(static r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(before["Models.SecondNet.g.cs"], after["Models.SecondNet.g.cs"]);
        Assert.Contains("lstm1 = new LSTM(2, 32, batch_first: true);", before["Models.PlantedNet.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("lstm1 = new LSTM(2, 16, batch_first: true, bidirectional: true);", after["Models.PlantedNet.g.cs"], System.StringComparison.Ordinal);
        // The width after the LSTM is still 2 x 16 = 32, so the attention and the read-out are unchanged.
        Assert.Contains("temporal1 = new TemporalAttention(10);", after["Models.PlantedNet.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("fc1 = new Linear(320, 1);", after["Models.PlantedNet.g.cs"], System.StringComparison.Ordinal);
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string stepName)
    {
        // A step that produced nothing (no diagnostics, say) is absent; the others must be there.
        if (!result.TrackedSteps.TryGetValue(stepName, out var steps))
        {
            Assert.Equal(TrackingNames.NetworkDiagnostics, stepName);
            return [];
        }

        return steps.SelectMany(static s => s.Outputs).Select(static o => o.Reason);
    }

    private static Dictionary<string, string> Sources(GeneratorDriverRunResult run) => Sources(run.Results.Single());

    private static Dictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
}
