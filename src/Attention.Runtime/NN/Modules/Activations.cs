using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

// The activation layers of torch.nn: each applies the torch.nn.functional function of the same name.
// With inplace, the input is overwritten and returned.

/// <summary>max(0, x), as torch.nn.ReLU.</summary>
public sealed class ReLU(bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(ReLU))
{
    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>max(0, x) elementwise, as <c>torch.nn.functional.relu</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.relu(input, inplace);
}

/// <summary>min(max(0, x), 6), as torch.nn.ReLU6.</summary>
public sealed class ReLU6(bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(ReLU6))
{
    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>min(max(0, x), 6) elementwise, as <c>torch.nn.functional.relu6</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.relu6(input, inplace);
}

/// <summary>x for x ≥ 0, negative_slope·x otherwise, as torch.nn.LeakyReLU.</summary>
public sealed class LeakyReLU(double negative_slope = 0.01, bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(LeakyReLU))
{
    /// <summary>Slope for negative inputs.</summary>
    public double negative_slope { get; } = negative_slope;

    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>x for x ≥ 0, negative_slope·x otherwise, as <c>torch.nn.functional.leaky_relu</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.leaky_relu(input, negative_slope, inplace);
}

/// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise, as torch.nn.ELU.</summary>
public sealed class ELU(double alpha = 1.0, bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(ELU))
{
    /// <summary>Scale of the negative branch, alpha·(exp(x) − 1).</summary>
    public double alpha { get; } = alpha;

    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>ELU elementwise, as <c>torch.nn.functional.elu</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.elu(input, alpha, inplace);
}

/// <summary>x·Φ(x), exact ("none") or with the "tanh" approximation, as torch.nn.GELU.</summary>
public sealed class GELU(string approximate = "none") : nn.Module<Tensor, Tensor>(nameof(GELU))
{
    /// <summary>"none" for the exact GELU, "tanh" for the tanh approximation.</summary>
    public string approximate { get; } = approximate;

    /// <summary>x·Φ(x) elementwise, as <c>torch.nn.functional.gelu</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.gelu(input, approximate);
}

/// <summary>x·sigmoid(x), as torch.nn.SiLU.</summary>
public sealed class SiLU(bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(SiLU))
{
    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>x·sigmoid(x) elementwise, as <c>torch.nn.functional.silu</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.silu(input, inplace);
}

/// <summary>1 / (1 + e⁻ˣ), as torch.nn.Sigmoid.</summary>
public sealed class Sigmoid() : nn.Module<Tensor, Tensor>(nameof(Sigmoid))
{
    /// <summary>1/(1 + exp(−x)) elementwise, as <c>torch.sigmoid</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.sigmoid(input);
}

/// <summary>tanh(x), as torch.nn.Tanh.</summary>
public sealed class Tanh() : nn.Module<Tensor, Tensor>(nameof(Tanh))
{
    /// <summary>tanh(x) elementwise, as <c>torch.tanh</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.tanh(input);
}

/// <summary>x·relu6(x + 3)/6, as torch.nn.Hardswish.</summary>
public sealed class Hardswish(bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(Hardswish))
{
    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>x·relu6(x + 3)/6 elementwise, as <c>torch.nn.functional.hardswish</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.hardswish(input, inplace);
}

/// <summary>relu6(x + 3)/6, as torch.nn.Hardsigmoid.</summary>
public sealed class Hardsigmoid(bool inplace = false) : nn.Module<Tensor, Tensor>(nameof(Hardsigmoid))
{
    /// <summary>Whether <see cref="forward"/> overwrites its input.</summary>
    public bool inplace { get; } = inplace;

    /// <summary>relu6(x + 3)/6 elementwise, as <c>torch.nn.functional.hardsigmoid</c>; any shape.</summary>
    public override Tensor forward(Tensor input) => nn.functional.hardsigmoid(input, inplace);
}

/// <summary>Softmax along <see cref="dim"/>, as torch.nn.Softmax.</summary>
public sealed class Softmax(long dim) : nn.Module<Tensor, Tensor>(nameof(Softmax))
{
    /// <summary>The dimension normalised over.</summary>
    public long dim { get; } = dim;

    /// <summary>Softmax along <see cref="dim"/>, as <c>torch.nn.functional.softmax</c>; same shape as the input.</summary>
    public override Tensor forward(Tensor input) => nn.functional.softmax(input, dim);
}

/// <summary>log(softmax(x)) along <see cref="dim"/>, computed stably, as torch.nn.LogSoftmax.</summary>
public sealed class LogSoftmax(long dim) : nn.Module<Tensor, Tensor>(nameof(LogSoftmax))
{
    /// <summary>The dimension normalised over.</summary>
    public long dim { get; } = dim;

    /// <summary>log(softmax(x)) along <see cref="dim"/>, as <c>torch.nn.functional.log_softmax</c>; same shape as the input.</summary>
    public override Tensor forward(Tensor input) => nn.functional.log_softmax(input, dim);
}
