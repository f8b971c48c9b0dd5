using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// What <see cref="LSTM"/> and <see cref="GRU"/> share, as torch.nn.RNNBase: the configuration, the
/// parameters named and ordered as PyTorch's (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>,
/// <c>bias_hh_l0</c>, then <c>…_reverse</c> for the backward direction, layer by layer), their
/// initialisation and the checks of the input and the initial state.
/// </summary>
public abstract class RNNBase<TOutput> : nn.Module<Tensor, TOutput>
{
    private readonly Tensor[] flatWeights;

    /// <summary>A recurrent layer stack whose cell has <paramref name="gates"/> gates (4 for LSTM, 3 for GRU), registered as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="input_size"/> is negative, or <paramref name="hidden_size"/> or <paramref name="num_layers"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="dropout"/> is outside [0, 1].</exception>
    protected RNNBase(string name, long gates, long input_size, long hidden_size, long num_layers, bool bias, bool batch_first,
        double dropout, bool bidirectional, Device? device, ScalarType? dtype)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input_size);
        if (hidden_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hidden_size), hidden_size, "hidden_size must be greater than zero");
        }

        if (num_layers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(num_layers), num_layers, "num_layers must be greater than zero");
        }

        if (!(dropout >= 0 && dropout <= 1))
        {
            throw new ArgumentException("dropout should be a number in range [0, 1] representing the probability of an element being zeroed", nameof(dropout));
        }

        this.input_size = input_size;
        this.hidden_size = hidden_size;
        this.num_layers = num_layers;
        this.bias = bias;
        this.batch_first = batch_first;
        this.dropout = dropout;
        this.bidirectional = bidirectional;

        // Registration order is PyTorch's flat-weights order, which the kernels expect.
        var weights = new List<Tensor>();
        long gateSize = gates * hidden_size;
        for (long layer = 0; layer < num_layers; layer++)
        {
            long layerInput = layer == 0 ? input_size : hidden_size * num_directions;
            for (int direction = 0; direction < num_directions; direction++)
            {
                string suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                Add("weight_ih" + suffix, [gateSize, layerInput]);
                Add("weight_hh" + suffix, [gateSize, hidden_size]);
                if (bias)
                {
                    Add("bias_ih" + suffix, [gateSize]);
                    Add("bias_hh" + suffix, [gateSize]);
                }
            }
        }

        flatWeights = [.. weights];
        reset_parameters();

        void Add(string parameterName, long[] shape)
        {
            var parameter = Shapes.EmptyParameter(shape, device, dtype);
            register_parameter(parameterName, parameter);
            weights.Add(parameter);
        }
    }

    /// <summary>Features H_in of each input step.</summary>
    public long input_size { get; }

    /// <summary>Features H_out of the hidden state.</summary>
    public long hidden_size { get; }

    /// <summary>Number of stacked layers.</summary>
    public long num_layers { get; }

    /// <summary>Whether the layers have bias terms.</summary>
    public bool bias { get; }

    /// <summary>Whether input and output are (N, L, H) instead of (L, N, H).</summary>
    public bool batch_first { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, applied in training only.</summary>
    public double dropout { get; }

    /// <summary>Whether each layer also runs backwards, doubling the output features.</summary>
    public bool bidirectional { get; }

    private int num_directions => bidirectional ? 2 : 1;

    /// <summary>The parameters in the order the recurrent kernels take them (PyTorch's <c>_flat_weights</c>).</summary>
    protected Tensor[] FlatWeights => flatWeights;

    /// <summary>Draws every parameter from U(−1/√hidden_size, 1/√hidden_size), in PyTorch's order.</summary>
    public void reset_parameters()
    {
        double bound = 1 / Math.Sqrt(hidden_size);
        foreach (nn.Parameter parameter in parameters())
        {
            nn.init.uniform_(parameter, -bound, bound);
        }
    }

    /// <summary>
    /// Checks the input as PyTorch does and returns its shape; an unbatched (L, H_in) input is reported as
    /// <paramref name="batched"/> = false and gets a batch dimension of 1 (with <see cref="Batched"/>).
    /// </summary>
    protected long[] CheckInput(Tensor input, out bool batched)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        if (shape.Length is not (2 or 3))
        {
            throw new TorchException($"{name}: Expected input to be 2-D or 3-D but received {shape.Length}-D tensor");
        }

        if (shape[^1] != input_size)
        {
            throw new TorchException($"input.size(-1) must be equal to input_size. Expected {input_size}, got {shape[^1]}");
        }

        batched = shape.Length == 3;
        return shape;
    }

    /// <summary>The input with its batch dimension: unchanged when batched, else with a batch of one inserted.</summary>
    protected Tensor Batched(Tensor input, bool batched) => batched ? input : input.unsqueeze(batch_first ? 0 : 1);

    /// <summary>The output without the batch dimension that <see cref="Batched"/> added.</summary>
    protected Tensor Unbatched(Tensor output, bool batched) => batched ? output : output.squeeze(batch_first ? 0 : 1);

    /// <summary>The (num_layers·directions, N, hidden_size) shape that every state must have.</summary>
    protected long[] ExpectedStateShape(long[] inputShape, bool batched) =>
        [num_layers * num_directions, batched ? inputShape[batch_first ? 0 : 1] : 1, hidden_size];

    /// <summary>Zeros of <see cref="ExpectedStateShape(long[], bool)"/>, the default initial state.</summary>
    protected static Tensor ZeroState(Tensor input, long[] expected) => zeros(expected, input.dtype, input.device);

    /// <summary>The (num_layers·directions, N, hidden_size) shape of the states of a packed batch of N sequences.</summary>
    protected long[] ExpectedStateShape(nn.utils.rnn.PackedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.data.Dim() != 2 || input.data.size(1) != input_size)
        {
            throw new TorchException($"input.size(-1) must be equal to input_size. Expected {input_size}, got {input.data.size(-1)}");
        }

        using Tensor first = input.batch_sizes.select(0, 0);
        return [num_layers * num_directions, first.item<long>(), hidden_size];
    }

    /// <summary>
    /// A state given in the batch's order, checked and put in the packed order of <paramref name="input"/>
    /// (a new handle either way, which the caller releases).
    /// </summary>
    protected static Tensor PackedState(Tensor state, nn.utils.rnn.PackedSequence input, long[] expected, string what)
    {
        ArgumentNullException.ThrowIfNull(state);
        Tensor checkedState = CheckedState(state, batched: true, expected, what);
        return input.sorted_indices is { } order ? checkedState.index_select(1, order) : checkedState.view(checkedState.shape);
    }

    /// <summary>A final state in the packed order put back in the batch's order; <paramref name="state"/> is released.</summary>
    protected static Tensor BatchOrder(Tensor state, nn.utils.rnn.PackedSequence input)
    {
        if (input.unsorted_indices is not { } order)
        {
            return state;
        }

        using (state)
        {
            return state.index_select(1, order);
        }
    }

    /// <summary>
    /// A given state with its batch dimension (inserted for unbatched input), checked against
    /// <paramref name="expected"/> with PyTorch's message naming it <paramref name="what"/>.
    /// </summary>
    protected static Tensor CheckedState(Tensor state, bool batched, long[] expected, string what)
    {
        Tensor withBatch = batched ? state : state.unsqueeze(1);
        long[] shape = withBatch.shape;
        if (!shape.AsSpan().SequenceEqual(expected))
        {
            throw new TorchException($"Expected {what} size ({string.Join(", ", expected)}), got [{string.Join(", ", shape)}]");
        }

        return withBatch;
    }
}
