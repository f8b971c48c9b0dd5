#!/usr/bin/env python3
"""Reference values for DSL networks that take a padding mask, written from the papers.

Run with Debian's python3-torch (libtorch 1.13.1, the one the runtime binds):
    /usr/bin/python3 tests/Attention.Dsl.Tests/Reference/masked.py

The mask is [N, T] bool, true for a real step, sequences padded at the end. What each layer does
with it, written here independently of the C# code:
- LSTM / GRU: torch.nn.utils.rnn.pack_padded_sequence (enforce_sorted=False), the module over the
  packed batch, pad_packed_sequence back to T steps (zeros after each length). The last step is
  each sequence's own last real step.
- Attention pooling (Raffel & Ellis 2015, with seed 004's masking): e_t = tanh(h_t . w + b),
  alpha = softmax of e over the real steps only (masked_fill(-inf) before the softmax), c = sum alpha_t h_t.
- Temporal attention (seed 000's attention_3d_block) over the real steps: padded steps are zeroed,
  the softmax over the steps runs over the real ones, the weights of padded steps are 0.
- Positional encoding (Vaswani et al. 2017): PE(p, 2i) = sin(p / 10000^(2i/d)),
  PE(p, 2i+1) = cos(p / 10000^(2i/d)), added to the embeddings; step-local, the mask passes by.

expected/masked.json has the layout of mechanisms.json (read by ReferenceData.cs): inputs = [x,
mask, W, state-dict values in key order]; outputs = [y, dL/dx (float inputs only), dL/dp for each
parameter in key order] for L = (y * W).sum()."""
import json
import math
import os
import sys
import zlib

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "Attention.Runtime.Tests", "Reference"))

from harness import encode, randint, randn  # noqa: E402
from mechanisms import AttentionPooling, TemporalAttention, encode32  # noqa: E402


def run_packed(rnn, x, mask):
    """rnn (batch first) over each sequence's real steps; the output padded with zeros to T steps."""
    lengths = mask.sum(1)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    output, final = rnn(packed)
    padded, _ = pad_packed_sequence(output, batch_first=True, total_length=x.shape[1])
    return padded, final


def masked_pooling(pool, x, mask):
    e = torch.tanh(x @ pool.weight + pool.bias)                  # [N, T]
    alpha = F.softmax(e.masked_fill(~mask, float("-inf")), dim=1)
    return (alpha.unsqueeze(-1) * x).sum(dim=1)                  # [N, D]


def masked_temporal(attention, x, mask):
    x = x * mask.unsqueeze(-1)                                   # padded steps cannot reach a score
    scores = attention.fc(x.transpose(1, 2))                     # [N, D, T]
    a = F.softmax(scores.masked_fill(~mask.unsqueeze(1), float("-inf")), dim=-1)
    if attention.shared:
        a = a.mean(dim=1, keepdim=True)
    return x * a.transpose(1, 2)


def sinusoid_table(length, features):
    table = torch.zeros(length, features)
    for p in range(length):
        for i in range(0, features, 2):
            angle = p / math.pow(10000, i / features)
            table[p, i] = math.sin(angle)
            if i + 1 < features:
                table[p, i + 1] = math.cos(angle)
    return table


class MaskedTokenNet(nn.Module):
    """[Network(Dimension.Open, PaddingMask = true)] [Embedding(20, 6, PaddingIndex = 0),
    PositionalEncoding(MaxLength = 16), Lstm(5, Layers = 2, Bidirectional = true), LayerNorm,
    AttentionPooling, Linear(3)]"""

    def __init__(self):
        super().__init__()
        self.embed1 = nn.Embedding(20, 6, padding_idx=0)
        self.register_buffer("table", sinusoid_table(16, 6), persistent=False)
        self.lstm1 = nn.LSTM(6, 5, num_layers=2, batch_first=True, bidirectional=True)
        self.ln1 = nn.LayerNorm(10)
        self.attn_pool1 = AttentionPooling(10)
        self.fc1 = nn.Linear(10, 3)

    def forward(self, tokens, mask):
        h = self.embed1(tokens) + self.table[: tokens.shape[1]]
        h, _ = run_packed(self.lstm1, h, mask)
        return self.fc1(masked_pooling(self.attn_pool1, self.ln1(h), mask))


class MaskedFixedNet(nn.Module):
    """[Network(7, 3, PaddingMask = true)] [TemporalAttention, Gru(4, Output = LastStep), Linear(2)]"""

    def __init__(self):
        super().__init__()
        self.temporal1 = TemporalAttention(7)
        self.gru1 = nn.GRU(3, 4, batch_first=True)
        self.fc1 = nn.Linear(4, 2)

    def forward(self, x, mask):
        h, _ = run_packed(self.gru1, masked_temporal(self.temporal1, x, mask), mask)
        last = h[torch.arange(x.shape[0]), mask.sum(1) - 1]      # each sequence's last real step
        return self.fc1(last)


def mask_of(lengths, steps):
    return torch.arange(steps).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)


def run(name, make, x, mask):
    torch.manual_seed(zlib.crc32(name.encode()))
    net = make()
    with torch.no_grad():
        for p in net.parameters():       # off the initial values, so that a swapped weight shows
            p.add_(randn(*p.shape, seed=name + ".shift") * 0.1)
    state = {k: v.clone() for k, v in net.state_dict().items()}
    keys = list(state.keys())
    floating = x.is_floating_point()
    x_leaf = x.clone().requires_grad_() if floating else x
    y = net(x_leaf, mask)
    weights = randn(*y.shape, seed=name + ".output_weights")
    (y * weights).sum().backward()
    parameters = dict(net.named_parameters())
    return {
        "state_keys": keys,
        "inputs": [encode(x) if not floating else encode32(x), encode(mask), encode32(weights)] + [encode32(state[k]) for k in keys],
        "outputs": [encode32(y)] + ([encode32(x_leaf.grad)] if floating else []) + [encode32(parameters[k].grad) for k in keys],
    }


def main():
    torch.set_num_threads(1)
    lengths = [5, 8, 2]
    tokens = randint(1, 20, 3, 8, seed="MaskedTokenNet.tokens")
    token_mask = mask_of(lengths, 8)
    tokens = tokens * token_mask                                   # padding index 0 after each length
    x = randn(3, 7, 3, seed="MaskedFixedNet.input")
    cases = {
        "MaskedTokenNet": run("MaskedTokenNet", MaskedTokenNet, tokens, token_mask),
        "MaskedFixedNet": run("MaskedFixedNet", MaskedFixedNet, x, mask_of([4, 7, 1], 7)),
    }
    path = os.path.join(HERE, "expected", "masked.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
