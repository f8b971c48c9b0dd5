using Attention.Runtime.Native;

namespace Attention.Runtime;

/// <summary>How glibc's malloc, which libtorch allocates CPU tensors with, was set up when the runtime loaded.</summary>
public enum MallocPolicy
{
    /// <summary>
    /// The runtime's policy: blocks up to 32 MiB come from the heap (<c>M_MMAP_THRESHOLD</c>) and up to 2 GiB of free
    /// heap stays mapped (<c>M_TRIM_THRESHOLD</c>), so the tensors of one training step reuse the memory of the last
    /// instead of being mapped, faulted in and unmapped again.
    /// </summary>
    Pinned = 1,

    /// <summary>glibc's own dynamic policy, because <c>ATTENTION_MALLOC=default</c> was set.</summary>
    GlibcDefault = 2,

    /// <summary>Left as <c>GLIBC_TUNABLES</c> sets it: the environment names a <c>glibc.malloc.*</c> tunable.</summary>
    UserTunables = 3,

    /// <summary>Unchanged because <c>mallopt</c> refused the values (a C library other than glibc).</summary>
    Refused = 4,
}

/// <summary>
/// The CPU allocation policy. libtorch allocates CPU tensors with glibc's malloc, whose default policy maps and
/// unmaps large blocks on every allocation and returns free heap to the kernel, so a training loop pays thousands
/// of minor page faults per step. When the native shim loads, it pins both thresholds (<see cref="MallocPolicy.Pinned"/>);
/// set <c>ATTENTION_MALLOC=default</c> to keep glibc's policy, or set <c>GLIBC_TUNABLES=glibc.malloc.…</c> to choose
/// your own. docs/benchmarks.md measures the effect on time and peak memory.
/// </summary>
public static class CpuAllocator
{
    /// <summary>Gets the policy applied when the runtime loaded.</summary>
    public static MallocPolicy Policy => (MallocPolicy)NativeMethods.shim_malloc_policy();
}
