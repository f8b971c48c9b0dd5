using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Normalizes over the last dimensions (those of <see cref="normalized_shape"/>), as torch.nn.LayerNorm:
/// <c>weight</c> (ones) and <c>bias</c> (zeros) of that shape when <see cref="elementwise_affine"/>.
/// </summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates <c>torch.nn.LayerNorm</c> with PyTorch's arguments, defaults and initialisation.</summary>
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

    /// <summary>The trailing dimensions normalised over.</summary>
    public long[] normalized_shape { get; }

    /// <summary>Added to the variance (or the denominator) for numerical stability.</summary>
    public double eps { get; }

    /// <summary>Whether the layer has a learnable scale (weight) and shift (bias) per element.</summary>
    public bool elementwise_affine { get; }

    /// <summary>The per-element scale [normalized_shape]; null without elementwise_affine.</summary>
    public nn.Parameter? weight { get; }

    /// <summary>The per-element shift [normalized_shape]; null without elementwise_affine.</summary>
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

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);
}
