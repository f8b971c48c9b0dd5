using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// The graph form's pipeline across edits: an unrelated edit leaves every output cached, and a
/// changed component re-emits only its own class.
/// </summary>
public sealed class ComponentIncrementalityTests
{
    [Fact]
    public void AddingAnUnrelatedFileLeavesEveryStepCached()
    {
        var compilation = GeneratorHarness.CreateCompilation(ComponentSources.GatedMultimodalUnit, ComponentSources.CrossAttentionFusion);
        var driver = GeneratorHarness.CreateDriver(new ComponentGenerator()).RunGenerators(compilation);
        var firstRun = driver.GetRunResult().Results.Single();

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse(
            "namespace Other;\n\n/// <summary>Unrelated.</summary>\npublic static class Helpers;\n",
            "Helpers.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(Outputs(result, TrackingNames.ComponentModels), static reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"reason {reason}"));
        Assert.Equal(2, Outputs(result, TrackingNames.ComponentModels).Count());
        Assert.All(
            result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs),
            static output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal(
            firstRun.GeneratedSources.Select(static s => s.SourceText.ToString()),
            result.GeneratedSources.Select(static s => s.SourceText.ToString()));
    }

    [Fact]
    public void ChangingOneComponentRegeneratesOnlyItsClass()
    {
        var gmu = GeneratorHarness.Parse(ComponentSources.GatedMultimodalUnit, "Gmu.cs");
        var fusion = GeneratorHarness.Parse(ComponentSources.CrossAttentionFusion, "Fusion.cs");
        var compilation = GeneratorHarness.CreateCompilation([gmu, fusion]);
        var driver = GeneratorHarness.CreateDriver(new ComponentGenerator()).RunGenerators(compilation);
        var before = Sources(driver.GetRunResult().Results.Single());

        var changed = GeneratorHarness.Parse(
            ComponentSources.GatedMultimodalUnit.Replace("InFeatures = 300", "InFeatures = 768", System.StringComparison.Ordinal), "Gmu.cs");
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(gmu, changed)).GetRunResult().Results.Single();
        var after = Sources(result);

        var sourceOutputs = result.TrackedOutputSteps["SourceOutput"].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.Equal(1, sourceOutputs.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.DoesNotContain(sourceOutputs, static r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Removed);

        Assert.Equal(before["Models.CrossAttentionFusion.g.cs"], after["Models.CrossAttentionFusion.g.cs"]);
        Assert.Contains("_text = new Linear(300, 64, bias: false);", before["Models.GatedMultimodalUnit.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("_text = new Linear(768, 64, bias: false);", after["Models.GatedMultimodalUnit.g.cs"], System.StringComparison.Ordinal);
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string stepName) =>
        result.TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(static s => s.Outputs).Select(static o => o.Reason)
            : [];

    private static Dictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
}
