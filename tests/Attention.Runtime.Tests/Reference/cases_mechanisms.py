"""The attention mechanisms of the runtime (Attention.Runtime.Modules: SqueezeExcite, ChannelAttention,
SpatialAttention, Cbam, Eca) against PyTorch modules written from the papers.

The modules are those of tests/Attention.Dsl.Tests/Reference/mechanisms.py, imported, so that each mechanism
has one reference definition (its docstring cites the papers: Hu et al. 2018, Howard et al. 2019, Woo et al.
2018, Wang et al. 2020). They register their submodules in the runtime's order (fc1 then fc2; conv then bn;
channel then spatial), so after the same manual_seed both draw the same initial values. The only additions
here are options those modules leave out: any inner activation for SE, and CBAM without bias or with timm's
BatchNorm (CbamVariant, built in the same order).

Cases:
- *_init: the state_dict values right after construction (parameters, then buffers), then the parameter count;
- *_fb: y, the input's gradient of sum(y * y), each parameter's gradient in named_parameters order, and with
  BatchNorm (training mode, its weight and bias given as inputs) the running statistics after the pass and an
  evaluation-mode output;
- *_weights: the gate a forward pass computes, in the shapes IAttentionWeights keeps ([N, C] for SE, CAM and
  ECA, [N, 1, H, W] for SAM; CBAM's channel gate, then its spatial map). Each gate function recomputes the
  reference module's forward up to its gate, and is checked to reproduce the module's output exactly."""
import copy
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

from harness import case, randn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Attention.Dsl.Tests", "Reference"))
from mechanisms import Cbam, ChannelAttention, Eca, SpatialAttention, SqueezeExcite  # noqa: E402

# SE's inner activation by the name of the runtime's ActivationKind.
INNER = {
    "relu": F.relu,
    "relu6": F.relu6,
    "silu": F.silu,
    "hardswish": F.hardswish,
    "gelu": F.gelu,
    "sigmoid": torch.sigmoid,
    "hardsigmoid": F.hardsigmoid,
}


def se(channels, reduction, inner="relu", **options):
    """mechanisms.SqueezeExcite with any inner activation (set after construction: it draws nothing)."""
    module = SqueezeExcite(channels, reduction, **options)
    module.inner = INNER[inner]
    return module


class CbamVariant(Cbam):
    """mechanisms.Cbam with the shared MLP's bias and the spatial BatchNorm as options (timm's form is
    bias=False, batch_norm=True); the children are built in Cbam's order, so the draws are the same."""

    def __init__(self, channels, reduction=16, spatial_kernel=7, bias=True, batch_norm=False):
        nn.Module.__init__(self)
        self.channel = ChannelAttention(channels, reduction, bias=bias)
        self.spatial = SpatialAttention(spatial_kernel, batch_norm=batch_norm)


# ---- gates: each reference module's forward up to the gate ----------------------------------------

def se_gate(m, x):
    return m.gate(m.fc2(m.inner(m.fc1(x.mean(dim=(2, 3))))))


def cam_gate(m, x):
    return torch.sigmoid(m.mlp(x.mean(dim=(2, 3))) + m.mlp(x.amax(dim=(2, 3))))


def sam_gate(m, x):
    logits = m.conv(torch.cat([x.mean(dim=1, keepdim=True), x.amax(dim=1, keepdim=True)], dim=1))
    return torch.sigmoid(m.bn(logits) if m.bn is not None else logits)


def eca_gate(m, x):
    n, c = x.shape[:2]
    return torch.sigmoid(m.conv(x.mean(dim=(2, 3)).unsqueeze(1))).view(n, c)


