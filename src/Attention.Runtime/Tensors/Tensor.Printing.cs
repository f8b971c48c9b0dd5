using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Attention.Runtime.Native;
using static Attention.Runtime.torch;

namespace Attention.Runtime;

// Printing tensors exactly as PyTorch's str(tensor) does (torch/_tensor_str.py), print options included.
public static partial class torch
{
    /// <summary>
    /// Sets how tensors print, as PyTorch's <c>torch.set_printoptions</c>: digits after the decimal point,
    /// the element count above which tensors are summarized with "...", the items kept at each end of a
    /// summarized dimension, the line width, a profile ("default", "short" or "full") applied before the
    /// other arguments, and scientific notation forced on (true), off (false) or chosen per tensor (null).
    /// </summary>
    public static void set_printoptions(int? precision = null, double? threshold = null, int? edgeitems = null, int? linewidth = null, string? profile = null, bool? sci_mode = null)
    {
        PrintOptions options = PrintOptions.Current;
        if (profile is not null)
        {
            options = profile switch
            {
                "default" => options with { precision = 4, threshold = 1000, edgeitems = 3, linewidth = 80 },
                "short" => options with { precision = 2, threshold = 1000, edgeitems = 2, linewidth = 80 },
                "full" => options with { precision = 4, threshold = double.PositiveInfinity, edgeitems = 3, linewidth = 80 },
                _ => throw new ArgumentException($"Unknown print profile '{profile}': expected 'default', 'short' or 'full'.", nameof(profile)),
            };
        }

        if (precision is int p)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p, nameof(precision));
            options = options with { precision = p };
        }

        if (edgeitems is int e)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(e, nameof(edgeitems));
            options = options with { edgeitems = e };
        }

        options = options with
        {
            threshold = threshold ?? options.threshold,
            linewidth = linewidth ?? options.linewidth,
            // As in PyTorch, leaving sci_mode out returns it to automatic.
            sci_mode = sci_mode,
        };
        PrintOptions.Current = options;
    }

    public partial class Tensor
    {
        /// <summary>The tensor as PyTorch's <c>str(tensor)</c> prints it, e.g. <c>tensor([1.5000, 2.0000], dtype=torch.float64)</c>.</summary>
        public override string ToString() => IsDisposed ? "tensor(<disposed>)" : TensorText.Format(this, PrintOptions.Current);
    }
}

file sealed record PrintOptions(int precision, double threshold, int edgeitems, int linewidth, bool? sci_mode)
{
    // Replaced as a whole by set_printoptions, so a tensor being printed sees one consistent set.
    public static volatile PrintOptions Current = new(4, 1000, 3, 80, null);
}

