using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_attention.cpp.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_grid_sample(TensorHandle input, TensorHandle grid, long mode, long paddingMode, byte alignCorners);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_affine_grid(TensorHandle theta, ReadOnlySpan<long> size, int ndim, byte alignCorners);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_scaled_dot_product_attention(TensorHandle query, TensorHandle key, TensorHandle value, TensorHandle attnMask, double dropoutP, byte isCausal);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_gumbel_softmax(TensorHandle logits, double tau, byte hard, long dim);
}
