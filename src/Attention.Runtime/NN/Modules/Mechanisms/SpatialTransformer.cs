using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A spatial transformer (Jaderberg, Simonyan, Zisserman and Kavukcuoglu, "Spatial Transformer Networks", 2015; seeds 000
/// and 001): a localisation network of the user's reads the image <c>[N, C, H, W]</c> and hands <c>features</c> numbers
/// per sample to <c>fc_loc</c>, Linear(features → 6), whose output is the affine transform θ <c>[N, 2, 3]</c>; the image is
/// resampled on the grid θ maps the output's coordinates to (<c>affine_grid</c>, then <c>grid_sample</c>, both with
/// <see cref="align_corners"/> as given). <c>fc_loc</c> starts at the identity transform — zero weight, bias
/// <c>[1, 0, 0, 0, 1, 0]</c> — as the paper and PyTorch's tutorial do, so training starts from the image as it is.
/// <para>
/// Parameters: the localisation network's (under <c>localisation.</c>) and <c>fc_loc.weight</c> [6, features],
/// <c>fc_loc.bias</c> [6]. With <see cref="keep_weights"/> on, a forward pass keeps θ (<see cref="weights"/>) and the
/// transformed images (<see cref="transformed"/>), for plots.
/// </para>
/// </summary>
public sealed class SpatialTransformer : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private static readonly double[] Identity = [1, 0, 0, 0, 1, 0];
    private readonly KeptWeights kept = new();
    private readonly KeptWeights keptImages = new();

    /// <summary>A transformer whose localisation network <paramref name="localisation"/> gives <paramref name="features"/> numbers per sample.</summary>
    /// <param name="localisation">The localisation network: <c>[N, C, H, W]</c> to <c>[N, features]</c> (or anything that flattens to it).</param>
    /// <param name="features">The numbers per sample the localisation network gives.</param>
    /// <param name="align_corners">Whether −1 and 1 are the centres of the corner pixels (true) or their outer edges (false, PyTorch's default).</param>
    /// <param name="output_size">The output's height and width (null: the input's).</param>
    /// <param name="mode">grid_sample's interpolation: "bilinear", "nearest" or "bicubic".</param>
    /// <param name="padding_mode">grid_sample's values outside the image: "zeros", "border" or "reflection".</param>
    public SpatialTransformer(nn.Module<Tensor, Tensor> localisation, long features, bool align_corners, long[]? output_size = null,
        string mode = "bilinear", string padding_mode = "zeros")
        : base(nameof(SpatialTransformer))
    {
        ArgumentNullException.ThrowIfNull(localisation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (output_size is not null && (output_size.Length != 2 || output_size[0] < 1 || output_size[1] < 1))
        {
            throw new ArgumentException($"output_size must be [height, width], both at least 1, but is [{string.Join(", ", output_size)}]", nameof(output_size));
        }

        this.localisation = localisation;
        this.features = features;
        this.align_corners = align_corners;
        this.output_size = output_size;
        this.mode = mode;
        this.padding_mode = padding_mode;
        fc_loc = new Linear(features, 6);
        register_module(nameof(localisation), localisation);
        register_module(nameof(fc_loc), fc_loc);
        using (no_grad())
        {
            fc_loc.weight.zero_();
            using Tensor identity = tensor(Identity);
            fc_loc.bias!.copy_(identity);
        }
    }

    /// <summary>The localisation network.</summary>
    public nn.Module<Tensor, Tensor> localisation { get; }

    /// <summary>The numbers per sample the localisation network gives.</summary>
    public long features { get; }

    /// <summary>Whether −1 and 1 are the centres of the corner pixels.</summary>
    public bool align_corners { get; }

    /// <summary>The output's height and width, or null for the input's.</summary>
    public long[]? output_size { get; }

    /// <summary>grid_sample's interpolation.</summary>
    public string mode { get; }

    /// <summary>grid_sample's padding mode.</summary>
    public string padding_mode { get; }

    /// <summary>The regressor of θ, Linear(features → 6), started at the identity transform.</summary>
    public Linear fc_loc { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set
        {
            kept.Keep = value;
            keptImages.Keep = value;
        }
    }

    /// <summary>θ <c>[N, 2, 3]</c> of the last forward pass while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>The transformed images <c>[N, C, H_out, W_out]</c> of the last forward pass while <see cref="keep_weights"/> is on.</summary>
    public Tensor? transformed => keptImages.Value;

    /// <summary>Resamples <paramref name="input"/> <c>[N, C, H, W]</c> on the transform its localisation network finds.</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim() != 4)
        {
            throw new ArgumentException($"{name} takes images [N, C, H, W], but got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using DisposeScope scope = NewDisposeScope();
        long n = input.size(0);
        Tensor located = localisation.call(input).reshape(n, -1);                          // [N, features]
        if (located.size(1) != features)
        {
            throw new ArgumentException($"{name}'s localisation network gave {located.size(1)} numbers per sample, but fc_loc takes {features}.", nameof(input));
        }

        Tensor theta = fc_loc.call(located).view(n, 2, 3);                                 // [N, 2, 3]
        long[] size = [n, input.size(1), output_size?[0] ?? input.size(2), output_size?[1] ?? input.size(3)];
        Tensor grid = nn.functional.affine_grid(theta, size, align_corners);              // [N, H_out, W_out, 2]
        Tensor output = nn.functional.grid_sample(input, grid, mode, padding_mode, align_corners);
        kept.Store(theta);
        keptImages.Store(output);
        return output.MoveToOuterDisposeScope();
    }
}
