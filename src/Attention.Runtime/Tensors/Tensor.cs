using System;
using Attention.Runtime.Native;

namespace Attention.Runtime;

/// <summary>
/// The root of the API, as PyTorch's <c>torch</c> module and TorchSharp's <c>torch</c> class: tensor factories and operations,
/// dtypes, devices, autograd switches, and the nested <see cref="nn"/>, <see cref="optim"/> and <see cref="cuda"/>.
/// Bring it in with <c>using static Attention.Runtime.torch;</c>.
/// </summary>
public static partial class torch
{
    /// <summary>
    /// A multi-dimensional array on a device, backed by one native <c>at::Tensor</c>. Dispose it (or
    /// create it inside a <see cref="DisposeScope"/>) to release its memory deterministically; a
    /// tensor that is never disposed is released by the garbage collector.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private readonly TensorHandle owned;

        internal Tensor(TensorHandle handle)
        {
            owned = handle;
            DisposeScope.Register(this);
        }

        /// <summary>Wraps a handle returned by the shim, throwing libtorch's error if it is NULL.</summary>
        internal static Tensor FromNative(TensorHandle handle) => new(NativeError.Check(handle));

        /// <summary>Wraps a raw handle written by the shim through an out-parameter.</summary>
        internal static Tensor FromRaw(System.IntPtr raw)
        {
            var owned = new TensorHandle();
            System.Runtime.InteropServices.Marshal.InitHandle(owned, raw);
            return new Tensor(owned);
        }

        internal TensorHandle Handle => handle;

        /// <summary>The native handle, or an <see cref="ObjectDisposedException"/> naming the tensor once it is disposed.</summary>
        private TensorHandle handle => owned.IsClosed
            ? throw new ObjectDisposedException(nameof(Tensor), "This tensor has been disposed; a tensor cannot be used after Dispose() or after its dispose scope ended.")
            : owned;

        internal DisposeScope? OwningScope { get; set; }

        /// <summary>True once the tensor has been disposed; any further use throws <see cref="ObjectDisposedException"/>.</summary>
        public bool IsDisposed => owned.IsClosed;

        /// <summary>Releases the native tensor now.</summary>
        public void Dispose()
        {
            ReleaseCachedGrad();
            owned.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Moves this tensor to the scope enclosing its current one, so it outlives it.</summary>
        public Tensor MoveToOuterDisposeScope() => OwningScope is { } scope ? scope.MoveToOuter(this) : this;

        /// <summary>Takes this tensor out of every dispose scope: the caller disposes it.</summary>
        public Tensor DetachFromDisposeScope() => DisposeScope.Detach(this);

        // ---- metadata -------------------------------------------------------------------------

        /// <summary>Number of dimensions.</summary>
        public unsafe long ndim => Dim();

        /// <summary>Number of dimensions.</summary>
        public unsafe int Dim() => NativeMethods.shim_tensor_sizes(handle, null, 0);

        /// <summary>The size of every dimension.</summary>
        public unsafe long[] shape
        {
            get
            {
                const int Inline = 8;
                long* buffer = stackalloc long[Inline];
                int n = NativeMethods.shim_tensor_sizes(handle, buffer, Inline);
                if (n > Inline)
                {
                    var large = new long[n];
                    fixed (long* p = large)
                    {
                        NativeMethods.shim_tensor_sizes(handle, p, n);
                    }

                    return large;
                }

                return new ReadOnlySpan<long>(buffer, n).ToArray();
            }
        }

        /// <summary>The size of every dimension (TorchSharp's name).</summary>
        public long[] size() => shape;

        /// <summary>The size of dimension <paramref name="dim"/>; negative dims count from the end.</summary>
        public long size(long dim)
        {
            long[] sizes = shape;
            long d = dim < 0 ? dim + sizes.Length : dim;
            if (d < 0 || d >= sizes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(dim), dim, $"Dimension out of range (expected to be in range of [{-sizes.Length}, {sizes.Length - 1}], but got {dim})");
            }

            return sizes[d];
        }

        /// <summary>The element stride of every dimension.</summary>
        public unsafe long[] stride()
        {
            int n = Dim();
            var strides = new long[n];
            fixed (long* p = strides)
            {
                NativeMethods.shim_tensor_strides(handle, p, n);
            }

            return strides;
        }

        /// <summary>Total number of elements.</summary>
        public long numel() => NativeMethods.shim_tensor_numel(handle);

        /// <summary>Total number of elements.</summary>
        public long NumberOfElements => numel();

