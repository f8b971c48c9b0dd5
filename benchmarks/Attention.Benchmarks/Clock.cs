using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Attention.Benchmarks;

/// <summary>Wall-clock and CPU time of one timed loop, in microseconds.</summary>
internal readonly record struct Elapsed(double WallMicroseconds, double CpuMicroseconds);

/// <summary>
/// Reads the wall clock and the calling thread's CPU time together. On a machine shared with other
/// work the wall clock also counts the time the thread waited for a core; the thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID, the clock of Python's time.thread_time_ns) does not, so it is the
/// steadier measure of what a call costs. With one intra-op thread libtorch runs every kernel on
/// the calling thread, so nothing of the op itself is missed.
/// </summary>
internal readonly partial struct Clock
{
    private const int ClockThreadCpuTimeId = 3;

    private readonly long wallStart;
    private readonly long cpuStartNanoseconds;

    private Clock(long wallStart, long cpuStartNanoseconds)
    {
        this.wallStart = wallStart;
        this.cpuStartNanoseconds = cpuStartNanoseconds;
    }

    public static Clock Start() => new(Stopwatch.GetTimestamp(), ThreadCpuNanoseconds());

    public Elapsed Stop()
    {
        long cpuEnd = ThreadCpuNanoseconds();
        double wall = Stopwatch.GetElapsedTime(wallStart).TotalMicroseconds;
        return new Elapsed(wall, (cpuEnd - cpuStartNanoseconds) / 1000.0);
    }

    private static long ThreadCpuNanoseconds()
    {
        clock_gettime(ClockThreadCpuTimeId, out TimeSpec now);
        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
