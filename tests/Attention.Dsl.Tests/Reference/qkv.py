#!/usr/bin/env python3
"""Reference values for the DSL networks of the QKV family (tests/Attention.Dsl.Tests/QkvNetworks.cs).

Run with Debian's python3-torch (libtorch 1.13.1, the one the runtime binds):
    /usr/bin/python3 tests/Attention.Dsl.Tests/Reference/qkv.py

The attention modules are the references written from the papers in the runtime's tests
(tests/Attention.Runtime.Tests/Reference/cases_qkv.py: ScoredAttention after Bahdanau et al. 2015, Luong et al.
2015 and Vaswani et al. 2017; RelativePositionAttention after Shaw et al. 2018), imported so that each mechanism
has one reference definition; multi-head attention is torch.nn.MultiheadAttention itself (batch_first), with
PyTorch's mask polarity (True = do not attend) converted from the DSL's (True = a real step) here. Each network
registers its modules under the generated names, so the state dicts load by key.

expected/qkv.json has the layout of masked.json: inputs = [x, mask (all true for a network without one), W,
state-dict values in key order]; outputs = [y, dL/dx, dL/dp for each parameter in key order] for L = (y * W).sum()."""
import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_REFERENCE = os.path.join(HERE, "..", "..", "Attention.Runtime.Tests", "Reference")
sys.path.insert(0, HERE)
sys.path.insert(0, RUNTIME_REFERENCE)

from cases_qkv import RelativePositionAttention, ScoredAttention  # noqa: E402
from harness import randn  # noqa: E402
from masked import mask_of, masked_pooling, run  # noqa: E402  (the layout of masked.json, and its masking)
from mechanisms import AttentionPooling  # noqa: E402


def causal_mask(steps):
    """PyTorch's bool attn_mask for causal attention: True above the diagonal (a later key, do not attend)."""
    return torch.ones(steps, steps, dtype=torch.bool).triu(1)


class AdditiveSelfAttentionNet(nn.Module):
    """[Network(6, 4)] [Linear(8), ScoredAttention(Score = Additive, Units = 5), Flatten, Linear(3)]"""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.attn1 = ScoredAttention(8, 8, score="Additive", units=5)
        self.fc2 = nn.Linear(48, 3)

    def forward(self, x, mask):
        h = self.fc1(x)
        return self.fc2(self.attn1(h, h)[0].flatten(1))


class CausalAttentionNet(nn.Module):
    """[Network(5, 8)] [MultiHeadAttention(Heads = 4, Causal = true),
    ScoredAttention(Score = Concat, Units = 4, Causal = true), Linear(2)]"""

    def __init__(self):
        super().__init__()
        self.mha1 = nn.MultiheadAttention(8, 4, batch_first=True)
        self.attn1 = ScoredAttention(8, 8, score="Concat", units=4, causal=True)
        self.fc1 = nn.Linear(8, 2)

    def forward(self, x, mask):
        h, _ = self.mha1(x, x, x, attn_mask=causal_mask(x.shape[1]), need_weights=False)
        return self.fc1(self.attn1(h, h)[0])


class MaskedQkvNet(nn.Module):
    """[Network(Dimension.Open, 8, PaddingMask = true)] [MultiHeadAttention(Heads = 2), LayerNorm]
    [RelativePositionAttention(Heads = 2, MaxDistance = 2, RelativeValues = true)]
    [ScoredAttention(Score = General, Alignment = LocalPredictive, Window = 2)] [AttentionPooling, Linear(3)]"""

    def __init__(self):
        super().__init__()
        self.mha1 = nn.MultiheadAttention(8, 2, batch_first=True)
        self.ln1 = nn.LayerNorm(8)
        self.rel_attn1 = RelativePositionAttention(8, 2, 2, relative_values=True)
        self.attn1 = ScoredAttention(8, 8, score="General", alignment="LocalPredictive", window=2)
        self.attn_pool1 = AttentionPooling(8)
        self.fc1 = nn.Linear(8, 3)

    def forward(self, x, mask):
        h, _ = self.mha1(x, x, x, key_padding_mask=~mask, need_weights=False)
        h, _ = self.rel_attn1(self.ln1(h), mask)
        h, _ = self.attn1(h, h, mask)
        return self.fc1(masked_pooling(self.attn_pool1, h, mask))


