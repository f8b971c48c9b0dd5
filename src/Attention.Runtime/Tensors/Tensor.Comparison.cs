using Attention.Runtime.Native;

namespace Attention.Runtime;

// Comparisons (bool results), logical and bitwise ops, and whole-tensor equality tests.
// == and != are deliberately not overloaded: they keep reference semantics (null checks).
public static partial class torch
{
    /// <summary>Elementwise <paramref name="input"/> == <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor eq(Tensor input, Tensor other) => input.eq(other);

    /// <summary>Elementwise <paramref name="input"/> == <paramref name="other"/> (bool tensor).</summary>
    public static Tensor eq(Tensor input, Scalar other) => input.eq(other);

    /// <summary>Elementwise <paramref name="input"/> != <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor ne(Tensor input, Tensor other) => input.ne(other);

    /// <summary>Elementwise <paramref name="input"/> != <paramref name="other"/> (bool tensor).</summary>
    public static Tensor ne(Tensor input, Scalar other) => input.ne(other);

    /// <summary>Elementwise <paramref name="input"/> &lt; <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor lt(Tensor input, Tensor other) => input.lt(other);

    /// <summary>Elementwise <paramref name="input"/> &lt; <paramref name="other"/> (bool tensor).</summary>
    public static Tensor lt(Tensor input, Scalar other) => input.lt(other);

    /// <summary>Elementwise <paramref name="input"/> ≤ <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor le(Tensor input, Tensor other) => input.le(other);

    /// <summary>Elementwise <paramref name="input"/> ≤ <paramref name="other"/> (bool tensor).</summary>
    public static Tensor le(Tensor input, Scalar other) => input.le(other);

    /// <summary>Elementwise <paramref name="input"/> &gt; <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor gt(Tensor input, Tensor other) => input.gt(other);

    /// <summary>Elementwise <paramref name="input"/> &gt; <paramref name="other"/> (bool tensor).</summary>
    public static Tensor gt(Tensor input, Scalar other) => input.gt(other);

    /// <summary>Elementwise <paramref name="input"/> ≥ <paramref name="other"/>, broadcast (bool tensor).</summary>
    public static Tensor ge(Tensor input, Tensor other) => input.ge(other);

    /// <summary>Elementwise <paramref name="input"/> ≥ <paramref name="other"/> (bool tensor).</summary>
    public static Tensor ge(Tensor input, Scalar other) => input.ge(other);

    /// <summary>Elementwise logical AND of the truth values (bool tensor).</summary>
    public static Tensor logical_and(Tensor input, Tensor other) => input.logical_and(other);

    /// <summary>Elementwise logical OR of the truth values (bool tensor).</summary>
    public static Tensor logical_or(Tensor input, Tensor other) => input.logical_or(other);

    /// <summary>Elementwise logical XOR of the truth values (bool tensor).</summary>
    public static Tensor logical_xor(Tensor input, Tensor other) => input.logical_xor(other);

    /// <summary>Elementwise logical NOT of the truth values (bool tensor).</summary>
    public static Tensor logical_not(Tensor input) => input.logical_not();

    /// <summary>Elementwise AND of bool or integer tensors.</summary>
    public static Tensor bitwise_and(Tensor input, Tensor other) => input.bitwise_and(other);

    /// <summary>Elementwise OR of bool or integer tensors.</summary>
    public static Tensor bitwise_or(Tensor input, Tensor other) => input.bitwise_or(other);

    /// <summary>Elementwise XOR of bool or integer tensors.</summary>
    public static Tensor bitwise_xor(Tensor input, Tensor other) => input.bitwise_xor(other);

    /// <summary>Elementwise NOT of a bool or integer tensor.</summary>
    public static Tensor bitwise_not(Tensor input) => input.bitwise_not();

    /// <summary>Which elements are NaN (bool tensor).</summary>
    public static Tensor isnan(Tensor input) => input.isnan();

    /// <summary>Which elements are ±infinity (bool tensor).</summary>
    public static Tensor isinf(Tensor input) => input.isinf();

    /// <summary>Which elements are neither NaN nor infinite (bool tensor).</summary>
    public static Tensor isfinite(Tensor input) => input.isfinite();

    /// <summary>True when |input − other| ≤ atol + rtol·|other| everywhere (broadcast).</summary>
    public static bool allclose(Tensor input, Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false) =>
        input.allclose(other, rtol, atol, equal_nan);

    /// <summary>True when both tensors have the same shape and elements.</summary>
    public static bool equal(Tensor input, Tensor other) => input.equal(other);

    public partial class Tensor
    {
        // ---- operators (elementwise, bool results) ---------------------------------------------

