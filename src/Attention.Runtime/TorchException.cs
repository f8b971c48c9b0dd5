using System;

namespace Attention.Runtime;

/// <summary>An operation that libtorch refused; the message is libtorch's own, without the C++ backtrace.</summary>
public sealed class TorchException : Exception
{
    /// <summary>An exception without a message of its own.</summary>
    public TorchException()
    {
    }

    /// <summary>An exception with libtorch's <paramref name="message"/>.</summary>
    public TorchException(string message) : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public TorchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
