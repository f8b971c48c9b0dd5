namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>Element types, numbered as libtorch's <c>c10::ScalarType</c> so they cross the shim unchanged.</summary>
    public enum ScalarType : sbyte
    {
        /// <summary>Unsigned 8-bit integer (<c>torch.uint8</c>).</summary>
        Byte = 0,
        /// <summary>Signed 8-bit integer (<c>torch.int8</c>).</summary>
        Int8 = 1,
        /// <summary>Signed 16-bit integer (<c>torch.int16</c>).</summary>
        Int16 = 2,
        /// <summary>Signed 32-bit integer (<c>torch.int32</c>).</summary>
        Int32 = 3,
        /// <summary>Signed 64-bit integer (<c>torch.int64</c>), the dtype of indices and class labels.</summary>
        Int64 = 4,
        /// <summary>IEEE half precision (<c>torch.float16</c>).</summary>
        Float16 = 5,
        /// <summary>IEEE single precision (<c>torch.float32</c>), the default floating-point dtype.</summary>
        Float32 = 6,
        /// <summary>IEEE double precision (<c>torch.float64</c>).</summary>
        Float64 = 7,
        /// <summary>Complex of two float32 (<c>torch.complex64</c>).</summary>
        ComplexFloat32 = 9,
        /// <summary>Complex of two float64 (<c>torch.complex128</c>).</summary>
        ComplexFloat64 = 10,
        /// <summary>Boolean, one byte per element (<c>torch.bool</c>).</summary>
        Bool = 11,
        /// <summary>Brain floating point: float32's exponent range with an 8-bit mantissa (<c>torch.bfloat16</c>).</summary>
        BFloat16 = 15,
    }

    // The dtype names of PyTorch: torch.float32, torch.int64 ...
    /// <summary><c>torch.uint8</c>: <see cref="ScalarType.Byte"/>.</summary>
    public const ScalarType uint8 = ScalarType.Byte;
    /// <summary><c>torch.int8</c>: <see cref="ScalarType.Int8"/>.</summary>
    public const ScalarType int8 = ScalarType.Int8;
    /// <summary><c>torch.int16</c>: <see cref="ScalarType.Int16"/>.</summary>
    public const ScalarType int16 = ScalarType.Int16;
    /// <summary><c>torch.int32</c>: <see cref="ScalarType.Int32"/>.</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary><c>torch.int64</c>: <see cref="ScalarType.Int64"/>.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary><c>torch.float16</c>: <see cref="ScalarType.Float16"/>.</summary>
    public const ScalarType float16 = ScalarType.Float16;
    /// <summary><c>torch.bfloat16</c>: <see cref="ScalarType.BFloat16"/>.</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    /// <summary><c>torch.float32</c>: <see cref="ScalarType.Float32"/>.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary><c>torch.float64</c>: <see cref="ScalarType.Float64"/>.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary><c>torch.bool</c>: <see cref="ScalarType.Bool"/>.</summary>
    public const ScalarType @bool = ScalarType.Bool;
    /// <summary><c>torch.float</c>, an alias of <see cref="float32"/>.</summary>
    public const ScalarType @float = ScalarType.Float32;
    /// <summary><c>torch.double</c>, an alias of <see cref="float64"/>.</summary>
    public const ScalarType @double = ScalarType.Float64;
    /// <summary><c>torch.long</c>, an alias of <see cref="int64"/>.</summary>
    public const ScalarType @long = ScalarType.Int64;
    /// <summary><c>torch.int</c>, an alias of <see cref="int32"/>.</summary>
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
