using System;

namespace Attention.Runtime;

/// <summary>An operation that libtorch refused; the message is libtorch's own, without the C++ backtrace.</summary>
public sealed class TorchException : Exception
{
    /// <summary>An exception without a message.</summary>
    public TorchException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    /// <param name="message">What failed.</param>
    public TorchException(string message) : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public TorchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
