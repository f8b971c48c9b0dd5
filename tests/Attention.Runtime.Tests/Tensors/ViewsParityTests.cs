using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Views, joining, splitting, selection and masking against Reference/cases_views.py.</summary>
public sealed class ViewsParityTests
{
    internal const string Area = "views";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        // ---- shape and layout views
        ["view"] = x => x[0].view(3, 4),
        ["view_infer"] = x => x[0].view(-1, 2),
        ["view_int64"] = x => x[0].view(4),
        ["reshape"] = x => x[0].reshape(4, -1),
        ["reshape_noncontiguous"] = x => x[0].t().reshape(-1),
        ["torch_reshape"] = x => reshape(x[0], 6),
        ["permute"] = x => x[0].permute(2, 0, 1),
        ["permute_negative"] = x => x[0].permute(-1, -3, -2),
        ["torch_permute"] = x => permute(x[0], 1, 0),
        ["transpose"] = x => x[0].transpose(0, 2),
        ["transpose_negative"] = x => x[0].transpose(-1, -2),
        ["torch_transpose"] = x => transpose(x[0], 1, 0),
        ["t"] = x => x[0].t(),
        ["t_vector"] = x => t(x[0]),
        ["flatten"] = x => x[0].flatten(),
        ["flatten_range"] = x => x[0].flatten(1, -1),
        ["flatten_noncontiguous"] = x => flatten(x[0].transpose(0, 1), 0, 1),
        ["unflatten"] = x => x[0].unflatten(1, 2, 3),
        ["unflatten_infer"] = x => unflatten(x[0], -1, -1, 2),
        ["unsqueeze"] = x => x[0].unsqueeze(0),
        ["unsqueeze_negative"] = x => unsqueeze(x[0], -1),
        ["squeeze_all"] = x => x[0].squeeze(),
        ["squeeze_dim"] = x => squeeze(x[0], -2),
        ["squeeze_dim_not_one"] = x => x[0].squeeze(0),
        ["expand"] = x => x[0].expand(2, -1, 4),
        ["expand_as"] = x => x[0].expand_as(x[1]),
        ["repeat"] = x => x[0].repeat(2, 1, 3),
        ["repeat_noncontiguous"] = x => x[0].t().repeat(1, 2),
        ["flip"] = x => x[0].flip(0, -1),
        ["torch_flip"] = x => flip(x[0], 1),
        ["roll"] = x => x[0].roll(1, 0),
        ["roll_dims"] = x => roll(x[0], [1, -2], [0, -1]),
        ["roll_flat"] = x => x[0].roll(2),

        // ---- joining and splitting
        ["cat"] = x => cat([x[0], x[1]], 0),
        ["cat_negative_dim"] = x => cat([x[0], x[1]], -1),
        ["cat_noncontiguous"] = x => cat([x[0].t(), x[1]], 1),
        ["cat_int64"] = x => cat([x[0], x[1]]),
        ["concat"] = x => concat([x[0], x[1]], 1),
        ["stack"] = x => stack([x[0], x[1], x[2]], 1),
        ["stack_negative_dim"] = x => stack([x[0], x[1]], -1),
        ["chunk"] = x => x[0].chunk(3, 1),
        ["chunk_negative_dim"] = x => chunk(x[0], 2, -1),
        ["split"] = x => x[0].split(2, 0),
        // 70 parts: more than the first guess of the part count, so the native call is retried.
        ["split_many"] = x => split(x[0], 1, -1),
        ["split_sizes"] = x => x[0].split([1, 3], -1),

        // ---- selecting along a dimension
        ["select"] = x => x[0].select(1, -1),
        ["select_negative_dim"] = x => select(x[0], -1, 2),
        ["narrow"] = x => x[0].narrow(-1, 1, 2),
        ["torch_narrow"] = x => narrow(x[0], 0, 1, 2),
        ["slice_step"] = x => x[0].slice(1, 1, 5, 2),
        ["slice_clamped"] = x => x[0].slice(1, -2, 100),
        ["index_select"] = x => x[0].index_select(0, x[1]),
        ["index_select_negative_dim"] = x => index_select(x[0], -1, x[1]),
        ["index_select_noncontiguous"] = x => x[0].t().index_select(0, x[1]),
        ["gather"] = x => x[0].gather(1, x[1]),
        ["gather_negative_dim"] = x => gather(x[0], -2, x[1]),
        ["scatter"] = x => x[0].scatter(1, x[1], x[2]),
        ["scatter_value"] = x => scatter(x[0], -1, x[1], 1.0),
        ["scatter_inplace"] = x => x[0].clone().scatter_(1, x[1], x[2]),
        ["scatter_value_inplace"] = x => x[0].clone().scatter_(1, x[1], 2.5),

        // ---- masking and triangles
        ["masked_fill"] = x => x[0].masked_fill(x[1], -1e9),
        ["masked_fill_broadcast"] = x => masked_fill(x[0], x[1], 0),
        ["masked_fill_int64"] = x => x[0].masked_fill(x[1], 7),
        ["masked_fill_inplace"] = x => x[0].clone().masked_fill_(x[1], 0.5),
        ["where"] = x => where(x[0], x[1], x[2]),
        ["where_broadcast"] = x => where(x[0], x[1], x[2]),
        ["where_scalar_other"] = x => where(x[0], x[1], 0.0),
        ["where_scalar_self"] = x => where(x[0], -1.0, x[1]),
        ["where_method"] = x => x[1].where(x[0], x[2]),
        ["tril"] = x => x[0].tril(),
        ["tril_diagonal"] = x => tril(x[0], -1),
        ["triu"] = x => x[0].triu(),
        ["triu_diagonal"] = x => triu(x[0], 1),
        ["triu_noncontiguous"] = x => x[0].t().triu(),
    };

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in ReferenceData.CaseNameList(Area).Where(n => !IndexingTests.IsIndexingCase(n)))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name) => ReferenceData.Check(Area, name, Ops);

    [Fact]
    public void Every_reference_case_has_an_op() => ReferenceData.AssertCoverage(Area, Ops.Keys.Concat(IndexingTests.Ops.Keys));

    [Fact]
    public void Views_share_storage_with_their_base()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(2, 3);
        x.view(6).narrow(0, 1, 2).fill_(1);
        x.t().select(0, 2).fill_(2);
        x.unsqueeze(0).expand(4, -1, -1).select(0, 3).select(0, 0).select(0, 0).fill_(3);
        Assert.Equal(new float[] { 3, 1, 2, 0, 0, 2 }, x.data<float>());
    }

    [Fact]
    public void Chunk_and_split_return_views()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(4, 2);
        x.chunk(2)[1].fill_(1);
        x.split([1, 3])[0].fill_(2);
        Assert.Equal(new float[] { 2, 2, 0, 0, 1, 1, 1, 1 }, x.data<float>());
    }

    [Fact]
    public void In_place_ops_modify_and_return_the_tensor()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = zeros(2, 2);
        Assert.Same(x, x.masked_fill_(tensor(new[] { true, false, false, true }, [2, 2]), 5));
        Assert.Same(x, x.scatter_(1, tensor(new long[] { 1, 0 }, [2, 1]), 7.0));
        Assert.Equal(new float[] { 5, 7, 7, 5 }, x.data<float>());
    }
}
