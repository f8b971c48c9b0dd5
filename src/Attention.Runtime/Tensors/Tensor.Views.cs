using System;
using System.Collections.Generic;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Views and reshaping, joining and splitting, selection along a dimension, masking and
// triangles. Dims may be negative (counted from the end) everywhere, as in PyTorch.
public static partial class torch
{
    public partial class Tensor
    {
        // ---- shape and layout views ----------------------------------------------------------

        /// <summary>A view with the given shape (one size may be -1); fails when the strides do not allow a view.</summary>
        public Tensor view(params long[] shape) => FromNative(NativeMethods.shim_view(handle, shape, shape.Length));

        /// <summary>The elements with the given shape (one size may be -1): a view when possible, otherwise a copy.</summary>
        public Tensor reshape(params long[] shape) => FromNative(NativeMethods.shim_reshape(handle, shape, shape.Length));

        /// <summary>A view with the dimensions reordered as <paramref name="dims"/>.</summary>
        public Tensor permute(params long[] dims) => FromNative(NativeMethods.shim_permute(handle, dims, dims.Length));

        /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
        public Tensor transpose(long dim0, long dim1) => FromNative(NativeMethods.shim_transpose(handle, dim0, dim1));

        /// <summary>The transpose of a tensor of at most 2 dimensions.</summary>
        public Tensor t() => FromNative(NativeMethods.shim_t(handle));

        /// <summary>Dimensions <paramref name="start_dim"/> … <paramref name="end_dim"/> merged into one.</summary>
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => FromNative(NativeMethods.shim_flatten(handle, start_dim, end_dim));

        /// <summary>Dimension <paramref name="dim"/> split into <paramref name="sizes"/> (one may be -1).</summary>
        public Tensor unflatten(long dim, params long[] sizes) => FromNative(NativeMethods.shim_unflatten(handle, dim, sizes, sizes.Length));

        /// <summary>A view with a dimension of size 1 inserted at <paramref name="dim"/>.</summary>
        public Tensor unsqueeze(long dim) => FromNative(NativeMethods.shim_unsqueeze(handle, dim));

        /// <summary>A view without any dimension of size 1.</summary>
        public Tensor squeeze() => FromNative(NativeMethods.shim_squeeze(handle));

        /// <summary>A view without dimension <paramref name="dim"/> if its size is 1, otherwise the same shape.</summary>
        public Tensor squeeze(long dim) => FromNative(NativeMethods.shim_squeeze_dim(handle, dim));

        /// <summary>A view broadcast to <paramref name="sizes"/> without copying; -1 keeps a dimension's size.</summary>
        public Tensor expand(params long[] sizes) => FromNative(NativeMethods.shim_expand(handle, sizes, sizes.Length));

        /// <summary>A view broadcast to the shape of <paramref name="other"/>.</summary>
        public Tensor expand_as(Tensor other) => FromNative(NativeMethods.shim_expand_as(handle, Handle(other)));

        /// <summary>The tensor tiled <paramref name="repeats"/> times along each dimension (a copy).</summary>
        public Tensor repeat(params long[] repeats) => FromNative(NativeMethods.shim_repeat(handle, repeats, repeats.Length));

        /// <summary>A copy with the order of the elements reversed along <paramref name="dims"/>.</summary>
        public Tensor flip(params long[] dims) => FromNative(NativeMethods.shim_flip(handle, dims, dims.Length));

        /// <summary>The elements shifted cyclically by <paramref name="shifts"/> along <paramref name="dims"/> (flattened when no dims).</summary>
        public Tensor roll(long[] shifts, long[]? dims = null)
        {
            ArgumentNullException.ThrowIfNull(shifts);
            dims ??= [];
            return FromNative(NativeMethods.shim_roll(handle, shifts, shifts.Length, dims, dims.Length));
        }

        /// <summary>The elements shifted cyclically by <paramref name="shifts"/> along <paramref name="dims"/> (flattened when null).</summary>
        public Tensor roll(long shifts, long? dims = null) => roll([shifts], dims is { } d ? [d] : null);

        // ---- splitting -----------------------------------------------------------------------

        /// <summary>Up to <paramref name="chunks"/> views of (nearly) equal size along <paramref name="dim"/>.</summary>
        public unsafe Tensor[] chunk(long chunks, long dim = 0) =>
            Parts(chunks, (parts, capacity, out count) => NativeMethods.shim_chunk(handle, chunks, dim, parts, capacity, out count));

