using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// y = x·Wᵀ + b, as torch.nn.Linear: <c>weight</c> [out_features, in_features] and <c>bias</c>
/// [out_features], both initialised U(−1/√in_features, 1/√in_features) as PyTorch does.
/// </summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    /// <summary>A layer from <paramref name="in_features"/> to <paramref name="out_features"/>, with a bias unless <paramref name="bias"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is negative.</exception>
    public Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(Linear))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(in_features);
        ArgumentOutOfRangeException.ThrowIfNegative(out_features);
        this.in_features = in_features;
        this.out_features = out_features;
        weight = Shapes.EmptyParameter([out_features, in_features], device, dtype);
        register_parameter(nameof(weight), weight);
        this.bias = bias ? Shapes.EmptyParameter([out_features], device, dtype) : null;
        register_parameter(nameof(bias), this.bias);
        reset_parameters();
    }

    /// <summary>Size of each input's last dimension.</summary>
    public long in_features { get; }

    /// <summary>Size of each output's last dimension.</summary>
    public long out_features { get; }

    /// <summary>The weight [out_features, in_features].</summary>
    public nn.Parameter weight { get; }

    /// <summary>The bias [out_features]; null without bias.</summary>
    public nn.Parameter? bias { get; }

    /// <summary>Draws fresh weights: kaiming_uniform_(a = √5) for the weight, then the bias, in PyTorch's order.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            var (fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    /// <summary>(…, in_features) → (…, out_features), as <c>torch.nn.functional.linear</c>.</summary>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
