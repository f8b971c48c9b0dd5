using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static Attention.Runtime.torch;
using TinyMlp = Attention.Runtime.Tests.Serialization.SafeTensorsRoundTripTests.TinyMlp;

namespace Attention.Runtime.Tests.Serialization;

public sealed class SafeTensorsModuleTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("safetensors-module-");

    public void Dispose() => directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(directory.FullName, name);

    [Fact]
    public void A_saved_module_loads_into_a_fresh_one()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = new TinyMlp();
        source.steps.fill_(3);
        source.save_safetensors(PathOf("model.safetensors"), new Dictionary<string, string> { ["format"] = "pt" });

        using var target = new TinyMlp();
        var result = target.load_safetensors(PathOf("model.safetensors"));

        Assert.Empty(result.missing_keys);
        Assert.Empty(result.unexpected_keys);
        SafeTensorsTests.AssertSameTensors(source.state_dict(), target.state_dict());
        Assert.Equal(["fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight", "scale", "steps"], load_safetensors(PathOf("model.safetensors")).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_keys_are_an_error_when_strict_and_reported_otherwise()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = new TinyMlp();
        Dictionary<string, Tensor> partial = source.state_dict();
        partial.Remove("fc2.bias");
        save_safetensors(partial, PathOf("partial.safetensors"));

        using var target = new TinyMlp();
        Dictionary<string, Tensor> before = Snapshot(target);
        var error = Assert.Throws<InvalidOperationException>(() => target.load_safetensors(PathOf("partial.safetensors")));
        Assert.Contains("Missing key(s) in state_dict: \"fc2.bias\".", error.Message, StringComparison.Ordinal);
        SafeTensorsTests.AssertSameTensors(before, target.state_dict());

        var result = target.load_safetensors(PathOf("partial.safetensors"), strict: false);
        Assert.Equal(["fc2.bias"], result.missing_keys);
        Assert.True(target.fc1.weight.equal(source.fc1.weight));
    }

    [Fact]
    public void A_shape_mismatch_anywhere_leaves_every_parameter_as_it_was()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = new TinyMlp();
        Dictionary<string, Tensor> state = source.state_dict();
        state["fc2.weight"] = zeros(3, 9);
        save_safetensors(state, PathOf("wrong-shape.safetensors"));

        using var target = new TinyMlp();
        Dictionary<string, Tensor> before = Snapshot(target);
        var error = Assert.Throws<InvalidOperationException>(() => target.load_safetensors(PathOf("wrong-shape.safetensors")));
        Assert.Contains("size mismatch for fc2.weight", error.Message, StringComparison.Ordinal);
        SafeTensorsTests.AssertSameTensors(before, target.state_dict());
    }

    [Fact]
    public void A_dtype_mismatch_is_refused_before_anything_is_copied()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = new TinyMlp();
        Dictionary<string, Tensor> state = source.state_dict();
        state["fc1.weight"] = state["fc1.weight"].to(float64);
        save_safetensors(state, PathOf("wrong-dtype.safetensors"));

        using var target = new TinyMlp();
        Dictionary<string, Tensor> before = Snapshot(target);
        var error = Assert.Throws<InvalidOperationException>(() => target.load_safetensors(PathOf("wrong-dtype.safetensors")));
        Assert.Contains("dtype mismatch for fc1.weight: the checkpoint holds float64, the model float32.", error.Message, StringComparison.Ordinal);
        SafeTensorsTests.AssertSameTensors(before, target.state_dict());
    }

    [Fact]
    public void An_invalid_file_leaves_the_module_as_it_was()
    {
        using DisposeScope scope = NewDisposeScope();
        File.WriteAllBytes(PathOf("truncated.safetensors"), SafeTensorsTests.FileBytes("""{"fc1.bias":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}}""", new byte[16]));
        using var target = new TinyMlp();
        Dictionary<string, Tensor> before = Snapshot(target);
        Assert.Throws<InvalidDataException>(() => target.load_safetensors(PathOf("truncated.safetensors")));
        SafeTensorsTests.AssertSameTensors(before, target.state_dict());
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());
}