        /// <summary>Elementwise <paramref name="a"/> &lt; <paramref name="b"/>, broadcast, as a bool tensor (<c>torch.lt</c>).</summary>
        public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
        /// <summary>Elementwise <paramref name="a"/> &gt; <paramref name="b"/>, broadcast, as a bool tensor (<c>torch.gt</c>).</summary>
        public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
        /// <summary>Elementwise <paramref name="a"/> ≤ <paramref name="b"/>, broadcast, as a bool tensor (<c>torch.le</c>).</summary>
        public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
        /// <summary>Elementwise <paramref name="a"/> ≥ <paramref name="b"/>, broadcast, as a bool tensor (<c>torch.ge</c>).</summary>
        public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
        /// <summary>Elementwise <paramref name="a"/> &lt; <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator <(Tensor a, Scalar b) => a.lt(b);
        /// <summary>Elementwise <paramref name="a"/> &gt; <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator >(Tensor a, Scalar b) => a.gt(b);
        /// <summary>Elementwise <paramref name="a"/> ≤ <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator <=(Tensor a, Scalar b) => a.le(b);
        /// <summary>Elementwise <paramref name="a"/> ≥ <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator >=(Tensor a, Scalar b) => a.ge(b);
        /// <summary>Elementwise <paramref name="a"/> &lt; <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator <(Scalar a, Tensor b) => b.gt(a);
        /// <summary>Elementwise <paramref name="a"/> &gt; <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator >(Scalar a, Tensor b) => b.lt(a);
        /// <summary>Elementwise <paramref name="a"/> ≤ <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator <=(Scalar a, Tensor b) => b.ge(a);
        /// <summary>Elementwise <paramref name="a"/> ≥ <paramref name="b"/>, as a bool tensor.</summary>
        public static Tensor operator >=(Scalar a, Tensor b) => b.le(a);

        // Bitwise on bool and integer tensors, as in PyTorch (& | ^ ~ are the logical ops on bools).
        /// <summary>Elementwise AND (logical for bool tensors, bitwise for integers), broadcast (<c>torch.bitwise_and</c>).</summary>
        public static Tensor operator &(Tensor a, Tensor b) => a.bitwise_and(b);
        /// <summary>Elementwise OR (logical for bool tensors, bitwise for integers), broadcast (<c>torch.bitwise_or</c>).</summary>
        public static Tensor operator |(Tensor a, Tensor b) => a.bitwise_or(b);
        /// <summary>Elementwise XOR (logical for bool tensors, bitwise for integers), broadcast (<c>torch.bitwise_xor</c>).</summary>
        public static Tensor operator ^(Tensor a, Tensor b) => a.bitwise_xor(b);
        /// <summary>Elementwise AND with the scalar <paramref name="b"/>.</summary>
        public static Tensor operator &(Tensor a, Scalar b) => a.bitwise_and(b);
        /// <summary>Elementwise OR with the scalar <paramref name="b"/>.</summary>
        public static Tensor operator |(Tensor a, Scalar b) => a.bitwise_or(b);
        /// <summary>Elementwise XOR with the scalar <paramref name="b"/>.</summary>
        public static Tensor operator ^(Tensor a, Scalar b) => a.bitwise_xor(b);
        /// <summary>Elementwise AND with the scalar <paramref name="a"/>.</summary>
        public static Tensor operator &(Scalar a, Tensor b) => b.bitwise_and(a);
        /// <summary>Elementwise OR with the scalar <paramref name="a"/>.</summary>
        public static Tensor operator |(Scalar a, Tensor b) => b.bitwise_or(a);
        /// <summary>Elementwise XOR with the scalar <paramref name="a"/>.</summary>
        public static Tensor operator ^(Scalar a, Tensor b) => b.bitwise_xor(a);
        /// <summary>Elementwise NOT: logical for bool tensors, bitwise for integers (<c>torch.bitwise_not</c>).</summary>
        public static Tensor operator ~(Tensor a) => FromNative(NativeMethods.shim_bitwise_not(Handle(a)));

        // ---- comparisons ------------------------------------------------------------------------

        /// <summary>Elementwise this == <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor eq(Tensor other) => FromNative(NativeMethods.shim_eq(handle, Handle(other)));

        /// <summary>Elementwise this == <paramref name="other"/> (bool tensor).</summary>
        public Tensor eq(Scalar other) => FromNative(NativeMethods.shim_eq_scalar(handle, other));

        /// <summary>Elementwise this != <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor ne(Tensor other) => FromNative(NativeMethods.shim_ne(handle, Handle(other)));

        /// <summary>Elementwise this != <paramref name="other"/> (bool tensor).</summary>
        public Tensor ne(Scalar other) => FromNative(NativeMethods.shim_ne_scalar(handle, other));

        /// <summary>Elementwise this &lt; <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor lt(Tensor other) => FromNative(NativeMethods.shim_lt(handle, Handle(other)));

