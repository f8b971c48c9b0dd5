using System;
using System.Collections.Generic;
using System.IO;
using Attention.Runtime.Modules;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Serialization;

/// <summary>Checkpoints exchanged with PyTorch through safetensors_roundtrip.py, in both directions.</summary>
public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("safetensors-roundtrip-");

    public void Dispose() => directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(directory.FullName, name);

    /// <summary>Mirrors TinyMlp in safetensors_roundtrip.py: fc2(tanh(fc1(x))) * scale, with an int64 step counter.</summary>
    internal sealed class TinyMlp : nn.Module<Tensor, Tensor>
    {
        public readonly Linear fc1 = nn.Linear(5, 8);
        public readonly Linear fc2 = nn.Linear(8, 3);
        public readonly Tensor scale = ones(3);
        public readonly Tensor steps = tensor(0L);

        public TinyMlp() : base(nameof(TinyMlp))
        {
            register_module(nameof(fc1), fc1);
            register_module(nameof(fc2), fc2);
            register_buffer(nameof(scale), scale);
            register_buffer(nameof(steps), steps);
        }

        public override Tensor forward(Tensor input) => fc2.call(fc1.call(input).tanh()) * scale;
    }

    [PythonTorchFact]
    public void A_checkpoint_written_by_PyTorch_gives_PyTorchs_outputs_here()
    {
        using DisposeScope scope = NewDisposeScope();
        PythonTorch.Run("python-to-csharp", PathOf("python.safetensors"), PathOf("outputs.safetensors"));

        using var model = new TinyMlp();
        var result = model.load_safetensors(PathOf("python.safetensors"));
        Assert.Empty(result.missing_keys);
        Assert.Empty(result.unexpected_keys);
        Assert.Equal(42L, model.steps.item<long>());
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, load_safetensors_metadata(PathOf("python.safetensors")));

        Dictionary<string, Tensor> outputs = load_safetensors(PathOf("outputs.safetensors"));
        using (no_grad())
        {
            AssertClose(outputs["output"], model.call(outputs["input"]));
        }
    }

    [PythonTorchFact]
    public void A_checkpoint_written_here_gives_our_outputs_in_PyTorch()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = new TinyMlp();
        using (no_grad())
        {
            // Weights unlike any default initialisation, so that a load that did nothing would show.
            manual_seed(99);
            foreach (Tensor parameter in model.parameters())
            {
                parameter.normal_();
            }

            model.scale.copy_(tensor(new[] { 1.5f, -0.5f, 3f }));
            model.steps.fill_(7);
        }

        model.save_safetensors(PathOf("csharp.safetensors"));
        PythonTorch.Run("csharp-to-python", PathOf("csharp.safetensors"), PathOf("outputs.safetensors"));

        Dictionary<string, Tensor> outputs = load_safetensors(PathOf("outputs.safetensors"));
        using (no_grad())
        {
            AssertClose(model.call(outputs["input"]), outputs["output"]);
        }
    }

    [PythonTorchFact]
    public void Every_dtype_written_by_PyTorch_reads_back_with_its_values()
    {
        using DisposeScope scope = NewDisposeScope();
        PythonTorch.Run("write-dtypes", PathOf("dtypes.safetensors"));
        SafeTensorsTests.AssertSameTensors(SafeTensorsTests.EveryDtype(), load_safetensors(PathOf("dtypes.safetensors")));
        Assert.Equal(new Dictionary<string, string> { ["writer"] = "safetensors_roundtrip.py" }, load_safetensors_metadata(PathOf("dtypes.safetensors")));
    }

    [PythonTorchFact]
    public void Every_dtype_written_here_reads_back_in_PyTorch_with_its_values()
    {
        using DisposeScope scope = NewDisposeScope();
        save_safetensors(SafeTensorsTests.EveryDtype(), PathOf("dtypes.safetensors"), new Dictionary<string, string> { ["writer"] = "Attention.Runtime" });
        PythonTorch.Run("check-dtypes", PathOf("dtypes.safetensors"));
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"outputs differ:{Environment.NewLine}{actual}{Environment.NewLine}PyTorch:{Environment.NewLine}{expected}");
    }
}