/// <summary>The layout logic of torch/_tensor_str.py for strided (dense) tensors.</summary>
file static class TensorText
{
    private const string Prefix = "tensor(";

    public static string Format(Tensor tensor, PrintOptions options)
    {
        int indent = Prefix.Length;
        long[] shape = tensor.shape;
        ScalarType dtype = tensor.dtype;
        var suffixes = new List<string>();

        Device device = tensor.device;
        if (device.type != DeviceType.CPU)
        {
            suffixes.Add($"device='{device}'");
        }

        string body;
        if (Count(shape) == 0)
        {
            // Matches NumPy: the shape is shown unless it is (0,), and the dtype whenever it is not the default.
            if (shape.Length != 1)
            {
                suffixes.Add("size=" + PythonTuple(shape));
            }

            if (dtype != ScalarType.Float32)
            {
                suffixes.Add("dtype=torch." + dtype_name(dtype));
            }

            body = "[]";
        }
        else
        {
            if (dtype is not (ScalarType.Float32 or ScalarType.ComplexFloat32 or ScalarType.Int64 or ScalarType.Bool))
            {
                suffixes.Add("dtype=torch." + dtype_name(dtype));
            }

            body = Elements(tensor, shape, dtype, indent, options);
        }

        string? gradFn = Marshal.PtrToStringUTF8(NativeMethods.shim_tensor_grad_fn_name(tensor.Handle));
        if (gradFn is not null)
        {
            suffixes.Add($"grad_fn=<{gradFn}>");
        }
        else if (tensor.requires_grad)
        {
            suffixes.Add("requires_grad=True");
        }

        return AddSuffixes(Prefix + body, suffixes, indent, options.linewidth);
    }

    /// <summary>The bracketed elements (PyTorch's _tensor_str), formatted from the elements that will be shown.</summary>
    private static string Elements(Tensor tensor, long[] shape, ScalarType dtype, int indent, PrintOptions options)
    {
        bool summarize = Count(shape) > options.threshold;
        using TensorHandle shown = NativeError.Check(NativeMethods.shim_print_elements(tensor.Handle, options.edgeitems, Flag(summarize)));
        var layout = new Layout(shape, summarize, options);
        if (dtype is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64)
        {
            double[] pairs = Copy<double>(shown);
            var real = new double[pairs.Length / 2];
            var imag = new double[pairs.Length / 2];
            for (int i = 0; i < real.Length; i++)
            {
                real[i] = pairs[2 * i];
                imag[i] = pairs[(2 * i) + 1];
            }

            var realFormatter = new FloatFormatter(real, options);
            var imagFormatter = new FloatFormatter(imag, options);
            return layout.Render(i => Complex(realFormatter.Format(real[i]), imagFormatter.Format(imag[i])), realFormatter.Width + 2 + imagFormatter.Width + 1, indent);
        }

        if (is_floating_point(dtype))
        {
            double[] values = Copy<double>(shown);
            var formatter = new FloatFormatter(values, options);
            return layout.Render(i => formatter.Format(values[i]), formatter.Width + 2, indent);
        }

        string[] text = dtype == ScalarType.Bool
            ? Array.ConvertAll(Copy<bool>(shown), b => b ? "True" : "False")
            : Array.ConvertAll(Copy<long>(shown), v => v.ToString(CultureInfo.InvariantCulture));
        int width = 1;
        foreach (string s in text)
        {
            width = Math.Max(width, s.Length);
        }

        return layout.Render(i => text[i].PadLeft(width), width + 2, indent);
    }

    // PyTorch's complex element: the imaginary part's own sign, or "+" when it has none.
    private static string Complex(string real, string imag)
    {
        string imaginary = (imag + "j").TrimStart(' ');
        return imaginary[0] is '+' or '-' ? real + imaginary : real + "+" + imaginary;
    }

    private static unsafe T[] Copy<T>(TensorHandle handle) where T : unmanaged
    {
        var result = new T[NativeMethods.shim_tensor_numel(handle)];
        fixed (T* p = result)
        {
            NativeError.Check(NativeMethods.shim_tensor_copy_to(handle, p, (long)result.Length * sizeof(T)));
        }

        return result;
    }

    // PyTorch's _add_suffixes: each suffix goes on the current line unless it would pass the line width.
    private static string AddSuffixes(string text, List<string> suffixes, int indent, int linewidth)
    {
        var result = new StringBuilder(text);
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > linewidth)
            {
                result.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                result.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return result.Append(')').ToString();
    }

    private static string PythonTuple(long[] values) => values.Length == 1
        ? $"({values[0].ToString(CultureInfo.InvariantCulture)},)"
        : "(" + string.Join(", ", Array.ConvertAll(values, v => v.ToString(CultureInfo.InvariantCulture))) + ")";

    private static long Count(long[] shape)
    {
        long count = 1;
        foreach (long n in shape)
        {
            count *= n;
        }

        return count;
    }
}

/// <summary>
/// Nests the formatted elements in brackets (PyTorch's _tensor_str_with_formatter and _vector_str).
/// Elements are numbered row-major in the shown tensor, where every summarized dimension keeps only
/// its first and last edgeitems entries.
/// </summary>
file sealed class Layout
{
    private readonly long[] shape;
    private readonly long[] strides;
    private readonly bool summarize;
    private readonly PrintOptions options;

    public Layout(long[] shape, bool summarize, PrintOptions options)
    {
        this.shape = shape;
        this.summarize = summarize;
        this.options = options;
        strides = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Elided(d) ? 2L * options.edgeitems : shape[d];
        }
    }

    /// <summary>The text of the whole tensor; <paramref name="elementLength"/> is an element's width plus its separator.</summary>
    public string Render(Func<int, string> element, int elementLength, int indent) =>
        shape.Length == 0 ? element(0) : Render(element, elementLength, 0, 0, indent);

    private bool Elided(int dim) => summarize && shape[dim] > 2L * options.edgeitems;

    // The indices, within the shown tensor, of the entries of dimension `dim` that are printed;
    // -1 marks where the "..." goes.
    private List<long> Entries(int dim)
    {
        var entries = new List<long>();
        if (Elided(dim))
        {
            for (long i = 0; i < 2L * options.edgeitems; i++)
            {
                entries.Add(i);
            }

            entries.Insert(options.edgeitems, -1);
        }
        else
        {
            for (long i = 0; i < shape[dim]; i++)
            {
                entries.Add(i);
            }
        }

        return entries;
    }

    private string Render(Func<int, string> element, int elementLength, int dim, long offset, int indent)
    {
        List<long> entries = Entries(dim);
        var parts = new List<string>(entries.Count);
        if (dim == shape.Length - 1)
        {
            foreach (long i in entries)
            {
                parts.Add(i < 0 ? " ..." : element(checked((int)(offset + i))));
            }

            int perLine = Math.Max(1, (int)Math.Floor((options.linewidth - indent) / (double)elementLength));
            var lines = new List<string>();
            for (int start = 0; start < parts.Count; start += perLine)
            {
                lines.Add(string.Join(", ", parts.GetRange(start, Math.Min(perLine, parts.Count - start))));
            }

            return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
        }

        foreach (long i in entries)
        {
            parts.Add(i < 0 ? "..." : Render(element, elementLength, dim + 1, offset + (i * strides[dim]), indent + 1));
        }

        string separator = "," + new string('\n', shape.Length - dim - 1) + new string(' ', indent + 1);
        return "[" + string.Join(separator, parts) + "]";
    }
}