class Residual(nn.Module):
    """The generated Residual: y = branch(x) + x (identity shortcut)."""

    def __init__(self, branch):
        super().__init__()
        self.branch = branch

    def forward(self, x):
        return self.branch(x) + x


class PreNormSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(8)
        self.mha1 = nn.MultiheadAttention(8, 2, batch_first=True)

    def forward(self, x):
        h = self.ln1(x)
        return self.mha1(h, h, h, need_weights=False)[0]


class PreNormFeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(8)
        self.fc1 = nn.Linear(8, 32)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(self.ln1(x))))


class PreNormEncoderNet(nn.Module):
    """A pre-norm transformer encoder layer: x + MHA(LN(x)), then x + FFN(LN(x)), then LayerNorm."""

    def __init__(self):
        super().__init__()
        self.layer1 = nn.Sequential(Residual(PreNormSelfAttention()))
        self.layer2 = nn.Sequential(Residual(PreNormFeedForward()))
        self.ln1 = nn.LayerNorm(8)

    def forward(self, x, mask):
        return self.ln1(self.layer2(self.layer1(x)))


class MaskedResidual(nn.Module):
    """The generated MaskedResidual: y = branch(x, mask) + x."""

    def __init__(self, branch):
        super().__init__()
        self.branch = branch

    def forward(self, x, mask):
        return self.branch(x, mask) + x


class SelfAttentionSublayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.mha1 = nn.MultiheadAttention(8, 2, batch_first=True)

    def forward(self, x, mask):
        return self.mha1(x, x, x, key_padding_mask=~mask, need_weights=False)[0]


class FeedForwardSublayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 32)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class MaskedPostNormEncoderNet(nn.Module):
    """A post-norm encoder layer (Vaswani et al. 2017): LN(x + MHA(x)), LN(x + FFN(x)), the padding mask given to the
    attention (PyTorch's key_padding_mask = not mask); then masked attention pooling and a read-out."""

    def __init__(self):
        super().__init__()
        self.layer1 = nn.ModuleList([MaskedResidual(SelfAttentionSublayer())])
        self.ln1 = nn.LayerNorm(8)
        self.layer2 = nn.Sequential(Residual(FeedForwardSublayer()))
        self.ln2 = nn.LayerNorm(8)
        self.attn_pool1 = AttentionPooling(8)
        self.fc1 = nn.Linear(8, 3)

    def forward(self, x, mask):
        h = self.ln1(self.layer1[0](x, mask))
        h = self.ln2(self.layer2(h))
        return self.fc1(masked_pooling(self.attn_pool1, h, mask))


def main():
    torch.set_num_threads(1)
    cases = {
        "AdditiveSelfAttentionNet": run("AdditiveSelfAttentionNet", AdditiveSelfAttentionNet,
                                        randn(3, 6, 4, seed="AdditiveSelfAttentionNet.input"), mask_of([6, 6, 6], 6)),
        "CausalAttentionNet": run("CausalAttentionNet", CausalAttentionNet,
                                  randn(3, 5, 8, seed="CausalAttentionNet.input"), mask_of([5, 5, 5], 5)),
        "MaskedQkvNet": run("MaskedQkvNet", MaskedQkvNet, randn(3, 7, 8, seed="MaskedQkvNet.input"), mask_of([7, 4, 1], 7)),
        "MaskedPostNormEncoderNet": run("MaskedPostNormEncoderNet", MaskedPostNormEncoderNet,
                                        randn(3, 7, 8, seed="MaskedPostNormEncoderNet.input"), mask_of([7, 2, 5], 7)),
        "PreNormEncoderNet": run("PreNormEncoderNet", PreNormEncoderNet,
                                 randn(3, 6, 8, seed="PreNormEncoderNet.input"), mask_of([6, 6, 6], 6)),
    }
    path = os.path.join(HERE, "expected", "qkv.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for name, c in cases.items():
        print(f"{name}: {', '.join(c['state_keys'])}")
    print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
