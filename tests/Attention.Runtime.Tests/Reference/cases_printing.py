"""str(tensor) with PyTorch's print options: layout, number formats, summarization and suffixes.
Every case returns the printed text; the C# side compares Tensor.ToString() with it exactly."""
import torch

from harness import case, randint, randn

nan = float("nan")
inf = float("inf")


def with_options(fn, **options):
    """str() under set_printoptions(**options), restoring the defaults afterwards."""
    def run(*inputs):
        torch.set_printoptions(**options)
        try:
            return fn(*inputs)
        finally:
            torch.set_printoptions(profile="default")
    return run


def leaf(x):
    return str(x.requires_grad_())


CASES = [
    # Fixed point, scientific notation and integer mode for floating tensors.
    case("randn_vector", str, randn(5, seed="p_vector")),
    case("randn_matrix", str, randn(2, 3, seed="p_matrix")),
    case("large_values_sci", lambda x: str(x * 1e9), randn(2, 3, seed="p_large")),
    case("tiny_values_sci", lambda x: str(x * 1e-6), randn(4, seed="p_tiny")),
    case("wide_ratio_sci", str, torch.tensor([1e-3, 1.0, 5e3])),
    case("moderate_ratio_fixed", lambda x: str(x * 1000), torch.tensor([0.5, -1.25, 400.0])),
    case("integer_valued_floats", str, torch.tensor([-3.0, 0.0, 2.0, 125.0])),
    case("integer_valued_sci", str, torch.tensor([1.0, 2e9, -7.0])),
    case("integer_valued_small_ratio", str, torch.tensor([[1.0, 10.0], [-100.0, 999.0]])),
    case("all_zeros", str, torch.zeros(2, 3)),
    case("negative_zero", str, torch.tensor([-0.0, 0.0, 1.5])),
    case("nan_inf_fixed", str, torch.tensor([1.5, nan, inf, -inf, 0.0])),
    case("nan_inf_integer_mode", str, torch.tensor([1.0, nan, -inf])),
    case("nan_inf_sci", str, torch.tensor([1e-7, nan, inf])),
    case("only_nan", str, torch.tensor([nan, nan])),
    case("rounding_ties_half_even", str, torch.tensor([1.03125, 0.15625, -2.65625], dtype=torch.float64)),
    case("sci_rounds_to_next_decade", str, torch.tensor([9.99996e-5, 1.0], dtype=torch.float64)),
    case("extreme_magnitudes_sci", str, torch.tensor([5e-324, -1e-310, 1.5e308, 2.2e-16, 123456.789], dtype=torch.float64)),
    case("float64_suffix", str, randn(2, 3, dtype=torch.float64, seed="p_f64")),
    case("float64_suffix_wraps", str, randn(8, dtype=torch.float64, seed="p_f64_wrap")),
    case("float16", lambda x: str(x.to(torch.float16)), randn(4, seed="p_f16")),
    # Integral and bool tensors.
    case("int64_matrix", str, randint(-100, 100, 3, 4, seed="p_int")),
    case("int64_wide_values", str, torch.tensor([1, -1234567890123, 42])),
    case("int32_suffix", lambda: str(torch.arange(5, dtype=torch.int32))),
    case("uint8_suffix", str, torch.tensor([0, 7, 255], dtype=torch.uint8)),
    case("bool_matrix", str, torch.tensor([[True, False], [False, True]])),
    # 0-d tensors.
    case("scalar_float", str, torch.tensor(3.5)),
    case("scalar_float64", str, torch.tensor(-0.125, dtype=torch.float64)),
    case("scalar_int", str, torch.tensor(7)),
    case("scalar_bool", str, torch.tensor(True)),
    case("scalar_sum", lambda x: str(x.sum()), randn(3, 3, seed="p_sum")),
    # Empty tensors.
    case("empty_vector", lambda: str(torch.zeros(0))),
    case("empty_matrix", lambda: str(torch.zeros(0, 3))),
    case("empty_int64", lambda: str(torch.zeros(0, dtype=torch.int64))),
    case("empty_bool_matrix", lambda: str(torch.zeros(2, 0, dtype=torch.bool))),
    case("empty_float64", lambda: str(torch.zeros(0, dtype=torch.float64))),
    # Nesting.
    case("nested_3d", str, randn(2, 3, 4, seed="p_3d")),
    case("nested_4d", str, randn(2, 2, 1, 3, seed="p_4d")),
    # Summarization above 1000 elements.
    case("summarized_vector", str, randn(2000, seed="p_sum_vec")),
    case("summarized_arange", lambda: str(torch.arange(2000))),
    case("summarized_matrix", str, randn(40, 40, seed="p_sum_mat")),
    case("summarized_int_matrix", str, randint(0, 100, 40, 40, seed="p_sum_int")),
    case("summarized_short_leading_dim", str, randn(3, 500, seed="p_sum_short")),
    case("summarized_3d", str, randn(10, 12, 11, seed="p_sum_3d")),
    case("summarized_sci", lambda x: str(x * 1e-5), randn(1200, seed="p_sum_sci")),
    # Rows wider than the line width.
    case("wrapped_vector", str, randn(30, seed="p_wrap")),
    case("wrapped_matrix_rows", str, randn(2, 20, seed="p_wrap_rows")),
    case("wrapped_int_vector", lambda: str(torch.arange(100))),
    # Autograd suffixes.
    case("requires_grad_leaf", leaf, randn(3, seed="p_leaf")),
    case("requires_grad_leaf_scalar", leaf, torch.tensor(2.0)),
    case("grad_fn_add", lambda x, y: str(x.requires_grad_() + y), randn(3, seed="p_add_x"), randn(3, seed="p_add_y")),
    case("grad_fn_mul", lambda x, y: str(x.requires_grad_() * y), randn(2, 2, seed="p_mul_x"), randn(2, 2, seed="p_mul_y")),
    case("grad_fn_sub", lambda x, y: str(x - y.requires_grad_()), randn(3, seed="p_sub_x"), randn(3, seed="p_sub_y")),
    case("grad_fn_div", lambda x, y: str(x.requires_grad_() / y), randn(3, seed="p_div_x"), randn(3, seed="p_div_y")),
    case("grad_fn_sum", lambda x: str(x.requires_grad_().sum()), randn(4, seed="p_gsum")),
    case("grad_fn_mean", lambda x: str(x.requires_grad_().mean()), randn(4, seed="p_gmean")),
    case("grad_fn_wraps", lambda x, y: str(x.requires_grad_() + y),
         randn(8, dtype=torch.float64, seed="p_gwrap_x"), randn(8, dtype=torch.float64, seed="p_gwrap_y")),
    # Complex tensors (real and imaginary parts get their own formatters).
    case("complex64", lambda x: str(x.to(torch.complex64)), randn(3, seed="p_c64")),
    case("complex128_negated", lambda x: str(-x.to(torch.complex128)), torch.tensor([1.0, -2.5, 1e-5])),
    # Print options.
    case("option_precision_2", with_options(str, precision=2), randn(4, seed="p_prec")),
    case("option_sci_mode_off", with_options(str, sci_mode=False), torch.tensor([1e-7, 1.0])),
    case("option_sci_mode_on", with_options(str, sci_mode=True), randn(3, seed="p_sci_on")),
    case("option_threshold_edgeitems", with_options(lambda: str(torch.arange(10)), threshold=5, edgeitems=2)),
    case("option_linewidth", with_options(str, linewidth=40), randn(12, seed="p_width")),
    case("option_profile_full", with_options(lambda: str(torch.arange(1200)), profile="full")),
    case("option_profile_short", with_options(str, profile="short"), randn(20, 20, seed="p_short") * 3),
]
