using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>Returns its input unchanged, as torch.nn.Identity (a placeholder in a Sequential).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    public Identity() : base(nameof(Identity))
    {
    }

    public override Tensor forward(Tensor input) => input;
}

/// <summary>Flattens dimensions <see cref="start_dim"/> to <see cref="end_dim"/> into one, as torch.nn.Flatten.</summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    public Flatten(long start_dim = 1, long end_dim = -1) : base(nameof(Flatten))
    {
        this.start_dim = start_dim;
        this.end_dim = end_dim;
    }

    public long start_dim { get; }

    public long end_dim { get; }

    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}
