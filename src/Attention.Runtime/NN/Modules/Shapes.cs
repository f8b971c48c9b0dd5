using System;

namespace Attention.Runtime.Modules;

/// <summary>Argument checks shared by the layers.</summary>
internal static class Shapes
{
    /// <summary>Refuses a parameter shape with a negative size, in the words PyTorch uses when it creates the tensor.</summary>
    public static void EnsureNonNegative(long[] shape)
    {
        foreach (long size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"Trying to create tensor with negative dimension {size}: [{string.Join(", ", shape)}]");
            }
        }
    }

    /// <summary>Creates an uninitialised parameter of <paramref name="shape"/> after checking the sizes.</summary>
    public static torch.nn.Parameter EmptyParameter(long[] shape, Device? device, torch.ScalarType? dtype)
    {
        EnsureNonNegative(shape);
        using torch.Tensor data = torch.empty(shape, dtype, device);
        return new torch.nn.Parameter(data);
    }
}
