using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Adds position information to a batch of sequences <c>[N, T, D]</c>: <c>y = x + PE[:T]</c>.
/// <para>
/// Sinusoidal (Vaswani et al., "Attention Is All You Need", 2017), no parameters:
/// <c>PE[p, 2i] = sin(p / 10000^(2i/D))</c>, <c>PE[p, 2i+1] = cos(p / 10000^(2i/D))</c>, held in the
/// non-persistent buffer <c>pe</c> [max_length, D] (not in the state dict: it is a function of the
/// sizes). With an odd D the last column is a sine. Learned: the parameter <c>weight</c>
/// [max_length, D], initialised N(0, 1) as <c>nn.Embedding</c>.
/// </para>
/// </summary>
public sealed class PositionalEncoding : nn.Module<Tensor, Tensor>
{
    /// <summary>A positional encoding of <paramref name="features"/> features for up to <paramref name="max_length"/> steps.</summary>
    /// <param name="features">D (at least 1).</param>
    /// <param name="max_length">The longest sequence the table covers (at least 1).</param>
    /// <param name="learned">A learned table instead of the sinusoids.</param>
    public PositionalEncoding(long features, long max_length, bool learned = false)
        : base(nameof(PositionalEncoding))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max_length);
        this.features = features;
        this.max_length = max_length;
        this.learned = learned;
        if (learned)
        {
            weight = Shapes.EmptyParameter([max_length, features], null, null);
            register_parameter(nameof(weight), weight);
            nn.init.normal_(weight);
        }
        else
        {
            pe = Sinusoids(max_length, features);
            register_buffer(nameof(pe), pe, persistent: false);
        }
    }

    /// <summary>D, the features of each step.</summary>
    public long features { get; }

    /// <summary>The longest sequence the table covers.</summary>
    public long max_length { get; }

    /// <summary>Whether the table is learned.</summary>
    public bool learned { get; }

    /// <summary>The learned table [max_length, D], or <see langword="null"/> for the sinusoids.</summary>
    public nn.Parameter? weight { get; }

    /// <summary>The sinusoid table [max_length, D], or <see langword="null"/> when learned.</summary>
    public Tensor? pe { get; }

    /// <summary>Adds the encodings of the first T positions to <paramref name="input"/> [N, T, D]; same shape out.</summary>
    /// <exception cref="ArgumentException"><paramref name="input"/> is not [N, T, D] with T ≤ max_length and D the features.</exception>
    public override Tensor forward(Tensor input)
    {
        SequenceInput.Check(input, name);
        long steps = input.size(1);
        if (steps > max_length || input.size(2) != features)
        {
            throw new ArgumentException(
                $"{name} covers up to {max_length} steps of {features} features, but the input is [{string.Join(", ", input.shape)}].", nameof(input));
        }

        // [T, D], broadcast over the batch
        using Tensor table = (weight ?? pe!).narrow(0, 0, steps);
        return input + table;
    }

    private static Tensor Sinusoids(long length, long features)
    {
        var values = new float[length * features];
        for (long p = 0; p < length; p++)
        {
            for (long column = 0; column < features; column++)
            {
                // columns 2i and 2i + 1 share the frequency 1 / 10000^(2i / D)
                long i2 = column - (column % 2);
                double angle = p / Math.Pow(10000.0, (double)i2 / features);
                values[(p * features) + column] = (float)(column % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        }

        return tensor(values, [length, features]);
    }
}
