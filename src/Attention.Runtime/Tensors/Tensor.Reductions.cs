using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Reductions: sums, extrema, statistics, norms and scans. Negative dims count from the end.
public static partial class torch
{
    /// <summary>Sum of all elements (a 0-d tensor).</summary>
    public static Tensor sum(Tensor input) => input.sum();

    /// <summary>Sum over <paramref name="dims"/>.</summary>
    public static Tensor sum(Tensor input, long[] dims, bool keepdim = false) => input.sum(dims, keepdim);

    /// <summary>Sum over <paramref name="dim"/>.</summary>
    public static Tensor sum(Tensor input, long dim, bool keepdim = false) => input.sum(dim, keepdim);

    /// <summary>Mean of all elements (a 0-d tensor).</summary>
    public static Tensor mean(Tensor input) => input.mean();

    /// <summary>Mean over <paramref name="dims"/>.</summary>
    public static Tensor mean(Tensor input, long[] dims, bool keepdim = false) => input.mean(dims, keepdim);

    /// <summary>Mean over <paramref name="dim"/>.</summary>
    public static Tensor mean(Tensor input, long dim, bool keepdim = false) => input.mean(dim, keepdim);

    /// <summary>Product of all elements (a 0-d tensor).</summary>
    public static Tensor prod(Tensor input) => input.prod();

    /// <summary>Product over <paramref name="dim"/>.</summary>
    public static Tensor prod(Tensor input, long dim, bool keepdim = false) => input.prod(dim, keepdim);

    /// <summary>The largest element (a 0-d tensor).</summary>
    public static Tensor max(Tensor input) => input.max();

