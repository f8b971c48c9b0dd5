using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>Returns its input unchanged, as torch.nn.Identity (a placeholder in a Sequential).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    /// <summary>An identity layer.</summary>
    public Identity() : base(nameof(Identity))
    {
    }

    /// <summary>Returns <paramref name="input"/> itself.</summary>
    public override Tensor forward(Tensor input) => input;
}

/// <summary>Flattens dimensions <see cref="start_dim"/> to <see cref="end_dim"/> into one, as torch.nn.Flatten.</summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    /// <summary>Flattens dimensions <paramref name="start_dim"/> to <paramref name="end_dim"/> (inclusive; negative counts from the end).</summary>
    public Flatten(long start_dim = 1, long end_dim = -1) : base(nameof(Flatten))
    {
        this.start_dim = start_dim;
        this.end_dim = end_dim;
    }

    /// <summary>First dimension flattened.</summary>
    public long start_dim { get; }

    /// <summary>Last dimension flattened (inclusive).</summary>
    public long end_dim { get; }

    /// <summary>The input with dimensions start_dim … end_dim merged into one, as <see cref="Tensor.flatten"/>.</summary>
    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}
