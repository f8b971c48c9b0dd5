using System;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>
/// Yang et al.'s attention pooling (its values against PyTorch are checked through the generated hierarchical network
/// in Attention.Dsl.Tests): names, masks, empty rows and gradients.
/// </summary>
public sealed class ContextAttentionPoolingTests
{
    [Fact]
    public void Parameters_padded_steps_and_empty_rows()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(81);
        using var pooling = new ContextAttentionPooling(6, 4) { keep_weights = true };
        Assert.Equal(["context", "proj.weight", "proj.bias"], pooling.named_parameters().Select(p => p.name));
        Tensor x = randn(3, 5, 6);
        Tensor mask = arange(5).unsqueeze(0) < tensor(new long[] { 5, 2, 0 }).unsqueeze(1);
        Tensor noisy = x.clone();
        noisy[1, 2..] = randn(3, 6) * 100;
        Tensor y = pooling.call(x, mask);
        ReferenceData.AssertClose(y, pooling.call(noisy, mask), 1e-6, 1e-7, "padded steps do not count");
        Assert.True(y[2].eq(0).all().item<bool>(), "a row with no real step pools to zeros");
        Assert.True(pooling.weights![1][2..].eq(0).all().item<bool>(), "padded steps get no weight");
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(82);
        using var pooling = new ContextAttentionPooling(3, 2);
        pooling.to(ScalarType.Float64);
        Tensor mask = arange(4).unsqueeze(0) < tensor(new long[] { 4, 1 }).unsqueeze(1);
        GradCheck.Assert(x => pooling.call(x[0], mask), randn([2, 4, 3], ScalarType.Float64));
    }
}
