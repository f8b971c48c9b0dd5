using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Normalizes over the last dimensions (those of <see cref="normalized_shape"/>), as torch.nn.LayerNorm:
/// <c>weight</c> (ones) and <c>bias</c> (zeros) of that shape when <see cref="elementwise_affine"/>.
/// </summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    /// <summary>A LayerNorm over the trailing dimensions of shape <paramref name="normalized_shape"/>.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="normalized_shape"/> is null.</exception>
    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(LayerNorm))
    {
        System.ArgumentNullException.ThrowIfNull(normalized_shape);
        this.normalized_shape = (long[])normalized_shape.Clone();
        this.eps = eps;
        this.elementwise_affine = elementwise_affine;
        if (elementwise_affine)
        {
            weight = Shapes.EmptyParameter(this.normalized_shape, device, dtype);
            bias = Shapes.EmptyParameter(this.normalized_shape, device, dtype);
        }

        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        reset_parameters();
    }

    /// <summary>A LayerNorm over the last dimension, of size <paramref name="normalized_shape"/>.</summary>
    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null)
        : this([normalized_shape], eps, elementwise_affine, device, dtype)
    {
    }

    /// <summary>The shape of the trailing dimensions normalised over (a copy of the argument).</summary>
    public long[] normalized_shape { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double eps { get; }

    /// <summary>Whether there are a learnable <see cref="weight"/> and <see cref="bias"/>.</summary>
    public bool elementwise_affine { get; }

    /// <summary>Elementwise scale of shape <see cref="normalized_shape"/>, ones initially; null without <see cref="elementwise_affine"/>.</summary>
    public nn.Parameter? weight { get; }

    /// <summary>Elementwise shift of shape <see cref="normalized_shape"/>, zeros initially; null without <see cref="elementwise_affine"/>.</summary>
    public nn.Parameter? bias { get; }

    /// <summary>Weight to ones, bias to zeros.</summary>
    public void reset_parameters()
    {
        if (weight is not null && bias is not null)
        {
            nn.init.ones_(weight);
            nn.init.zeros_(bias);
        }
    }

    /// <summary>Normalizes <paramref name="input"/> (…, *normalized_shape) over its trailing dimensions, as <c>torch.nn.functional.layer_norm</c>; same shape out.</summary>
    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);
}
