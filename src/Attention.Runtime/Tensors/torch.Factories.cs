using System;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime;

// Tensor factories, with PyTorch's names and keyword arguments.
public static partial class torch
{
    /// <summary>An uninitialised tensor of shape <paramref name="size"/> (<c>torch.empty</c>); float32 on the CPU unless <paramref name="dtype"/> or <paramref name="device"/> say otherwise.</summary>
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.shim_empty, size, dtype, device, requires_grad);

    /// <summary>An uninitialised float32 CPU tensor of shape <paramref name="size"/>.</summary>
    public static Tensor empty(params long[] size) => empty(size, null);

    /// <summary>A tensor of zeros of shape <paramref name="size"/> (<c>torch.zeros</c>); float32 on the CPU unless <paramref name="dtype"/> or <paramref name="device"/> say otherwise.</summary>
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.shim_zeros, size, dtype, device, requires_grad);

    /// <summary>A float32 CPU tensor of zeros of shape <paramref name="size"/>.</summary>
    public static Tensor zeros(params long[] size) => zeros(size, null);

    /// <summary>A tensor of ones of shape <paramref name="size"/> (<c>torch.ones</c>); float32 on the CPU unless <paramref name="dtype"/> or <paramref name="device"/> say otherwise.</summary>
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.shim_ones, size, dtype, device, requires_grad);

    /// <summary>A float32 CPU tensor of ones of shape <paramref name="size"/>.</summary>
    public static Tensor ones(params long[] size) => ones(size, null);

    /// <summary>Samples of the standard normal distribution; reproducible after <see cref="manual_seed"/>.</summary>
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.shim_randn, size, dtype, device, requires_grad);

    /// <summary>Standard normal float32 CPU samples of shape <paramref name="size"/>.</summary>
    public static Tensor randn(params long[] size) => randn(size, null);

    /// <summary>Samples of the uniform distribution on [0, 1).</summary>
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.shim_rand, size, dtype, device, requires_grad);

    /// <summary>Uniform [0, 1) float32 CPU samples of shape <paramref name="size"/>.</summary>
    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>A tensor filled with <paramref name="value"/>; its dtype follows the value (int64, float32 or bool) unless given.</summary>
    public static Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(size);
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_full(size, size.Length, value, Code(dtype), (int)target.type, target.index, Flag(requires_grad)));
    }

    /// <summary>Random integers in [<paramref name="low"/>, <paramref name="high"/>); int64 unless <paramref name="dtype"/> is given.</summary>
    public static Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(size);
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_randint(low, high, size, size.Length, Code(dtype ?? ScalarType.Int64), (int)target.type, target.index));
    }

    /// <summary>Random integers in [0, <paramref name="high"/>).</summary>
    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null) => randint(0, high, size, dtype, device);

    /// <summary>A random permutation of 0 … n-1.</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null)
    {
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_randperm(n, Code(dtype ?? ScalarType.Int64), (int)target.type, target.index));
    }

    /// <summary>Values from <paramref name="start"/> up to (not including) <paramref name="end"/>; integer arguments give int64.</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_arange(start, end, step, Code(dtype), (int)target.type, target.index, Flag(requires_grad)));
    }

    /// <summary>Values from <paramref name="start"/> up to (not including) <paramref name="end"/> in steps of 1.</summary>
    public static Tensor arange(Scalar start, Scalar end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(start, end, 1, dtype, device, requires_grad);

    /// <summary>Values 0, 1, … up to (not including) <paramref name="end"/>; an integer <paramref name="end"/> gives int64.</summary>
    public static Tensor arange(Scalar end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0, end, 1, dtype, device, requires_grad);

    /// <summary><paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/>, inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_linspace(start, end, steps, Code(dtype), (int)target.type, target.index, Flag(requires_grad)));
    }

    /// <summary>An n × m matrix with ones on the diagonal (m = n when omitted).</summary>
    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device target = Target(device);
        return Tensor.FromNative(NativeMethods.shim_eye(n, m < 0 ? n : m, Code(dtype), (int)target.type, target.index, Flag(requires_grad)));
    }

    /// <summary>Zeros with the shape, dtype and device of <paramref name="input"/>.</summary>
    public static Tensor zeros_like(Tensor input) => Tensor.FromNative(NativeMethods.shim_zeros_like(Handle(input)));

    /// <summary>Ones with the shape, dtype and device of <paramref name="input"/>.</summary>
    public static Tensor ones_like(Tensor input) => Tensor.FromNative(NativeMethods.shim_ones_like(Handle(input)));

    /// <summary>Standard normal samples with the shape, dtype and device of <paramref name="input"/>.</summary>
    public static Tensor randn_like(Tensor input) => Tensor.FromNative(NativeMethods.shim_randn_like(Handle(input)));

    /// <summary>Uniform [0, 1) samples with the shape, dtype and device of <paramref name="input"/>.</summary>
    public static Tensor rand_like(Tensor input) => Tensor.FromNative(NativeMethods.shim_rand_like(Handle(input)));

    /// <summary><paramref name="value"/> everywhere, with the shape, dtype and device of <paramref name="input"/>.</summary>
    public static Tensor full_like(Tensor input, Scalar value) => Tensor.FromNative(NativeMethods.shim_full_like(Handle(input), value));

    /// <summary>Seeds the default generators, so that CPU runs are reproducible.</summary>
    public static void manual_seed(long seed) => NativeError.Check(NativeMethods.shim_manual_seed(unchecked((ulong)seed)));

    /// <summary>Number of threads libtorch uses for intra-op parallelism on CPU.</summary>
    public static int get_num_threads() => NativeMethods.shim_get_num_threads();

    /// <summary>Sets the number of threads libtorch uses for intra-op parallelism on CPU (<c>torch.set_num_threads</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static void set_num_threads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        NativeError.Check(NativeMethods.shim_set_num_threads(threads));
    }

    /// <summary>The version of the libtorch the shim is running on, e.g. "1.13.1".</summary>
    public static string __version__ => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeMethods.shim_torch_version()) ?? "";

    // ---- helpers shared by the factories and the ops -------------------------------------------

    private delegate TensorHandle ShapeFactory(ReadOnlySpan<long> shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, byte requiresGrad);

    private static Tensor Create(ShapeFactory factory, long[] size, ScalarType? dtype, Device? device, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(size);
        Device target = Target(device);
        return Tensor.FromNative(factory(size, size.Length, Code(dtype), (int)target.type, target.index, Flag(requiresGrad)));
    }

    private static Device Target(Device? device)
    {
        if (device is null)
        {
            return CPU;
        }

        if (device.type == DeviceType.CUDA)
        {
            cuda.EnsureAvailable();
        }

        return device;
    }

    internal static sbyte Code(ScalarType? dtype) => dtype.HasValue ? (sbyte)dtype.Value : (sbyte)-1;

    internal static byte Flag(bool value) => value ? (byte)1 : (byte)0;

    internal static TensorHandle Handle(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Handle;
    }

    internal static TensorHandle OptionalHandle(Tensor? tensor) => tensor is null ? TensorHandle.Null : tensor.Handle;
}
