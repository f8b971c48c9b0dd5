using Attention.Runtime.Native;

namespace Attention.Runtime;

/// <summary>Which kernels compute the matrix products of float32 CPU tensors in this process.</summary>
public enum GemmBackend
{
    /// <summary>libtorch's own (for Debian's libtorch, the reference BLAS), because <c>ATTENTION_GEMM=blas</c> was set or the shim was built without oneDNN.</summary>
    LibTorch = 0,

    /// <summary>oneDNN's <c>sgemm</c>, registered by the runtime for <c>mm</c>, <c>addmm</c> and <c>bmm</c>.</summary>
    OneDnn = 1,

    /// <summary>libtorch's own, because registering oneDNN's failed.</summary>
    RegistrationFailed = 2,
}

/// <summary>
/// Matrix products on the CPU. Debian's libtorch multiplies matrices with the reference BLAS, 30 to 40 times slower
/// than oneDNN's <c>sgemm</c> in the <c>libdnnl</c> it already depends on; when the native shim loads, it registers
/// oneDNN-backed CPU kernels for <c>aten::mm</c>, <c>addmm</c> and <c>bmm</c> with libtorch's dispatcher, in this
/// process only, so every float32 product (layers, attention, and backward) uses it. Set <c>ATTENTION_GEMM=blas</c>
/// to keep libtorch's kernels. docs/benchmarks.md measures the effect.
/// </summary>
public static class CpuGemm
{
    /// <summary>Gets the kernels chosen when the runtime loaded.</summary>
    public static GemmBackend Backend => (GemmBackend)NativeMethods.shim_gemm_backend();
}
