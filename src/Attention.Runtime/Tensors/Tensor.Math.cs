using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Arithmetic operators, pointwise math, reductions and matrix products.
public static partial class torch
{
    public sealed partial class Tensor
    {
        // ---- operators ------------------------------------------------------------------------

        public static Tensor operator +(Tensor a, Tensor b) => FromNative(NativeMethods.shim_add(Handle(a), Handle(b), 1));
        public static Tensor operator +(Tensor a, Scalar b) => FromNative(NativeMethods.shim_add_scalar(Handle(a), b));
        public static Tensor operator +(Scalar a, Tensor b) => FromNative(NativeMethods.shim_add_scalar(Handle(b), a));
        public static Tensor operator -(Tensor a, Tensor b) => FromNative(NativeMethods.shim_sub(Handle(a), Handle(b), 1));
        public static Tensor operator -(Tensor a, Scalar b) => FromNative(NativeMethods.shim_sub_scalar(Handle(a), b));
        public static Tensor operator -(Scalar a, Tensor b) => FromNative(NativeMethods.shim_rsub_scalar(Handle(b), a));
        public static Tensor operator *(Tensor a, Tensor b) => FromNative(NativeMethods.shim_mul(Handle(a), Handle(b)));
        public static Tensor operator *(Tensor a, Scalar b) => FromNative(NativeMethods.shim_mul_scalar(Handle(a), b));
        public static Tensor operator *(Scalar a, Tensor b) => FromNative(NativeMethods.shim_mul_scalar(Handle(b), a));
        public static Tensor operator /(Tensor a, Tensor b) => FromNative(NativeMethods.shim_div(Handle(a), Handle(b)));
        public static Tensor operator /(Tensor a, Scalar b) => FromNative(NativeMethods.shim_div_scalar(Handle(a), b));
        public static Tensor operator /(Scalar a, Tensor b) => FromNative(NativeMethods.shim_rdiv_scalar(Handle(b), a));
        public static Tensor operator -(Tensor a) => FromNative(NativeMethods.shim_neg(Handle(a)));

        // ---- named arithmetic -------------------------------------------------------------------

        public Tensor add(Tensor other, Scalar? alpha = null) => FromNative(NativeMethods.shim_add(handle, Handle(other), alpha ?? 1));
        public Tensor add(Scalar other) => this + other;
        public Tensor sub(Tensor other, Scalar? alpha = null) => FromNative(NativeMethods.shim_sub(handle, Handle(other), alpha ?? 1));
        public Tensor sub(Scalar other) => this - other;
        public Tensor mul(Tensor other) => this * other;
        public Tensor mul(Scalar other) => this * other;
        public Tensor div(Tensor other) => this / other;
        public Tensor div(Scalar other) => this / other;
        public Tensor neg() => -this;

        public Tensor add_(Tensor other, Scalar? alpha = null) => InPlace(NativeMethods.shim_add_(handle, Handle(other), alpha ?? 1));
        public Tensor add_(Scalar other) => InPlace(NativeMethods.shim_add_scalar_(handle, other));
        public Tensor sub_(Tensor other, Scalar? alpha = null) => InPlace(NativeMethods.shim_sub_(handle, Handle(other), alpha ?? 1));
        public Tensor mul_(Tensor other) => InPlace(NativeMethods.shim_mul_(handle, Handle(other)));
        public Tensor mul_(Scalar other) => InPlace(NativeMethods.shim_mul_scalar_(handle, other));
        public Tensor div_(Tensor other) => InPlace(NativeMethods.shim_div_(handle, Handle(other)));
        public Tensor div_(Scalar other) => InPlace(NativeMethods.shim_div_scalar_(handle, other));

        // ---- reductions -------------------------------------------------------------------------

        /// <summary>Sum of all elements (a 0-d tensor).</summary>
        public Tensor sum() => FromNative(NativeMethods.shim_sum_all(handle));

        /// <summary>Sum over <paramref name="dims"/>.</summary>
        public Tensor sum(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_sum(handle, dims, dims.Length, Flag(keepdim)));

        public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

        /// <summary>Mean of all elements (a 0-d tensor).</summary>
        public Tensor mean() => FromNative(NativeMethods.shim_mean_all(handle));

        public Tensor mean(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_mean(handle, dims, dims.Length, Flag(keepdim)));

        public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);

        // ---- layout -------------------------------------------------------------------------------

        /// <summary>This tensor if it is contiguous, otherwise a contiguous copy.</summary>
        public Tensor contiguous() => FromNative(NativeMethods.shim_contiguous(handle));

        /// <summary>Checks the status of an in-place op and returns this tensor.</summary>
        private Tensor InPlace(int status)
        {
            NativeError.Check(status);
            return this;
        }
    }
}