        /// <summary>Views of <paramref name="split_size"/> elements along <paramref name="dim"/> (the last may be smaller).</summary>
        public unsafe Tensor[] split(long split_size, long dim = 0) =>
            Parts(4, (parts, capacity, out count) => NativeMethods.shim_split(handle, split_size, dim, parts, capacity, out count));

        /// <summary>Views of the given sizes along <paramref name="dim"/>; the sizes must add up to the dimension's size.</summary>
        public unsafe Tensor[] split(long[] split_sizes, long dim = 0)
        {
            ArgumentNullException.ThrowIfNull(split_sizes);
            return Parts(split_sizes.Length, (parts, capacity, out count) =>
                NativeMethods.shim_split_with_sizes(handle, split_sizes, split_sizes.Length, dim, parts, capacity, out count));
        }

        private unsafe delegate int PartsCall(IntPtr* parts, int capacity, out int count);

        // The shim reports how many parts there are and writes them only when they fit, so an
        // expected count (clamped, as it sizes a stack buffer) is tried first, then the exact one.
        private static unsafe Tensor[] Parts(long expected, PartsCall call)
        {
            const int MaxStack = 64;
            int capacity = (int)Math.Clamp(expected, 1, MaxStack);
            IntPtr* buffer = stackalloc IntPtr[capacity];
            NativeError.Check(call(buffer, capacity, out int count));
            if (count <= capacity)
            {
                return Wrap(buffer, count);
            }

            var large = new IntPtr[count];
            fixed (IntPtr* p = large)
            {
                NativeError.Check(call(p, count, out count));
                return Wrap(p, count);
            }
        }

        private static unsafe Tensor[] Wrap(IntPtr* raw, int count)
        {
            var tensors = new Tensor[count];
            for (int i = 0; i < count; i++)
            {
                tensors[i] = FromRaw(raw[i]);
            }

            return tensors;
        }

        // ---- selecting along a dimension -------------------------------------------------------

        /// <summary>A view of entry <paramref name="index"/> along <paramref name="dim"/>, which is removed.</summary>
        public Tensor select(long dim, long index) => FromNative(NativeMethods.shim_select(handle, dim, index));

        /// <summary>A view of <paramref name="length"/> entries from <paramref name="start"/> along <paramref name="dim"/>.</summary>
        public Tensor narrow(long dim, long start, long length) => FromNative(NativeMethods.shim_narrow(handle, dim, start, length));

        /// <summary>A view of entries <paramref name="start"/> ≤ i &lt; <paramref name="end"/> every <paramref name="step"/> along <paramref name="dim"/> (bounds are clamped, as in Python slices).</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) => FromNative(NativeMethods.shim_slice(handle, dim, start, end, step));

        /// <summary>The entries at the int64 positions <paramref name="index"/> along <paramref name="dim"/> (a copy).</summary>
        public Tensor index_select(long dim, Tensor index) => FromNative(NativeMethods.shim_index_select(handle, dim, Handle(index)));

        /// <summary>out[i][j] = self[index[i][j]][j] for dim 0 (and so on): values picked along <paramref name="dim"/>.</summary>
        public Tensor gather(long dim, Tensor index) => FromNative(NativeMethods.shim_gather(handle, dim, Handle(index)));

        /// <summary>A copy with the values of <paramref name="src"/> written at <paramref name="index"/> along <paramref name="dim"/>.</summary>
        public Tensor scatter(long dim, Tensor index, Tensor src) => FromNative(NativeMethods.shim_scatter(handle, dim, Handle(index), Handle(src)));

        /// <summary>A copy with <paramref name="value"/> written at <paramref name="index"/> along <paramref name="dim"/> (one-hot style).</summary>
        public Tensor scatter(long dim, Tensor index, Scalar value) => FromNative(NativeMethods.shim_scatter_value(handle, dim, Handle(index), value));

        /// <summary>Writes the values of <paramref name="src"/> at <paramref name="index"/> along <paramref name="dim"/>, in place.</summary>
        public Tensor scatter_(long dim, Tensor index, Tensor src) => Mutated(NativeMethods.shim_scatter_(handle, dim, Handle(index), Handle(src)));

        /// <summary>Writes <paramref name="value"/> at <paramref name="index"/> along <paramref name="dim"/>, in place.</summary>
        public Tensor scatter_(long dim, Tensor index, Scalar value) => Mutated(NativeMethods.shim_scatter_value_(handle, dim, Handle(index), value));

