using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Attention.Generators.Tests.Infrastructure;
using Attention.Runtime;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Generators.Tests;

/// <summary>
/// Compiles a module in the graph form, loads it next to the runtime and runs its hand-written
/// forward on two inputs: the output shape, the parameter names and their order (the registration
/// order of the components), and backward through every component.
/// </summary>
public sealed class GeneratedModuleTests
{
    [Fact]
    public void GatedMultimodalUnitRunsForwardAndBackward()
    {
        WithModule(ComponentSources.GatedMultimodalUnit, "Models.GatedMultimodalUnit", module =>
        {
            var gmu = (nn.Module<Tensor, Tensor, Tensor>)module;
            Assert.Equal(["text.weight", "image.weight", "gate.weight"], gmu.state_dict().Keys.ToArray());
            Assert.Equal(["text.weight", "image.weight", "gate.weight"], gmu.named_parameters().Select(static p => p.name).ToArray());
            Assert.Equal((300 * 64) + (512 * 64) + (128 * 64), gmu.parameters().Sum(static p => p.numel()));

            using var x1 = randn(5, 300);
            using var x2 = randn(5, 512);
            using var h = gmu.call(x1, x2);
            Assert.Equal([5L, 64L], h.shape);

            // h is a convex combination of two tanh outputs, so it lies in (-1, 1).
            using var magnitude = h.abs();
            using var largest = magnitude.max();
            Assert.True(largest.item<float>() < 1f);

            using var loss = h.sum();
            loss.backward();
            Assert.All(gmu.parameters(), static p =>
            {
                Assert.NotNull(p.grad);
                Assert.Equal(p.shape, p.grad!.shape);
            });
        });
    }

    [Fact]
    public void CrossAttentionFusionRegistersTheGeneratedSqueezeExcite()
    {
        WithModule(ComponentSources.CrossAttentionFusion, "Models.CrossAttentionFusion", module =>
        {
            var fusion = (nn.Module<Tensor, Tensor, Tensor>)module;
            Assert.Equal(
                [
                    "query.weight", "query.bias", "key.weight", "key.bias", "value.weight", "value.bias",
                    "se.fc1.weight", "se.fc1.bias", "se.fc2.weight", "se.fc2.bias", "norm.weight", "norm.bias",
                ],
                fusion.named_parameters().Select(static p => p.name).ToArray());

            using var image = randn(2, 256, 4, 4);
            using var text = randn(2, 7, 300);
            using var output = fusion.call(image, text);
            Assert.Equal([2L, 64L, 4L, 4L], output.shape);
        });
    }

    [Fact]
    public void ModuleMembersWithInitialisersAreRegisteredTrainedAndSaved()
    {
        WithModule(ComponentSources.TaggerWithModuleMembers, "Models.Tagger", module =>
        {
            var tagger = (nn.Module<Tensor, Tensor>)module;
            Assert.Equal(
                [
                    "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
                    "readout.weight", "readout.bias", "Attention.fc.weight", "Attention.fc.bias",
                ],
                tagger.named_parameters().Select(static p => p.name).ToArray());
            Assert.Equal(tagger.named_parameters().Select(static p => p.name), tagger.state_dict().Keys);

            // One optimizer step moves the LSTM's weights: it is trained with the rest.
            using var optimizer = optim.SGD(tagger.parameters(), lr: 0.1);
            using var before = tagger.named_parameters().First().parameter.detach().clone();
            using (var scope = NewDisposeScope())
            {
                Tensor loss = tagger.call(randn(4, 10, 2)).pow(2).sum();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }

            using var after = tagger.named_parameters().First().parameter.detach();
            Assert.False(allclose(before, after));
        });
    }

    private static void WithModule(string source, string typeName, Action<nn.Module> test)
    {
        var outcome = GeneratorHarness.RunComponents(source);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);

        using var stream = new MemoryStream();
        var emitted = outcome.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        // The generated assembly binds to the Attention.Runtime the test already loaded.
        var context = new AssemblyLoadContext("generated-module", isCollectible: true);
        context.Resolving += static (_, name) =>
            name.Name == typeof(ModelSummary).Assembly.GetName().Name ? typeof(ModelSummary).Assembly : null;
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            using var module = (nn.Module)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;
            test(module);
        }
        finally
        {
            context.Unload();
        }
    }
}