/// <summary>
/// PyTorch's _Formatter for floating values: integer mode ("1.") when every value is whole, scientific
/// notation when the magnitudes span more than 1000x or leave [1e-4, 1e8], fixed point otherwise, and
/// a common width taken from the nonzero finite values.
/// </summary>
file sealed class FloatFormatter
{
    private readonly int precision;
    private readonly bool intMode = true;
    private readonly bool sciMode;

    public FloatFormatter(double[] values, PrintOptions options)
    {
        precision = options.precision;
        double min = double.PositiveInfinity;
        double max = 0;
        bool any = false;
        foreach (double v in values)
        {
            if (double.IsFinite(v) && v != 0)
            {
                any = true;
                min = Math.Min(min, Math.Abs(v));
                max = Math.Max(max, Math.Abs(v));
                intMode &= v == Math.Ceiling(v);
            }
        }

        if (!any)
        {
            // PyTorch returns before applying a forced sci_mode here.
            return;
        }

        sciMode = max / min > 1000.0 || max > 1.0e8 || (!intMode && min < 1.0e-4);
        foreach (double v in values)
        {
            if (double.IsFinite(v) && v != 0)
            {
                int length = sciMode ? PythonFloat.Scientific(v, precision).Length
                    : intMode ? PythonFloat.Fixed(v, 0).Length + 1
                    : PythonFloat.Fixed(v, precision).Length;
                Width = Math.Max(Width, length);
            }
        }

        sciMode = options.sci_mode ?? sciMode;
    }

    public int Width { get; } = 1;

    public string Format(double value)
    {
        string text;
        if (sciMode)
        {
            text = PythonFloat.Scientific(value, precision);
        }
        else if (intMode)
        {
            text = PythonFloat.Fixed(value, 0);
            if (double.IsFinite(value))
            {
                text += ".";
            }
        }
        else
        {
            text = PythonFloat.Fixed(value, precision);
        }

        return text.PadLeft(Width);
    }
}

/// <summary>
/// Python's <c>format(x, '.Nf')</c> and <c>format(x, '.Ne')</c>: the exact binary value rounded half to
/// even (.NET's formatting rounds exact ties away from zero, so 1.03125 would print as 1.0313).
/// </summary>
file static class PythonFloat
{
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        (BigInteger numerator, BigInteger denominator) = Exact(value);
        BigInteger scaled = RoundHalfEven(numerator * BigInteger.Pow(10, precision), denominator);
        string digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        string text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
        return double.IsNegative(value) ? "-" + text : text;
    }

    public static string Scientific(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        int exponent = 0;
        BigInteger mantissa = BigInteger.Zero;
        if (value != 0)
        {
            (BigInteger numerator, BigInteger denominator) = Exact(value);
            // The estimate from Log10 can be off by one near powers of ten; fix it exactly.
            exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            while (Compare(numerator, denominator, exponent) < 0)
            {
                exponent--;
            }

            while (Compare(numerator, denominator, exponent + 1) >= 0)
            {
                exponent++;
            }

            (BigInteger n, BigInteger d) = Scale(numerator, denominator, precision - exponent);
            mantissa = RoundHalfEven(n, d);
            if (mantissa == BigInteger.Pow(10, precision + 1))
            {
                // Rounded up to the next power of ten, e.g. 9.99996 -> 1.0000e+01.
                mantissa /= 10;
                exponent++;
            }
        }

        string digits = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        string text = precision == 0 ? digits : digits[..1] + "." + digits[1..];
        string sign = double.IsNegative(value) ? "-" : "";
        return $"{sign}{text}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    // |value| as numerator / denominator, the denominator a power of two.
    private static (BigInteger Numerator, BigInteger Denominator) Exact(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        long significand = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return exponent >= 0
            ? (new BigInteger(significand) << exponent, BigInteger.One)
            : (new BigInteger(significand), BigInteger.One << -exponent);
    }

    // numerator / denominator times 10^power, still as a fraction.
    private static (BigInteger Numerator, BigInteger Denominator) Scale(BigInteger numerator, BigInteger denominator, int power) =>
        power >= 0 ? (numerator * BigInteger.Pow(10, power), denominator) : (numerator, denominator * BigInteger.Pow(10, -power));

    // Sign of numerator / denominator - 10^power.
    private static int Compare(BigInteger numerator, BigInteger denominator, int power)
    {
        (BigInteger n, BigInteger d) = Scale(numerator, denominator, -power);
        return n.CompareTo(d);
    }

    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        return half > 0 || (half == 0 && !quotient.IsEven) ? quotient + 1 : quotient;
    }
}
