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

    public bool IsFloatingPoint => kind == DoubleKind;

    public bool IsIntegral => kind == IntegerKind;

    public bool IsBoolean => kind == BoolKind;

    public double ToDouble() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) : bits;

    public long ToInt64() => kind == DoubleKind ? (long)BitConverter.Int64BitsToDouble(bits) : bits;

    public bool ToBoolean() => kind == DoubleKind ? BitConverter.Int64BitsToDouble(bits) != 0 : bits != 0;

    public static implicit operator Scalar(double value) => new(BitConverter.DoubleToInt64Bits(value), DoubleKind);

    public static implicit operator Scalar(float value) => (double)value;

    public static implicit operator Scalar(long value) => new(value, IntegerKind);

    public static implicit operator Scalar(int value) => new(value, IntegerKind);

    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, BoolKind);

    public bool Equals(Scalar other) => bits == other.bits && kind == other.kind;

    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(bits, kind);

    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    public override string ToString() => kind switch
    {
        DoubleKind => ToDouble().ToString("R", CultureInfo.InvariantCulture),
        BoolKind => bits != 0 ? "True" : "False",
        _ => bits.ToString(CultureInfo.InvariantCulture),
    };
}
