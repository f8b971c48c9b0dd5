using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Attention.Runtime;

/// <summary>
/// A number passed to an operation (<c>x + 2</c>, <c>full(shape, 0.5)</c>). Kept managed and passed
/// by value to the shim, so no native Scalar object is allocated or leaked. Integers stay integers,
/// so <c>int_tensor + 2</c> stays an integer tensor as in PyTorch.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Scalar : IEquatable<Scalar>
{
    private const int DoubleKind = 0;
    private const int IntegerKind = 1;
    private const int BoolKind = 2;

    private readonly long bits;
    private readonly int kind;

    private Scalar(long bits, int kind)
    {
        this.bits = bits;
        this.kind = kind;
    }

    /// <summary>Whether the scalar holds a floating-point value.</summary>
    public bool IsFloatingPoint => kind == DoubleKind;

    /// <summary>Whether the scalar holds an integer.</summary>
    public bool IsIntegral => kind == IntegerKind;

    /// <summary>Whether the scalar holds a bool.</summary>
    public bool IsBoolean => kind == BoolKind;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) : bits;

    /// <summary>The value as a long (a floating-point value truncated).</summary>
    public long ToInt64() => kind == DoubleKind ? (long)BitConverter.Int64BitsToDouble(bits) : bits;

    /// <summary>The value as a bool (nonzero is true).</summary>
    public bool ToBoolean() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) != 0 : bits != 0;

    /// <summary>A double as a scalar argument.</summary>
    public static implicit operator Scalar(double value) => new(BitConverter.DoubleToInt64Bits(value), DoubleKind);

    /// <summary>A float as a scalar argument.</summary>
    public static implicit operator Scalar(float value) => (double)value;

    /// <summary>A long as a scalar argument.</summary>
    public static implicit operator Scalar(long value) => new(value, IntegerKind);

    /// <summary>A int as a scalar argument.</summary>
    public static implicit operator Scalar(int value) => new(value, IntegerKind);

    /// <summary>A bool as a scalar argument.</summary>
    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, BoolKind);

    /// <summary>Whether both hold the same value of the same kind.</summary>
    public bool Equals(Scalar other) => bits == other.bits && kind == other.kind;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(bits, kind);

    /// <summary>Whether the two are equal.</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>Whether the two differ.</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => kind switch
    {
        DoubleKind => ToDouble().ToString("R", CultureInfo.InvariantCulture),
        BoolKind => bits != 0 ? "True" : "False",
        _ => bits.ToString(CultureInfo.InvariantCulture),
    };
}
