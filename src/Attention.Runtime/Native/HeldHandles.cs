using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Native;

/// <summary>
/// The raw handles of a tensor list for a native call that takes <c>TensorHandle*</c>, each kept referenced until
/// disposed so that no tensor can be freed mid-call.
/// </summary>
internal readonly struct HeldHandles : IDisposable
{
    private readonly Tensor[] tensors;
    private readonly int count;

    public HeldHandles(Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        this.tensors = tensors;
        Raw = new IntPtr[tensors.Length];
        try
        {
            for (; count < tensors.Length; count++)
            {
                bool added = false;
                Handle(tensors[count]).DangerousAddRef(ref added);
                Raw[count] = tensors[count].Handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The handles, in the order of the tensors.</summary>
    public IntPtr[] Raw { get; }

    public void Dispose()
    {
        for (int i = 0; i < count; i++)
        {
            tensors[i].Handle.DangerousRelease();
        }
    }
}
