using System;
using System.Runtime.InteropServices;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Memory;

/// <summary>
/// The allocation policy the shim sets when it loads: reported as the environment asks, and in force. Pinned, a
/// 16 MiB tensor comes from the heap (glibc's default would map it: its threshold starts at 128 KiB) while one
/// far above 32 MiB is still mapped; glibc's counter of mapped bytes (<c>mallinfo2().hblkhd</c>) tells which.
/// The effect on a training run (page faults, system time, peak memory) is measured in docs/benchmarks.md.
/// </summary>
/// <remarks>
/// Run the suite with <c>ATTENTION_MALLOC=default</c> to check the other branch of the policy test. glibc's counter is
/// process-wide, so these tests run alone: a test in parallel that frees a mapped block (large attention scores,
/// say) would make the difference come out short.
/// </remarks>
[Collection(nameof(ProcessWideMemoryCollection))]
public sealed partial class CpuAllocatorTests
{
    private static MallocPolicy Expected()
    {
        if (Environment.GetEnvironmentVariable("ATTENTION_MALLOC") == "default")
        {
            return MallocPolicy.GlibcDefault;
        }

        return Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true
            ? MallocPolicy.UserTunables
            : MallocPolicy.Pinned;
    }

    [Fact]
    public void The_policy_is_the_one_the_environment_asks_for() => Assert.Equal(Expected(), CpuAllocator.Policy);

    [Fact]
    public void Pinned_blocks_up_to_32_MiB_come_from_the_heap_and_larger_ones_are_mapped()
    {
        Assert.SkipUnless(CpuAllocator.Policy == MallocPolicy.Pinned, $"the policy is {CpuAllocator.Policy}, not the runtime's own");

        Assert.Equal(0, MappedBytesWhileHolding(16L << 20));
        // Well above the threshold: freed heap blocks of earlier tests (kept, as the policy keeps heap tops) could serve a
        // block just above 32 MiB from the heap, so the check takes one no test's live heap blocks add up to.
        Assert.True(MappedBytesWhileHolding(512L << 20) >= 512L << 20, "a 512 MiB block was not mapped: the threshold is above glibc's maximum");
    }

    /// <summary>How many more bytes glibc has mapped while a float32 tensor of <paramref name="bytes"/> is alive.</summary>
    private static long MappedBytesWhileHolding(long bytes)
    {
        long before = (long)MallInfo2().hblkhd;
        using Tensor block = empty(bytes / sizeof(float));
        return (long)MallInfo2().hblkhd - before;
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static partial MallInfo MallInfo2();

    /// <summary>glibc's <c>struct mallinfo2</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo
    {
        public readonly nuint arena;
        public readonly nuint ordblks;
        public readonly nuint smblks;
        public readonly nuint hblks;
        public readonly nuint hblkhd;
        public readonly nuint usmblks;
        public readonly nuint fsmblks;
        public readonly nuint uordblks;
        public readonly nuint fordblks;
        public readonly nuint keepcost;
    }
}

/// <summary>Tests that read process-wide allocator counters, and so run with no other test in parallel.</summary>
[CollectionDefinition(nameof(ProcessWideMemoryCollection), DisableParallelization = true)]
public sealed class ProcessWideMemoryCollection;
