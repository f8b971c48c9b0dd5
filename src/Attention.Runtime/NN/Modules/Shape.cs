using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>Returns its input unchanged, as torch.nn.Identity (a placeholder in a Sequential).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates <c>torch.nn.Identity</c> with PyTorch's arguments and defaults.</summary>
    public Identity() : base(nameof(Identity))
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input;
}

/// <summary>Flattens dimensions <see cref="start_dim"/> to <see cref="end_dim"/> into one, as torch.nn.Flatten.</summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates <c>torch.nn.Flatten</c> with PyTorch's arguments and defaults.</summary>
    public Flatten(long start_dim = 1, long end_dim = -1) : base(nameof(Flatten))
    {
        this.start_dim = start_dim;
        this.end_dim = end_dim;
    }

    /// <summary>The first dimension flattened.</summary>
    public long start_dim { get; }

    /// <summary>The last dimension flattened.</summary>
    public long end_dim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}
