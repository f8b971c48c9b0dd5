#!/usr/bin/env python3
"""Reference values for the attention mechanisms of the DSL, written from the papers.

Run with Debian's python3-torch (libtorch 1.13.1, the one the runtime binds):
    /usr/bin/python3 tests/Attention.Dsl.Tests/Reference/mechanisms.py

The modules below follow the papers, not the generated C# code:
- Squeeze-and-Excitation: Hu, Shen, Albanie, Sun, Wu, "Squeeze-and-Excitation Networks" (2018):
  global average pooling, FC (C -> C/r), ReLU, FC (C/r -> C), sigmoid, channel-wise scaling.
- SE in MobileNetV3: Howard et al., "Searching for MobileNetV3" (2019): reduction 4, the reduced
  width rounded with make_divisible(., 8) (as timm and torchvision), gate hard-sigmoid
  relu6(x + 3) / 6.
- CBAM: Woo, Park, Lee, Kweon, "CBAM: Convolutional Block Attention Module" (2018): channel
  attention sigma(MLP(AvgPool(F)) + MLP(MaxPool(F))) with one shared MLP; spatial attention
  sigma(conv7x7([AvgPool_c(F); MaxPool_c(F)])); CBAM is channel then spatial, no residual.
  Maxima are taken with amax.
- ECA: Wang, Wu, Zhu, Li, Zuo, Hu, "ECA-Net: Efficient Channel Attention" (2020): global average
  pooling, 1-D convolution (no bias) of kernel k across the channels, sigmoid, scaling;
  adaptive k = |log2(C) / gamma + b / gamma| rounded to odd (t = int(|log2 C + b| / gamma),
  k = t if t is odd else t + 1), gamma = 2, b = 1.

Each case wraps one mechanism in a network whose attribute (field) names are those of the DSL,
so the state-dict keys are the ones docs/design/dsl.md specifies (se1.fc1.weight,
cbam1.channel.fc1.weight, cbam1.spatial.conv.weight, eca1.conv.weight ...). For each case it
writes, in fp32: the weights (seeded from the case name, PyTorch's default initialisation), a
fixed input batch, fixed random output weights W, the output y, and the gradients of
(y * W).sum() with respect to the input and every parameter; also the parameter count.

expected/mechanisms.json uses the layout of tests/Attention.Runtime.Tests/Reference (read by
ReferenceData.cs): inputs = [x, W, state-dict values in key order]; outputs = [y, dL/dx, dL/dp
for each parameter in key order, then each buffer (state key that is not a parameter) after the
forward pass, in key order]; plus "state_keys", "parameter_keys", "parameter_count" and
the derived sizes ("reduced", "kernel") for the C# tests to check."""
import json
import math
import os
import sys
import zlib

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
# The JSON encoding and seeded inputs shared with the runtime's reference scripts.
sys.path.insert(0, os.path.join(HERE, "..", "..", "Attention.Runtime.Tests", "Reference"))
from harness import encode, randn  # noqa: E402


# ---- helpers from the papers / their reference code -------------------------------------------

def make_divisible(v, divisor=8, min_value=None, round_limit=0.9):
    """timm.layers.helpers.make_divisible (the MobileNet rounding): nearest multiple of divisor,
    at least divisor, and never more than 10 % below v."""
    min_value = min_value or divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < round_limit * v:
        new_v += divisor
    return new_v


def hard_sigmoid(x):
    """MobileNetV3's gate: ReLU6(x + 3) / 6."""
    return F.relu6(x + 3.0) / 6.0


def eca_kernel(channels, gamma=2, beta=1):
    """ECA-Net's adaptive kernel: t = int(|log2(C) + b| / gamma), made odd by adding one."""
    t = int(abs(math.log2(channels) + beta) / gamma)
    return t if t % 2 else t + 1


# ---- the mechanisms ---------------------------------------------------------------------------

class SqueezeExcite(nn.Module):
    """SE block (Hu et al.); gate "sigmoid" (the paper) or "hard_sigmoid" (MobileNetV3)."""

    def __init__(self, channels, reduction=16, bias=True, gate="sigmoid", divisor=0, inner="relu"):
        super().__init__()
        reduced = make_divisible(channels / reduction, divisor) if divisor else channels // reduction
        self.reduced = reduced
        self.fc1 = nn.Linear(channels, reduced, bias=bias)
        self.fc2 = nn.Linear(reduced, channels, bias=bias)
        self.gate = torch.sigmoid if gate == "sigmoid" else hard_sigmoid
        self.inner = {"relu": F.relu, "silu": F.silu}[inner]

    def forward(self, x):
        n, c = x.shape[:2]
        s = x.mean(dim=(2, 3))                 # squeeze: [N, C]
        z = self.inner(self.fc1(s))            # excitation: [N, C_r]
        g = self.gate(self.fc2(z))             # [N, C]
        return x * g.view(n, c, 1, 1)


