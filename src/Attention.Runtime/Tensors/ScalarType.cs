namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>Element types, reachable as <c>torch.ScalarType</c> as in TorchSharp, and numbered as libtorch's <c>c10::ScalarType</c> so they cross the shim unchanged.</summary>
    public enum ScalarType : sbyte
    {
        /// <summary>8-bit unsigned integer (uint8).</summary>
        Byte = 0,
        /// <summary>8-bit signed integer.</summary>
        Int8 = 1,
        /// <summary>16-bit signed integer.</summary>
        Int16 = 2,
        /// <summary>32-bit signed integer.</summary>
        Int32 = 3,
        /// <summary>64-bit signed integer (PyTorch's long, the type of indices).</summary>
        Int64 = 4,
        /// <summary>16-bit IEEE half-precision float.</summary>
        Float16 = 5,
        /// <summary>32-bit float, PyTorch's default.</summary>
        Float32 = 6,
        /// <summary>64-bit float (double).</summary>
        Float64 = 7,
        /// <summary>Complex number of two 32-bit floats.</summary>
        ComplexFloat32 = 9,
        /// <summary>Complex number of two 64-bit floats.</summary>
        ComplexFloat64 = 10,
        /// <summary>Boolean (true or false).</summary>
        Bool = 11,
        /// <summary>16-bit brain float: float32's exponent range with 8 bits of mantissa.</summary>
        BFloat16 = 15,
    }

    // The dtype names of PyTorch: torch.float32, torch.int64 ...
    /// <summary>PyTorch's <c>torch.uint8</c>: <see cref="ScalarType.Byte"/>.</summary>
    public const ScalarType uint8 = ScalarType.Byte;
    /// <summary>PyTorch's <c>torch.int8</c>: <see cref="ScalarType.Int8"/>.</summary>
    public const ScalarType int8 = ScalarType.Int8;
    /// <summary>PyTorch's <c>torch.int16</c>: <see cref="ScalarType.Int16"/>.</summary>
    public const ScalarType int16 = ScalarType.Int16;
    /// <summary>PyTorch's <c>torch.int32</c>: <see cref="ScalarType.Int32"/>.</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary>PyTorch's <c>torch.int64</c>: <see cref="ScalarType.Int64"/>.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>PyTorch's <c>torch.float16</c>: <see cref="ScalarType.Float16"/>.</summary>
    public const ScalarType float16 = ScalarType.Float16;
    /// <summary>PyTorch's <c>torch.bfloat16</c>: <see cref="ScalarType.BFloat16"/>.</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    /// <summary>PyTorch's <c>torch.float32</c>: <see cref="ScalarType.Float32"/>.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>PyTorch's <c>torch.float64</c>: <see cref="ScalarType.Float64"/>.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>PyTorch's <c>torch.bool</c>: <see cref="ScalarType.Bool"/>.</summary>
    public const ScalarType @bool = ScalarType.Bool;
    /// <summary>PyTorch's <c>torch.float</c>: <see cref="ScalarType.Float32"/>.</summary>
    public const ScalarType @float = ScalarType.Float32;
    /// <summary>PyTorch's <c>torch.double</c>: <see cref="ScalarType.Float64"/>.</summary>
    public const ScalarType @double = ScalarType.Float64;
    /// <summary>PyTorch's <c>torch.long</c>: <see cref="ScalarType.Int64"/>.</summary>
    public const ScalarType @long = ScalarType.Int64;
    /// <summary>PyTorch's <c>torch.int</c>: <see cref="ScalarType.Int32"/>.</summary>
    public const ScalarType @int = ScalarType.Int32;

    /// <summary>Size in bytes of one element of <paramref name="type"/>.</summary>
    public static int element_size(ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type, "unknown dtype"),
    };

    /// <summary>True for floating-point dtypes (the ones that can require gradients).</summary>
    public static bool is_floating_point(ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>PyTorch's name of a dtype, as printed by <c>str(torch.float32)</c> without the prefix.</summary>
    public static string dtype_name(ScalarType type) => type switch
    {
        ScalarType.Byte => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.ComplexFloat32 => "complex64",
        ScalarType.ComplexFloat64 => "complex128",
        ScalarType.Bool => "bool",
        _ => type.ToString(),
    };
}
