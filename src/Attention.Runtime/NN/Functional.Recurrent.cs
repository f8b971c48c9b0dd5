using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// torch.nn.functional: the multi-layer recurrent kernels behind LSTM and GRU.
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Runs a (multi-layer, optionally bidirectional) LSTM over <paramref name="input"/>, (L, N, H_in) or (N, L, H_in)
            /// with <paramref name="batch_first"/>, from the states hx = (h0, c0), each (num_layers·directions, N, H). Returns the
            /// last layer's outputs (L, N, directions·H) and the final states h_n and c_n. <paramref name="parameters"/> are in
            /// PyTorch's flat-weights order: per layer and direction w_ih, w_hh and, with <paramref name="has_biases"/>, b_ih, b_hh.
            /// </summary>
            public static unsafe (Tensor output, Tensor h_n, Tensor c_n) lstm(Tensor input, (Tensor h0, Tensor c0) hx, Tensor[] parameters,
                bool has_biases = true, long num_layers = 1, double dropout = 0.0, bool train = false, bool bidirectional = false, bool batch_first = false)
            {
                using var held = new HeldHandles(parameters);
                IntPtr output, hN, cN;
                fixed (IntPtr* raw = held.Raw)
                {
                    NativeError.Check(NativeMethods.shim_lstm(Handle(input), Handle(hx.h0), Handle(hx.c0), raw, held.Raw.Length,
                        Flag(has_biases), num_layers, dropout, Flag(train), Flag(bidirectional), Flag(batch_first), out output, out hN, out cN));
                }

                return (Tensor.FromRaw(output), Tensor.FromRaw(hN), Tensor.FromRaw(cN));
            }

            /// <summary>
            /// Runs a (multi-layer, optionally bidirectional) GRU over <paramref name="input"/>, (L, N, H_in) or (N, L, H_in)
            /// with <paramref name="batch_first"/>, from the state <paramref name="hx"/> (num_layers·directions, N, H). Returns the
            /// last layer's outputs (L, N, directions·H) and the final state h_n. <paramref name="parameters"/> are in PyTorch's
            /// flat-weights order: per layer and direction w_ih, w_hh and, with <paramref name="has_biases"/>, b_ih, b_hh.
            /// </summary>
            public static unsafe (Tensor output, Tensor h_n) gru(Tensor input, Tensor hx, Tensor[] parameters,
                bool has_biases = true, long num_layers = 1, double dropout = 0.0, bool train = false, bool bidirectional = false, bool batch_first = false)
            {
                using var held = new HeldHandles(parameters);
                IntPtr output, hN;
                fixed (IntPtr* raw = held.Raw)
                {
                    NativeError.Check(NativeMethods.shim_gru(Handle(input), Handle(hx), raw, held.Raw.Length,
                        Flag(has_biases), num_layers, dropout, Flag(train), Flag(bidirectional), Flag(batch_first), out output, out hN));
                }

                return (Tensor.FromRaw(output), Tensor.FromRaw(hN));
            }

            /// <summary>
            /// Runs an LSTM over a packed batch (<see cref="utils.rnn.PackedSequence.data"/> and <see cref="utils.rnn.PackedSequence.batch_sizes"/>),
            /// each sequence stopping at its own length, from hx = (h0, c0), each (num_layers·directions, N, H) in packed order.
            /// Returns the packed outputs (Σ lengths, directions·H) and the states after each sequence's last step.
            /// </summary>
            public static unsafe (Tensor output, Tensor h_n, Tensor c_n) lstm(Tensor data, Tensor batch_sizes, (Tensor h0, Tensor c0) hx,
                Tensor[] parameters, bool has_biases = true, long num_layers = 1, double dropout = 0.0, bool train = false, bool bidirectional = false)
            {
                using var held = new HeldHandles(parameters);
                IntPtr output, hN, cN;
                fixed (IntPtr* raw = held.Raw)
                {
                    NativeError.Check(NativeMethods.shim_lstm_packed(Handle(data), Handle(batch_sizes), Handle(hx.h0), Handle(hx.c0), raw,
                        held.Raw.Length, Flag(has_biases), num_layers, dropout, Flag(train), Flag(bidirectional), out output, out hN, out cN));
                }

                return (Tensor.FromRaw(output), Tensor.FromRaw(hN), Tensor.FromRaw(cN));
            }

            /// <summary>
            /// Runs a GRU over a packed batch (<see cref="utils.rnn.PackedSequence.data"/> and <see cref="utils.rnn.PackedSequence.batch_sizes"/>),
            /// each sequence stopping at its own length, from <paramref name="hx"/> (num_layers·directions, N, H) in packed order.
            /// Returns the packed outputs (Σ lengths, directions·H) and the state after each sequence's last step.
            /// </summary>
            public static unsafe (Tensor output, Tensor h_n) gru(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] parameters,
                bool has_biases = true, long num_layers = 1, double dropout = 0.0, bool train = false, bool bidirectional = false)
            {
                using var held = new HeldHandles(parameters);
                IntPtr output, hN;
                fixed (IntPtr* raw = held.Raw)
                {
                    NativeError.Check(NativeMethods.shim_gru_packed(Handle(data), Handle(batch_sizes), Handle(hx), raw, held.Raw.Length,
                        Flag(has_biases), num_layers, dropout, Flag(train), Flag(bidirectional), out output, out hN));
                }

                return (Tensor.FromRaw(output), Tensor.FromRaw(hN));
            }
        }
    }
}
