using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_loss.cpp. `reduction` is libtorch's at::Reduction
// (0 none, 1 mean, 2 sum); optional tensors are TensorHandle.Null.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_mse_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_l1_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_smooth_l1_loss(TensorHandle input, TensorHandle target, long reduction, double beta);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_binary_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle posWeight, long reduction);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(Lib)]
    internal static partial TensorHandle shim_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex);
}
