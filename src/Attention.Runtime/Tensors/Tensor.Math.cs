using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Arithmetic operators, pointwise math and matrix products. Reductions are in
// Tensor.Reductions.cs, comparisons and logic in Tensor.Comparison.cs.
public static partial class torch
{
    /// <summary><paramref name="input"/> + <paramref name="alpha"/> · <paramref name="other"/>, broadcast.</summary>
    public static Tensor add(Tensor input, Tensor other, Scalar? alpha = null) => input.add(other, alpha);

    /// <summary><paramref name="input"/> + <paramref name="other"/>.</summary>
    public static Tensor add(Tensor input, Scalar other) => input.add(other);

    /// <summary><paramref name="input"/> − <paramref name="alpha"/> · <paramref name="other"/>, broadcast.</summary>
    public static Tensor sub(Tensor input, Tensor other, Scalar? alpha = null) => input.sub(other, alpha);

    /// <summary><paramref name="input"/> − <paramref name="other"/>.</summary>
    public static Tensor sub(Tensor input, Scalar other) => input.sub(other);

    /// <summary>Elementwise product, broadcast.</summary>
    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);

    /// <summary><paramref name="input"/> · <paramref name="other"/>.</summary>
    public static Tensor mul(Tensor input, Scalar other) => input.mul(other);

    /// <summary>True (floating-point) division, broadcast; integer inputs give a float result.</summary>
    public static Tensor div(Tensor input, Tensor other) => input.div(other);

    /// <summary><paramref name="input"/> / <paramref name="other"/> (true division).</summary>
    public static Tensor div(Tensor input, Scalar other) => input.div(other);

    /// <summary>−x, elementwise.</summary>
    public static Tensor neg(Tensor input) => input.neg();

    /// <summary><paramref name="input"/> + <paramref name="value"/> · <paramref name="tensor1"/> · <paramref name="tensor2"/>, broadcast.</summary>
    public static Tensor addcmul(Tensor input, Tensor tensor1, Tensor tensor2, Scalar? value = null) => input.addcmul(tensor1, tensor2, value);

    /// <summary><paramref name="input"/> + <paramref name="value"/> · <paramref name="tensor1"/> / <paramref name="tensor2"/>, broadcast.</summary>
    public static Tensor addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, Scalar? value = null) => input.addcdiv(tensor1, tensor2, value);

    /// <summary>|x|, elementwise.</summary>
    public static Tensor abs(Tensor input) => input.abs();

    /// <summary>eˣ, elementwise.</summary>
    public static Tensor exp(Tensor input) => input.exp();

    /// <summary>Natural logarithm, elementwise.</summary>
    public static Tensor log(Tensor input) => input.log();

    /// <summary>ln(1 + x), elementwise, accurate for small x.</summary>
    public static Tensor log1p(Tensor input) => input.log1p();

    /// <summary>√x, elementwise.</summary>
    public static Tensor sqrt(Tensor input) => input.sqrt();

    /// <summary>1/√x, elementwise.</summary>
    public static Tensor rsqrt(Tensor input) => input.rsqrt();

    /// <summary>1/x, elementwise (float result for integer inputs).</summary>
    public static Tensor reciprocal(Tensor input) => input.reciprocal();

    /// <summary>Hyperbolic tangent, elementwise.</summary>
    public static Tensor tanh(Tensor input) => input.tanh();

    /// <summary>1 / (1 + e⁻ˣ), elementwise.</summary>
    public static Tensor sigmoid(Tensor input) => input.sigmoid();

    /// <summary>Sine, elementwise.</summary>
    public static Tensor sin(Tensor input) => input.sin();

    /// <summary>Cosine, elementwise.</summary>
    public static Tensor cos(Tensor input) => input.cos();

    /// <summary>−1, 0 or 1 by the sign of each element.</summary>
    public static Tensor sign(Tensor input) => input.sign();

    /// <summary>Largest integer ≤ x, elementwise.</summary>
    public static Tensor floor(Tensor input) => input.floor();

    /// <summary>Smallest integer ≥ x, elementwise.</summary>
    public static Tensor ceil(Tensor input) => input.ceil();

    /// <summary>x rounded to the nearest integer, halves to even.</summary>
    public static Tensor round(Tensor input) => input.round();

    /// <summary><paramref name="input"/> raised to <paramref name="exponent"/>, elementwise and broadcast.</summary>
    public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);

    /// <summary><paramref name="input"/> raised to <paramref name="exponent"/>, elementwise.</summary>
    public static Tensor pow(Tensor input, Scalar exponent) => input.pow(exponent);

    /// <summary><paramref name="self"/> raised to each element of <paramref name="exponent"/>.</summary>
    public static Tensor pow(Scalar self, Tensor exponent) => Tensor.FromNative(NativeMethods.shim_pow_scalar_base(self, Handle(exponent)));

    /// <summary>Each element limited to [<paramref name="min"/>, <paramref name="max"/>]; a null bound is not applied.</summary>
    public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);

    /// <summary>Each element limited by the elementwise bounds <paramref name="min"/> and <paramref name="max"/> (broadcast); a null bound is not applied.</summary>
    public static Tensor clamp(Tensor input, Tensor? min = null, Tensor? max = null) => input.clamp(min, max);

    /// <summary>max(x, <paramref name="min"/>), elementwise.</summary>
    public static Tensor clamp_min(Tensor input, Scalar min) => input.clamp_min(min);

    /// <summary>min(x, <paramref name="max"/>), elementwise.</summary>
    public static Tensor clamp_max(Tensor input, Scalar max) => input.clamp_max(max);

    /// <summary>The elementwise maximum of two tensors, broadcast (NaN wins).</summary>
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);

    /// <summary>The elementwise minimum of two tensors, broadcast (NaN wins).</summary>
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);

    /// <summary>Matrix product with NumPy semantics: vectors, matrices and broadcast batches.</summary>
    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);

    /// <summary>Product of two 2-D matrices.</summary>
    public static Tensor mm(Tensor input, Tensor mat2) => input.mm(mat2);

    /// <summary>Batched product of two 3-D tensors [b, n, m] × [b, m, p] → [b, n, p].</summary>
    public static Tensor bmm(Tensor input, Tensor mat2) => input.bmm(mat2);

    /// <summary>Outer product of two vectors.</summary>
    public static Tensor outer(Tensor input, Tensor vec2) => input.outer(vec2);

    /// <summary>The Einstein summation <paramref name="equation"/> (e.g. "bij,bjk->bik") over <paramref name="tensors"/>.</summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(tensors);
        IntPtr* operands = stackalloc IntPtr[tensors.Length];
        var referenced = new bool[tensors.Length];
        try
        {
            // Keep every operand's handle alive for the duration of the call.
            for (int i = 0; i < tensors.Length; i++)
            {
                TensorHandle h = Handle(tensors[i]);
                h.DangerousAddRef(ref referenced[i]);
                operands[i] = h.DangerousGetHandle();
            }

            return Tensor.FromNative(NativeMethods.shim_einsum(equation, operands, tensors.Length));
        }
        finally
        {
            for (int i = 0; i < tensors.Length; i++)
            {
                if (referenced[i])
                {
                    tensors[i].Handle.DangerousRelease();
                }
            }
        }
    }

    public partial class Tensor
    {
        // ---- operators ------------------------------------------------------------------------

        /// <summary>Elementwise sum, broadcast (<c>torch.add</c>).</summary>
        public static Tensor operator +(Tensor a, Tensor b) => FromNative(NativeMethods.shim_add(Handle(a), Handle(b), 1));
        /// <summary>Adds <paramref name="b"/> to every element.</summary>
        public static Tensor operator +(Tensor a, Scalar b) => FromNative(NativeMethods.shim_add_scalar(Handle(a), b));
        /// <summary>Adds <paramref name="a"/> to every element.</summary>
        public static Tensor operator +(Scalar a, Tensor b) => FromNative(NativeMethods.shim_add_scalar(Handle(b), a));
        /// <summary>Elementwise difference, broadcast (<c>torch.sub</c>).</summary>
        public static Tensor operator -(Tensor a, Tensor b) => FromNative(NativeMethods.shim_sub(Handle(a), Handle(b), 1));
        /// <summary>Subtracts <paramref name="b"/> from every element.</summary>
        public static Tensor operator -(Tensor a, Scalar b) => FromNative(NativeMethods.shim_sub_scalar(Handle(a), b));
        /// <summary><paramref name="a"/> minus each element.</summary>
        public static Tensor operator -(Scalar a, Tensor b) => FromNative(NativeMethods.shim_rsub_scalar(Handle(b), a));
        /// <summary>Elementwise product, broadcast (<c>torch.mul</c>).</summary>
        public static Tensor operator *(Tensor a, Tensor b) => FromNative(NativeMethods.shim_mul(Handle(a), Handle(b)));
        /// <summary>Multiplies every element by <paramref name="b"/>.</summary>
        public static Tensor operator *(Tensor a, Scalar b) => FromNative(NativeMethods.shim_mul_scalar(Handle(a), b));
        /// <summary>Multiplies every element by <paramref name="a"/>.</summary>
        public static Tensor operator *(Scalar a, Tensor b) => FromNative(NativeMethods.shim_mul_scalar(Handle(b), a));
        /// <summary>Elementwise true division, broadcast (<c>torch.div</c>); integer operands give a floating-point result.</summary>
        public static Tensor operator /(Tensor a, Tensor b) => FromNative(NativeMethods.shim_div(Handle(a), Handle(b)));
        /// <summary>Divides every element by <paramref name="b"/>.</summary>
        public static Tensor operator /(Tensor a, Scalar b) => FromNative(NativeMethods.shim_div_scalar(Handle(a), b));
        /// <summary><paramref name="a"/> divided by each element.</summary>
        public static Tensor operator /(Scalar a, Tensor b) => FromNative(NativeMethods.shim_rdiv_scalar(Handle(b), a));
        /// <summary>Elementwise negation (<c>torch.neg</c>).</summary>
        public static Tensor operator -(Tensor a) => FromNative(NativeMethods.shim_neg(Handle(a)));

        // ---- named arithmetic -------------------------------------------------------------------

        /// <summary>this + <paramref name="alpha"/> · <paramref name="other"/>, broadcast (<c>Tensor.add</c>); <paramref name="alpha"/> defaults to 1.</summary>
        public Tensor add(Tensor other, Scalar? alpha = null) => FromNative(NativeMethods.shim_add(handle, Handle(other), alpha ?? 1));
        /// <summary>Adds <paramref name="other"/> to every element.</summary>
        public Tensor add(Scalar other) => this + other;
        /// <summary>this − <paramref name="alpha"/> · <paramref name="other"/>, broadcast (<c>Tensor.sub</c>); <paramref name="alpha"/> defaults to 1.</summary>
        public Tensor sub(Tensor other, Scalar? alpha = null) => FromNative(NativeMethods.shim_sub(handle, Handle(other), alpha ?? 1));
        /// <summary>Subtracts <paramref name="other"/> from every element.</summary>
        public Tensor sub(Scalar other) => this - other;
        /// <summary>Elementwise product with <paramref name="other"/>, broadcast.</summary>
        public Tensor mul(Tensor other) => this * other;
        /// <summary>Multiplies every element by <paramref name="other"/>.</summary>
        public Tensor mul(Scalar other) => this * other;
        /// <summary>Elementwise true division by <paramref name="other"/>, broadcast.</summary>
        public Tensor div(Tensor other) => this / other;
        /// <summary>Divides every element by <paramref name="other"/>.</summary>
        public Tensor div(Scalar other) => this / other;
        /// <summary>Elementwise negation.</summary>
        public Tensor neg() => -this;

        /// <summary>In-place <see cref="add(Tensor, Scalar?)"/>: overwrites this tensor and returns it.</summary>
        public Tensor add_(Tensor other, Scalar? alpha = null) => InPlace(NativeMethods.shim_add_(handle, Handle(other), alpha ?? 1));
        /// <summary>In-place <see cref="add(Scalar)"/>: overwrites this tensor and returns it.</summary>
        public Tensor add_(Scalar other) => InPlace(NativeMethods.shim_add_scalar_(handle, other));
        /// <summary>In-place <see cref="sub(Tensor, Scalar?)"/>: overwrites this tensor and returns it.</summary>
        public Tensor sub_(Tensor other, Scalar? alpha = null) => InPlace(NativeMethods.shim_sub_(handle, Handle(other), alpha ?? 1));
        /// <summary>In-place <see cref="sub(Scalar)"/>: overwrites this tensor and returns it.</summary>
        public Tensor sub_(Scalar other) => InPlace(NativeMethods.shim_sub_scalar_(handle, other));
        /// <summary>In-place <see cref="mul(Tensor)"/>: overwrites this tensor and returns it.</summary>
        public Tensor mul_(Tensor other) => InPlace(NativeMethods.shim_mul_(handle, Handle(other)));
        /// <summary>In-place <see cref="mul(Scalar)"/>: overwrites this tensor and returns it.</summary>
        public Tensor mul_(Scalar other) => InPlace(NativeMethods.shim_mul_scalar_(handle, other));
        /// <summary>In-place <see cref="div(Tensor)"/>: overwrites this tensor and returns it.</summary>
        public Tensor div_(Tensor other) => InPlace(NativeMethods.shim_div_(handle, Handle(other)));
        /// <summary>In-place <see cref="div(Scalar)"/>: overwrites this tensor and returns it.</summary>
        public Tensor div_(Scalar other) => InPlace(NativeMethods.shim_div_scalar_(handle, other));
        /// <summary>In-place <see cref="neg"/>: overwrites this tensor and returns it.</summary>
        public Tensor neg_() => InPlace(NativeMethods.shim_neg_(handle));

        /// <summary>this + <paramref name="value"/> · <paramref name="tensor1"/> · <paramref name="tensor2"/>, broadcast.</summary>
        public Tensor addcmul(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
            FromNative(NativeMethods.shim_addcmul(handle, Handle(tensor1), Handle(tensor2), value ?? 1));

        /// <summary>this + <paramref name="value"/> · <paramref name="tensor1"/> / <paramref name="tensor2"/>, broadcast.</summary>
        public Tensor addcdiv(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
            FromNative(NativeMethods.shim_addcdiv(handle, Handle(tensor1), Handle(tensor2), value ?? 1));

        /// <summary>Adds <paramref name="value"/> · <paramref name="tensor1"/> · <paramref name="tensor2"/> in place; returns this tensor.</summary>
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
            InPlace(NativeMethods.shim_addcmul_(handle, Handle(tensor1), Handle(tensor2), value ?? 1));

        /// <summary>Adds <paramref name="value"/> · <paramref name="tensor1"/> / <paramref name="tensor2"/> in place; returns this tensor.</summary>
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
            InPlace(NativeMethods.shim_addcdiv_(handle, Handle(tensor1), Handle(tensor2), value ?? 1));

        // ---- pointwise ------------------------------------------------------------------------
        // Each op has an in-place form (name_) that returns this tensor.

        /// <summary>|x|, elementwise.</summary>
        public Tensor abs() => FromNative(NativeMethods.shim_abs(handle));
        /// <summary>In-place <see cref="abs"/>; returns this tensor.</summary>
        public Tensor abs_() => InPlace(NativeMethods.shim_abs_(handle));

        /// <summary>eˣ, elementwise.</summary>
        public Tensor exp() => FromNative(NativeMethods.shim_exp(handle));
        /// <summary>In-place <see cref="exp"/>; returns this tensor.</summary>
        public Tensor exp_() => InPlace(NativeMethods.shim_exp_(handle));

        /// <summary>Natural logarithm, elementwise.</summary>
        public Tensor log() => FromNative(NativeMethods.shim_log(handle));
        /// <summary>In-place <see cref="log"/>; returns this tensor.</summary>
        public Tensor log_() => InPlace(NativeMethods.shim_log_(handle));

        /// <summary>ln(1 + x), elementwise.</summary>
        public Tensor log1p() => FromNative(NativeMethods.shim_log1p(handle));
        /// <summary>In-place <see cref="log1p"/>; returns this tensor.</summary>
        public Tensor log1p_() => InPlace(NativeMethods.shim_log1p_(handle));

        /// <summary>√x, elementwise.</summary>
        public Tensor sqrt() => FromNative(NativeMethods.shim_sqrt(handle));
        /// <summary>In-place <see cref="sqrt"/>; returns this tensor.</summary>
        public Tensor sqrt_() => InPlace(NativeMethods.shim_sqrt_(handle));

        /// <summary>1/√x, elementwise.</summary>
        public Tensor rsqrt() => FromNative(NativeMethods.shim_rsqrt(handle));
        /// <summary>In-place <see cref="rsqrt"/>; returns this tensor.</summary>
        public Tensor rsqrt_() => InPlace(NativeMethods.shim_rsqrt_(handle));

        /// <summary>1/x, elementwise.</summary>
        public Tensor reciprocal() => FromNative(NativeMethods.shim_reciprocal(handle));
        /// <summary>In-place <see cref="reciprocal"/>; returns this tensor.</summary>
        public Tensor reciprocal_() => InPlace(NativeMethods.shim_reciprocal_(handle));

        /// <summary>Hyperbolic tangent, elementwise.</summary>
        public Tensor tanh() => FromNative(NativeMethods.shim_tanh(handle));
        /// <summary>In-place <see cref="tanh()"/>; returns this tensor.</summary>
        public Tensor tanh_() => InPlace(NativeMethods.shim_tanh_(handle));

        /// <summary>1 / (1 + e⁻ˣ), elementwise.</summary>
        public Tensor sigmoid() => FromNative(NativeMethods.shim_sigmoid(handle));
        /// <summary>In-place <see cref="sigmoid()"/>; returns this tensor.</summary>
        public Tensor sigmoid_() => InPlace(NativeMethods.shim_sigmoid_(handle));

        /// <summary>Sine, elementwise.</summary>
        public Tensor sin() => FromNative(NativeMethods.shim_sin(handle));
        /// <summary>In-place <see cref="sin"/>; returns this tensor.</summary>
        public Tensor sin_() => InPlace(NativeMethods.shim_sin_(handle));

        /// <summary>Cosine, elementwise.</summary>
        public Tensor cos() => FromNative(NativeMethods.shim_cos(handle));
        /// <summary>In-place <see cref="cos"/>; returns this tensor.</summary>
        public Tensor cos_() => InPlace(NativeMethods.shim_cos_(handle));

        /// <summary>−1, 0 or 1 by the sign of each element.</summary>
        public Tensor sign() => FromNative(NativeMethods.shim_sign(handle));
        /// <summary>In-place <see cref="sign"/>; returns this tensor.</summary>
        public Tensor sign_() => InPlace(NativeMethods.shim_sign_(handle));

        /// <summary>Largest integer ≤ x, elementwise.</summary>
        public Tensor floor() => FromNative(NativeMethods.shim_floor(handle));
        /// <summary>In-place <see cref="floor"/>; returns this tensor.</summary>
        public Tensor floor_() => InPlace(NativeMethods.shim_floor_(handle));

        /// <summary>Smallest integer ≥ x, elementwise.</summary>
        public Tensor ceil() => FromNative(NativeMethods.shim_ceil(handle));
        /// <summary>In-place <see cref="ceil"/>; returns this tensor.</summary>
        public Tensor ceil_() => InPlace(NativeMethods.shim_ceil_(handle));

        /// <summary>x rounded to the nearest integer, halves to even.</summary>
        public Tensor round() => FromNative(NativeMethods.shim_round(handle));
        /// <summary>In-place <see cref="round"/>; returns this tensor.</summary>
        public Tensor round_() => InPlace(NativeMethods.shim_round_(handle));

        /// <summary>This tensor raised to <paramref name="exponent"/>, elementwise and broadcast.</summary>
        public Tensor pow(Tensor exponent) => FromNative(NativeMethods.shim_pow(handle, Handle(exponent)));
        /// <summary>Every element raised to the scalar <paramref name="exponent"/>.</summary>
        public Tensor pow(Scalar exponent) => FromNative(NativeMethods.shim_pow_scalar(handle, exponent));
        /// <summary>In-place <see cref="pow(Tensor)"/>; returns this tensor.</summary>
        public Tensor pow_(Tensor exponent) => InPlace(NativeMethods.shim_pow_(handle, Handle(exponent)));
        /// <summary>In-place <see cref="pow(Scalar)"/>; returns this tensor.</summary>
        public Tensor pow_(Scalar exponent) => InPlace(NativeMethods.shim_pow_scalar_(handle, exponent));

        /// <summary>Each element limited to [<paramref name="min"/>, <paramref name="max"/>]; a null bound is not applied.</summary>
        public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
            FromNative(NativeMethods.shim_clamp(handle, min ?? default, Flag(min.HasValue), max ?? default, Flag(max.HasValue)));

        /// <summary>Each element limited by the elementwise bounds <paramref name="min"/> and <paramref name="max"/> (broadcast); a null bound is not applied.</summary>
        public Tensor clamp(Tensor? min = null, Tensor? max = null) =>
            FromNative(NativeMethods.shim_clamp_tensor(handle, OptionalHandle(min), OptionalHandle(max)));

        /// <summary>In-place <see cref="clamp(Scalar?, Scalar?)"/>; returns this tensor.</summary>
        public Tensor clamp_(Scalar? min = null, Scalar? max = null) =>
            InPlace(NativeMethods.shim_clamp_(handle, min ?? default, Flag(min.HasValue), max ?? default, Flag(max.HasValue)));

        /// <summary>In-place <see cref="clamp(Tensor?, Tensor?)"/>; returns this tensor.</summary>
        public Tensor clamp_(Tensor? min = null, Tensor? max = null) =>
            InPlace(NativeMethods.shim_clamp_tensor_(handle, OptionalHandle(min), OptionalHandle(max)));

        /// <summary>max(x, <paramref name="min"/>), elementwise.</summary>
        public Tensor clamp_min(Scalar min) => clamp(min, null);
        /// <summary>In-place <see cref="clamp_min"/>; returns this tensor.</summary>
        public Tensor clamp_min_(Scalar min) => clamp_(min, null);

        /// <summary>min(x, <paramref name="max"/>), elementwise.</summary>
        public Tensor clamp_max(Scalar max) => clamp(null, max);
        /// <summary>In-place <see cref="clamp_max"/>; returns this tensor.</summary>
        public Tensor clamp_max_(Scalar max) => clamp_(null, max);

        /// <summary>The elementwise maximum with <paramref name="other"/>, broadcast (NaN wins).</summary>
        public Tensor maximum(Tensor other) => FromNative(NativeMethods.shim_maximum(handle, Handle(other)));

        /// <summary>The elementwise minimum with <paramref name="other"/>, broadcast (NaN wins).</summary>
        public Tensor minimum(Tensor other) => FromNative(NativeMethods.shim_minimum(handle, Handle(other)));

        // ---- matrix products ------------------------------------------------------------------

        /// <summary>Matrix product with NumPy semantics: vectors, matrices and broadcast batches.</summary>
        public Tensor matmul(Tensor other) => FromNative(NativeMethods.shim_matmul(handle, Handle(other)));

        /// <summary>Product of two 2-D matrices.</summary>
        public Tensor mm(Tensor mat2) => FromNative(NativeMethods.shim_mm(handle, Handle(mat2)));

        /// <summary>Batched product of two 3-D tensors [b, n, m] × [b, m, p] → [b, n, p].</summary>
        public Tensor bmm(Tensor mat2) => FromNative(NativeMethods.shim_bmm(handle, Handle(mat2)));

        /// <summary>Outer product with the vector <paramref name="vec2"/>.</summary>
        public Tensor outer(Tensor vec2) => FromNative(NativeMethods.shim_outer(handle, Handle(vec2)));

        // ---- layout -------------------------------------------------------------------------------

        /// <summary>This tensor if it is contiguous, otherwise a contiguous copy.</summary>
        public Tensor contiguous() => FromNative(NativeMethods.shim_contiguous(handle));

        /// <summary>Checks the status of an in-place op and returns this tensor.</summary>
        internal Tensor InPlace(int status)
        {
            NativeError.Check(status);
            return this;
        }
    }
}
