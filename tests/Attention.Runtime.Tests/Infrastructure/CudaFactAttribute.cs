using System.Runtime.CompilerServices;
using Xunit;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>A test that needs a CUDA device; skipped, saying which libtorch lacks it, where there is none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!torch.cuda.is_available())
        {
            Skip = "no CUDA device: " + UnavailableReason();
        }
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
    public CudaTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!torch.cuda.is_available())
        {
            Skip = "no CUDA device: " + CudaFactAttribute.UnavailableReason();
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
