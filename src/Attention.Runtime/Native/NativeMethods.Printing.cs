using System;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

// P/Invoke declarations of native/src/shim_print.cpp.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial TensorHandle shim_print_elements(TensorHandle tensor, long edgeitems, byte summarize);
    [LibraryImport(Lib)] internal static partial IntPtr shim_tensor_grad_fn_name(TensorHandle tensor);
}
