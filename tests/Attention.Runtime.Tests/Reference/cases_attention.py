"""Sampling grids, scaled dot-product attention and Gumbel-softmax (torch.nn.functional).
libtorch 1.13 exposes attention only as the private _scaled_dot_product_attention, which
returns (output, weights); the runtime's scaled_dot_product_attention is its output."""
import math

import torch
import torch.nn.functional as F

from harness import case, rand, randn


def sdpa(q, k, v, mask=None, is_causal=False):
    return F._scaled_dot_product_attention(q, k, v, mask, 0.0, False, is_causal)[0]


def sdpa_fully_masked_row(q, k, v, mask):
    # libtorch 1.13 gives NaN for a query row that may attend to no key; the runtime gives zeros.
    return torch.nan_to_num(sdpa(q, k, v, mask), nan=0.0)


def rotation(angle, scale, shift):
    c, s = math.cos(angle) * scale, math.sin(angle) * scale
    return torch.tensor([[[c, -s, shift], [s, c, -shift]]])


def gumbel(logits, seed, **kwargs):
    torch.manual_seed(seed)
    return F.gumbel_softmax(logits, **kwargs)


def bool_mask(L, S, seed):
    mask = rand(L, S, seed=seed) > 0.4
    mask[:, 0] = True  # every query may attend to at least one key
    return mask


CASES = [
    # grid values from randn reach beyond [-1, 1], exercising every padding mode.
    case("grid_sample_bilinear_zeros",
         lambda x, g: F.grid_sample(x, g, mode="bilinear", padding_mode="zeros", align_corners=False),
         randn(2, 3, 5, 6, seed="gs_bilinear_x"), randn(2, 4, 3, 2, seed="gs_bilinear_g")),
    case("grid_sample_nearest_border",
         lambda x, g: F.grid_sample(x, g, mode="nearest", padding_mode="border", align_corners=False),
         randn(1, 2, 4, 4, seed="gs_nearest_x"), randn(1, 3, 5, 2, seed="gs_nearest_g")),
    case("grid_sample_bicubic_reflection",
         lambda x, g: F.grid_sample(x, g, mode="bicubic", padding_mode="reflection", align_corners=False),
         randn(2, 1, 5, 5, seed="gs_bicubic_x"), randn(2, 3, 3, 2, seed="gs_bicubic_g")),
    case("grid_sample_bilinear_align_corners",
         lambda x, g: F.grid_sample(x, g, mode="bilinear", padding_mode="border", align_corners=True),
         randn(1, 2, 3, 4, seed="gs_align_x"), randn(1, 2, 2, 2, seed="gs_align_g")),
    case("grid_sample_5d_trilinear",
         lambda x, g: F.grid_sample(x, g, mode="bilinear", padding_mode="zeros", align_corners=False),
         randn(1, 2, 3, 4, 4, seed="gs_5d_x"), randn(1, 2, 2, 3, 3, seed="gs_5d_g")),
    case("affine_grid_2d", lambda t: F.affine_grid(t, [2, 3, 4, 5], align_corners=False),
         randn(2, 2, 3, seed="ag_2d")),
    case("affine_grid_2d_align_corners", lambda t: F.affine_grid(t, [1, 1, 3, 3], align_corners=True),
         randn(1, 2, 3, seed="ag_2d_align")),
    case("affine_grid_3d", lambda t: F.affine_grid(t, [1, 2, 2, 3, 4], align_corners=False),
         randn(1, 3, 4, seed="ag_3d")),
    case("spatial_transformer_rotation",
         lambda x, t: F.grid_sample(x, F.affine_grid(t, [1, 2, 6, 6], align_corners=False), align_corners=False),
         randn(1, 2, 6, 6, seed="stn_x"), rotation(0.4, 0.9, 0.1)),

    case("sdpa_no_mask", sdpa,
         randn(2, 3, 4, seed="sdpa_q"), randn(2, 5, 4, seed="sdpa_k"), randn(2, 5, 6, seed="sdpa_v")),
    case("sdpa_bool_mask", sdpa,
         randn(2, 3, 4, seed="sdpa_bool_q"), randn(2, 5, 4, seed="sdpa_bool_k"), randn(2, 5, 4, seed="sdpa_bool_v"),
         bool_mask(3, 5, "sdpa_bool_mask")),
    case("sdpa_float_mask", sdpa,
         randn(2, 2, 3, 4, seed="sdpa_float_q"), randn(2, 2, 5, 4, seed="sdpa_float_k"),
         randn(2, 2, 5, 4, seed="sdpa_float_v"), randn(2, 2, 3, 5, seed="sdpa_float_mask")),
    case("sdpa_is_causal", lambda q, k, v: sdpa(q, k, v, is_causal=True),
         randn(2, 4, 3, seed="sdpa_causal_q"), randn(2, 4, 3, seed="sdpa_causal_k"), randn(2, 4, 3, seed="sdpa_causal_v")),
    case("sdpa_batch_heads", sdpa,
         randn(2, 3, 4, 8, seed="sdpa_heads_q"), randn(2, 3, 6, 8, seed="sdpa_heads_k"),
         randn(2, 3, 6, 5, seed="sdpa_heads_v"), bool_mask(4, 6, "sdpa_heads_mask")),
    case("sdpa_fully_masked_row", sdpa_fully_masked_row,
         randn(1, 2, 3, 4, seed="sdpa_empty_q"), randn(1, 2, 5, 4, seed="sdpa_empty_k"),
         randn(1, 2, 5, 4, seed="sdpa_empty_v"),
         torch.tensor([[True, False, True, False, False], [False] * 5, [True] * 5])),

    case("gumbel_softmax_soft", lambda x: gumbel(x, 7, tau=1.0), randn(3, 5, seed="gumbel_soft")),
    case("gumbel_softmax_tau_dim0", lambda x: gumbel(x, 8, tau=0.5, dim=0), randn(4, 3, seed="gumbel_tau")),
    case("gumbel_softmax_hard", lambda x: gumbel(x, 9, hard=True), randn(2, 3, 6, seed="gumbel_hard")),
]
