using System;
using System.Collections.Generic;
using Attention.Runtime;
using Attention.Runtime.Modules;
using static Attention.Runtime.torch;

namespace Attention.TrainingBenchmarks;

/// <summary>
/// One training step as a user writes it: zero the gradients, forward, loss, backward, Adam, all inside a dispose
/// scope. Each case mirrors the case of the same name in training_peer.py: same network, batch, loss and optimizer;
/// the data is random and made once, so that the step alone is timed.
/// </summary>
internal sealed class TrainingStep(nn.Module model, Func<Tensor> loss, optim.Optimizer optimizer, Device device) : IDisposable
{
    public static readonly string[] Cases = ["cbam-cnn", "plain-cnn", "lstm-temporal", "encoder"];

    /// <summary>The case's step on <paramref name="device"/>, its inputs made from seed 0.</summary>
    public static TrainingStep Create(string name, Device device)
    {
        manual_seed(0);
        switch (name)
        {
            case "cbam-cnn":
            case "plain-cnn":
            {
                // examples/FashionMnist's networks at batch 128.
                nn.Module<Tensor, Tensor> net = name == "cbam-cnn" ? new FashionMnist.FashionCbamNet() : new FashionMnist.FashionPlainNet();
                net.to(device);
                Tensor x = randn([128, 1, 28, 28], device: device);
                Tensor y = randint(0, 10, [128], device: device);
                return new TrainingStep(net, () => nn.functional.cross_entropy(net.call(x), y), optim.Adam(net.parameters()), device);
            }

            case "lstm-temporal":
            {
                // Seed 000's model (examples/PlantedColumn) at batch 64.
                var net = new PlantedColumn.PlantedColumnNet();
                net.to(device);
                Tensor x = randn([64, 10, 2], device: device);
                Tensor y = randint(0, 2, [64, 1], device: device).to(ScalarType.Float32);
                return new TrainingStep(net, () => nn.functional.binary_cross_entropy(net.call(x), y), optim.Adam(net.parameters()), device);
            }

            case "encoder":
            {
                // A post-norm transformer encoder layer (as torch.nn.TransformerEncoderLayer, no dropout) at batch 16,
                // length 256, width 256, 8 heads, feed-forward 1024.
                var layer = new EncoderLayer(256, 8, 1024);
                layer.to(device);
                Tensor x = randn([16, 256, 256], device: device);
                Tensor target = randn([16, 256, 256], device: device);
                return new TrainingStep(layer, () => nn.functional.mse_loss(layer.call(x), target), optim.Adam(layer.parameters()), device);
            }

            default:
                throw new ArgumentException($"unknown case '{name}'; the cases are {string.Join(", ", Cases)}", nameof(name));
        }
    }

    /// <summary>One step; on CUDA it waits for the GPU, so that the clock measures the work, not its launch.</summary>
    public void Run()
    {
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            loss().backward();
            optimizer.step();
        }

        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
    }
}

/// <summary>
/// torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout=0, batch_first=True) written over the
/// runtime's layers: x = norm1(x + self_attn(x)); x = norm2(x + linear2(relu(linear1(x)))).
/// </summary>
internal sealed class EncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly MultiheadAttention self_attn;
    private readonly Linear linear1;
    private readonly Linear linear2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;

    public EncoderLayer(long width, long heads, long feedForward) : base(nameof(EncoderLayer))
    {
        self_attn = new MultiheadAttention(width, heads, batch_first: true);
        linear1 = new Linear(width, feedForward);
        linear2 = new Linear(feedForward, width);
        norm1 = new LayerNorm(width);
        norm2 = new LayerNorm(width);
        register_module(nameof(self_attn), self_attn);
        register_module(nameof(linear1), linear1);
        register_module(nameof(linear2), linear2);
        register_module(nameof(norm1), norm1);
        register_module(nameof(norm2), norm2);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor attended = self_attn.forward(x, x, x).output;
        Tensor h = norm1.call(x + attended);
        Tensor y = norm2.call(h + linear2.call(nn.functional.relu(linear1.call(h))));
        return y.MoveToOuterDisposeScope();
    }
}
