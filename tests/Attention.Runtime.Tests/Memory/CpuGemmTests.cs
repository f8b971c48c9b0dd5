using System;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Memory;

/// <summary>
/// The runtime's float32 matrix products (oneDNN's sgemm, registered for aten::mm, addmm and bmm) against the same
/// products in float64, which libtorch's own kernels compute: every layout the kernels take directly (row- and
/// column-major, row slices) and those they copy first (column slices, broadcasts), empty sums, and the products
/// autograd runs in backward. Tolerance: rtol 1e-5, atol 1e-5 (float32 sums of up to 64 terms of unit scale).
/// </summary>
public sealed class CpuGemmTests
{
    [Fact]
    public void The_backend_is_the_one_the_environment_asks_for() =>
        Assert.Equal(Environment.GetEnvironmentVariable("ATTENTION_GEMM") == "blas" ? GemmBackend.LibTorch : GemmBackend.OneDnn, CpuGemm.Backend);

    public static TheoryData<string> Layouts => ["contiguous", "left transposed", "right transposed", "both transposed", "row slice", "column slice", "broadcast row"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_product_equals_the_float64_product_whatever_the_layout(string layout)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        (Tensor a, Tensor b) = layout switch
        {
            "contiguous" => (randn(7, 64), randn(64, 5)),
            "left transposed" => (randn(64, 7).t(), randn(64, 5)),
            "right transposed" => (randn(7, 64), randn(5, 64).t()),
            "both transposed" => (randn(64, 7).t(), randn(5, 64).t()),
            "row slice" => (randn(14, 64).narrow(0, 3, 7), randn(64, 9).narrow(1, 2, 5)),
            "column slice" => (randn(7, 128).view(7, 64, 2).select(2, 0), randn(64, 5)),
            "broadcast row" => (randn(1, 64).expand(7, 64), randn(64, 5)),
            _ => throw new ArgumentException(layout),
        };

        Close(a.to(float64).mm(b.to(float64)), a.mm(b));
        Close(a.to(float64).matmul(b.to(float64)), matmul(a, b));
    }

    [Fact]
    public void Batched_products_and_linear_layers_equal_their_float64_results()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        Tensor a = randn(4, 6, 32), b = randn(4, 5, 32).transpose(1, 2);
        Close(a.to(float64).bmm(b.to(float64)), a.bmm(b));

        Tensor x = randn(3, 10, 32), w = randn(16, 32), bias = randn(16);
        Close(nn.functional.linear(x.to(float64), w.to(float64), bias.to(float64)), nn.functional.linear(x, w, bias));
        Tensor flat = randn(10, 32);
        Close(nn.functional.linear(flat.to(float64), w.to(float64), bias.to(float64)), nn.functional.linear(flat, w, bias));
    }

    [Fact]
    public void Empty_sums_and_empty_results_have_the_right_shape_and_values()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([0.0f, 0, 0, 0, 0, 0], zeros(3, 0).mm(zeros(0, 2)).flatten().data<float>());
        Assert.Equal(new long[] { 0, 4 }, zeros(0, 3).mm(ones(3, 4)).shape);
        Tensor bias = full([2], 1.5);
        Assert.Equal([1.5f, 1.5f, 1.5f, 1.5f], nn.functional.linear(zeros(2, 0), zeros(2, 0), bias).flatten().data<float>());
    }

    [Fact]
    public void Gradients_through_products_equal_their_float64_gradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        Tensor x32 = randn(8, 24).requires_grad_(), w32 = randn(12, 24).requires_grad_(), m32 = randn(4, 12, 6).requires_grad_();
        Tensor x64 = x32.detach().to(float64).requires_grad_(), w64 = w32.detach().to(float64).requires_grad_(), m64 = m32.detach().to(float64).requires_grad_();

        Tensor Loss(Tensor x, Tensor w, Tensor m) => nn.functional.linear(x, w).tanh().view(4, 2, 12).bmm(m).pow(2).sum();
        Loss(x32, w32, m32).backward();
        Loss(x64, w64, m64).backward();

        Close(x64.grad!, x32.grad!);
        Close(w64.grad!, w32.grad!);
        Close(m64.grad!, m32.grad!);
    }

    private static void Close(Tensor expected, Tensor actual)
    {
        Assert.Equal(ScalarType.Float32, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Tensor difference = (actual.to(float64) - expected).abs();
        Tensor allowed = (expected.abs() * 1e-5) + 1e-5;
        Assert.True(difference.le(allowed).all().item<bool>(), $"largest difference {difference.max().item<double>():E2}");
    }
}
