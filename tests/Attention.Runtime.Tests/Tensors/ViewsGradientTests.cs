using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Autograd of the view, joining, selection, masking and indexing ops against finite differences.</summary>
public sealed class ViewsGradientTests
{
    private static Tensor Input(long seed, params long[] shape)
    {
        manual_seed(seed);
        return randn(shape, float64);
    }

    private static Tensor Longs(params long[] values) => tensor(values);

    [Fact]
    public void View_and_reshape() => GradCheck.Assert(x => x[0].view(3, 2).reshape(-1) * x[0].t().reshape(6), Input(1, 2, 3));

    [Fact]
    public void Permute_transpose_and_t() => GradCheck.Assert(x => x[0].permute(2, 0, 1).transpose(-1, 0).flatten() * 2 + x[0].select(0, 0).t().flatten().repeat(2), Input(2, 2, 3, 2));

    [Fact]
    public void Flatten_and_unflatten() => GradCheck.Assert(x => x[0].flatten(0, 1).unflatten(-1, 2, 1) * x[0].flatten(0, 1).unsqueeze(-1), Input(3, 2, 2, 2));

    [Fact]
    public void Unsqueeze_and_squeeze() => GradCheck.Assert(x => x[0].unsqueeze(1).squeeze(1) + x[0].unsqueeze(0).unsqueeze(-1).squeeze(), Input(4, 2, 3));

    [Fact]
    public void Expand_and_expand_as() => GradCheck.Assert(x => x[0].expand(2, -1, 3) * x[1].expand_as(zeros(2, 4, 3)), Input(5, 4, 1), Input(6, 1, 1, 3));

    [Fact]
    public void Cat() => GradCheck.Assert(x => cat([x[0], x[1].t()], -1), Input(7, 2, 3), Input(8, 2, 2));

    [Fact]
    public void Stack() => GradCheck.Assert(x => stack([x[0], x[1] * x[0]], 1), Input(9, 2, 3), Input(10, 2, 3));

    [Fact]
    public void Chunk()
    {
        GradCheck.Assert(x =>
        {
            Tensor[] parts = x[0].chunk(3, -1);
            return cat([parts[2] * 3, parts[0]], -1);
        }, Input(11, 2, 5));
    }

    [Fact]
    public void Split_by_size_and_by_sizes()
    {
        GradCheck.Assert(x =>
        {
            Tensor[] bySize = x[0].split(2, 0);
            Tensor[] bySizes = x[0].split([1, 2], 0);
            return cat([bySize[1] * 2, bySizes[1], bySize[0] * bySizes[0]], 0);
        }, Input(12, 3, 2));
    }

    [Fact]
    public void Select_narrow_and_slice() => GradCheck.Assert(x => x[0].select(1, -1) + x[0].narrow(-1, 1, 2).sum(1) + x[0].slice(1, 0, 4, 3).sum(-1), Input(13, 3, 4));

    [Fact]
    public void Index_select() => GradCheck.Assert(x => x[0].index_select(-1, Longs(2, 0, 2)), Input(14, 2, 3));

    [Fact]
    public void Gather() => GradCheck.Assert(x => x[0].gather(1, tensor(new long[] { 0, 0, 2, 1 }, [2, 2])), Input(15, 2, 3));

    [Fact]
    public void Scatter() => GradCheck.Assert(x => x[0].scatter(1, tensor(new long[] { 2, 0, 1, 2 }, [2, 2]), x[1]), Input(16, 2, 3), Input(17, 2, 2));

    [Fact]
    public void Masked_fill()
    {
        Tensor mask = tensor(new[] { true, false, false, true, true, false }, [2, 3]);
        GradCheck.Assert(x => x[0].masked_fill(mask, 0.5) * x[0], Input(18, 2, 3));
    }

    [Fact]
    public void Where()
    {
        Tensor condition = tensor(new[] { true, false, true });
        GradCheck.Assert(x => where(condition, x[0], x[1]) + where(condition, x[0], 1.0) * where(condition, 2.0, x[1]), Input(19, 2, 3), Input(20, 2, 1));
    }

    [Fact]
    public void Repeat() => GradCheck.Assert(x => x[0].repeat(2, 1, 2), Input(21, 2, 2));

    [Fact]
    public void Tril_and_triu() => GradCheck.Assert(x => x[0].tril(-1) * 2 + x[0].triu(1) * 3, Input(22, 2, 3, 3));

    [Fact]
    public void Flip_and_roll() => GradCheck.Assert(x => x[0].flip(0, -1) * x[0].roll([1, -1], [0, 1]), Input(23, 2, 3));

    [Fact]
    public void Indexing_with_integers_slices_and_new_axes() => GradCheck.Assert(x => x[0][TensorIndex.None, 1.., 0] * x[0][TensorIndex.Ellipsis, ^1][TensorIndex.None, 1..], Input(24, 3, 2));

    [Fact]
    public void Indexing_with_tensors()
    {
        Tensor mask = tensor(new[] { true, false, true, false, false, true, true, true, false }, [3, 3]);
        GradCheck.Assert(x => x[0][Longs(2, 0, 2), 1..] * x[0][mask].sum(), Input(25, 3, 3));
    }

    [Fact]
    public void Indexing_set_propagates_to_base_and_value()
    {
        GradCheck.Assert(x =>
        {
            Tensor y = x[0] * 1;
            y[.., 1] = x[1];
            y[Longs(0)] = x[1][..1] * 2;
            return y;
        }, Input(26, 2, 3), Input(27, 2));
    }
}
