using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Attention.Runtime.Native;

namespace Attention.Runtime;

// Moving data between .NET arrays and tensors.
public static partial class torch
{
    /// <summary>A tensor with a copy of <paramref name="data"/>, shaped as <paramref name="shape"/> (1-D when omitted).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        ScalarType sourceType = ScalarTypeOf<T>();
        shape ??= [data.Length];
        long count = 1;
        foreach (long n in shape)
        {
            if (n < 0)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has a negative size.", nameof(shape));
            }

            count *= n;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} elements but the data has {data.Length}.", nameof(shape));
        }

        Tensor result;
        fixed (T* p = data)
        {
            // The requires_grad flag is set after any conversion, so the result is a leaf.
            result = Tensor.FromNative(NativeMethods.shim_from_data(p, shape, shape.Length, (sbyte)sourceType, 0));
        }

        return Convert(result, sourceType, dtype, device, requires_grad);
    }

    /// <summary>A tensor with a copy of <paramref name="data"/>, shaped as <paramref name="shape"/> (1-D when omitted).</summary>
    public static Tensor tensor<T>(T[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return tensor<T>(data.AsSpan(), shape, dtype, device, requires_grad);
    }

    /// <summary>A tensor with a copy of a rectangular array of any rank (<c>float[,]</c>, <c>long[,,]</c>, …), keeping its shape.</summary>
    public static unsafe Tensor tensor(Array data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        Type elementType = data.GetType().GetElementType()!;
        ScalarType sourceType = ScalarTypeOf(elementType);
        var shape = new long[data.Rank];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = data.GetLength(i);
        }

        Tensor result;
        fixed (byte* p = &MemoryMarshal.GetArrayDataReference(data))
        {
            result = Tensor.FromNative(NativeMethods.shim_from_data(p, shape, shape.Length, (sbyte)sourceType, 0));
        }

        return Convert(result, sourceType, dtype, device, requires_grad);
    }

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        tensor<double>([value], [], dtype ?? ScalarType.Float32, device, requires_grad);

    /// <summary>A 0-dimensional int64 tensor holding <paramref name="value"/>.</summary>
    public static Tensor tensor(long value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        tensor<long>([value], [], dtype, device, requires_grad);

    /// <summary>A 0-dimensional bool tensor holding <paramref name="value"/>.</summary>
    public static Tensor tensor(bool value, Device? device = null) => tensor<bool>([value], [], null, device);

    private static Tensor Convert(Tensor result, ScalarType sourceType, ScalarType? dtype, Device? device, bool requiresGrad)
    {
        if ((dtype.HasValue && dtype.Value != sourceType) || (device is not null && device.type != DeviceType.CPU))
        {
            Tensor converted = result.to(Target(device), dtype ?? sourceType);
            result.Dispose();
            result = converted;
        }

        if (requiresGrad)
        {
            result.requires_grad_();
        }

        return result;
    }

    internal static ScalarType ScalarTypeOf<T>() where T : unmanaged => ScalarTypeOf(typeof(T));

    internal static ScalarType ScalarTypeOf(Type type)
    {
        if (type == typeof(float)) return ScalarType.Float32;
        if (type == typeof(double)) return ScalarType.Float64;
        if (type == typeof(long)) return ScalarType.Int64;
        if (type == typeof(int)) return ScalarType.Int32;
        if (type == typeof(short)) return ScalarType.Int16;
        if (type == typeof(sbyte)) return ScalarType.Int8;
        if (type == typeof(byte)) return ScalarType.Byte;
        if (type == typeof(bool)) return ScalarType.Bool;
        if (type == typeof(Half)) return ScalarType.Float16;
        throw new NotSupportedException($"No tensor dtype corresponds to {type}: use float, double, long, int, short, sbyte, byte, bool or Half.");
    }

    public partial class Tensor
    {
        /// <summary>A copy of the elements, row-major, as <typeparamref name="T"/>; the dtype must match exactly.</summary>
        public unsafe T[] data<T>() where T : unmanaged
        {
            ScalarType expected = ScalarTypeOf<T>();
            if (dtype != expected)
            {
                throw new InvalidOperationException($"data<{typeof(T).Name}>() needs a {dtype_name(expected)} tensor, but this one is {dtype_name(dtype)}; convert it with .to({dtype_name(expected)}) first.");
            }

            var result = new T[numel()];
            fixed (T* p = result)
            {
                NativeError.Check(NativeMethods.shim_tensor_copy_to(handle, p, (long)result.Length * Unsafe.SizeOf<T>()));
            }

            return result;
        }

        /// <summary>A copy of the elements, row-major (same as <see cref="data{T}"/>).</summary>
        public T[] ToArray<T>() where T : unmanaged => data<T>();

        /// <summary>The value of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
        public T item<T>() where T : unmanaged
        {
            NativeError.Check(NativeMethods.shim_tensor_item(handle, out Scalar value));
            if (typeof(T) == typeof(float)) return (T)(object)(float)value.ToDouble();
            if (typeof(T) == typeof(double)) return (T)(object)value.ToDouble();
            if (typeof(T) == typeof(long)) return (T)(object)value.ToInt64();
            if (typeof(T) == typeof(int)) return (T)(object)checked((int)value.ToInt64());
            if (typeof(T) == typeof(bool)) return (T)(object)value.ToBoolean();
            if (typeof(T) == typeof(byte)) return (T)(object)checked((byte)value.ToInt64());
            throw new NotSupportedException($"item<{typeof(T).Name}>() is not supported: use float, double, long, int, bool or byte.");
        }

        /// <summary>The value of a one-element tensor as a <see cref="Scalar"/>, keeping whether it is integral.</summary>
        public Scalar item()
        {
            NativeError.Check(NativeMethods.shim_tensor_item(handle, out Scalar value));
            return value;
        }

        /// <summary>The value of a one-element tensor as a float (<c>item</c>).</summary>
        public float ToSingle() => item<float>();

        /// <summary>The value of a one-element tensor as a double (<c>item</c>).</summary>
        public double ToDouble() => item<double>();

        /// <summary>The value of a one-element tensor as a long (<c>item</c>).</summary>
        public long ToInt64() => item<long>();

        /// <summary>The value of a one-element tensor as a bool (<c>item</c>).</summary>
        public bool ToBoolean() => item<bool>();
    }
}
