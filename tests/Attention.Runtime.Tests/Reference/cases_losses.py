"""Losses (torch.nn.functional and the torch.nn loss modules) for every reduction: class weights,
ignore_index, label smoothing with class-index and class-probability targets, segmentation-shaped
cross-entropy and pos_weight."""
import warnings

import torch
import torch.nn.functional as F

from harness import case, rand, randint, randn

REDUCTIONS = ["none", "mean", "sum"]


def ignoring(target, positions, value=-100):
    """target with the entries at positions (along the flattened target) set to value."""
    target = target.clone()
    target.view(-1)[positions] = value
    return target


def probabilities(*shape, seed):
    """Class probabilities along dim 1 (dim 0 for a single sample)."""
    return torch.softmax(randn(*shape, seed=seed), dim=1 if len(shape) > 1 else 0)


def broadcast_mse(x, t):
    # PyTorch warns that the sizes differ, then broadcasts.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return F.mse_loss(x, t)


CASES = []
for r in REDUCTIONS:
    CASES += [
        case(f"mse_{r}", lambda x, t, r=r: F.mse_loss(x, t, reduction=r), randn(3, 4, seed="mse_x"), randn(3, 4, seed="mse_t")),
        case(f"l1_{r}", lambda x, t, r=r: F.l1_loss(x, t, reduction=r), randn(3, 4, seed="l1_x"), randn(3, 4, seed="l1_t")),
        case(f"smooth_l1_{r}", lambda x, t, r=r: F.smooth_l1_loss(x, t, reduction=r),
             randn(3, 4, seed="sl1_x"), randn(3, 4, seed="sl1_t")),
        case(f"bce_{r}", lambda x, t, r=r: F.binary_cross_entropy(x, t, reduction=r), rand(3, 4, seed="bce_x"), rand(3, 4, seed="bce_t")),
        case(f"bce_logits_{r}", lambda x, t, r=r: F.binary_cross_entropy_with_logits(x, t, reduction=r),
             randn(3, 4, seed="bcel_x"), rand(3, 4, seed="bcel_t")),
        case(f"cross_entropy_{r}", lambda x, t, r=r: F.cross_entropy(x, t, reduction=r), randn(5, 4, seed="ce_x"), randint(0, 4, 5, seed="ce_t")),
        case(f"cross_entropy_weight_{r}", lambda x, t, w, r=r: F.cross_entropy(x, t, w, reduction=r),
             randn(6, 3, seed="cew_x"), randint(0, 3, 6, seed="cew_t"), rand(3, seed="cew_w")),
        case(f"cross_entropy_probs_{r}", lambda x, t, r=r: F.cross_entropy(x, t, reduction=r),
             randn(4, 5, seed="cep_x"), probabilities(4, 5, seed="cep_t")),
        case(f"nll_{r}", lambda x, t, r=r: F.nll_loss(x, t, reduction=r),
             torch.log_softmax(randn(5, 4, seed="nll_x"), 1), randint(0, 4, 5, seed="nll_t")),
    ]

