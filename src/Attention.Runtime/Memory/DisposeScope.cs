using System;
using System.Collections.Generic;
using System.Threading;
using static Attention.Runtime.torch;

namespace Attention.Runtime;

/// <summary>
/// Collects every tensor created while it is the current scope and disposes them together, so a
/// training step does not have to dispose each intermediate by hand. The current scope flows with
/// the <see cref="ExecutionContext"/> (an <see cref="AsyncLocal{T}"/>), so it survives <c>await</c>.
/// Results that must outlive the scope are moved out with <see cref="MoveToOuter(torch.Tensor)"/> or
/// <see cref="Tensor.MoveToOuterDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    private static readonly AsyncLocal<DisposeScope?> CurrentScope = new();

    private readonly List<Tensor> tensors = [];
    private bool disposed;

    internal DisposeScope()
    {
        Outer = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>The scope that was current when this one was opened, if any.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The scope that newly created tensors join, or null.</summary>
    public static DisposeScope? Current => CurrentScope.Value;

    /// <summary>Number of tensors this scope will dispose.</summary>
    public int Count
    {
        get
        {
            lock (tensors)
            {
                int count = 0;
                foreach (Tensor tensor in tensors)
                {
                    if (tensor.OwningScope == this && !tensor.IsDisposed)
                    {
                        count++;
                    }
                }

                return count;
            }
        }
    }

    internal static void Register(Tensor tensor)
    {
        DisposeScope? scope = CurrentScope.Value;
        if (scope is not null)
        {
            scope.Attach(tensor);
        }
    }

    /// <summary>Moves <paramref name="tensor"/> to the enclosing scope (or to no scope), so it survives this one.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.OwningScope == this)
        {
            tensor.OwningScope = null;
            Outer?.Attach(tensor);
        }

        return tensor;
    }

    /// <summary>Moves several tensors to the enclosing scope.</summary>
    public void MoveToOuter(params ReadOnlySpan<Tensor> tensorsToMove)
    {
        foreach (Tensor tensor in tensorsToMove)
        {
            MoveToOuter(tensor);
        }
    }

    /// <summary>Takes <paramref name="tensor"/> out of every scope: the caller now disposes it.</summary>
    public static Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.OwningScope = null;
        return tensor;
    }

    /// <summary>Disposes every tensor this scope still owns and makes the enclosing scope current again; later calls do nothing.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Tensor[] owned;
        lock (tensors)
        {
            disposed = true;
            owned = [.. tensors];
            tensors.Clear();
        }

        foreach (Tensor tensor in owned)
        {
            // A tensor moved to another scope keeps its entry here; ownership decides.
            if (tensor.OwningScope == this)
            {
                tensor.OwningScope = null;
                tensor.Dispose();
            }
        }

        if (CurrentScope.Value == this)
        {
            CurrentScope.Value = Outer;
        }
    }

    // Tensors may be created on several threads at once inside one scope (Task.Run, Parallel.For).
    private void Attach(Tensor tensor)
    {
        lock (tensors)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(DisposeScope), "A tensor cannot join a dispose scope that was already disposed.");
            }

            tensor.OwningScope = this;
            tensors.Add(tensor);
        }
    }
}

public static partial class torch
{
    /// <summary>Opens a dispose scope that becomes current until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Number of native tensor references alive now: a leak test compares it before and after.</summary>
    public static long LiveTensorCount => Native.NativeMethods.shim_live_tensors();
}
