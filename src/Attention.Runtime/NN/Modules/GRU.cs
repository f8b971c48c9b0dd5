using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// A multi-layer gated recurrent unit network, as torch.nn.GRU. The input is (L, N, input_size), or
/// (N, L, input_size) with <see cref="RNNBase{TOutput}.batch_first"/>, or unbatched (L, input_size); the state is
/// (num_layers·directions, N, hidden_size). Per layer and direction: <c>weight_ih</c> [3·hidden, input],
/// <c>weight_hh</c> [3·hidden, hidden] and the biases [3·hidden], gates in PyTorch's order (reset, update, new).
/// </summary>
public sealed class GRU : RNNBase<(Tensor output, Tensor h_n)>
{
    /// <summary>A stack of <paramref name="num_layers"/> GRU layers from <paramref name="input_size"/> to <paramref name="hidden_size"/> features, as <c>torch.nn.GRU</c>.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="input_size"/> is negative, or <paramref name="hidden_size"/> or <paramref name="num_layers"/> is not positive.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="dropout"/> is outside [0, 1].</exception>
    public GRU(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
        double dropout = 0.0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
        : base(nameof(GRU), 3, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)
    {
    }

    /// <summary>Runs the network from a zero state; returns the last layer's outputs and the final state h_n.</summary>
    public override (Tensor output, Tensor h_n) forward(Tensor input) => forward(input, null);

    /// <summary>
    /// Runs the network from the state <paramref name="hx"/> (zeros when null); returns the last layer's outputs
    /// (L, N, directions·hidden_size) and the final state h_n.
    /// </summary>
    public (Tensor output, Tensor h_n) forward(Tensor input, Tensor? hx)
    {
        long[] shape = CheckInput(input, out bool batched);
        long[] expected = ExpectedStateShape(shape, batched);
        Tensor h0;
        Tensor? zero = null;   // created here, released here
        if (hx is not null)
        {
            int stateDims = batched ? 3 : 2;
            if (hx.Dim() != stateDims)
            {
                throw new TorchException(batched
                    ? $"For batched 3-D input, hx should also be 3-D but got {hx.Dim()}-D tensor"
                    : $"For unbatched 2-D input, hx should also be 2-D but got {hx.Dim()}-D tensor");
            }

            h0 = CheckedState(hx, batched, expected, "hidden");
        }
        else
        {
            h0 = zero = ZeroState(input, expected);
        }

        try
        {
            var (output, hN) = nn.functional.gru(Batched(input, batched), h0, FlatWeights, bias, num_layers, dropout, training, bidirectional,
                batch_first);
            return batched ? (output, hN) : (Unbatched(output, batched), hN.squeeze(1));
        }
        finally
        {
            zero?.Dispose();
        }
    }

    /// <summary>
    /// Runs the network over a packed batch, each sequence stopping at its own length, from the state
    /// <paramref name="hx"/> in the batch's order (zeros when null). Returns the packed outputs, laid out as
    /// <paramref name="input"/>, and the state h_n after each sequence's last step, in the batch's order.
    /// </summary>
    public (nn.utils.rnn.PackedSequence output, Tensor h_n) forward(nn.utils.rnn.PackedSequence input, Tensor? hx = null)
    {
        long[] expected = ExpectedStateShape(input);
        using Tensor h0 = hx is not null ? PackedState(hx, input, expected, "hidden") : ZeroState(input.data, expected);
        var (output, hN) = nn.functional.gru(input.data, input.batch_sizes, h0, FlatWeights, bias, num_layers, dropout, training, bidirectional);
        return (input.WithData(output), BatchOrder(hN, input));
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor?)"/>: <c>gru.call(x, h0)</c>.</summary>
    public (Tensor output, Tensor h_n) call(Tensor input, Tensor? hx) => forward(input, hx);
}
