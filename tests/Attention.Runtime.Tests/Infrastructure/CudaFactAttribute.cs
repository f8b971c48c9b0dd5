using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>
/// A test that needs a CUDA device; skipped, saying which libtorch lacks it, where there is none. The
/// reason is in the test's display name too, because the default output of <c>dotnet test</c> lists
/// skipped tests by name but does not print why they skipped.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1, [CallerMemberName] string? test = null)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!torch.cuda.is_available())
        {
            string reason = UnavailableReason();
            Skip = "no CUDA device: " + reason;
            DisplayName = SkippedName(sourceFilePath, test, reason);
        }
    }

    /// <summary>"CudaTests.Ops_on_the_GPU_match_the_CPU (skipped, CUDA is not available: the loaded libtorch 1.13.0 … was built without CUDA.)": the reason's first sentence.</summary>
    internal static string SkippedName(string? sourceFilePath, string? test, string reason)
    {
        int sentence = reason.IndexOf(". ", StringComparison.Ordinal);
        return $"{Path.GetFileNameWithoutExtension(sourceFilePath)}.{test} (skipped, {(sentence > 0 ? reason[..(sentence + 1)] : reason)})";
    }

    /// <summary>The runtime's own explanation (libtorch version, folder, and how to get a CUDA build).</summary>
    internal static string UnavailableReason()
    {
        try
        {
            torch.cuda.synchronize();
        }
        catch (TorchException e)
        {
            return e.Message;
        }

        return "CUDA reports no device, yet synchronize succeeded";
    }
}

/// <summary>A theory that needs a CUDA device; skipped, saying which libtorch lacks it, where there is none.</summary>
public sealed class CudaTheoryAttribute : TheoryAttribute
{
    public CudaTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1, [CallerMemberName] string? test = null)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!torch.cuda.is_available())
        {
            string reason = CudaFactAttribute.UnavailableReason();
            Skip = "no CUDA device: " + reason;
            DisplayName = CudaFactAttribute.SkippedName(sourceFilePath, test, reason);
        }
    }
}

/// <summary>A test of how the runtime fails without CUDA; skipped where a CUDA device is present.</summary>
public sealed class WithoutCudaFactAttribute : FactAttribute
{
    public WithoutCudaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (torch.cuda.is_available())
        {
            Skip = $"CUDA is available ({torch.cuda.device_count()} device(s)); this test checks the errors without it";
        }
    }
}