class ChannelAttention(nn.Module):
    """CBAM's channel attention module: one MLP shared by the average- and max-pooled descriptors."""

    def __init__(self, channels, reduction=16, bias=True):
        super().__init__()
        self.reduced = channels // reduction
        self.fc1 = nn.Linear(channels, self.reduced, bias=bias)
        self.fc2 = nn.Linear(self.reduced, channels, bias=bias)

    def mlp(self, v):
        return self.fc2(F.relu(self.fc1(v)))

    def forward(self, x):
        n, c = x.shape[:2]
        avg = x.mean(dim=(2, 3))
        mx = x.amax(dim=(2, 3))
        g = torch.sigmoid(self.mlp(avg) + self.mlp(mx))
        return x * g.view(n, c, 1, 1)


class SpatialAttention(nn.Module):
    """CBAM's spatial attention module: [mean over channels; max over channels] -> k x k conv -> sigmoid.
    With batch_norm, timm's variant (cbam.py SpatialAttn: ConvNormAct without activation): the
    convolution's map goes through BatchNorm2d(1) before the sigmoid."""

    def __init__(self, kernel=7, batch_norm=False):
        super().__init__()
        self.conv = nn.Conv2d(2, 1, kernel, padding=kernel // 2, bias=False)
        self.bn = nn.BatchNorm2d(1) if batch_norm else None

    def forward(self, x):
        pooled = torch.cat([x.mean(dim=1, keepdim=True), x.amax(dim=1, keepdim=True)], dim=1)
        logits = self.conv(pooled)
        if self.bn is not None:
            logits = self.bn(logits)
        return x * torch.sigmoid(logits)


class Cbam(nn.Module):
    """CBAM: channel attention, then spatial attention, no residual."""

    def __init__(self, channels, reduction=16, spatial_kernel=7):
        super().__init__()
        self.channel = ChannelAttention(channels, reduction)
        self.spatial = SpatialAttention(spatial_kernel)

    def forward(self, x):
        return self.spatial(self.channel(x))


class Eca(nn.Module):
    """ECA: 1-D convolution across the pooled channel descriptor."""

    def __init__(self, channels, kernel=0):
        super().__init__()
        self.kernel = kernel or eca_kernel(channels)
        self.conv = nn.Conv1d(1, 1, self.kernel, padding=(self.kernel - 1) // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).unsqueeze(1)    # [N, 1, C]
        g = torch.sigmoid(self.conv(y))        # [N, 1, C]
        return x * g.view(n, c, 1, 1)


class SmallAttentionNet(nn.Module):
    """The mechanisms in context, as the DSL names the layers (kind + ordinal, in source order):
    conv-bn-relu, SE, strided conv-bn-relu, CBAM (3 x 3 spatial kernel), ECA, global average pool,
    linear classifier."""

    def __init__(self, in_channels):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.se1 = SqueezeExcite(16, reduction=4)
        self.conv2 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.cbam1 = Cbam(32, reduction=8, spatial_kernel=3)
        self.eca1 = Eca(32)
        self.fc1 = nn.Linear(32, 10)

    def forward(self, x):
        h = self.se1(F.relu(self.bn1(self.conv1(x))))
        h = self.cbam1(F.relu(self.bn2(self.conv2(h))))
        h = self.eca1(h)
        return self.fc1(h.mean(dim=(2, 3)))


# ---- attention over sequences ----------------------------------------------------------------


class TemporalAttention(nn.Module):
    """Seed 000's attention_3d_block: Permute -> Dense(T, softmax) -> Permute -> multiply. For each
    feature a softmax over the T steps, learned per step (fc: T -> T); `shared` averages the
    per-feature distributions into one (keras-attention's SINGLE_ATTENTION_VECTOR)."""

    def __init__(self, steps, shared=False):
        super().__init__()
        self.shared = shared
        self.fc = nn.Linear(steps, steps)

    def forward(self, x):                                  # [N, T, D]
        a = F.softmax(self.fc(x.transpose(1, 2)), dim=-1)  # [N, D, T]
        if self.shared:
            a = a.mean(dim=1, keepdim=True)                # [N, 1, T]
        return x * a.transpose(1, 2)                       # [N, T, D]


class AttentionPooling(nn.Module):
    """Raffel & Ellis 2015: e_t = tanh(h_t . w + b), alpha = softmax(e) over the steps,
    c = sum_t alpha_t h_t; seed 004's layer has one bias per step."""

    def __init__(self, features, steps=0):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(features).uniform_(-1, 1))
        self.bias = nn.Parameter(torch.empty(steps if steps > 0 else 1).uniform_(-0.5, 0.5))

    def forward(self, x):                                  # [N, T, D]
        e = torch.tanh(x @ self.weight + self.bias)        # [N, T]
        alpha = F.softmax(e, dim=1)
        return (alpha.unsqueeze(-1) * x).sum(dim=1)        # [N, D]


class PlantedColumnNet(nn.Module):
    """Seed 000's model: LSTM(32, return_sequences) -> attention_3d_block -> Flatten -> Dense(1, sigmoid)."""

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(2, 32, batch_first=True)
        self.temporal1 = TemporalAttention(10)
        self.fc1 = nn.Linear(320, 1)

    def forward(self, x):
        h, _ = self.lstm1(x)
        return torch.sigmoid(self.fc1(self.temporal1(h).flatten(1)))


class RaffelEllisNet(nn.Module):
    """Raffel & Ellis' feed-forward attention network with seed 004's per-step bias:
    a projection of every step, attention pooling, a linear read-out."""

    def __init__(self, steps):
        super().__init__()
        self.fc1 = nn.Linear(2, 16)
        self.attn_pool1 = AttentionPooling(16, steps)
        self.fc2 = nn.Linear(16, 1)

    def forward(self, x):
        return self.fc2(self.attn_pool1(F.relu(self.fc1(x))))


class SharedTemporalGruNet(nn.Module):
    """A two-layer bidirectional GRU, the shared form of temporal attention, pooling over the
    steps by attention (one bias), and the final state read out."""

    def __init__(self):
        super().__init__()
        self.gru1 = nn.GRU(3, 5, num_layers=2, batch_first=True, bidirectional=True)
        self.temporal1 = TemporalAttention(6, shared=True)
        self.attn_pool1 = AttentionPooling(10)
        self.fc1 = nn.Linear(10, 4)

    def forward(self, x):
        h, _ = self.gru1(x)
        return self.fc1(self.attn_pool1(self.temporal1(h)))


class FinalStateLstmNet(nn.Module):
    """A bidirectional LSTM's final state (forward and backward h_n of the last layer) read out."""

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
        self.fc1 = nn.Linear(8, 2)

    def forward(self, x):
        _, (h, _) = self.lstm1(x)
        return self.fc1(torch.cat([h[-2], h[-1]], dim=-1))


class Net(nn.Module):
    """A network holding one mechanism under the DSL's field name."""

    def __init__(self, name, mechanism):
        super().__init__()
        self.name = name
        self.add_module(name, mechanism)

    def forward(self, x):
        return getattr(self, self.name)(x)


# ---- the cases (network name in the C# tests, per-sample shape, field name, mechanism) ----------

CASES = [
    # SE, the paper's form: FC layers with bias, reduction 16 (64 / 16 = 4).
    ("SePaper", (64, 4, 4), "se1", lambda c: SqueezeExcite(c, reduction=16)),
    # SE as the seed's PyTorch code writes it: C // r, no bias.
    ("SeSeed", (32, 4, 4), "se1", lambda c: SqueezeExcite(c, reduction=8, bias=False)),
    # SE in MobileNetV3: reduction 4, make_divisible(72 / 4, 8) = 24 (18 rounds to 16, which is
    # more than 10 % below 18, so 24: the width MobileNetV3-Large uses there), hard-sigmoid gate.
    ("SeMobileNetV3", (72, 3, 3), "se1", lambda c: SqueezeExcite(c, reduction=4, gate="hard_sigmoid", divisor=8)),
    # SE with SiLU inside (EfficientNet's choice of inner activation).
    ("SeSiLU", (32, 4, 4), "se1", lambda c: SqueezeExcite(c, reduction=4, inner="silu")),
    # CBAM's channel attention alone (biased shared MLP, reduction 16: 32 / 16 = 2), default name ca1.
    ("ChannelAttentionNet", (32, 5, 5), "ca1", lambda c: ChannelAttention(c, reduction=16)),
    # The same without bias (reduction 8: 32 / 8 = 4).
    ("ChannelAttentionNoBias", (32, 5, 5), "ca1", lambda c: ChannelAttention(c, reduction=8, bias=False)),
    # CBAM's spatial attention alone, the paper's 7 x 7 kernel (default name sa1), and a 3 x 3 one
    # under a name given with Name = "attention".
    ("SpatialAttention7", (16, 8, 8), "sa1", lambda c: SpatialAttention(7)),
    ("SpatialAttention3", (16, 7, 7), "attention", lambda c: SpatialAttention(3)),
    # timm's spatial attention with BatchNorm after the convolution, in training mode: batch
    # statistics, and the running statistics updated by the forward pass (compared as well).
    ("SpatialAttentionBn", (16, 8, 8), "sa1", lambda c: random_affine(SpatialAttention(7, batch_norm=True))),
    # CBAM: reduction 16 (64 / 16 = 4), spatial kernel 7.
    ("CbamNet", (64, 5, 5), "cbam1", lambda c: Cbam(c, reduction=16, spatial_kernel=7)),
    # ECA with the adaptive kernel: C = 256 gives t = int(9 / 2) = 4, even, so k = 5.
    ("EcaAdaptive", (256, 2, 2), "eca1", lambda c: Eca(c)),
    # ECA with an explicit kernel 5 where the adaptive one would be 3 (C = 64).
    ("EcaKernel5", (64, 3, 3), "eca1", lambda c: Eca(c, kernel=5)),
    # Everything in one small network (no field: the network is the module), BatchNorm in training mode.
    ("SmallAttentionNet", (3, 8, 8), None, lambda c: random_affine(SmallAttentionNet(c))),
    # Seed 000's network over 10 steps of 2 features.
    ("PlantedColumnNet", (10, 2), None, lambda c: PlantedColumnNet()),
    # Raffel & Ellis with seed 004's per-step bias, 7 steps.
    ("RaffelEllisNet", (7, 2), None, lambda c: RaffelEllisNet(7)),
    # Bidirectional two-layer GRU, shared temporal attention, attention pooling.
    ("SharedTemporalGruNet", (6, 3), None, lambda c: SharedTemporalGruNet()),
    # A bidirectional LSTM's final state.
    ("FinalStateLstmNet", (5, 3), None, lambda c: FinalStateLstmNet()),
]

BATCH = 2


def random_affine(module):
    """Moves every BatchNorm's weight and bias off PyTorch's 1 and 0 (from the seeded global
    generator), so that a swapped or ignored affine shows in the output."""
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    return module


def encode32(t):
    """encode() with each fp32 value written in 9 significant digits: enough to round-trip a
    float32 exactly, and half the text of the float64 repr."""
    e = encode(t)
    if e["dtype"] == "float32":
        e["data"] = [float(f"{v:.9g}") for v in e["data"]]
    return e


def run(name, shape, field, make):
    torch.manual_seed(zlib.crc32(name.encode()))
    net = Net(field, make(shape[0])) if field else make(shape[0])
    x = randn(BATCH, *shape, seed=name + ".input")
    state = {k: v.clone() for k, v in net.state_dict().items()}
    state_keys = list(state.keys())
    parameter_keys = [k for k, _ in net.named_parameters()]
    buffer_keys = [k for k in state_keys if k not in parameter_keys]

    x_leaf = x.clone().requires_grad_()
    y = net(x_leaf)
    weights = randn(*y.shape, seed=name + ".output_weights")
    (y * weights).sum().backward()
    parameters = dict(net.named_parameters())
    after = net.state_dict()

    mechanism = getattr(net, field) if field else net
    derived = {}
    for attribute in ("reduced", "kernel"):
        if hasattr(mechanism, attribute):
            derived[attribute] = getattr(mechanism, attribute)
    if isinstance(mechanism, Cbam):
        derived["reduced"] = mechanism.channel.reduced

    return {
        "input_shape": list(shape),
        "field": field,
        "state_keys": state_keys,
        "parameter_keys": parameter_keys,
        "parameter_count": sum(p.numel() for p in net.parameters()),
        **derived,
        "inputs": [encode32(x), encode32(weights)] + [encode32(state[k]) for k in state_keys],
        "outputs": [encode32(y), encode32(x_leaf.grad)] + [encode32(parameters[k].grad) for k in parameter_keys]
                   + [encode32(after[k]) for k in buffer_keys],
    }


def check_against_published_code():
    """The modules above against the formulations of the published code, in float64: the seed's
    SELayer (AdaptiveAvgPool2d + Sequential), torchvision's SE with 1x1 convolutions and hardsigmoid,
    CBAM's reference code (max_pool2d / avg_pool2d over the whole map, torch.max over channels) and
    ECA-Net's eca_layer (squeeze / transpose around the Conv1d). Stops the script on a mismatch."""
    g = torch.Generator().manual_seed(7)
    x = torch.randn(3, 32, 5, 6, generator=g, dtype=torch.float64)

    def close(a, b, what):
        if not torch.allclose(a, b, rtol=1e-12, atol=1e-12):
            raise AssertionError(f"{what}: reference disagrees with the published formulation")

    for gate, divisor, reduction, bias in (("sigmoid", 0, 16, True), ("sigmoid", 0, 8, False), ("hard_sigmoid", 8, 4, True)):
        se = SqueezeExcite(32, reduction, bias=bias, gate=gate, divisor=divisor).double()
        # The seed (and Hu et al.'s PyTorch ports): pool, Linear, ReLU, Linear, gate, expand_as.
        fc = nn.Sequential(se.fc1, nn.ReLU(), se.fc2, nn.Sigmoid() if gate == "sigmoid" else nn.Hardsigmoid())
        y = fc(nn.AdaptiveAvgPool2d(1)(x).view(3, 32)).view(3, 32, 1, 1)
        close(se(x), x * y.expand_as(x), f"SE {gate}")
        # torchvision.ops.SqueezeExcitation: the same FCs as 1x1 convolutions.
        s = F.adaptive_avg_pool2d(x, 1)
        s = F.conv2d(s, se.fc1.weight[:, :, None, None], se.fc1.bias)
        s = F.conv2d(F.relu(s), se.fc2.weight[:, :, None, None], se.fc2.bias)
        close(se(x), x * (torch.sigmoid(s) if gate == "sigmoid" else F.hardsigmoid(s)), f"SE {gate} as convolutions")

    cbam = Cbam(32, 16, 7).double()
    # CBAM's reference code: ChannelGate with avg_pool2d / max_pool2d over (H, W), SpatialGate with
    # ChannelPool = cat(max, mean), i.e. the other order of the two maps.
    mlp = cbam.channel.mlp
    att = mlp(F.avg_pool2d(x, (5, 6)).flatten(1)) + mlp(F.max_pool2d(x, (5, 6)).flatten(1))
    xc = x * torch.sigmoid(att)[:, :, None, None]
    pooled = torch.cat((torch.max(xc, 1)[0].unsqueeze(1), torch.mean(xc, 1).unsqueeze(1)), dim=1)
    swapped = cbam.spatial.conv.weight.flip(1)
    close(cbam(x), xc * torch.sigmoid(F.conv2d(pooled, swapped, padding=3)), "CBAM")

    for channels, expected_kernel in ((32, 3), (64, 3), (256, 5), (512, 5), (2048, 7)):
        if eca_kernel(channels) != expected_kernel:
            raise AssertionError(f"ECA kernel for {channels} channels")
    eca = Eca(32).double()
    # ECA-Net's eca_layer: y = avg_pool(x); conv(y.squeeze(-1).transpose(-1, -2)).transpose(-1, -2).unsqueeze(-1).
    y = nn.AdaptiveAvgPool2d(1)(x)
    y = eca.conv(y.squeeze(-1).transpose(-1, -2)).transpose(-1, -2).unsqueeze(-1)
    close(eca(x), x * torch.sigmoid(y).expand_as(x), "ECA")


def main():
    torch.set_num_threads(1)
    check_against_published_code()
    cases = {name: run(name, shape, field, make) for name, shape, field, make in CASES}
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    path = os.path.join(HERE, "expected", "mechanisms.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for name, c in cases.items():
        extra = ", ".join(f"{k} {c[k]}" for k in ("reduced", "kernel") if k in c)
        print(f"{name}: {c['parameter_count']} parameters; {', '.join(c['state_keys'])}" + (f"; {extra}" if extra else ""))
    print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
