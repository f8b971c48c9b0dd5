using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_rnn.cpp. Parameter lists travel as arrays of raw
// handles that the caller keeps referenced (DangerousAddRef) for the duration of the call.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static unsafe partial int shim_lstm(TensorHandle input, TensorHandle h0, TensorHandle c0, IntPtr* parameters, int nParameters, byte hasBiases, long numLayers, double dropout, byte train, byte bidirectional, byte batchFirst, out IntPtr output, out IntPtr hN, out IntPtr cN);
    [LibraryImport(Lib)] internal static unsafe partial int shim_gru(TensorHandle input, TensorHandle h0, IntPtr* parameters, int nParameters, byte hasBiases, long numLayers, double dropout, byte train, byte bidirectional, byte batchFirst, out IntPtr output, out IntPtr hN);
    [LibraryImport(Lib)] internal static partial int shim_pack_padded_sequence(TensorHandle input, TensorHandle lengths, byte batchFirst, out IntPtr data, out IntPtr batchSizes);
    [LibraryImport(Lib)] internal static partial int shim_pad_packed_sequence(TensorHandle data, TensorHandle batchSizes, byte batchFirst, double paddingValue, long totalLength, out IntPtr padded, out IntPtr lengths);
    [LibraryImport(Lib)] internal static unsafe partial int shim_lstm_packed(TensorHandle data, TensorHandle batchSizes, TensorHandle h0, TensorHandle c0, IntPtr* parameters, int nParameters, byte hasBiases, long numLayers, double dropout, byte train, byte bidirectional, out IntPtr output, out IntPtr hN, out IntPtr cN);
    [LibraryImport(Lib)] internal static unsafe partial int shim_gru_packed(TensorHandle data, TensorHandle batchSizes, TensorHandle h0, IntPtr* parameters, int nParameters, byte hasBiases, long numLayers, double dropout, byte train, byte bidirectional, out IntPtr output, out IntPtr hN);
}