        /// <summary>Elementwise this &lt; <paramref name="other"/> (bool tensor).</summary>
        public Tensor lt(Scalar other) => FromNative(NativeMethods.shim_lt_scalar(handle, other));

        /// <summary>Elementwise this ≤ <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor le(Tensor other) => FromNative(NativeMethods.shim_le(handle, Handle(other)));

        /// <summary>Elementwise this ≤ <paramref name="other"/> (bool tensor).</summary>
        public Tensor le(Scalar other) => FromNative(NativeMethods.shim_le_scalar(handle, other));

        /// <summary>Elementwise this &gt; <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor gt(Tensor other) => FromNative(NativeMethods.shim_gt(handle, Handle(other)));

        /// <summary>Elementwise this &gt; <paramref name="other"/> (bool tensor).</summary>
        public Tensor gt(Scalar other) => FromNative(NativeMethods.shim_gt_scalar(handle, other));

        /// <summary>Elementwise this ≥ <paramref name="other"/>, broadcast (bool tensor).</summary>
        public Tensor ge(Tensor other) => FromNative(NativeMethods.shim_ge(handle, Handle(other)));

        /// <summary>Elementwise this ≥ <paramref name="other"/> (bool tensor).</summary>
        public Tensor ge(Scalar other) => FromNative(NativeMethods.shim_ge_scalar(handle, other));

        // ---- logic --------------------------------------------------------------------------------

        /// <summary>Elementwise logical AND of the truth values (bool tensor).</summary>
        public Tensor logical_and(Tensor other) => FromNative(NativeMethods.shim_logical_and(handle, Handle(other)));

        /// <summary>Elementwise logical OR of the truth values (bool tensor).</summary>
        public Tensor logical_or(Tensor other) => FromNative(NativeMethods.shim_logical_or(handle, Handle(other)));

        /// <summary>Elementwise logical XOR of the truth values (bool tensor).</summary>
        public Tensor logical_xor(Tensor other) => FromNative(NativeMethods.shim_logical_xor(handle, Handle(other)));

        /// <summary>Elementwise logical NOT of the truth values (bool tensor).</summary>
        public Tensor logical_not() => FromNative(NativeMethods.shim_logical_not(handle));

        /// <summary>Elementwise AND of bool or integer tensors, broadcast.</summary>
        public Tensor bitwise_and(Tensor other) => FromNative(NativeMethods.shim_bitwise_and(handle, Handle(other)));

        /// <summary>Elementwise AND with <paramref name="other"/>.</summary>
        public Tensor bitwise_and(Scalar other) => FromNative(NativeMethods.shim_bitwise_and_scalar(handle, other));

        /// <summary>Elementwise OR of bool or integer tensors, broadcast.</summary>
        public Tensor bitwise_or(Tensor other) => FromNative(NativeMethods.shim_bitwise_or(handle, Handle(other)));

        /// <summary>Elementwise OR with <paramref name="other"/>.</summary>
        public Tensor bitwise_or(Scalar other) => FromNative(NativeMethods.shim_bitwise_or_scalar(handle, other));

        /// <summary>Elementwise XOR of bool or integer tensors, broadcast.</summary>
        public Tensor bitwise_xor(Tensor other) => FromNative(NativeMethods.shim_bitwise_xor(handle, Handle(other)));

        /// <summary>Elementwise XOR with <paramref name="other"/>.</summary>
        public Tensor bitwise_xor(Scalar other) => FromNative(NativeMethods.shim_bitwise_xor_scalar(handle, other));

        /// <summary>Elementwise NOT of a bool or integer tensor.</summary>
        public Tensor bitwise_not() => FromNative(NativeMethods.shim_bitwise_not(handle));

        /// <summary>Which elements are NaN (bool tensor).</summary>
        public Tensor isnan() => FromNative(NativeMethods.shim_isnan(handle));

        /// <summary>Which elements are ±infinity (bool tensor).</summary>
        public Tensor isinf() => FromNative(NativeMethods.shim_isinf(handle));

        /// <summary>Which elements are neither NaN nor infinite (bool tensor).</summary>
        public Tensor isfinite() => FromNative(NativeMethods.shim_isfinite(handle));

        // ---- whole-tensor tests -------------------------------------------------------------------

        /// <summary>True when |this − other| ≤ atol + rtol·|other| everywhere (broadcast).</summary>
        public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false)
        {
            NativeError.Check(NativeMethods.shim_allclose(handle, Handle(other), rtol, atol, Flag(equal_nan), out byte result));
            return result != 0;
        }

        /// <summary>True when <paramref name="other"/> has the same shape and elements.</summary>
        public bool equal(Tensor other)
        {
            NativeError.Check(NativeMethods.shim_equal(handle, Handle(other), out byte result));
            return result != 0;
        }
    }
}