def gates(m, x):
    """The gates of m on x, as IAttentionWeights keeps them, checked against m's own output."""
    probe = copy.deepcopy(m)  # a BatchNorm counts each pass: measure on a copy, check on the module
    if isinstance(m, Cbam):
        channel = cam_gate(probe.channel, x)
        refined = x * channel[:, :, None, None]
        spatial = sam_gate(probe.spatial, refined)
        result, rebuilt = [channel, spatial], refined * spatial
    elif isinstance(m, SpatialAttention):
        spatial = sam_gate(probe, x)
        result, rebuilt = [spatial], x * spatial
    else:
        gate = {SqueezeExcite: se_gate, ChannelAttention: cam_gate, Eca: eca_gate}[type(m)](probe, x)
        result, rebuilt = [gate], x * gate[:, :, None, None]
    if not torch.equal(rebuilt, m(x)):
        raise AssertionError(f"the gate of {type(m).__name__} does not reproduce its output")
    return result


# ---- case builders ---------------------------------------------------------------------------------

def init_values(seed, make):
    """The module's state_dict values (parameters, then buffers) right after construction, and its parameter count."""
    def run():
        torch.manual_seed(seed)
        m = make()
        return list(m.state_dict().values()) + [sum(p.numel() for p in m.parameters())]
    return run


def batch_norms(m):
    return [b for b in m.modules() if isinstance(b, nn.BatchNorm2d)]


def forward_backward(seed, make):
    """y, dL/dx and dL/dp for each parameter with L = sum(y * y), in training mode. With a BatchNorm, its weight
    and bias come from the inputs, and the running statistics and an evaluation-mode output follow."""
    def run(x, *affine):
        torch.manual_seed(seed)
        m = make()
        norms = batch_norms(m)
        with torch.no_grad():
            for bn in norms:
                bn.weight.copy_(affine[0])
                bn.bias.copy_(affine[1])
        x_leaf = x.clone().requires_grad_()
        y = m(x_leaf)
        (y * y).sum().backward()
        result = [y, x_leaf.grad] + [p.grad for p in m.parameters()]
        for bn in norms:
            result += [bn.running_mean, bn.running_var, bn.num_batches_tracked]
        if norms:
            m.eval()
            with torch.no_grad():
                result.append(m(x))
        return result
    return run


def weights(seed, make):
    """The gates of a seeded module's forward pass (training mode)."""
    def run(x):
        torch.manual_seed(seed)
        with torch.no_grad():
            return gates(make(), x)
    return run


def bn_affine(name):
    """A BatchNorm2d(1)'s weight and bias, away from PyTorch's 1 and 0 so that an ignored affine shows."""
    return [randn(1, seed=name + "_bn_w") * 0.5 + 1, randn(1, seed=name + "_bn_b") * 0.5]


