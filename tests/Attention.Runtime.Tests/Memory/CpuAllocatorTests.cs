using System;
using System.IO;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Memory;

/// <summary>
/// The allocation policy the shim sets when it loads: reported as the environment asks, and effective. A step that
/// holds six 4 MiB tensors at once and then frees them all (as a training step holds its activations) is served,
/// step after step, from memory that stays mapped; under glibc's default policy the freed heap top (24 MiB, above the
/// 8 MiB trim threshold that the dynamic policy settles on) goes back to the kernel and is faulted in again.
/// </summary>
/// <remarks>Run the suite with <c>ATTENTION_MALLOC=default</c> to check the other branch.</remarks>
public sealed class CpuAllocatorTests
{
    private const int Iterations = 10;
    private const int TensorsPerStep = 6;
    private const long PagesPerTensor = 4L * 1024 * 1024 / 4096;

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
    public void Pinned_freed_tensors_stay_mapped_and_the_default_faults_them_in_every_time()
    {
        MallocPolicy policy = CpuAllocator.Policy;
        Assert.True(policy is MallocPolicy.Pinned or MallocPolicy.GlibcDefault, $"policy {policy}: this test covers the two the runtime chooses between");
        // The first steps fault their pages in under any policy (and let glibc's dynamic thresholds settle).
        Step();
        Step();
        long before = MinorFaults();
        for (int i = 0; i < Iterations; i++)
        {
            Step();
        }

        long faults = MinorFaults() - before;
        long stepPages = TensorsPerStep * PagesPerTensor;
        if (policy == MallocPolicy.Pinned)
        {
            Assert.True(faults < stepPages, $"{faults} minor faults in {Iterations} steps that reuse {stepPages} pages");
        }
        else
        {
            Assert.True(faults > Iterations / 2 * stepPages, $"only {faults} minor faults in {Iterations} steps under glibc's default policy");
        }
    }

    /// <summary>Allocates six 4 MiB tensors, writes every page, then frees them all.</summary>
    private static void Step()
    {
        var held = new Tensor[TensorsPerStep];
        for (int i = 0; i < held.Length; i++)
        {
            held[i] = ones(1024 * 1024);
        }

        foreach (Tensor tensor in held)
        {
            tensor.Dispose();
        }
    }

    /// <summary>The process's minor page faults so far: field 10 of /proc/self/stat.</summary>
    private static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
