using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Python-style indexing: x[1], x[.., 1..3], x[TensorIndex.Ellipsis, TensorIndex.None, ^1],
// x[mask], x[index_tensor] = v.
//
// A whole index expression is encoded into one native call, which hands it to libtorch's own
// C++ indexing (at::indexing, the code behind PyTorch's __getitem__/__setitem__). Composing
// select/slice/unsqueeze/index here instead would cost one native call and one temporary
// tensor per entry, and would have to re-implement PyTorch's rules for ellipsis, new axes,
// boolean masks and mixed advanced indices; delegating keeps both the speed and the semantics.
public static partial class torch
{
    /// <summary>
    /// One entry of an index expression: an integer (negative counts from the end), a slice, an
    /// ellipsis, a new axis, a bool, or a tensor (a bool mask or int64 positions). Converts
    /// implicitly from long, int, bool, <see cref="System.Index"/> (<c>^1</c>), <see cref="System.Range"/>
    /// (<c>1..3</c>, <c>..</c>) and <see cref="Tensor"/>.
    /// </summary>
    public readonly struct TensorIndex : IEquatable<TensorIndex>
    {
        private enum Kind : byte
        {
            // The values are the shim's (ShimIndex kinds in shim_views.cpp).
            Integer = 0,
            Slice = 1,
            Ellipsis = 2,
            NewAxis = 3,
            Boolean = 4,
            Tensor = 5,

            // ^0 as a single index: it addresses no element, so encoding it fails (like array[^0]).
            PastTheEnd = 255,
        }

        private readonly Kind kind;
        private readonly long start;
        private readonly long stop;
        private readonly long step;
        private readonly Tensor? tensor;

        private TensorIndex(Kind kind, long start = 0, long stop = 0, long step = 0, Tensor? tensor = null)
        {
            this.kind = kind;
            this.start = start;
            this.stop = stop;
            this.step = step;
            this.tensor = tensor;
        }

        /// <summary><c>...</c>: as many full slices as needed to index every dimension.</summary>
        public static TensorIndex Ellipsis => new(Kind.Ellipsis);

        /// <summary><c>None</c>: a new dimension of size 1 at this position.</summary>
        public static TensorIndex None => new(Kind.NewAxis);

        /// <summary><c>:</c>: every entry of a dimension.</summary>
        public static TensorIndex Colon => Slice();

        /// <summary><c>start:stop:step</c>; a null bound means the start or end of the dimension. Bounds are clamped as in Python.</summary>
        public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) =>
            new(Kind.Slice, start ?? 0, stop ?? long.MaxValue, step);

        /// <summary>A single position (removes the dimension).</summary>
        public static TensorIndex Single(long index) => new(Kind.Integer, index);

        /// <summary>A bool mask (selects where true) or int64 positions (advanced indexing).</summary>
        public static TensorIndex FromTensor(Tensor index) => new(Kind.Tensor, tensor: index);

        /// <summary><c>True</c> adds a dimension of size 1, <c>False</c> one of size 0.</summary>
        public static TensorIndex Bool(bool value) => new(Kind.Boolean, value ? 1 : 0);

        /// <summary>A single position; negative counts from the end.</summary>
        public static implicit operator TensorIndex(long index) => Single(index);

        /// <summary>A single position; negative counts from the end.</summary>
        public static implicit operator TensorIndex(int index) => Single(index);

        /// <summary>A new dimension of size 1 (true) or 0 (false).</summary>
        public static implicit operator TensorIndex(bool value) => Bool(value);

        /// <summary>A single position; <c>^1</c> is the last (-1 in Python).</summary>
        public static implicit operator TensorIndex(Index index) =>
            !index.IsFromEnd ? Single(index.Value) : index.Value == 0 ? new(Kind.PastTheEnd) : Single(-(long)index.Value);

        /// <summary>A slice: <c>1..3</c> is <c>1:3</c>, <c>^2..</c> is <c>-2:</c>, <c>..</c> is <c>:</c>.</summary>
        public static implicit operator TensorIndex(Range range) => new(Kind.Slice, Bound(range.Start), Bound(range.End), 1);

        /// <summary>A bool mask or int64 positions.</summary>
        public static implicit operator TensorIndex(Tensor index) => FromTensor(index);

        // A range bound as a Python slice bound: ^k is -k, and ^0 (the end) is "to the end".
        private static long Bound(Index index) =>
            !index.IsFromEnd ? index.Value : index.Value == 0 ? long.MaxValue : -(long)index.Value;

        internal NativeIndex Encode()
        {
            if (kind == Kind.PastTheEnd)
            {
                throw new ArgumentOutOfRangeException("indices", "^0 addresses no element; use ^1 for the last one, or a range such as ^1.. or ..^0.");
            }

            if (kind == Kind.Tensor && tensor is null)
            {
                throw new ArgumentNullException("indices", "A tensor index is null.");
            }

            // The tensor's raw handle is filled in by the caller, which holds a reference on it.
            return new NativeIndex { Kind = (long)kind, Start = start, Stop = stop, Step = step };
        }

