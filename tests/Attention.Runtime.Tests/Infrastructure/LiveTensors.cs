using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>
/// The live native tensor count, read after the garbage collector has finalized what earlier
/// tests left undisposed: otherwise a finalizer running mid-test changes the count and a leak
/// test compares numbers that moved for reasons of its own.
/// </summary>
public static class LiveTensors
{
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return LiveTensorCount;
    }
}