        /// <summary>The element type.</summary>
        public ScalarType dtype => (ScalarType)NativeMethods.shim_tensor_dtype(handle);

        /// <summary>The device the data lives on.</summary>
        public Device device
        {
            get
            {
                NativeMethods.shim_tensor_device(handle, out int type, out int index);
                return new Device((DeviceType)type, type == (int)DeviceType.CPU ? -1 : index);
            }
        }

        /// <summary>The kind of device the data lives on.</summary>
        public DeviceType device_type
        {
            get
            {
                NativeMethods.shim_tensor_device(handle, out int type, out _);
                return (DeviceType)type;
            }
        }

        /// <summary>Whether the elements are laid out densely in row-major order.</summary>
        public bool is_contiguous() => NativeMethods.shim_tensor_is_contiguous(handle) != 0;

        /// <summary>True for floating-point dtypes.</summary>
        public bool is_floating_point() => torch.is_floating_point(dtype);

        /// <summary>Size in bytes of one element.</summary>
        public long element_size() => torch.element_size(dtype);

        // ---- copies and conversion ---------------------------------------------------------------

        /// <summary>A copy with its own storage, still connected to the autograd graph.</summary>
        public Tensor clone() => FromNative(NativeMethods.shim_tensor_clone(handle));

        /// <summary>Copies <paramref name="source"/> (broadcast, converted) into this tensor, in place.</summary>
        public Tensor copy_(Tensor source)
        {
            ArgumentNullException.ThrowIfNull(source);
            NativeError.Check(NativeMethods.shim_tensor_copy_(handle, source.handle));
            return this;
        }

        /// <summary>Sets every element to <paramref name="value"/>, in place.</summary>
        public Tensor fill_(Scalar value) => InPlace(NativeMethods.shim_tensor_fill_(handle, value));

        /// <summary>Fills this tensor with samples of U(<paramref name="from"/>, <paramref name="to"/>), in place.</summary>
        public Tensor uniform_(double from = 0, double to = 1) => InPlace(NativeMethods.shim_tensor_uniform_(handle, from, to));

        /// <summary>Fills this tensor with samples of N(<paramref name="mean"/>, <paramref name="std"/>²), in place.</summary>
        public Tensor normal_(double mean = 0, double std = 1) => InPlace(NativeMethods.shim_tensor_normal_(handle, mean, std));

        /// <summary>Sets every element to zero, in place.</summary>
        public Tensor zero_() => fill_(0);

        /// <summary>This tensor converted to <paramref name="type"/> (itself, not a copy, when it already is).</summary>
        public Tensor to(ScalarType type, bool copy = false) =>
            FromNative(NativeMethods.shim_tensor_to(handle, (sbyte)type, -1, -1, 0, Flag(copy)));

        /// <summary>This tensor moved to <paramref name="target"/>.</summary>
        public Tensor to(Device target, bool copy = false) => To(null, target, copy);

        /// <summary>This tensor moved to <paramref name="target"/> and converted to <paramref name="type"/>.</summary>
        public Tensor to(Device target, ScalarType type, bool copy = false) => To(type, target, copy);

        /// <summary>This tensor converted to <paramref name="type"/>, as <see cref="to(ScalarType, bool)"/> without copy.</summary>
        public Tensor to_type(ScalarType type) => to(type);

        /// <summary>This tensor on the CPU; no copy when it is already there.</summary>
        public Tensor cpu() => to(torch.CPU);

        /// <summary>This tensor on CUDA device <paramref name="index"/>, the current one for -1; no copy when it is already there.</summary>
        public Tensor cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));

        /// <summary>This tensor as float32.</summary>
        public Tensor @float() => to(ScalarType.Float32);

        /// <summary>This tensor as float64.</summary>
        public Tensor @double() => to(ScalarType.Float64);

        /// <summary>This tensor as int64.</summary>
        public Tensor @long() => to(ScalarType.Int64);

        /// <summary>This tensor as int32.</summary>
        public Tensor @int() => to(ScalarType.Int32);

        /// <summary>This tensor as bool.</summary>
        public Tensor @bool() => to(ScalarType.Bool);

        private Tensor To(ScalarType? type, Device target, bool copy)
        {
            ArgumentNullException.ThrowIfNull(target);
            if (target.type == DeviceType.CUDA)
            {
                torch.cuda.EnsureAvailable();
            }

            return FromNative(NativeMethods.shim_tensor_to(handle, type.HasValue ? (sbyte)type.Value : (sbyte)-1, (int)target.type, target.index, 0, copy ? (byte)1 : (byte)0));
        }
    }
}
