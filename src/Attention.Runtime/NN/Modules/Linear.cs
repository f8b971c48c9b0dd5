using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// y = x·Wᵀ + b, as torch.nn.Linear: <c>weight</c> [out_features, in_features] and <c>bias</c>
/// [out_features], both initialised U(−1/√in_features, 1/√in_features) as PyTorch does.
/// </summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
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

    public long in_features { get; }

    public long out_features { get; }

    public nn.Parameter weight { get; }

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

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
