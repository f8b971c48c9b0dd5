#!/usr/bin/env python3
"""Reference values for the DSL's hierarchical attention network (HierarchicalNet in tests/Attention.Dsl.Tests/QkvNetworks.cs).

Run with Debian's python3-torch (libtorch 1.13.1, the one the runtime binds):
    /usr/bin/python3 tests/Attention.Dsl.Tests/Reference/hierarchical.py

Yang et al. 2016's hierarchy, written here independently of the C# code: every sentence of a document through the word
encoder (token embeddings, a bidirectional GRU over its real words, packed as pack_padded_sequence, and attention
pooling over them: Raffel & Ellis' form, e = tanh(h . w + b), masked), then a bidirectional GRU over the sentence
vectors of the document's real sentences (those with at least one word), attention pooling over them, and a read-out.
ContextHierarchicalNet uses Yang et al.'s own attention at both levels (a projection and a learned context vector).
A sentence with no word gives a zero vector (PyTorch's packing refuses empty sequences, so they are left out here and
filled with zeros, which is what the runtime's packing gives them).

expected/hierarchical.json has masked.json's layout: inputs = [tokens [N, S, W], mask [N, S, W], W, state values];
outputs = [y, dL/dp for each parameter in key order] (token ids have no gradient)."""
import json
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "Attention.Runtime.Tests", "Reference"))

from harness import randint  # noqa: E402
from masked import masked_pooling, run, run_packed  # noqa: E402
from mechanisms import AttentionPooling  # noqa: E402


class ContextPooling(nn.Module):
    """Yang et al. 2016's attention: u_t = tanh(W h_t + b), e_t = u_t . u_w (a learned context vector),
    alpha = softmax of e over the real steps, c = sum alpha_t h_t."""

    def __init__(self, features, units):
        super().__init__()
        self.proj = nn.Linear(features, units)
        self.context = nn.Parameter(torch.randn(units) / units ** 0.5)

    def forward(self, h, mask):
        e = torch.tanh(self.proj(h)) @ self.context                     # [N, T]
        alpha = torch.softmax(e.masked_fill(~mask, float("-inf")), dim=1)
        return (alpha.unsqueeze(-1) * h).sum(dim=1)


def pool(module, h, mask):
    return module(h, mask) if isinstance(module, ContextPooling) else masked_pooling(module, h, mask)


def encode_rows(rnn, pooling, x, mask):
    """Each row of x [M, T, D] over its real steps (mask [M, T]) through rnn and masked pooling; empty rows give zeros."""
    real = mask.any(1)
    out = x.new_zeros(x.shape[0], 2 * rnn.hidden_size)
    if real.any():
        h, _ = run_packed(rnn, x[real], mask[real])
        out = out.index_put((real.nonzero().squeeze(1),), pool(pooling, h, mask[real]))
    return out


class WordEncoder(nn.Module):
    def __init__(self, units=0):
        super().__init__()
        self.embed1 = nn.Embedding(30, 8, padding_idx=0)
        self.gru1 = nn.GRU(8, 5, batch_first=True, bidirectional=True)
        self.attn_pool1 = ContextPooling(10, units) if units else AttentionPooling(10)

    def forward(self, tokens, mask):                                    # [M, W], [M, W]
        return encode_rows(self.gru1, self.attn_pool1, self.embed1(tokens), mask)


class ForEach(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.block = block

    def forward(self, x, mask):                                         # [N, S, W], [N, S, W]
        n, s = x.shape[:2]
        return self.block(x.flatten(0, 1), mask.flatten(0, 1)).unflatten(0, (n, s))


class HierarchicalNet(nn.Module):
    """With word_units and sentence_units, Yang et al.'s attention at the two levels (ContextHierarchicalNet)."""

    def __init__(self, word_units=0, sentence_units=0):
        super().__init__()
        self.each1 = ForEach(WordEncoder(word_units))
        self.gru1 = nn.GRU(10, 4, batch_first=True, bidirectional=True)
        self.attn_pool1 = ContextPooling(8, sentence_units) if sentence_units else AttentionPooling(8)
        self.fc1 = nn.Linear(8, 3)

    def forward(self, tokens, mask):
        sentences = self.each1(tokens, mask)                            # [N, S, 10]
        real = mask.any(-1)                                             # [N, S]: sentences with a word
        return self.fc1(encode_rows(self.gru1, self.attn_pool1, sentences, real))


def main():
    torch.set_num_threads(1)
    lengths = torch.tensor([[6, 3, 5, 2], [4, 6, 0, 0], [1, 0, 0, 0]])   # words per sentence; documents padded with empty sentences
    mask = torch.arange(6).view(1, 1, 6) < lengths.unsqueeze(-1)       # [3, 4, 6]
    tokens = randint(1, 30, 3, 4, 6, seed="HierarchicalNet.tokens") * mask
    cases = {
        "HierarchicalNet": run("HierarchicalNet", HierarchicalNet, tokens, mask),
        "ContextHierarchicalNet": run("ContextHierarchicalNet", lambda: HierarchicalNet(6, 5), tokens, mask),
    }
    path = os.path.join(HERE, "expected", "hierarchical.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for name, c in cases.items():
        print(f"{name}: {', '.join(c['state_keys'])}")
    print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
