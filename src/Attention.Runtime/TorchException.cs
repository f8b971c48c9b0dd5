using System;

namespace Attention.Runtime;

/// <summary>An operation that libtorch refused; the message is libtorch's own, without the C++ backtrace.</summary>
public sealed class TorchException : Exception
{
    public TorchException()
    {
    }

    public TorchException(string message) : base(message)
    {
    }

    public TorchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
