using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>
/// Python-style indexing, x[...] and x[...] = v: the getitem_*/setitem_* cases of
/// Reference/cases_views.py, and the view/copy and write-through behaviour.
/// </summary>
public sealed class IndexingTests
{
    internal static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["getitem_integer"] = x => x[0][1],
        ["getitem_negative"] = x => x[0][-1],
        ["getitem_two_integers"] = x => x[0][1, -2],
        ["getitem_slice"] = x => x[0][.., 1..3],
        ["getitem_slice_step"] = x => x[0][TensorIndex.Slice(step: 2), 1..],
        ["getitem_from_end"] = x => x[0][^2.., ..^1],
        ["getitem_ellipsis"] = x => x[0][TensorIndex.Ellipsis, 0],
        ["getitem_new_axis"] = x => x[0][TensorIndex.None, TensorIndex.Colon, 1],
        ["getitem_mixed"] = x => x[0][0, TensorIndex.Ellipsis, TensorIndex.None, 1..],
        ["getitem_mask"] = x => x[0][x[1]],
        ["getitem_row_mask"] = x => x[0][x[1]],
        ["getitem_tensor"] = x => x[0][x[1]],
        ["getitem_tensor_2d"] = x => x[0][x[1]],
        ["getitem_tensor_then_slice"] = x => x[0][x[1], 1..],
        ["getitem_slice_then_tensor"] = x => x[0][1.., x[1]],
        ["getitem_two_tensors"] = x => x[0][x[1], x[2]],
        ["getitem_noncontiguous"] = x => x[0].t()[1.., 0],
        ["setitem_slice"] = x => SetItem(x[0], y => y[.., 1] = x[1]),
        ["setitem_broadcast"] = x => SetItem(x[0], y => y[1..] = x[1]),
        ["setitem_scalar"] = x => SetItem(x[0], y => y.index_put_(0.5, TensorIndex.Ellipsis, -1)),
        ["setitem_mask"] = x => SetItem(x[0], y => y.index_put_(0.0, x[1])),
        ["setitem_tensor"] = x => SetItem(x[0], y => y[x[1]] = x[2]),
        ["setitem_integer"] = x => SetItem(x[0], y => y[1] = x[1]),
    };

    internal static bool IsIndexingCase(string name) => name.StartsWith("getitem_", StringComparison.Ordinal) || name.StartsWith("setitem_", StringComparison.Ordinal);

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in ReferenceData.CaseNameList(ViewsParityTests.Area).Where(IsIndexingCase))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name) => ReferenceData.Check(ViewsParityTests.Area, name, Ops);

    [Fact]
    public void Setting_through_the_indexer_writes_to_the_original_tensor()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(3, 4);
        x[1] = full([4], 1.0);
        x[.., 1..3] = full([3, 2], 2.0);
        x.index_put_(3.0, ^1, ^1);
        x[0][0] = tensor(4.0f);
        Assert.Equal(new float[] { 4, 2, 2, 0, 1, 2, 2, 1, 0, 2, 2, 3 }, x.data<float>());
    }

    [Fact]
    public void Setting_into_a_view_from_the_indexer_writes_to_the_base()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(2, 3);
        Tensor column = x[.., ^1];
        column[TensorIndex.Colon] = tensor(new float[] { 5, 6 });
        x[1, 0..2].fill_(7);
        Assert.Equal(new float[] { 0, 0, 5, 7, 7, 6 }, x.data<float>());
    }

    [Fact]
    public void Tensor_indices_set_through_index_put()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(2, 3);
        x[tensor(new[] { false, true })] = tensor(new float[] { 1, 2, 3 });
        x.index_put_(9, tensor(new long[] { 0 }), tensor(new long[] { 2 }));
        Assert.Equal(new float[] { 0, 0, 9, 1, 2, 3 }, x.data<float>());
    }

    [Fact]
    public void A_tensor_index_gives_a_copy_and_basic_indices_a_view()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(3);
        x[tensor(new long[] { 0, 1 })].fill_(1);
        x[1..].fill_(2);
        Assert.Equal(new float[] { 0, 2, 2 }, x.data<float>());
    }

    [Fact]
    public void Ranges_and_from_end_indices_follow_python_slices()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = arange(5);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, x[1..^0].data<long>());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, x[..].data<long>());
        Assert.Equal(new long[] { 3 }, x[^2..^1].data<long>());
        Assert.Equal(new long[] { 3, 4 }, x[3..10].data<long>());
        Assert.Empty(x[^0..].data<long>());
        Assert.Equal(4, x[^1].item<long>());
        Assert.Equal(new long[] { 1, 3 }, x[TensorIndex.Slice(1, null, 2)].data<long>());
    }

    [Fact]
    public void Boolean_indices_add_a_dimension()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(2, 3);
        Assert.Equal(new long[] { 1, 2, 3 }, x[true].shape);
        Assert.Equal(new long[] { 0, 2, 3 }, x[TensorIndex.Bool(false)].shape);
    }

    [Fact]
    public void The_long_indexer_matches_select()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = arange(6).view(3, 2);
        Assert.Equal(x.select(0, -1).data<long>(), x[-1].data<long>());
        Assert.Equal(x.select(0, 1).data<long>(), x[TensorIndex.Single(1)].data<long>());
    }

    [Fact]
    public void Caret_zero_addresses_no_element()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => x[^0]);
    }

    [Fact]
    public void A_null_tensor_index_is_rejected()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(3);
        Assert.Throws<ArgumentNullException>(() => x[(Tensor)null!]);
    }

    [Fact]
    public void Indexing_with_tensors_leaks_no_handles()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(4, 2);
        Tensor rows = tensor(new long[] { 3, 1 });
        long before = LiveTensors.Settled();
        using (Tensor picked = x[rows, 1..])
        {
            Assert.Equal(new long[] { 2, 1 }, picked.shape);
        }

        x.index_put_(1, rows);
        Assert.Equal(before, LiveTensors.Settled());
        Assert.False(rows.IsDisposed);
    }

    private static Tensor SetItem(Tensor x, Action<Tensor> set)
    {
        Tensor y = x.clone();
        set(y);
        return y;
    }
}
