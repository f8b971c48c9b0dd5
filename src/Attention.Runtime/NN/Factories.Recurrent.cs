using Attention.Runtime.Modules;

namespace Attention.Runtime;

// Factories of the recurrent and attention layers, with TorchSharp's shape: torch.nn.LSTM(8, 16) creates a Modules.LSTM.
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A multi-layer LSTM; call it as <c>lstm.call(x)</c> or <c>lstm.call(x, (h0, c0))</c> for (output, (h_n, c_n)).</summary>
        public static LSTM LSTM(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
            double dropout = 0.0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null) =>
            new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype);

        /// <summary>A multi-layer GRU; call it as <c>gru.call(x)</c> or <c>gru.call(x, h0)</c> for (output, h_n).</summary>
        public static GRU GRU(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
            double dropout = 0.0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null) =>
            new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype);

        /// <summary>Multi-head attention; <c>mha.call(q, k, v, …)</c> gives (output, weights or null). Bool masks: true = masked out.</summary>
        public static MultiheadAttention MultiheadAttention(long embed_dim, long num_heads, double dropout = 0.0, bool bias = true,
            bool add_bias_kv = false, bool add_zero_attn = false, long? kdim = null, long? vdim = null, bool batch_first = false,
            Device? device = null, ScalarType? dtype = null) =>
            new(embed_dim, num_heads, dropout, bias, add_bias_kv, add_zero_attn, kdim, vdim, batch_first, device, dtype);
    }
}
