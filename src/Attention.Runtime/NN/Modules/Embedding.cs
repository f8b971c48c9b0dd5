using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A lookup table of <see cref="num_embeddings"/> vectors of size <see cref="embedding_dim"/>, as
/// torch.nn.Embedding: <c>weight</c> drawn from N(0, 1), with the row at <see cref="padding_idx"/> zeroed
/// (and left without gradient) as PyTorch does.
/// </summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    /// <summary>A table of <paramref name="num_embeddings"/> vectors of size <paramref name="embedding_dim"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="padding_idx"/> is outside [−num_embeddings, num_embeddings).</exception>
    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, double? max_norm = null, double norm_type = 2.0,
        bool scale_grad_by_freq = false, Device? device = null, ScalarType? dtype = null)
        : base(nameof(Embedding))
    {
        if (padding_idx is { } index && ((index > 0 && index >= num_embeddings) || index < -num_embeddings))
        {
            throw new ArgumentException("Padding_idx must be within num_embeddings", nameof(padding_idx));
        }

        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        this.padding_idx = padding_idx < 0 ? num_embeddings + padding_idx : padding_idx;
        this.max_norm = max_norm;
        this.norm_type = norm_type;
        this.scale_grad_by_freq = scale_grad_by_freq;
        weight = Shapes.EmptyParameter([num_embeddings, embedding_dim], device, dtype);
        register_parameter(nameof(weight), weight);
        reset_parameters();
    }

    /// <summary>Number of rows in the table.</summary>
    public long num_embeddings { get; }

    /// <summary>Size of each vector.</summary>
    public long embedding_dim { get; }

    /// <summary>The row kept at zero and out of training, counted from the start (a negative argument is converted), or null.</summary>
    public long? padding_idx { get; }

    /// <summary>When set, rows looked up are renormalised in place to at most this <see cref="norm_type"/>-norm.</summary>
    public double? max_norm { get; }

    /// <summary>The p of the p-norm for <see cref="max_norm"/>.</summary>
    public double norm_type { get; }

    /// <summary>Whether gradients are scaled by the inverse frequency of the indices in the batch.</summary>
    public bool scale_grad_by_freq { get; }

    /// <summary>The table [num_embeddings, embedding_dim].</summary>
    public nn.Parameter weight { get; }

    /// <summary>Draws N(0, 1) values, then zeroes the padding row.</summary>
    public void reset_parameters()
    {
        nn.init.normal_(weight);
        if (padding_idx is { } index)
        {
            using (no_grad())
            {
                using Tensor row = weight[index];
                row.fill_(0);
            }
        }
    }

    /// <summary>Looks up integer indices of any shape (…) to vectors (…, embedding_dim), as <c>torch.nn.functional.embedding</c>.</summary>
    public override Tensor forward(Tensor input) =>
        nn.functional.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq);
}