        // ---- masking and triangles ----------------------------------------------------------

        /// <summary>A copy with <paramref name="value"/> where the (broadcast) bool <paramref name="mask"/> is true.</summary>
        public Tensor masked_fill(Tensor mask, Scalar value) => FromNative(NativeMethods.shim_masked_fill(handle, Handle(mask), value));

        /// <summary>Sets the elements where the (broadcast) bool <paramref name="mask"/> is true to <paramref name="value"/>, in place.</summary>
        public Tensor masked_fill_(Tensor mask, Scalar value) => Mutated(NativeMethods.shim_masked_fill_(handle, Handle(mask), value));

        /// <summary>This tensor where <paramref name="condition"/> is true, <paramref name="other"/> elsewhere.</summary>
        public Tensor where(Tensor condition, Tensor other) => torch.where(condition, this, other);

        /// <summary>This tensor where <paramref name="condition"/> is true, <paramref name="other"/> elsewhere.</summary>
        public Tensor where(Tensor condition, Scalar other) => torch.where(condition, this, other);

        /// <summary>A copy with the elements above diagonal <paramref name="diagonal"/> of the last two dims set to zero.</summary>
        public Tensor tril(long diagonal = 0) => FromNative(NativeMethods.shim_tril(handle, diagonal));

        /// <summary>A copy with the elements below diagonal <paramref name="diagonal"/> of the last two dims set to zero.</summary>
        public Tensor triu(long diagonal = 0) => FromNative(NativeMethods.shim_triu(handle, diagonal));

        private Tensor Mutated(int status)
        {
            NativeError.Check(status);
            return this;
        }
    }

    // ---- torch.xxx forms -----------------------------------------------------------------------

    /// <summary>The elements of <paramref name="input"/> with the given shape: a view when possible, otherwise a copy.</summary>
    public static Tensor reshape(Tensor input, params long[] shape) => Checked(input).reshape(shape);

    /// <summary>A view of <paramref name="input"/> with the dimensions reordered.</summary>
    public static Tensor permute(Tensor input, params long[] dims) => Checked(input).permute(dims);

    /// <summary>A view of <paramref name="input"/> with two dimensions swapped.</summary>
    public static Tensor transpose(Tensor input, long dim0, long dim1) => Checked(input).transpose(dim0, dim1);

    /// <summary>The transpose of a tensor of at most 2 dimensions.</summary>
    public static Tensor t(Tensor input) => Checked(input).t();

    /// <summary><paramref name="input"/> with dimensions start_dim … end_dim merged into one.</summary>
    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => Checked(input).flatten(start_dim, end_dim);

    /// <summary><paramref name="input"/> with dimension <paramref name="dim"/> split into <paramref name="sizes"/>.</summary>
    public static Tensor unflatten(Tensor input, long dim, params long[] sizes) => Checked(input).unflatten(dim, sizes);

    /// <summary>A view of <paramref name="input"/> with a dimension of size 1 inserted at <paramref name="dim"/>.</summary>
    public static Tensor unsqueeze(Tensor input, long dim) => Checked(input).unsqueeze(dim);

    /// <summary>A view of <paramref name="input"/> without any dimension of size 1.</summary>
    public static Tensor squeeze(Tensor input) => Checked(input).squeeze();

    /// <summary>A view of <paramref name="input"/> without dimension <paramref name="dim"/> if its size is 1.</summary>
    public static Tensor squeeze(Tensor input, long dim) => Checked(input).squeeze(dim);

