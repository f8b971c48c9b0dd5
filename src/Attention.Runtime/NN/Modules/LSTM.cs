using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A multi-layer long short-term memory network, as torch.nn.LSTM. The input is (L, N, input_size), or
/// (N, L, input_size) with <see cref="RNNBase{TOutput}.batch_first"/>, or unbatched (L, input_size); the states are
/// (num_layers·directions, N, hidden_size). Per layer and direction: <c>weight_ih</c> [4·hidden, input],
/// <c>weight_hh</c> [4·hidden, hidden] and the biases [4·hidden], gates in PyTorch's order (input, forget, cell, output).
/// </summary>
public sealed class LSTM : RNNBase<(Tensor output, (Tensor h_n, Tensor c_n) state)>
{
    /// <summary>A stack of <paramref name="num_layers"/> LSTM layers from <paramref name="input_size"/> to <paramref name="hidden_size"/> features, as <c>torch.nn.LSTM</c>.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="input_size"/> is negative, or <paramref name="hidden_size"/> or <paramref name="num_layers"/> is not positive.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="dropout"/> is outside [0, 1].</exception>
    public LSTM(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
        double dropout = 0.0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
        : base(nameof(LSTM), 4, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)
    {
    }

    /// <summary>Runs the network from zero states; returns the last layer's outputs and the final (h_n, c_n).</summary>
    public override (Tensor output, (Tensor h_n, Tensor c_n) state) forward(Tensor input) => forward(input, null);

    /// <summary>
    /// Runs the network from the states <paramref name="hx"/> = (h0, c0) (zeros when null); returns the last layer's
    /// outputs (L, N, directions·hidden_size) and the final states (h_n, c_n).
    /// </summary>
    public (Tensor output, (Tensor h_n, Tensor c_n) state) forward(Tensor input, (Tensor h0, Tensor c0)? hx)
    {
        long[] shape = CheckInput(input, out bool batched);
        long[] expected = ExpectedStateShape(shape, batched);
        Tensor h0, c0;
        Tensor? zeroH = null, zeroC = null;   // created here, released here
        if (hx is var (h, c))
        {
            ArgumentNullException.ThrowIfNull(h);
            ArgumentNullException.ThrowIfNull(c);
            int stateDims = batched ? 3 : 2;
            if (h.Dim() != stateDims || c.Dim() != stateDims)
            {
                throw new TorchException(batched
                    ? $"For batched 3-D input, hx and cx should also be 3-D but got ({h.Dim()}-D, {c.Dim()}-D) tensors"
                    : $"For unbatched 2-D input, hx and cx should also be 2-D but got ({h.Dim()}-D, {c.Dim()}-D) tensors");
            }

            h0 = CheckedState(h, batched, expected, "hidden[0]");
            c0 = CheckedState(c, batched, expected, "hidden[1]");
        }
        else
        {
            h0 = zeroH = ZeroState(input, expected);
            c0 = zeroC = ZeroState(input, expected);
        }

        try
        {
            var (output, hN, cN) = nn.functional.lstm(Batched(input, batched), (h0, c0), FlatWeights, bias, num_layers, dropout, training,
                bidirectional, batch_first);
            return batched ? (output, (hN, cN)) : (Unbatched(output, batched), (hN.squeeze(1), cN.squeeze(1)));
        }
        finally
        {
            zeroH?.Dispose();
            zeroC?.Dispose();
        }
    }

    /// <summary>
    /// Runs the network over a packed batch, each sequence stopping at its own length, from the states
    /// <paramref name="hx"/> = (h0, c0) in the batch's order (zeros when null). Returns the packed outputs, laid out
    /// as <paramref name="input"/>, and the states (h_n, c_n) after each sequence's last step, in the batch's order.
    /// </summary>
    public (nn.utils.rnn.PackedSequence output, (Tensor h_n, Tensor c_n) state) forward(nn.utils.rnn.PackedSequence input, (Tensor h0, Tensor c0)? hx = null)
    {
        long[] expected = ExpectedStateShape(input);
        using Tensor h0 = hx is var (h, _) ? PackedState(h, input, expected, "hidden[0]") : ZeroState(input.data, expected);
        using Tensor c0 = hx is var (_, c) ? PackedState(c, input, expected, "hidden[1]") : ZeroState(input.data, expected);
        var (output, hN, cN) = nn.functional.lstm(input.data, input.batch_sizes, (h0, c0), FlatWeights, bias, num_layers, dropout, training,
            bidirectional);
        return (input.WithData(output), (BatchOrder(hN, input), BatchOrder(cN, input)));
    }

    /// <summary>Runs <see cref="forward(Tensor, ValueTuple{Tensor, Tensor}?)"/>: <c>lstm.call(x, (h0, c0))</c>.</summary>
    public (Tensor output, (Tensor h_n, Tensor c_n) state) call(Tensor input, (Tensor h0, Tensor c0)? hx) => forward(input, hx);
}