CASES += [
    # ---- regression ----
    case("smooth_l1_beta_half", lambda x, t: F.smooth_l1_loss(x, t, beta=0.5), randn(3, 4, seed="sl1b_x"), randn(3, 4, seed="sl1b_t")),
    case("smooth_l1_beta_zero", lambda x, t: F.smooth_l1_loss(x, t, reduction="sum", beta=0.0),
         randn(3, 4, seed="sl1z_x"), randn(3, 4, seed="sl1z_t")),
    case("mse_broadcast_target", broadcast_mse, randn(3, 4, seed="mseb_x"), randn(4, seed="mseb_t")),
    case("mse_float64", lambda x, t: F.mse_loss(x, t), randn(2, 3, dtype=torch.float64, seed="mse64_x"),
         randn(2, 3, dtype=torch.float64, seed="mse64_t")),
    case("l1_4d_sum", lambda x, t: F.l1_loss(x, t, reduction="sum"), randn(2, 3, 2, 2, seed="l14_x"), randn(2, 3, 2, 2, seed="l14_t")),

    # ---- binary cross-entropy ----
    case("bce_weight_broadcast", lambda x, t, w: F.binary_cross_entropy(x, t, w), rand(3, 4, seed="bcew_x"), rand(3, 4, seed="bcew_t"),
         rand(4, seed="bcew_w")),
    case("bce_weight_full_none", lambda x, t, w: F.binary_cross_entropy(x, t, w, reduction="none"),
         rand(2, 3, seed="bcewf_x"), rand(2, 3, seed="bcewf_t"), rand(2, 3, seed="bcewf_w")),
    case("bce_hard_targets", lambda x, t: F.binary_cross_entropy(x, t), rand(6, seed="bceh_x"), torch.tensor([0., 1., 1., 0., 1., 0.])),
    case("bce_logits_weight_sum", lambda x, t, w: F.binary_cross_entropy_with_logits(x, t, w, reduction="sum"),
         randn(3, 4, seed="bcelw_x"), rand(3, 4, seed="bcelw_t"), rand(4, seed="bcelw_w")),
    case("bce_logits_pos_weight_mean", lambda x, t, p: F.binary_cross_entropy_with_logits(x, t, pos_weight=p),
         randn(3, 4, seed="bcelp_x"), rand(3, 4, seed="bcelp_t"), rand(4, seed="bcelp_p") * 3),
    case("bce_logits_weight_and_pos_weight_none",
         lambda x, t, w, p: F.binary_cross_entropy_with_logits(x, t, w, reduction="none", pos_weight=p),
         randn(2, 3, seed="bcelwp_x"), rand(2, 3, seed="bcelwp_t"), rand(2, 1, seed="bcelwp_w"), rand(3, seed="bcelwp_p") * 3),
    case("bce_logits_large_logits", lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="none"),
         torch.tensor([-120., -30., 0., 30., 120.]), torch.tensor([1., 0., 0.5, 1., 0.])),

    # ---- cross-entropy with class indices ----
    case("cross_entropy_ignore_index_default", lambda x, t: F.cross_entropy(x, t),
         randn(6, 4, seed="ceig_x"), ignoring(randint(0, 4, 6, seed="ceig_t"), [1, 4])),
    case("cross_entropy_ignore_index_class", lambda x, t: F.cross_entropy(x, t, ignore_index=2, reduction="none"),
         randn(6, 3, seed="ceic_x"), torch.tensor([0, 2, 1, 2, 0, 1])),
    case("cross_entropy_ignore_index_weight_mean", lambda x, t, w: F.cross_entropy(x, t, w, ignore_index=-1),
         randn(6, 3, seed="ceiw_x"), ignoring(randint(0, 3, 6, seed="ceiw_t"), [0, 3], -1), rand(3, seed="ceiw_w")),
    case("cross_entropy_all_ignored_mean", lambda x, t: F.cross_entropy(x, t), randn(3, 4, seed="ceall_x"), torch.full((3,), -100)),
    case("cross_entropy_all_ignored_sum", lambda x, t: F.cross_entropy(x, t, reduction="sum"),
         randn(3, 4, seed="ceall_x"), torch.full((3,), -100)),
    case("cross_entropy_label_smoothing_mean", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1),
         randn(5, 4, seed="cels_x"), randint(0, 4, 5, seed="cels_t")),
    case("cross_entropy_label_smoothing_none", lambda x, t: F.cross_entropy(x, t, reduction="none", label_smoothing=0.25),
         randn(5, 4, seed="celsn_x"), randint(0, 4, 5, seed="celsn_t")),
    case("cross_entropy_label_smoothing_weight_ignore",
         lambda x, t, w: F.cross_entropy(x, t, w, ignore_index=0, label_smoothing=0.2),
         randn(7, 3, seed="celswi_x"), randint(0, 3, 7, seed="celswi_t"), rand(3, seed="celswi_w")),
    case("cross_entropy_unbatched", lambda x, t: F.cross_entropy(x, t), randn(4, seed="ceub_x"), torch.tensor(2)),
    case("cross_entropy_4d_mean", lambda x, t: F.cross_entropy(x, t), randn(2, 3, 4, 5, seed="ce4_x"), randint(0, 3, 2, 4, 5, seed="ce4_t")),
    case("cross_entropy_4d_none", lambda x, t: F.cross_entropy(x, t, reduction="none"),
         randn(2, 3, 2, 3, seed="ce4n_x"), randint(0, 3, 2, 2, 3, seed="ce4n_t")),
    case("cross_entropy_4d_weight_ignore_smoothing",
         lambda x, t, w: F.cross_entropy(x, t, w, ignore_index=255, label_smoothing=0.1),
         randn(2, 4, 3, 3, seed="ce4w_x"), ignoring(randint(0, 4, 2, 3, 3, seed="ce4w_t"), [0, 5, 11], 255), rand(4, seed="ce4w_w")),
    case("cross_entropy_3d_sum", lambda x, t: F.cross_entropy(x, t, reduction="sum"), randn(2, 3, 5, seed="ce3_x"), randint(0, 3, 2, 5, seed="ce3_t")),

    # ---- cross-entropy with class probabilities ----
    case("cross_entropy_probs_weight_mean", lambda x, t, w: F.cross_entropy(x, t, w),
         randn(4, 3, seed="cepw_x"), probabilities(4, 3, seed="cepw_t"), rand(3, seed="cepw_w")),
    case("cross_entropy_probs_label_smoothing", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.3),
         randn(4, 5, seed="cepls_x"), probabilities(4, 5, seed="cepls_t")),
    case("cross_entropy_probs_4d_label_smoothing_none", lambda x, t: F.cross_entropy(x, t, reduction="none", label_smoothing=0.1),
         randn(2, 3, 2, 2, seed="cep4_x"), probabilities(2, 3, 2, 2, seed="cep4_t")),
    case("cross_entropy_probs_unbatched", lambda x, t: F.cross_entropy(x, t), randn(5, seed="cepub_x"), probabilities(5, seed="cepub_t")),

    # ---- negative log-likelihood ----
    case("nll_weight_ignore_mean", lambda x, t, w: F.nll_loss(x, t, w, ignore_index=1),
         torch.log_softmax(randn(6, 3, seed="nllw_x"), 1), randint(0, 3, 6, seed="nllw_t"), rand(3, seed="nllw_w")),
    case("nll_4d_mean", lambda x, t: F.nll_loss(x, t), torch.log_softmax(randn(2, 3, 2, 4, seed="nll4_x"), 1), randint(0, 3, 2, 2, 4, seed="nll4_t")),
    case("nll_4d_weight_none", lambda x, t, w: F.nll_loss(x, t, w, reduction="none"),
         torch.log_softmax(randn(2, 3, 2, 2, seed="nll4w_x"), 1), randint(0, 3, 2, 2, 2, seed="nll4w_t"), rand(3, seed="nll4w_w")),
    case("nll_all_ignored_mean", lambda x, t: F.nll_loss(x, t), torch.log_softmax(randn(2, 3, seed="nllall_x"), 1), torch.full((2,), -100)),

    # ---- modules ----
    case("module_mse_sum", lambda x, t: torch.nn.MSELoss(reduction="sum")(x, t), randn(3, 2, seed="mmse_x"), randn(3, 2, seed="mmse_t")),
    case("module_l1", lambda x, t: torch.nn.L1Loss()(x, t), randn(3, 2, seed="ml1_x"), randn(3, 2, seed="ml1_t")),
    case("module_smooth_l1_beta", lambda x, t: torch.nn.SmoothL1Loss(reduction="none", beta=0.3)(x, t),
         randn(3, 2, seed="msl1_x"), randn(3, 2, seed="msl1_t")),
    case("module_bce_weight", lambda x, t, w: torch.nn.BCELoss(w)(x, t), rand(3, 2, seed="mbce_x"), rand(3, 2, seed="mbce_t"), rand(2, seed="mbce_w")),
    case("module_bce_logits_weight_pos_weight", lambda x, t, w, p: torch.nn.BCEWithLogitsLoss(w, reduction="sum", pos_weight=p)(x, t),
         randn(3, 2, seed="mbcel_x"), rand(3, 2, seed="mbcel_t"), rand(2, seed="mbcel_w"), rand(2, seed="mbcel_p") * 2),
    case("module_cross_entropy", lambda x, t, w: torch.nn.CrossEntropyLoss(w, ignore_index=0, label_smoothing=0.1)(x, t),
         randn(5, 3, seed="mce_x"), randint(0, 3, 5, seed="mce_t"), rand(3, seed="mce_w")),
    case("module_cross_entropy_probs", lambda x, t: torch.nn.CrossEntropyLoss(reduction="none")(x, t),
         randn(3, 4, seed="mcep_x"), probabilities(3, 4, seed="mcep_t")),
    case("module_nll", lambda x, t, w: torch.nn.NLLLoss(w, reduction="sum")(x, t),
         torch.log_softmax(randn(4, 3, seed="mnll_x"), 1), randint(0, 3, 4, seed="mnll_t"), rand(3, seed="mnll_w")),
]