    /// <summary>The largest values along <paramref name="dim"/> and their indices.</summary>
    public static (Tensor values, Tensor indices) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);

    /// <summary>The elementwise maximum of two tensors (same as <see cref="maximum"/>).</summary>
    public static Tensor max(Tensor input, Tensor other) => input.maximum(other);

    /// <summary>The smallest element (a 0-d tensor).</summary>
    public static Tensor min(Tensor input) => input.min();

    /// <summary>The smallest values along <paramref name="dim"/> and their indices.</summary>
    public static (Tensor values, Tensor indices) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);

    /// <summary>The elementwise minimum of two tensors (same as <see cref="minimum"/>).</summary>
    public static Tensor min(Tensor input, Tensor other) => input.minimum(other);

    /// <summary>The largest values over <paramref name="dims"/> (all dims when empty).</summary>
    public static Tensor amax(Tensor input, long[] dims, bool keepdim = false) => input.amax(dims, keepdim);

    /// <summary>The largest values over <paramref name="dim"/>.</summary>
    public static Tensor amax(Tensor input, long dim, bool keepdim = false) => input.amax(dim, keepdim);

    /// <summary>The smallest values over <paramref name="dims"/> (all dims when empty).</summary>
    public static Tensor amin(Tensor input, long[] dims, bool keepdim = false) => input.amin(dims, keepdim);

    /// <summary>The smallest values over <paramref name="dim"/>.</summary>
    public static Tensor amin(Tensor input, long dim, bool keepdim = false) => input.amin(dim, keepdim);

    /// <summary>Indices (int64) of the largest values along <paramref name="dim"/>, or into the flattened tensor when null.</summary>
    public static Tensor argmax(Tensor input, long? dim = null, bool keepdim = false) => input.argmax(dim, keepdim);

    /// <summary>Indices (int64) of the smallest values along <paramref name="dim"/>, or into the flattened tensor when null.</summary>
    public static Tensor argmin(Tensor input, long? dim = null, bool keepdim = false) => input.argmin(dim, keepdim);

    /// <summary>Variance of all elements; Bessel-corrected unless <paramref name="unbiased"/> is false.</summary>
    public static Tensor var(Tensor input, bool unbiased = true) => input.var(unbiased);

    /// <summary>Variance over <paramref name="dims"/>.</summary>
    public static Tensor var(Tensor input, long[] dims, bool unbiased = true, bool keepdim = false) => input.var(dims, unbiased, keepdim);

    /// <summary>Variance over <paramref name="dim"/>.</summary>
    public static Tensor var(Tensor input, long dim, bool unbiased = true, bool keepdim = false) => input.var(dim, unbiased, keepdim);

    /// <summary>Standard deviation of all elements; Bessel-corrected unless <paramref name="unbiased"/> is false.</summary>
    public static Tensor std(Tensor input, bool unbiased = true) => input.std(unbiased);

    /// <summary>Standard deviation over <paramref name="dims"/>.</summary>
    public static Tensor std(Tensor input, long[] dims, bool unbiased = true, bool keepdim = false) => input.std(dims, unbiased, keepdim);

    /// <summary>Standard deviation over <paramref name="dim"/>.</summary>
    public static Tensor std(Tensor input, long dim, bool unbiased = true, bool keepdim = false) => input.std(dim, unbiased, keepdim);

    /// <summary>The <paramref name="p"/>-norm of all elements (p may be infinite).</summary>
    public static Tensor norm(Tensor input, double p = 2) => input.norm(p);

    /// <summary>The <paramref name="p"/>-norm over <paramref name="dims"/>.</summary>
    public static Tensor norm(Tensor input, double p, long[] dims, bool keepdim = false) => input.norm(p, dims, keepdim);

    /// <summary>The <paramref name="p"/>-norm over <paramref name="dim"/>.</summary>
    public static Tensor norm(Tensor input, double p, long dim, bool keepdim = false) => input.norm(p, dim, keepdim);

    /// <summary>log(Σ exp(x)) over <paramref name="dims"/>, computed stably.</summary>
    public static Tensor logsumexp(Tensor input, long[] dims, bool keepdim = false) => input.logsumexp(dims, keepdim);

    /// <summary>log(Σ exp(x)) over <paramref name="dim"/>, computed stably.</summary>
    public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);

    /// <summary>Running sums along <paramref name="dim"/>; integer inputs accumulate as int64 unless <paramref name="dtype"/> is given.</summary>
    public static Tensor cumsum(Tensor input, long dim, ScalarType? dtype = null) => input.cumsum(dim, dtype);

    /// <summary>Whether every element is non-zero (a 0-d bool tensor).</summary>
    public static Tensor all(Tensor input) => input.all();

    /// <summary>Whether every element along <paramref name="dim"/> is non-zero.</summary>
    public static Tensor all(Tensor input, long dim, bool keepdim = false) => input.all(dim, keepdim);

    /// <summary>Whether any element is non-zero (a 0-d bool tensor).</summary>
    public static Tensor any(Tensor input) => input.any();

    /// <summary>Whether any element along <paramref name="dim"/> is non-zero.</summary>
    public static Tensor any(Tensor input, long dim, bool keepdim = false) => input.any(dim, keepdim);

    public partial class Tensor
    {
        /// <summary>Sum of all elements (a 0-d tensor).</summary>
        public Tensor sum() => FromNative(NativeMethods.shim_sum_all(handle));

        /// <summary>Sum over <paramref name="dims"/>.</summary>
        public Tensor sum(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_sum(handle, dims, dims.Length, Flag(keepdim)));

        /// <summary>Sum over <paramref name="dim"/>.</summary>
        public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

        /// <summary>Mean of all elements (a 0-d tensor).</summary>
        public Tensor mean() => FromNative(NativeMethods.shim_mean_all(handle));

        /// <summary>Mean over <paramref name="dims"/>.</summary>
        public Tensor mean(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_mean(handle, dims, dims.Length, Flag(keepdim)));

        /// <summary>Mean over <paramref name="dim"/>.</summary>
        public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);

        /// <summary>Product of all elements (a 0-d tensor).</summary>
        public Tensor prod() => FromNative(NativeMethods.shim_prod_all(handle));

        /// <summary>Product over <paramref name="dim"/>.</summary>
        public Tensor prod(long dim, bool keepdim = false) => FromNative(NativeMethods.shim_prod(handle, dim, Flag(keepdim)));

        /// <summary>The largest element (a 0-d tensor).</summary>
        public Tensor max() => FromNative(NativeMethods.shim_max_all(handle));

        /// <summary>The largest values along <paramref name="dim"/> and their indices (int64).</summary>
        public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
        {
            NativeError.Check(NativeMethods.shim_max_dim(handle, dim, Flag(keepdim), out IntPtr values, out IntPtr indices));
            return (FromRaw(values), FromRaw(indices));
        }

        /// <summary>The elementwise maximum with <paramref name="other"/> (same as <see cref="maximum"/>).</summary>
        public Tensor max(Tensor other) => maximum(other);

        /// <summary>The smallest element (a 0-d tensor).</summary>
        public Tensor min() => FromNative(NativeMethods.shim_min_all(handle));

        /// <summary>The smallest values along <paramref name="dim"/> and their indices (int64).</summary>
        public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
        {
            NativeError.Check(NativeMethods.shim_min_dim(handle, dim, Flag(keepdim), out IntPtr values, out IntPtr indices));
            return (FromRaw(values), FromRaw(indices));
        }

        /// <summary>The elementwise minimum with <paramref name="other"/> (same as <see cref="minimum"/>).</summary>
        public Tensor min(Tensor other) => minimum(other);

        /// <summary>The largest values over <paramref name="dims"/> (all dims when empty).</summary>
        public Tensor amax(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_amax(handle, dims, dims.Length, Flag(keepdim)));

        /// <summary>The largest values over <paramref name="dim"/>.</summary>
        public Tensor amax(long dim, bool keepdim = false) => amax([dim], keepdim);

        /// <summary>The smallest values over <paramref name="dims"/> (all dims when empty).</summary>
        public Tensor amin(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_amin(handle, dims, dims.Length, Flag(keepdim)));

        /// <summary>The smallest values over <paramref name="dim"/>.</summary>
        public Tensor amin(long dim, bool keepdim = false) => amin([dim], keepdim);

        /// <summary>Indices (int64) of the largest values along <paramref name="dim"/>, or into the flattened tensor when null.</summary>
        public Tensor argmax(long? dim = null, bool keepdim = false) =>
            FromNative(NativeMethods.shim_argmax(handle, dim ?? 0, Flag(dim.HasValue), Flag(keepdim)));

        /// <summary>Indices (int64) of the smallest values along <paramref name="dim"/>, or into the flattened tensor when null.</summary>
        public Tensor argmin(long? dim = null, bool keepdim = false) =>
            FromNative(NativeMethods.shim_argmin(handle, dim ?? 0, Flag(dim.HasValue), Flag(keepdim)));

        /// <summary>Variance of all elements; Bessel-corrected unless <paramref name="unbiased"/> is false.</summary>
        public Tensor var(bool unbiased = true) => FromNative(NativeMethods.shim_var_all(handle, Flag(unbiased)));

        /// <summary>Variance over <paramref name="dims"/>.</summary>
        public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) =>
            FromNative(NativeMethods.shim_var(handle, dims, dims.Length, Flag(unbiased), Flag(keepdim)));

        /// <summary>Variance over <paramref name="dim"/>.</summary>
        public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => var([dim], unbiased, keepdim);

        /// <summary>Standard deviation of all elements; Bessel-corrected unless <paramref name="unbiased"/> is false.</summary>
        public Tensor std(bool unbiased = true) => FromNative(NativeMethods.shim_std_all(handle, Flag(unbiased)));

        /// <summary>Standard deviation over <paramref name="dims"/>.</summary>
        public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) =>
            FromNative(NativeMethods.shim_std(handle, dims, dims.Length, Flag(unbiased), Flag(keepdim)));

        /// <summary>Standard deviation over <paramref name="dim"/>.</summary>
        public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => std([dim], unbiased, keepdim);

        /// <summary>The <paramref name="p"/>-norm of all elements (p may be infinite).</summary>
        public Tensor norm(double p = 2) => FromNative(NativeMethods.shim_norm_all(handle, p));

        /// <summary>The <paramref name="p"/>-norm over <paramref name="dims"/>; the argument order is PyTorch's, so x.norm(1) is the 1-norm.</summary>
        public Tensor norm(double p, long[] dims, bool keepdim = false) =>
            FromNative(NativeMethods.shim_norm(handle, p, dims, dims.Length, Flag(keepdim)));

        /// <summary>The <paramref name="p"/>-norm over <paramref name="dim"/>.</summary>
        public Tensor norm(double p, long dim, bool keepdim = false) => norm(p, [dim], keepdim);

        /// <summary>log(Σ exp(x)) over <paramref name="dims"/>, computed stably.</summary>
        public Tensor logsumexp(long[] dims, bool keepdim = false) => FromNative(NativeMethods.shim_logsumexp(handle, dims, dims.Length, Flag(keepdim)));

        /// <summary>log(Σ exp(x)) over <paramref name="dim"/>, computed stably.</summary>
        public Tensor logsumexp(long dim, bool keepdim = false) => logsumexp([dim], keepdim);

        /// <summary>Running sums along <paramref name="dim"/>; integer inputs accumulate as int64 unless <paramref name="dtype"/> is given.</summary>
        public Tensor cumsum(long dim, ScalarType? dtype = null) => FromNative(NativeMethods.shim_cumsum(handle, dim, Code(dtype)));

        /// <summary>Whether every element is non-zero (a 0-d bool tensor).</summary>
        public Tensor all() => FromNative(NativeMethods.shim_all_all(handle));

        /// <summary>Whether every element along <paramref name="dim"/> is non-zero.</summary>
        public Tensor all(long dim, bool keepdim = false) => FromNative(NativeMethods.shim_all(handle, dim, Flag(keepdim)));

        /// <summary>Whether any element is non-zero (a 0-d bool tensor).</summary>
        public Tensor any() => FromNative(NativeMethods.shim_any_all(handle));

        /// <summary>Whether any element along <paramref name="dim"/> is non-zero.</summary>
        public Tensor any(long dim, bool keepdim = false) => FromNative(NativeMethods.shim_any(handle, dim, Flag(keepdim)));
    }
}
