using System;
using System.Collections.Generic;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Tensor.ToString() against PyTorch's str(tensor), from Reference/cases_printing.py.</summary>
public sealed class PrintingTests
{
    private const string Area = "printing";

    private static readonly Dictionary<string, Func<Tensor[], string>> Ops = new()
    {
        ["randn_vector"] = x => x[0].ToString(),
        ["randn_matrix"] = x => x[0].ToString(),
        ["large_values_sci"] = x => (x[0] * 1e9).ToString(),
        ["tiny_values_sci"] = x => (x[0] * 1e-6).ToString(),
        ["wide_ratio_sci"] = x => x[0].ToString(),
        ["moderate_ratio_fixed"] = x => (x[0] * 1000).ToString(),
        ["integer_valued_floats"] = x => x[0].ToString(),
        ["integer_valued_sci"] = x => x[0].ToString(),
        ["integer_valued_small_ratio"] = x => x[0].ToString(),
        ["all_zeros"] = x => x[0].ToString(),
        ["negative_zero"] = x => x[0].ToString(),
        ["nan_inf_fixed"] = x => x[0].ToString(),
        ["nan_inf_integer_mode"] = x => x[0].ToString(),
        ["nan_inf_sci"] = x => x[0].ToString(),
        ["only_nan"] = x => x[0].ToString(),
        ["rounding_ties_half_even"] = x => x[0].ToString(),
        ["sci_rounds_to_next_decade"] = x => x[0].ToString(),
        ["extreme_magnitudes_sci"] = x => x[0].ToString(),
        ["float64_suffix"] = x => x[0].ToString(),
        ["float64_suffix_wraps"] = x => x[0].ToString(),
        ["float16"] = x => x[0].to(float16).ToString(),
        ["int64_matrix"] = x => x[0].ToString(),
        ["int64_wide_values"] = x => x[0].ToString(),
        ["int32_suffix"] = _ => arange(5, dtype: int32).ToString(),
        ["uint8_suffix"] = x => x[0].ToString(),
        ["bool_matrix"] = x => x[0].ToString(),
        ["scalar_float"] = x => x[0].ToString(),
        ["scalar_float64"] = x => x[0].ToString(),
        ["scalar_int"] = x => x[0].ToString(),
        ["scalar_bool"] = x => x[0].ToString(),
        ["scalar_sum"] = x => x[0].sum().ToString(),
        ["empty_vector"] = _ => zeros(0).ToString(),
        ["empty_matrix"] = _ => zeros(0, 3).ToString(),
        ["empty_int64"] = _ => zeros([0], int64).ToString(),
        ["empty_bool_matrix"] = _ => zeros([2, 0], @bool).ToString(),
        ["empty_float64"] = _ => zeros([0], float64).ToString(),
        ["nested_3d"] = x => x[0].ToString(),
        ["nested_4d"] = x => x[0].ToString(),
        ["summarized_vector"] = x => x[0].ToString(),
        ["summarized_arange"] = _ => arange(2000).ToString(),
        ["summarized_matrix"] = x => x[0].ToString(),
        ["summarized_int_matrix"] = x => x[0].ToString(),
        ["summarized_short_leading_dim"] = x => x[0].ToString(),
        ["summarized_3d"] = x => x[0].ToString(),
        ["summarized_sci"] = x => (x[0] * 1e-5).ToString(),
        ["wrapped_vector"] = x => x[0].ToString(),
        ["wrapped_matrix_rows"] = x => x[0].ToString(),
        ["wrapped_int_vector"] = _ => arange(100).ToString(),
        ["requires_grad_leaf"] = x => x[0].requires_grad_().ToString(),
        ["requires_grad_leaf_scalar"] = x => x[0].requires_grad_().ToString(),
        // Tensor-tensor ops: PyTorch records x + 1 as AddBackward0, but the scalar overload here is add.Scalar (AddBackward1).
        ["grad_fn_add"] = x => (x[0].requires_grad_() + x[1]).ToString(),
        ["grad_fn_mul"] = x => (x[0].requires_grad_() * x[1]).ToString(),
        ["grad_fn_sub"] = x => (x[0] - x[1].requires_grad_()).ToString(),
        ["grad_fn_div"] = x => (x[0].requires_grad_() / x[1]).ToString(),
        ["grad_fn_sum"] = x => x[0].requires_grad_().sum().ToString(),
        ["grad_fn_mean"] = x => x[0].requires_grad_().mean().ToString(),
        ["grad_fn_wraps"] = x => (x[0].requires_grad_() + x[1]).ToString(),
        ["complex64"] = x => x[0].to(ScalarType.ComplexFloat32).ToString(),
        ["complex128_negated"] = x => (-x[0].to(ScalarType.ComplexFloat64)).ToString(),
        ["option_precision_2"] = x => WithOptions(() => set_printoptions(precision: 2), x[0].ToString),
        ["option_sci_mode_off"] = x => WithOptions(() => set_printoptions(sci_mode: false), x[0].ToString),
        ["option_sci_mode_on"] = x => WithOptions(() => set_printoptions(sci_mode: true), x[0].ToString),
        ["option_threshold_edgeitems"] = _ => WithOptions(() => set_printoptions(threshold: 5, edgeitems: 2), () => arange(10).ToString()),
        ["option_linewidth"] = x => WithOptions(() => set_printoptions(linewidth: 40), x[0].ToString),
        ["option_profile_full"] = _ => WithOptions(() => set_printoptions(profile: "full"), () => arange(1200).ToString()),
        ["option_profile_short"] = x => WithOptions(() => set_printoptions(profile: "short"), x[0].ToString),
    };

    public static TheoryData<string> Cases => ReferenceData.CaseNames(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.True(Ops.TryGetValue(name, out Func<Tensor[], string>? op), $"No C# op is defined for the reference case '{name}'.");
        string expected = Assert.Single(ReferenceData.OutputStrings(Area, name));
        Assert.Equal(expected, op!(ReferenceData.Inputs(Area, name)));
    }

    [Fact]
    public void Every_reference_case_has_an_op() => ReferenceData.AssertCoverage(Area, Ops.Keys);

    [Fact]
    public void Printing_leaves_the_tensor_and_its_graph_unchanged()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new float[] { 1, 2 }, requires_grad: true);
        Tensor y = x * x;
        _ = y.ToString();
        Assert.False(y.is_leaf);
        y.sum().backward();
        Assert.Equal(new float[] { 2, 4 }, x.grad!.data<float>());
    }

    [Fact]
    public void A_disposed_tensor_prints_a_marker_instead_of_throwing()
    {
        Tensor x = zeros(2);
        x.Dispose();
        Assert.Equal("tensor(<disposed>)", x.ToString());
    }

    [Fact]
    public void Bad_print_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => set_printoptions(profile: "verbose"));
        Assert.Throws<ArgumentOutOfRangeException>(() => set_printoptions(precision: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => set_printoptions(edgeitems: -1));
        using Tensor x = tensor(new[] { 0.5f });
        Assert.Equal("tensor([0.5000])", x.ToString());
    }

    // Runs `print` under the options `set` applies, then restores PyTorch's defaults.
    private static string WithOptions(Action set, Func<string> print)
    {
        set();
        try
        {
            return print();
        }
        finally
        {
            set_printoptions(profile: "default");
        }
    }
}