        internal Tensor? IndexTensor => tensor;

        /// <summary>True for the same kind of index with the same bounds, or the same index tensor (by reference).</summary>
        public bool Equals(TensorIndex other) =>
            kind == other.kind && start == other.start && stop == other.stop && step == other.step && ReferenceEquals(tensor, other.tensor);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is TensorIndex other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(kind, start, stop, step, tensor);

        /// <summary>True when both indices are equal, as <see cref="Equals(TensorIndex)"/>.</summary>
        public static bool operator ==(TensorIndex left, TensorIndex right) => left.Equals(right);

        /// <summary>True when the indices differ.</summary>
        public static bool operator !=(TensorIndex left, TensorIndex right) => !left.Equals(right);

        /// <summary>The index as Python writes it: <c>2</c>, <c>1:5:1</c>, <c>...</c>, <c>None</c>, <c>True</c>.</summary>
        public override string ToString() => kind switch
        {
            Kind.Integer => start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind.Slice => $"{start}:{(stop == long.MaxValue ? "" : stop.ToString(System.Globalization.CultureInfo.InvariantCulture))}:{step}",
            Kind.Ellipsis => "...",
            Kind.NewAxis => "None",
            Kind.Boolean => start != 0 ? "True" : "False",
            Kind.Tensor => "tensor",
            _ => "^0",
        };
    }

    public partial class Tensor
    {
        /// <summary>Entry <paramref name="index"/> of the first dimension (a view); negative counts from the end.</summary>
        public Tensor this[long index]
        {
            get => FromNative(NativeMethods.shim_select(handle, 0, index));
            set => index_put_(value, index);
        }

        /// <summary>
        /// The part of this tensor that <paramref name="indices"/> address, as in Python's <c>x[...]</c>:
        /// a view for integers, slices, ellipsis and new axes, a copy when a tensor index is involved.
        /// Setting copies the value (broadcast) into that part of this tensor, in place.
        /// </summary>
        public Tensor this[params TensorIndex[] indices]
        {
            get => index(indices);
            set => index_put_(value, indices);
        }

        /// <summary>The part of this tensor that <paramref name="indices"/> address (see the indexer).</summary>
        public unsafe Tensor index(params TensorIndex[] indices)
        {
            ArgumentNullException.ThrowIfNull(indices);
            NativeIndex* encoded = stackalloc NativeIndex[indices.Length];
            int held = Encode(indices, encoded);
            try
            {
                return FromNative(NativeMethods.shim_index(handle, encoded, indices.Length));
            }
            finally
            {
                Release(indices, held);
            }
        }

        /// <summary>Copies <paramref name="value"/> (broadcast) into the part that <paramref name="indices"/> address, in place.</summary>
        public unsafe Tensor index_put_(Tensor value, params TensorIndex[] indices)
        {
            ArgumentNullException.ThrowIfNull(indices);
            TensorHandle source = Handle(value);
            NativeIndex* encoded = stackalloc NativeIndex[indices.Length];
            int held = Encode(indices, encoded);
            try
            {
                NativeError.Check(NativeMethods.shim_index_put_(handle, encoded, indices.Length, source));
                return this;
            }
            finally
            {
                Release(indices, held);
            }
        }

        /// <summary>Sets the part that <paramref name="indices"/> address to <paramref name="value"/>, in place.</summary>
        public unsafe Tensor index_put_(Scalar value, params TensorIndex[] indices)
        {
            ArgumentNullException.ThrowIfNull(indices);
            NativeIndex* encoded = stackalloc NativeIndex[indices.Length];
            int held = Encode(indices, encoded);
            try
            {
                NativeError.Check(NativeMethods.shim_index_put_scalar_(handle, encoded, indices.Length, value));
                return this;
            }
            finally
            {
                Release(indices, held);
            }
        }

        // Encodes every entry and holds a reference on each index tensor's handle while the shim
        // reads it. Returns how many entries were processed, so exactly those are released; on
        // failure the ones already held are released before the exception leaves.
        private static unsafe int Encode(TensorIndex[] indices, NativeIndex* encoded)
        {
            int i = 0;
            try
            {
                for (; i < indices.Length; i++)
                {
                    encoded[i] = indices[i].Encode();
                    if (indices[i].IndexTensor is { } t)
                    {
                        bool added = false;
                        t.Handle.DangerousAddRef(ref added);
                        encoded[i].Tensor = t.Handle.DangerousGetHandle();
                    }
                }

                return i;
            }
            catch
            {
                Release(indices, i);
                throw;
            }
        }

        private static void Release(TensorIndex[] indices, int count)
        {
            for (int i = 0; i < count; i++)
            {
                indices[i].IndexTensor?.Handle.DangerousRelease();
            }
        }
    }
}