CASES = [
    # initialisation after manual_seed: the same draws in the same order
    case("se_init", init_values(101, lambda: se(32, 8))),
    case("se_no_bias_init", init_values(102, lambda: se(32, 8, bias=False))),
    case("se_mobilenetv3_init", init_values(103, lambda: se(40, 4, gate="hard_sigmoid", divisor=8))),
    case("cam_init", init_values(104, lambda: ChannelAttention(32, 16))),
    case("sam_bn_init", init_values(105, lambda: SpatialAttention(7, batch_norm=True))),
    case("cbam_init", init_values(106, lambda: Cbam(64, 16, 7))),
    case("cbam_timm_init", init_values(107, lambda: CbamVariant(64, 16, 7, bias=False, batch_norm=True))),
    case("eca_adaptive_init", init_values(108, lambda: Eca(256))),

    # SE: the paper's form, the seed's (no bias), MobileNetV3's (make_divisible(40 / 4, 8) = 16: 10 rounds to
    # 8, more than 10 % short; hard-sigmoid gate), and ReLU6 inside a hard-sigmoid gate on large inputs, so
    # that both clip somewhere
    case("se_fb", forward_backward(201, lambda: se(16, 4)), randn(2, 16, 3, 3, seed="se_fb")),
    case("se_no_bias_fb", forward_backward(202, lambda: se(16, 4, bias=False)), randn(2, 16, 3, 3, seed="se_no_bias_fb")),
    case("se_mobilenetv3_fb", forward_backward(203, lambda: se(40, 4, gate="hard_sigmoid", divisor=8)),
         randn(2, 40, 2, 2, seed="se_mobilenetv3_fb") * 3),
    case("se_relu6_hardsigmoid_fb", forward_backward(204, lambda: se(16, 2, inner="relu6", gate="hard_sigmoid")),
         randn(2, 16, 2, 2, seed="se_relu6_hardsigmoid_fb") * 40),
] + [
    case(f"se_inner_{inner}_fb", forward_backward(205, lambda inner=inner: se(16, 4, inner=inner)),
         randn(2, 16, 2, 2, seed=f"se_inner_{inner}_fb") * 3)
    for inner in ["silu", "hardswish", "gelu", "sigmoid", "hardsigmoid"]
] + [
    # CBAM's channel attention, with and without bias
    case("cam_fb", forward_backward(301, lambda: ChannelAttention(16, 4)), randn(2, 16, 3, 3, seed="cam_fb")),
    case("cam_no_bias_fb", forward_backward(302, lambda: ChannelAttention(16, 8, bias=False)), randn(2, 16, 3, 3, seed="cam_no_bias_fb")),

    # CBAM's spatial attention: the paper's 7 x 7, and 3 x 3 with timm's BatchNorm in training mode
    case("sam7_fb", forward_backward(401, lambda: SpatialAttention(7)), randn(2, 4, 6, 6, seed="sam7_fb")),
    case("sam3_bn_fb", forward_backward(402, lambda: SpatialAttention(3, batch_norm=True)),
         randn(2, 4, 5, 5, seed="sam3_bn_fb"), *bn_affine("sam3_bn_fb")),

    # CBAM: the paper's form, without bias, and with the spatial BatchNorm
    case("cbam_fb", forward_backward(501, lambda: Cbam(16, 4, 7)), randn(2, 16, 5, 5, seed="cbam_fb")),
    case("cbam_no_bias_fb", forward_backward(502, lambda: CbamVariant(16, 4, 7, bias=False)), randn(2, 16, 5, 5, seed="cbam_no_bias_fb")),
    case("cbam_bn_fb", forward_backward(503, lambda: CbamVariant(16, 4, 7, batch_norm=True)),
         randn(2, 16, 5, 5, seed="cbam_bn_fb"), *bn_affine("cbam_bn_fb")),

    # ECA with kernels 3 and 5
    case("eca3_fb", forward_backward(601, lambda: Eca(32, kernel=3)), randn(2, 32, 2, 2, seed="eca3_fb")),
    case("eca5_fb", forward_backward(602, lambda: Eca(32, kernel=5)), randn(2, 32, 2, 2, seed="eca5_fb")),

    # the gates that keep_weights keeps
    case("se_weights", weights(701, lambda: se(16, 4)), randn(2, 16, 3, 3, seed="se_weights")),
    case("se_mobilenetv3_weights", weights(702, lambda: se(40, 4, gate="hard_sigmoid", divisor=8)),
         randn(2, 40, 2, 2, seed="se_mobilenetv3_weights") * 3),
    case("cam_weights", weights(703, lambda: ChannelAttention(16, 4)), randn(2, 16, 3, 3, seed="cam_weights")),
    case("sam_weights", weights(704, lambda: SpatialAttention(7)), randn(2, 4, 6, 6, seed="sam_weights")),
    case("sam_bn_weights", weights(705, lambda: SpatialAttention(3, batch_norm=True)), randn(2, 4, 5, 5, seed="sam_bn_weights")),
    case("cbam_weights", weights(706, lambda: Cbam(16, 4, 7)), randn(2, 16, 5, 5, seed="cbam_weights")),
    case("eca_weights", weights(707, lambda: Eca(32, kernel=5)), randn(2, 32, 2, 2, seed="eca_weights")),
]