    /// <summary>The tensors joined along the existing dimension <paramref name="dim"/>.</summary>
    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>The tensors joined along the existing dimension <paramref name="dim"/> (alias of <see cref="cat"/>).</summary>
    public static Tensor concat(IList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>The tensors (all of one shape) joined along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor stack(IList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    /// <summary>Up to <paramref name="chunks"/> views of <paramref name="input"/> along <paramref name="dim"/>.</summary>
    public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => Checked(input).chunk(chunks, dim);

    /// <summary>Views of <paramref name="split_size"/> elements of <paramref name="input"/> along <paramref name="dim"/>.</summary>
    public static Tensor[] split(Tensor input, long split_size, long dim = 0) => Checked(input).split(split_size, dim);

    /// <summary>Views of the given sizes of <paramref name="input"/> along <paramref name="dim"/>.</summary>
    public static Tensor[] split(Tensor input, long[] split_sizes, long dim = 0) => Checked(input).split(split_sizes, dim);

    /// <summary>A view of entry <paramref name="index"/> of <paramref name="input"/> along <paramref name="dim"/>.</summary>
    public static Tensor select(Tensor input, long dim, long index) => Checked(input).select(dim, index);

    /// <summary>A view of <paramref name="length"/> entries of <paramref name="input"/> from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public static Tensor narrow(Tensor input, long dim, long start, long length) => Checked(input).narrow(dim, start, length);

    /// <summary>The entries of <paramref name="input"/> at the positions <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public static Tensor index_select(Tensor input, long dim, Tensor index) => Checked(input).index_select(dim, index);

    /// <summary>Values of <paramref name="input"/> picked along <paramref name="dim"/> by <paramref name="index"/>.</summary>
    public static Tensor gather(Tensor input, long dim, Tensor index) => Checked(input).gather(dim, index);

    /// <summary>A copy of <paramref name="input"/> with the values of <paramref name="src"/> written at <paramref name="index"/>.</summary>
    public static Tensor scatter(Tensor input, long dim, Tensor index, Tensor src) => Checked(input).scatter(dim, index, src);

    /// <summary>A copy of <paramref name="input"/> with <paramref name="value"/> written at <paramref name="index"/>.</summary>
    public static Tensor scatter(Tensor input, long dim, Tensor index, Scalar value) => Checked(input).scatter(dim, index, value);

    /// <summary>A copy of <paramref name="input"/> with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor masked_fill(Tensor input, Tensor mask, Scalar value) => Checked(input).masked_fill(mask, value);

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> is true, of <paramref name="y"/> elsewhere (broadcast).</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        Tensor.FromNative(NativeMethods.shim_where(Handle(condition), Handle(x), Handle(y)));

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> is true, <paramref name="y"/> elsewhere.</summary>
    public static Tensor where(Tensor condition, Tensor x, Scalar y) =>
        Tensor.FromNative(NativeMethods.shim_where_scalar_other(Handle(condition), Handle(x), y));

    /// <summary><paramref name="x"/> where <paramref name="condition"/> is true, elements of <paramref name="y"/> elsewhere.</summary>
    public static Tensor where(Tensor condition, Scalar x, Tensor y) =>
        Tensor.FromNative(NativeMethods.shim_where_scalar_self(Handle(condition), x, Handle(y)));

    /// <summary>A copy of <paramref name="input"/> with the elements above the diagonal set to zero.</summary>
    public static Tensor tril(Tensor input, long diagonal = 0) => Checked(input).tril(diagonal);

    /// <summary>A copy of <paramref name="input"/> with the elements below the diagonal set to zero.</summary>
    public static Tensor triu(Tensor input, long diagonal = 0) => Checked(input).triu(diagonal);

    /// <summary>A copy of <paramref name="input"/> reversed along <paramref name="dims"/>.</summary>
    public static Tensor flip(Tensor input, params long[] dims) => Checked(input).flip(dims);

    /// <summary><paramref name="input"/> shifted cyclically along <paramref name="dims"/> (flattened when no dims).</summary>
    public static Tensor roll(Tensor input, long[] shifts, long[]? dims = null) => Checked(input).roll(shifts, dims);

    /// <summary><paramref name="input"/> shifted cyclically along <paramref name="dims"/> (flattened when null).</summary>
    public static Tensor roll(Tensor input, long shifts, long? dims = null) => Checked(input).roll(shifts, dims);

    private static Tensor Checked(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }

    // cat and stack: the shim reads raw handles, so each tensor's handle is referenced for the
    // duration of the call (a tensor disposed meanwhile on another thread stays alive).
    private static unsafe Tensor Join(IList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        const int MaxStack = 16;
        int count = tensors.Count;
        Span<IntPtr> raw = count <= MaxStack ? stackalloc IntPtr[MaxStack] : new IntPtr[count];
        int held = 0;
        try
        {
            for (; held < count; held++)
            {
                TensorHandle h = Handle(tensors[held]);
                bool added = false;
                h.DangerousAddRef(ref added);
                raw[held] = h.DangerousGetHandle();
            }

            fixed (IntPtr* p = raw)
            {
                return Tensor.FromNative(stack ? NativeMethods.shim_stack(p, count, dim) : NativeMethods.shim_cat(p, count, dim));
            }
        }
        finally
        {
            for (int i = 0; i < held; i++)
            {
                tensors[i].Handle.DangerousRelease();
            }
        }
    }
}
