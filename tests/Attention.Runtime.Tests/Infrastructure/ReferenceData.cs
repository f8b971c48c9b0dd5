using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Attention.Runtime;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>
/// Reads the expected values written by Reference/generate.py (python3-torch 1.13.1) and checks
/// our results against them. Each area (core, views, math, nn …) is one JSON file of named cases,
/// each with its inputs and PyTorch's outputs.
/// </summary>
public static class ReferenceData
{
    private static readonly Dictionary<string, Dictionary<string, JsonElement>> Files = [];
    private static readonly object Gate = new();

    /// <summary>Names of the cases in Reference/expected/<paramref name="area"/>.json, in ordinal order.</summary>
    public static IEnumerable<string> CaseNameList(string area) => Load(area).Keys.Order(StringComparer.Ordinal);

    /// <summary>Names of the cases in Reference/expected/<paramref name="area"/>.json, for [MemberData].</summary>
    public static TheoryData<string> CaseNames(string area)
    {
        var data = new TheoryData<string>();
        foreach (string name in CaseNameList(area))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The case's inputs as tensors (numbers become 0-d tensors).</summary>
    public static Tensor[] Inputs(string area, string name) =>
        Load(area)[name].GetProperty("inputs").EnumerateArray().Select(ToTensor).ToArray();

    /// <summary>The case's expected outputs.</summary>
    public static Tensor[] Outputs(string area, string name) =>
        Load(area)[name].GetProperty("outputs").EnumerateArray().Select(ToTensor).ToArray();

    /// <summary>The case's expected outputs that are text (a Python <c>str</c>, such as <c>str(tensor)</c>).</summary>
    public static string[] OutputStrings(string area, string name) =>
        Load(area)[name].GetProperty("outputs").EnumerateArray().Select(output => output.GetProperty("dtype").GetString() == "string"
            ? output.GetProperty("data")[0].GetString()!
            : throw new InvalidOperationException($"{area}/{name}: an output is a tensor, not text.")).ToArray();

    /// <summary>
    /// Runs <paramref name="ops"/>[<paramref name="name"/>] on the case's inputs and compares every output
    /// with PyTorch's. Results may be a tensor, an array or tuple of tensors, or a number.
    /// </summary>
    public static void Check(string area, string name, IReadOnlyDictionary<string, Func<Tensor[], object>> ops, double rtol = 1e-5, double atol = 1e-6)
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.True(ops.TryGetValue(name, out Func<Tensor[], object>? op), $"No C# op is defined for the reference case '{name}'.");
        Tensor[] actual = Flatten(op!(Inputs(area, name))).ToArray();
        Tensor[] expected = Outputs(area, name);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], rtol, atol, $"{area}/{name} output {i}");
        }
    }

    /// <summary>Every reference case has a C# op and every C# op a reference case.</summary>
    public static void AssertCoverage(string area, IEnumerable<string> opNames)
    {
        var cases = Load(area).Keys.ToHashSet();
        var ops = opNames.ToHashSet();
        Assert.Empty(cases.Except(ops).Order());
        Assert.Empty(ops.Except(cases).Order());
    }

    /// <summary>
    /// Same dtype, same shape, and every element within <c>atol + rtol·|expected|</c>; NaN matches NaN
    /// and infinities must match exactly.
    /// </summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.dtype == actual.dtype, $"{what}: dtype {dtype_name(actual.dtype)}, PyTorch gives {dtype_name(expected.dtype)}");
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(", ", actual.shape)}], PyTorch gives [{string.Join(", ", expected.shape)}]");
        double[] e = AsDoubles(expected);
        double[] a = AsDoubles(actual);
        for (int i = 0; i < e.Length; i++)
        {
            bool ok = double.IsNaN(e[i]) ? double.IsNaN(a[i])
                : double.IsInfinity(e[i]) ? e[i] == a[i]
                : Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i]);
            Assert.True(ok, $"{what}: element {i} is {a[i].ToString("R", CultureInfo.InvariantCulture)}, PyTorch gives {e[i].ToString("R", CultureInfo.InvariantCulture)} (rtol {rtol}, atol {atol})");
        }
    }

    public static double[] AsDoubles(Tensor t)
    {
        using Tensor d = t.detach().to(ScalarType.Float64);
        return d.data<double>();
    }

    private static IEnumerable<Tensor> Flatten(object result)
    {
        switch (result)
        {
            case Tensor t:
                yield return t;
                break;
            case IEnumerable<Tensor> many:
                foreach (Tensor t in many)
                {
                    yield return t;
                }

                break;
            case System.Runtime.CompilerServices.ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                {
                    foreach (Tensor t in Flatten(tuple[i]!))
                    {
                        yield return t;
                    }
                }

                break;
            case bool b:
                yield return tensor(b);
                break;
            case long or int:
                yield return tensor(Convert.ToInt64(result, CultureInfo.InvariantCulture));
                break;
            case double or float:
                yield return tensor(Convert.ToDouble(result, CultureInfo.InvariantCulture), ScalarType.Float64);
                break;
            default:
                throw new ArgumentException($"Cannot compare a result of type {result.GetType()}.");
        }
    }

    private static Tensor ToTensor(JsonElement json)
    {
        string dtype = json.GetProperty("dtype").GetString()!;
        long[] shape = json.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        JsonElement data = json.GetProperty("data");
        return dtype switch
        {
            "float32" => tensor(data.EnumerateArray().Select(x => (float)Number(x)).ToArray(), shape),
            "float64" => tensor(data.EnumerateArray().Select(Number).ToArray(), shape),
            "int64" => tensor(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape),
            "int32" => tensor(data.EnumerateArray().Select(x => x.GetInt32()).ToArray(), shape),
            "uint8" => tensor(data.EnumerateArray().Select(x => x.GetByte()).ToArray(), shape),
            "bool" => tensor(data.EnumerateArray().Select(x => x.GetBoolean()).ToArray(), shape),
            _ => throw new NotSupportedException($"Reference dtype '{dtype}' is not handled."),
        };
    }

    private static double Number(JsonElement x) => x.ValueKind == JsonValueKind.String
        ? x.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"Unexpected number '{s}'."),
        }
        : x.GetDouble();

    private static Dictionary<string, JsonElement> Load(string area)
    {
        lock (Gate)
        {
            if (!Files.TryGetValue(area, out Dictionary<string, JsonElement>? cases))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Reference", "expected", area + ".json");
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                cases = document.RootElement.GetProperty("cases").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
                Files[area] = cases;
            }

            return cases;
        }
    }
}
