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

    /// <summary>True when the value is a floating-point number.</summary>
    public bool IsFloatingPoint => kind == DoubleKind;

    /// <summary>True when the value is an integer.</summary>
    public bool IsIntegral => kind == IntegerKind;

    /// <summary>True when the value is a boolean.</summary>
    public bool IsBoolean => kind == BoolKind;

    /// <summary>The value as a double (integers and booleans converted; true is 1).</summary>
    public double ToDouble() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) : bits;

    /// <summary>The value as a long; a floating-point value is truncated toward zero.</summary>
    public long ToInt64() => kind == DoubleKind ? (long)BitConverter.Int64BitsToDouble(bits) : bits;

    /// <summary>The value as a bool: true when it is non-zero.</summary>
    public bool ToBoolean() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) != 0 : bits != 0;

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(double value) => new(BitConverter.DoubleToInt64Bits(value), DoubleKind);

    /// <summary>A floating-point scalar, widened to double.</summary>
    public static implicit operator Scalar(float value) => (double)value;

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(long value) => new(value, IntegerKind);

    /// <summary>An integer scalar, widened to long.</summary>
    public static implicit operator Scalar(int value) => new(value, IntegerKind);

    /// <summary>A boolean scalar.</summary>
    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, BoolKind);

    /// <summary>True when both hold the same value of the same kind (2 and 2.0 differ).</summary>
    public bool Equals(Scalar other) => bits == other.bits && kind == other.kind;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(bits, kind);

    /// <summary>True when both hold the same value of the same kind.</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>True when the values or their kinds differ.</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <summary>The value in the invariant culture: round-trip form for doubles, <c>True</c>/<c>False</c> for booleans.</summary>
    public override string ToString() => kind switch
    {
        DoubleKind => ToDouble().ToString("R", CultureInfo.InvariantCulture),
        BoolKind => bits != 0 ? "True" : "False",
        _ => bits.ToString(CultureInfo.InvariantCulture),
    };
}
