"""Views, reshaping, joining and splitting, selection, masking, and Python-style indexing.
Non-contiguous inputs come from a transpose inside the case; negative dims are used throughout.
Cases named getitem_*/setitem_* are mirrored in IndexingTests.cs, the others in ViewsParityTests.cs."""
import torch

from harness import case, rand, randint, randn

# Fixed positions without repeats along the scattered dimension, so scatter has one writer per slot.
SCATTER_INDEX = torch.tensor([[0, 2, 1], [3, 0, 2]])
ONE_HOT_INDEX = torch.tensor([[2], [0], [3]])


def set_item(x, index, value):
    y = x.clone()
    y[index] = value
    return y


CASES = [
    # ---- shape and layout views
    case("view", lambda x: x.view(3, 4), randn(2, 6, seed="view")),
    case("view_infer", lambda x: x.view(-1, 2), randn(2, 6, seed="view_infer")),
    case("view_int64", lambda x: x.view(4), randint(0, 9, 2, 2, seed="view_int64")),
    case("reshape", lambda x: x.reshape(4, -1), randn(2, 3, 2, seed="reshape")),
    case("reshape_noncontiguous", lambda x: x.t().reshape(-1), randn(2, 3, seed="reshape_nc")),
    case("torch_reshape", lambda x: torch.reshape(x, (6,)), randn(3, 2, seed="torch_reshape")),
    case("permute", lambda x: x.permute(2, 0, 1), randn(2, 3, 4, seed="permute")),
    case("permute_negative", lambda x: x.permute(-1, -3, -2), randn(2, 3, 4, seed="permute_neg")),
    case("torch_permute", lambda x: torch.permute(x, (1, 0)), randn(2, 3, seed="torch_permute")),
    case("transpose", lambda x: x.transpose(0, 2), randn(2, 3, 4, seed="transpose")),
    case("transpose_negative", lambda x: x.transpose(-1, -2), randn(2, 3, 4, seed="transpose_neg")),
    case("torch_transpose", lambda x: torch.transpose(x, 1, 0), randn(2, 3, seed="torch_transpose")),
    case("t", lambda x: x.t(), randn(2, 3, seed="t")),
    case("t_vector", lambda x: torch.t(x), randn(3, seed="t_vector")),
    case("flatten", lambda x: x.flatten(), randn(2, 3, 2, seed="flatten")),
    case("flatten_range", lambda x: x.flatten(1, -1), randn(2, 3, 2, seed="flatten_range")),
    case("flatten_noncontiguous", lambda x: torch.flatten(x.transpose(0, 1), 0, 1), randn(2, 3, 2, seed="flatten_nc")),
    case("unflatten", lambda x: x.unflatten(1, (2, 3)), randn(2, 6, seed="unflatten")),
    case("unflatten_infer", lambda x: torch.unflatten(x, -1, (-1, 2)), randn(2, 6, seed="unflatten_infer")),
    case("unsqueeze", lambda x: x.unsqueeze(0), randn(2, 3, seed="unsqueeze")),
    case("unsqueeze_negative", lambda x: torch.unsqueeze(x, -1), randn(2, 3, seed="unsqueeze_neg")),
    case("squeeze_all", lambda x: x.squeeze(), randn(1, 2, 1, 3, seed="squeeze_all")),
    case("squeeze_dim", lambda x: torch.squeeze(x, -2), randn(2, 1, 3, seed="squeeze_dim")),
    case("squeeze_dim_not_one", lambda x: x.squeeze(0), randn(2, 1, 3, seed="squeeze_noop")),
    case("expand", lambda x: x.expand(2, -1, 4), randn(3, 1, seed="expand")),
    case("expand_as", lambda x, y: x.expand_as(y), randn(1, 3, seed="expand_as_x"), randn(2, 3, seed="expand_as_y")),
    case("repeat", lambda x: x.repeat(2, 1, 3), randn(2, 2, seed="repeat")),
    case("repeat_noncontiguous", lambda x: x.t().repeat(1, 2), randn(2, 3, seed="repeat_nc")),
    case("flip", lambda x: x.flip(0, -1), randn(2, 3, 2, seed="flip")),
    case("torch_flip", lambda x: torch.flip(x, (1,)), randn(2, 3, seed="torch_flip")),
    case("roll", lambda x: x.roll(1, 0), randn(3, 2, seed="roll")),
    case("roll_dims", lambda x: torch.roll(x, (1, -2), (0, -1)), randn(3, 4, seed="roll_dims")),
    case("roll_flat", lambda x: x.roll(2), randn(2, 3, seed="roll_flat")),
    # ---- joining and splitting
    case("cat", lambda a, b: torch.cat([a, b], 0), randn(2, 3, seed="cat_a"), randn(1, 3, seed="cat_b")),
    case("cat_negative_dim", lambda a, b: torch.cat([a, b], -1), randn(2, 3, seed="catn_a"), randn(2, 1, seed="catn_b")),
    case("cat_noncontiguous", lambda a, b: torch.cat([a.t(), b], 1), randn(3, 2, seed="catnc_a"), randn(2, 2, seed="catnc_b")),
    case("cat_int64", lambda a, b: torch.cat([a, b]), randint(0, 9, 3, seed="cati_a"), randint(0, 9, 2, seed="cati_b")),
    case("concat", lambda a, b: torch.concat([a, b], 1), randn(2, 1, seed="concat_a"), randn(2, 2, seed="concat_b")),
    case("stack", lambda a, b, c: torch.stack([a, b, c], 1), randn(2, 3, seed="stack_a"), randn(2, 3, seed="stack_b"), randn(2, 3, seed="stack_c")),
    case("stack_negative_dim", lambda a, b: torch.stack([a, b], -1), randn(2, 3, seed="stackn_a"), randn(2, 3, seed="stackn_b")),
    case("chunk", lambda x: x.chunk(3, 1), randn(2, 7, seed="chunk")),
    case("chunk_negative_dim", lambda x: torch.chunk(x, 2, -1), randn(3, 4, seed="chunk_neg")),
    case("split", lambda x: x.split(2, 0), randn(5, 2, seed="split")),
    case("split_many", lambda x: torch.split(x, 1, -1), randn(2, 70, seed="split_many")),
    case("split_sizes", lambda x: x.split([1, 3], -1), randn(2, 4, seed="split_sizes")),
    # ---- selecting along a dimension
    case("select", lambda x: x.select(1, -1), randn(2, 3, 4, seed="select")),
    case("select_negative_dim", lambda x: torch.select(x, -1, 2), randn(2, 3, 4, seed="select_neg")),
    case("narrow", lambda x: x.narrow(-1, 1, 2), randn(2, 4, seed="narrow")),
    case("torch_narrow", lambda x: torch.narrow(x, 0, 1, 2), randn(3, 2, seed="torch_narrow")),
    case("slice_step", lambda x: x[:, 1:5:2], randn(2, 6, seed="slice_step")),
    case("slice_clamped", lambda x: x[:, -2:100], randn(2, 4, seed="slice_clamped")),
    case("index_select", lambda x, i: x.index_select(0, i), randn(4, 3, seed="index_select"), torch.tensor([3, 0, 3])),
    case("index_select_negative_dim", lambda x, i: torch.index_select(x, -1, i), randn(2, 4, seed="index_select_neg"), torch.tensor([1, 2])),
    case("index_select_noncontiguous", lambda x, i: x.t().index_select(0, i), randn(3, 2, seed="index_select_nc"), torch.tensor([1])),
    case("gather", lambda x, i: x.gather(1, i), randn(3, 4, seed="gather"), randint(0, 4, 3, 2, seed="gather_i")),
    case("gather_negative_dim", lambda x, i: torch.gather(x, -2, i), randn(3, 4, seed="gather_neg"), randint(0, 3, 2, 4, seed="gather_neg_i")),
    case("scatter", lambda x, i, s: x.scatter(1, i, s), randn(2, 4, seed="scatter"), SCATTER_INDEX, randn(2, 3, seed="scatter_src")),
    case("scatter_value", lambda x, i: torch.scatter(x, -1, i, 1.0), torch.zeros(3, 4), ONE_HOT_INDEX),
    case("scatter_inplace", lambda x, i, s: x.clone().scatter_(1, i, s), randn(2, 4, seed="scatter_"), SCATTER_INDEX, randn(2, 3, seed="scatter__src")),
    case("scatter_value_inplace", lambda x, i: x.clone().scatter_(1, i, 2.5), randn(3, 4, seed="scatter_v_"), ONE_HOT_INDEX),
    # ---- masking and triangles
    case("masked_fill", lambda x, m: x.masked_fill(m, -1e9), randn(2, 3, seed="masked_fill"), rand(2, 3, seed="masked_fill_m") > 0.5),
    case("masked_fill_broadcast", lambda x, m: torch.masked_fill(x, m, 0), randn(2, 3, seed="masked_fill_b"), torch.tensor([[True, False, True]])),
    case("masked_fill_int64", lambda x, m: x.masked_fill(m, 7), randint(0, 5, 2, 2, seed="masked_fill_i"), torch.tensor([[True, False], [False, True]])),
    case("masked_fill_inplace", lambda x, m: x.clone().masked_fill_(m, 0.5), randn(3, 2, seed="masked_fill_"), rand(3, 2, seed="masked_fill__m") > 0.5),
    case("where", lambda c, x, y: torch.where(c, x, y), rand(2, 3, seed="where_c") > 0.5, randn(2, 3, seed="where_x"), randn(2, 3, seed="where_y")),
    case("where_broadcast", lambda c, x, y: torch.where(c, x, y), torch.tensor([True, False, True]), randn(2, 3, seed="whereb_x"), randn(2, 1, seed="whereb_y")),
    case("where_scalar_other", lambda c, x: torch.where(c, x, 0.0), rand(2, 3, seed="wheres_c") > 0.5, randn(2, 3, seed="wheres_x")),
    case("where_scalar_self", lambda c, y: torch.where(c, -1.0, y), rand(2, 3, seed="wheress_c") > 0.5, randn(2, 3, seed="wheress_y")),
    case("where_method", lambda c, x, y: x.where(c, y), rand(3, seed="wherem_c") > 0.5, randn(3, seed="wherem_x"), randn(3, seed="wherem_y")),
    case("tril", lambda x: x.tril(), randn(3, 4, seed="tril")),
    case("tril_diagonal", lambda x: torch.tril(x, -1), randn(2, 3, 3, seed="tril_diag")),
    case("triu", lambda x: x.triu(), randn(4, 3, seed="triu")),
    case("triu_diagonal", lambda x: torch.triu(x, 1), randn(2, 3, 3, seed="triu_diag")),
    case("triu_noncontiguous", lambda x: x.t().triu(), randn(3, 3, seed="triu_nc")),
    # ---- indexing: x[...] and x[...] = v (IndexingTests.cs)
    case("getitem_integer", lambda x: x[1], randn(3, 2, seed="index_integer")),
    case("getitem_negative", lambda x: x[-1], randn(3, 2, seed="index_negative")),
    case("getitem_two_integers", lambda x: x[1, -2], randn(3, 4, seed="index_two")),
    case("getitem_slice", lambda x: x[:, 1:3], randn(2, 4, seed="index_slice")),
    case("getitem_slice_step", lambda x: x[::2, 1:], randn(5, 3, seed="index_slice_step")),
    case("getitem_from_end", lambda x: x[-2:, :-1], randn(4, 3, seed="index_from_end")),
    case("getitem_ellipsis", lambda x: x[..., 0], randn(2, 3, 4, seed="index_ellipsis")),
    case("getitem_new_axis", lambda x: x[None, :, 1], randn(2, 3, seed="index_new_axis")),
    case("getitem_mixed", lambda x: x[0, ..., None, 1:], randn(2, 3, 4, seed="index_mixed")),
    case("getitem_mask", lambda x, m: x[m], randn(3, 4, seed="index_mask"), rand(3, 4, seed="index_mask_m") > 0.5),
    case("getitem_row_mask", lambda x, m: x[m], randn(3, 4, seed="index_row_mask"), torch.tensor([True, False, True])),
    case("getitem_tensor", lambda x, i: x[i], randn(4, 2, seed="index_tensor"), torch.tensor([3, 0, -1])),
    case("getitem_tensor_2d", lambda x, i: x[i], randn(4, 2, seed="index_tensor_2d"), torch.tensor([[0, 1], [2, 3]])),
    case("getitem_tensor_then_slice", lambda x, i: x[i, 1:], randn(3, 4, seed="index_tensor_slice"), torch.tensor([2, 0])),
    case("getitem_slice_then_tensor", lambda x, i: x[1:, i], randn(3, 4, seed="index_slice_tensor"), torch.tensor([3, 1])),
    case("getitem_two_tensors", lambda x, i, j: x[i, j], randn(3, 4, seed="index_two_tensors"), torch.tensor([0, 2]), torch.tensor([3, 1])),
    case("getitem_noncontiguous", lambda x: x.t()[1:, 0], randn(3, 4, seed="index_nc")),
    case("setitem_slice", lambda x, v: set_item(x, (slice(None), 1), v), randn(3, 2, seed="index_set_slice"), randn(3, seed="index_set_slice_v")),
    case("setitem_broadcast", lambda x, v: set_item(x, (slice(1, None),), v), randn(3, 2, seed="index_set_bcast"), randn(2, seed="index_set_bcast_v")),
    case("setitem_scalar", lambda x: set_item(x, (Ellipsis, -1), 0.5), randn(2, 3, seed="index_set_scalar")),
    case("setitem_mask", lambda x, m: set_item(x, m, 0.0), randn(3, 3, seed="index_set_mask"), rand(3, 3, seed="index_set_mask_m") > 0.5),
    case("setitem_tensor", lambda x, i, v: set_item(x, i, v), randn(4, 2, seed="index_set_tensor"), torch.tensor([3, 1]), randn(2, 2, seed="index_set_tensor_v")),
    case("setitem_integer", lambda x, v: set_item(x, 1, v), randn(3, 2, seed="index_set_integer"), randn(2, seed="index_set_integer_v")),
]
