using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_autograd.cpp.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int shim_tensor_backward(TensorHandle tensor, TensorHandle gradient, byte retainGraph, byte createGraph);
    [LibraryImport(Lib)] internal static partial int shim_tensor_grad_if_changed(TensorHandle tensor, IntPtr known, out IntPtr identity, out IntPtr grad);
    [LibraryImport(Lib)] internal static partial int shim_tensor_set_grad(TensorHandle tensor, TensorHandle grad);
    [LibraryImport(Lib)] internal static partial TensorHandle shim_tensor_detach(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int shim_tensor_detach_(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int shim_tensor_retain_grad(TensorHandle tensor);
    [LibraryImport(Lib)] internal static unsafe partial int shim_autograd_grad(IntPtr* outputs, int nOutputs, IntPtr* inputs, int nInputs, IntPtr* gradOutputs, byte retainGraph, byte createGraph, byte allowUnused, IntPtr* results);
    [LibraryImport(Lib)] internal static partial byte shim_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial void shim_set_grad_enabled(byte enabled);
    [LibraryImport(Lib)] internal static partial byte shim_is_inference_mode_enabled();
    [LibraryImport(Lib)] internal static partial IntPtr shim_inference_mode_enter(byte enabled);
    [LibraryImport(Lib)] internal static partial void shim_inference_mode_exit(IntPtr guard);
}
