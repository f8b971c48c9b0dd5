using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Batch normalization over the channel dimension (dim 1), as torch.nn.modules.batchnorm._BatchNorm:
/// <c>weight</c> (ones) and <c>bias</c> (zeros) when <see cref="affine"/>; buffers <c>running_mean</c>,
/// <c>running_var</c> and the int64 <c>num_batches_tracked</c> when <see cref="track_running_stats"/>.
/// Training normalizes with the batch's statistics and updates the running ones; evaluation uses the
/// running statistics (or the batch's when none are tracked).
/// </summary>
public abstract class BatchNorm : nn.Module<Tensor, Tensor>
{
    private protected BatchNorm(string name, long num_features, double eps, double? momentum, bool affine, bool track_running_stats,
        Device? device, ScalarType? dtype)
        : base(name)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        if (affine)
        {
            weight = Shapes.EmptyParameter([num_features], device, dtype);
            bias = Shapes.EmptyParameter([num_features], device, dtype);
        }

        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        if (track_running_stats)
        {
            Shapes.EnsureNonNegative([num_features]);
            running_mean = zeros([num_features], dtype, device);
            running_var = ones([num_features], dtype, device);
            num_batches_tracked = tensor(0L, ScalarType.Int64, device);
        }

        register_buffer(nameof(running_mean), running_mean);
        register_buffer(nameof(running_var), running_var);
        register_buffer(nameof(num_batches_tracked), num_batches_tracked);
        reset_parameters();
    }

    /// <summary>The number of channels C.</summary>
    public long num_features { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double eps { get; }

    /// <summary>The weight of the newest batch in the running statistics; null uses the cumulative average over all batches.</summary>
    public double? momentum { get; }

    /// <summary>Whether there are a learnable per-channel <see cref="weight"/> and <see cref="bias"/>.</summary>
    public bool affine { get; }

    /// <summary>Whether running statistics are kept as buffers.</summary>
    public bool track_running_stats { get; }

    /// <summary>Per-channel scale [C], ones initially; null without <see cref="affine"/>.</summary>
    public nn.Parameter? weight { get; }

    /// <summary>Per-channel shift [C], zeros initially; null without <see cref="affine"/>.</summary>
    public nn.Parameter? bias { get; }

    /// <summary>Running mean [C], a buffer; null without <see cref="track_running_stats"/>.</summary>
    public Tensor? running_mean { get; }

    /// <summary>Running variance [C] (unbiased), a buffer; null without <see cref="track_running_stats"/>.</summary>
    public Tensor? running_var { get; }

    /// <summary>How many training batches have updated the running statistics (int64 scalar).</summary>
    public Tensor? num_batches_tracked { get; }

    /// <summary>Running mean 0, running variance 1, no batches counted.</summary>
    public void reset_running_stats()
    {
        running_mean?.zero_();
        running_var?.fill_(1);
        num_batches_tracked?.zero_();
    }

    /// <summary>Resets the running statistics, the weight to ones and the bias to zeros.</summary>
    public void reset_parameters()
    {
        reset_running_stats();
        if (weight is not null && bias is not null)
        {
            nn.init.ones_(weight);
            nn.init.zeros_(bias);
        }
    }

    /// <summary>Normalizes each channel of <paramref name="input"/> (same shape out), as <c>torch.nn.functional.batch_norm</c>; in training also updates the running statistics.</summary>
    /// <exception cref="ArgumentException"><paramref name="input"/> has the wrong number of dimensions.</exception>
    public override Tensor forward(Tensor input)
    {
        CheckInputDim(input);
        double averageFactor = momentum ?? 0.0;
        if (training && num_batches_tracked is not null)
        {
            num_batches_tracked.add_(1);
            if (momentum is null)
            {
                averageFactor = 1.0 / num_batches_tracked.item<long>();
            }
        }

        // Batch statistics in training, and in evaluation when there are no running ones.
        bool useBatchStats = training || running_mean is null;
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, useBatchStats, averageFactor, eps);
    }

    /// <summary>Throws, as PyTorch's _check_input_dim, when the input has the wrong number of dimensions.</summary>
    private protected abstract void CheckInputDim(Tensor input);
}

/// <summary>Batch normalization of (N, C) or (N, C, L) input, as torch.nn.BatchNorm1d.</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Batch normalization over <paramref name="num_features"/> channels.</summary>
    public BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(BatchNorm1d), num_features, eps, momentum, affine, track_running_stats, device, dtype)
    {
    }

    private protected override void CheckInputDim(Tensor input)
    {
        int dim = input.Dim();
        if (dim != 2 && dim != 3)
        {
            throw new ArgumentException($"expected 2D or 3D input (got {dim}D input)", nameof(input));
        }
    }
}

/// <summary>Batch normalization of (N, C, H, W) input, as torch.nn.BatchNorm2d.</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Batch normalization over <paramref name="num_features"/> channels.</summary>
    public BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(BatchNorm2d), num_features, eps, momentum, affine, track_running_stats, device, dtype)
    {
    }

    private protected override void CheckInputDim(Tensor input)
    {
        int dim = input.Dim();
        if (dim != 4)
        {
            throw new ArgumentException($"expected 4D input (got {dim}D input)", nameof(input));
        }
    }
}
