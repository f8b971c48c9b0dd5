"""The query-key-value attention modules of the runtime (Attention.Runtime.Modules: ScoredAttention and
RelativePositionAttention) against PyTorch modules written here from the papers:
- score functions: dot and "general" (q^T W k) and "concat" (v^T tanh(W [q; k])) of Luong, Pham and Manning
  2015, "Effective Approaches to Attention-based Neural Machine Translation"; additive attention
  (v^T tanh(W q + U k)) of Bahdanau, Cho and Bengio 2015, "Neural Machine Translation by Jointly Learning to
  Align and Translate"; scaled dot product (q . k / sqrt(d)) of Vaswani et al. 2017, "Attention Is All You
  Need"; cosine similarity, the content addressing of Graves, Wayne and Danihelka 2014, "Neural Turing
  Machines" (without the key strength);
- alignments: soft (global) attention; Luong et al. 2015's local-m (window around p_t = t) and local-p
  (predicted p_t, hard window, Gaussian factor with sigma = D / 2, not renormalised); hard attention, one-hot
  at the argmax in evaluation mode;
- RelativePositionAttention: multi-head self-attention with clipped relative position representations,
  Shaw, Uszkoreit and Vaswani 2018, "Self-Attention with Relative Position Representations" (a^K on the keys,
  optionally a^V on the values), laid out as torch.nn.MultiheadAttention (in_proj_weight, out_proj).

Masks are bool [N, S], TRUE = a real step (right padded), the opposite of PyTorch's key_padding_mask. A query
row with no key left (zero real steps, or none inside its window) has all-zero weights and a zero output; the
queries at padded steps are computed like the others (only keys are masked). Every
case runs in evaluation mode (only the Hard alignment depends on it) and in float32 unless its name ends in
_float64.

Inputs and outputs of a qkv_* case (ScoredAttention):
    inputs:  query [N, L, Dq]; keys [N, S, Dk] (only in *_cross* cases: a *_self* case passes one sequence
             [N, T, D], used as both query and keys); mask [N, S] (only in *_masked* cases); the parameters in
             the module's order, query_proj.weight, key_proj.weight, concat_proj.weight, energy.weight,
             position_proj.weight, position_energy.weight (only those the case's module has); w_out [N, L, Dk].
    outputs: output [N, L, Dk]; weights [N, L, S]; then the gradients of loss = (output * w_out).sum():
             dL/dquery, dL/dkeys (only in *_cross* cases; a *_self* case has one gradient, that of its one
             sequence), and dL/dparameter for each parameter in the order above.
Inputs and outputs of an rpa_* case (RelativePositionAttention, E = 8, H = 2, max_distance k = 2, N = 2, T = 6):
    inputs:  x [N, T, E]; mask [N, T] (only in *_masked* cases); the parameters in the module's order,
             in_proj_weight [3E, E], in_proj_bias [3E] (with bias), relative_keys.weight [2k+1, E/H],
             relative_values.weight [2k+1, E/H] (with relative values), out_proj.weight [E, E], out_proj.bias [E]
             (with bias); w_out [N, T, E].
    outputs: output [N, T, E]; weights [N, H, T, T]; dL/dx; dL/dparameter for each parameter in the order above,
             with loss = (output * w_out).sum().
The constructor arguments of each case are those in its CASES entry (ScoredAttention's and
RelativePositionAttention's keyword names and enum member names, as in the runtime). Parameters are randn * 0.5
and every input is seeded from the case name.

Importing this module also checks the references (at the end of the file; AssertionError on failure): in
float64 against independent formulations, RelativePositionAttention against torch.nn.MultiheadAttention (zero
relative tables) and against seed 002's code, Concat against Additive, ScaledDot against
softmax(q k^T / sqrt(d)) k, Cosine against F.cosine_similarity; and every case's outputs: no NaN, zero rows
where no key is left, local windows respected (local-p: zero outside |s - p_t| <= D, rows summing to less than
1, i.e. not renormalised), and no float32 case within 1e-3 of an argmax tie or a local-p window edge."""
import math

import torch
import torch.nn.functional as F
from torch import nn

from harness import case, randn


def masked_softmax(e, allowed):
    """softmax(e) over the last dimension among the allowed entries; a row with none allowed gives zeros."""
    w = torch.softmax(e.masked_fill(~allowed, float("-inf")), dim=-1)
    return w.masked_fill(~allowed, 0.0)  # the empty rows' NaN (from all -inf) become 0, in value and gradient


def key_mask(mask, rows):
    """[N, S] key mask (TRUE = real) -> [N, 1, S] (ScoredAttention) or [N, 1, 1, S] (rows = 2, per head)."""
    return mask.view(mask.shape[0], *([1] * rows), mask.shape[1])


def causal_mask(length_q, length_k):
    """[L, S]: key s may be attended from query t when s <= t."""
    return torch.ones(length_q, length_k, dtype=torch.bool).tril()


# ---- ScoredAttention --------------------------------------------------------------------------------

class ScoredAttention(nn.Module):
    """context[n, t] = sum_s w[n, t, s] keys[n, s], w = alignment(score(query[n, t], keys[n, s])).
    score and alignment are the runtime's enum member names; units A = key_features when 0. Submodules are
    created in the runtime's parameter order: query_proj, key_proj, concat_proj, energy, position_proj,
    position_energy (those the score and alignment need)."""

    SCORES = ("Dot", "ScaledDot", "General", "Concat", "Additive", "Cosine")
    ALIGNMENTS = ("Soft", "LocalMonotonic", "LocalPredictive", "Hard")

    def __init__(self, query_features, key_features, score="ScaledDot", units=0, alignment="Soft", window=0,
                 temperature=1.0, causal=False):
        super().__init__()
        if score not in self.SCORES or alignment not in self.ALIGNMENTS:
            raise ValueError(f"unknown score {score} or alignment {alignment}")
        if score in ("Dot", "ScaledDot", "Cosine") and query_features != key_features:
            raise ValueError(f"{score} needs as many query as key features")
        self.score, self.alignment, self.window = score, alignment, window
        self.temperature, self.causal = temperature, causal
        units = units or key_features
        if score == "Additive":
            self.query_proj = nn.Linear(query_features, units, bias=False)
        if score in ("General", "Additive"):
            self.key_proj = nn.Linear(key_features, query_features if score == "General" else units, bias=False)
        if score == "Concat":
            self.concat_proj = nn.Linear(query_features + key_features, units, bias=False)
        if score in ("Concat", "Additive"):
            self.energy = nn.Linear(units, 1, bias=False)
        if alignment == "LocalPredictive":
            self.position_proj = nn.Linear(query_features, units, bias=False)
            self.position_energy = nn.Linear(units, 1, bias=False)

    def scores(self, q, k):
        """e [N, L, S] for query [N, L, Dq] and keys [N, S, Dk]."""
        if self.score == "Dot":
            return q @ k.transpose(1, 2)
        if self.score == "ScaledDot":
            return q @ k.transpose(1, 2) / math.sqrt(k.shape[-1])
        if self.score == "General":
            return q @ self.key_proj(k).transpose(1, 2)
        if self.score == "Concat":
            pairs = torch.cat([q[:, :, None, :].expand(-1, -1, k.shape[1], -1),
                               k[:, None, :, :].expand(-1, q.shape[1], -1, -1)], dim=-1)  # [N, L, S, Dq + Dk]
            return self.energy(torch.tanh(self.concat_proj(pairs))).squeeze(-1)
        if self.score == "Additive":
            hidden = self.query_proj(q)[:, :, None, :] + self.key_proj(k)[:, None, :, :]  # [N, L, S, A]
            return self.energy(torch.tanh(hidden)).squeeze(-1)
        norms = q.norm(dim=-1)[:, :, None] * k.norm(dim=-1)[:, None, :]  # Cosine
        return q @ k.transpose(1, 2) / norms.clamp_min(1e-8)

    def predicted_positions(self, q, mask, length):
        """Local-p's p_t [N, L] = (S_n - 1) sigmoid(position_energy(tanh(position_proj(q_t)))), S_n = real keys of row n."""
        real = mask.sum(-1).to(q.dtype) if mask is not None else torch.full(q.shape[:1], float(length), dtype=q.dtype)
        gate = torch.sigmoid(self.position_energy(torch.tanh(self.position_proj(q)))).squeeze(-1)
        return (real[:, None] - 1) * gate

    def allowed(self, q, k, mask):
        """[N, L, S] bool: the keys each query may attend to (mask, causal order, local window)."""
        n, length_q, length_k = q.shape[0], q.shape[1], k.shape[1]
        allowed = torch.ones(n, length_q, length_k, dtype=torch.bool)
        if mask is not None:
            allowed = allowed & key_mask(mask, 1)
        if self.causal:
            allowed = allowed & causal_mask(length_q, length_k)
        s = torch.arange(length_k, dtype=q.dtype)
        if self.alignment == "LocalMonotonic":
            t = torch.arange(length_q, dtype=q.dtype)
            allowed = allowed & ((s[None, :] - t[:, None]).abs() <= self.window)
        if self.alignment == "LocalPredictive":
            p = self.predicted_positions(q, mask, length_k).detach()  # the window's edges carry no gradient
            allowed = allowed & ((s - p[:, :, None]).abs() <= self.window)
        return allowed

    def forward(self, query, keys, mask=None):
        """(context [N, L, Dk], weights [N, L, S])."""
        e = self.scores(query, keys)
        allowed = self.allowed(query, keys, mask)
        if self.alignment == "Hard":
            if self.training:  # Gumbel-softmax straight-through: random, not a parity case
                w = F.gumbel_softmax(e.masked_fill(~allowed, float("-inf")), tau=self.temperature, hard=True)
                w = w.masked_fill(~allowed, 0.0)
            else:  # one-hot at the first maximum among the allowed keys
                first = e.masked_fill(~allowed, float("-inf")).argmax(-1)
                w = F.one_hot(first, e.shape[-1]).to(e.dtype) * allowed.any(-1, keepdim=True)
        else:
            w = masked_softmax(e, allowed)
        if self.alignment == "LocalPredictive":
            sigma = self.window / 2
            p = self.predicted_positions(query, mask, keys.shape[1])
            s = torch.arange(keys.shape[1], dtype=query.dtype)
            w = w * torch.exp(-(s - p[:, :, None]) ** 2 / (2 * sigma ** 2))  # not renormalised
        return w @ keys, w


# ---- RelativePositionAttention ----------------------------------------------------------------------

class RelativePositionAttention(nn.Module):
    """Shaw et al. 2018: e_ij = q_i . (k_j + a^K_ij) / sqrt(d), o_i = sum_j w_ij (v_j + a^V_ij), with
    a_ij = table[clip(j - i, -k, k) + k]; heads and projections as torch.nn.MultiheadAttention. Parameters in
    the runtime's order: in_proj_weight, in_proj_bias, relative_keys.weight, relative_values.weight,
    out_proj.weight, out_proj.bias. (The initial values are MultiheadAttention's and nn.Embedding's; the
    cases copy every parameter in, so they are not compared.)"""

    def __init__(self, embed_dim, num_heads, max_distance, bias=True, relative_values=False, causal=False):
        super().__init__()
        if embed_dim % num_heads:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.num_heads, self.head_dim, self.max_distance, self.causal = num_heads, embed_dim // num_heads, max_distance, causal
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim)) if bias else None
        self.relative_keys = nn.Embedding(2 * max_distance + 1, self.head_dim)
        self.relative_values = nn.Embedding(2 * max_distance + 1, self.head_dim) if relative_values else None
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        nn.init.xavier_uniform_(self.in_proj_weight)
        if bias:
            nn.init.zeros_(self.out_proj.bias)

    def distances(self, length):
        """[T, T] table rows: dist[i, j] = clip(j - i, -k, k) + k (i = query, j = key position)."""
        position = torch.arange(length)
        return (position[None, :] - position[:, None]).clamp(-self.max_distance, self.max_distance) + self.max_distance

    def forward(self, x, mask=None):
        """(output [N, T, E], weights [N, H, T, T])."""
        n, length, embed_dim = x.shape
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        q, k, v = (t.reshape(n, length, self.num_heads, self.head_dim).transpose(1, 2) for t in (q, k, v))  # [N, H, T, d]
        dist = self.distances(length)
        a_k = self.relative_keys.weight[dist]  # [T, T, d]
        e = (q @ k.transpose(-1, -2) + torch.einsum("nhid,ijd->nhij", q, a_k)) / math.sqrt(self.head_dim)
        allowed = torch.ones(n, 1, length, length, dtype=torch.bool)
        if mask is not None:
            allowed = allowed & key_mask(mask, 2)
        if self.causal:
            allowed = allowed & causal_mask(length, length)
        w = masked_softmax(e, allowed)
        o = w @ v
        if self.relative_values is not None:
            o = o + torch.einsum("nhij,ijd->nhid", w, self.relative_values.weight[dist])
        return self.out_proj(o.transpose(1, 2).reshape(n, length, embed_dim)), w


# ---- case builders ----------------------------------------------------------------------------------

def lengths_mask(lengths, steps):
    """[N, steps] bool, TRUE for the first lengths[n] steps of row n."""
    return torch.arange(steps)[None, :] < torch.tensor(lengths)[:, None]


def parameter_inputs(name, module, dtype):
    return [randn(*p.shape, dtype=dtype, seed=f"{name}_p{i}") * 0.5 for i, p in enumerate(module.parameters())]


def load(module, values):
    with torch.no_grad():
        for p, v in zip(module.parameters(), values):
            p.copy_(v)
    return module


def scored_run(config, cross, masked):
    """fn(query, [keys], [mask], *parameters, w_out) -> output, weights, dL/dquery, [dL/dkeys], dL/dparameters."""
    def fn(*inputs):
        sequences = [x.clone().requires_grad_() for x in inputs[:2 if cross else 1]]
        rest = inputs[len(sequences):]
        mask, rest = (rest[0], rest[1:]) if masked else (None, rest)
        *parameters, w_out = rest
        query, keys = sequences[0], sequences[-1]
        module = load(ScoredAttention(query.shape[-1], keys.shape[-1], **config).to(query.dtype), parameters).eval()
        output, weights = module(query, keys, mask)
        (output * w_out).sum().backward()
        return [output, weights] + [s.grad for s in sequences] + [p.grad for p in module.parameters()]
    return fn


def scored_case(name, config, query, keys=None, lengths=None, dtype=torch.float32):
    """query, keys: shapes (keys None for self-attention); lengths: real keys per row for a mask."""
    sequences = [randn(*query, dtype=dtype, seed=f"{name}_q")] + ([randn(*keys, dtype=dtype, seed=f"{name}_k")] if keys else [])
    key_shape = keys or query
    mask = [lengths_mask(lengths, key_shape[1])] if lengths is not None else []
    module = ScoredAttention(query[-1], key_shape[-1], **config)
    w_out = randn(query[0], query[1], key_shape[-1], dtype=dtype, seed=f"{name}_w_out")
    c = case(name, scored_run(config, keys is not None, lengths is not None),
             *sequences, *mask, *parameter_inputs(name, module, dtype), w_out)
    c.config, c.cross, c.masked = config, keys is not None, lengths is not None  # for the checks below
    return c


RPA = {"embed_dim": 8, "num_heads": 2, "max_distance": 2}
RPA_SHAPE = (2, 6, 8)  # N, T, E


def rpa_run(config, masked):
    """fn(x, [mask], *parameters, w_out) -> output, weights, dL/dx, dL/dparameters."""
    def fn(x, *rest):
        mask, rest = (rest[0], rest[1:]) if masked else (None, rest)
        *parameters, w_out = rest
        x = x.clone().requires_grad_()
        module = load(RelativePositionAttention(**RPA, **config).to(x.dtype), parameters).eval()
        output, weights = module(x, mask)
        (output * w_out).sum().backward()
        return [output, weights, x.grad] + [p.grad for p in module.parameters()]
    return fn


def rpa_case(name, config, lengths=None, dtype=torch.float32):
    mask = [lengths_mask(lengths, RPA_SHAPE[1])] if lengths is not None else []
    return case(name, rpa_run(config, lengths is not None), randn(*RPA_SHAPE, dtype=dtype, seed=f"{name}_x"), *mask,
                *parameter_inputs(name, RelativePositionAttention(**RPA, **config), dtype),
                randn(*RPA_SHAPE, dtype=dtype, seed=f"{name}_w_out"))


SELF = (2, 5, 4)                      # N, T, D
CROSS_Q, CROSS_K = (2, 3, 4), (2, 6, 5)  # query [N, L, Dq], keys [N, S, Dk] (scores with parameters)
EQUAL_K = (2, 6, 4)                   # keys for Dot, ScaledDot and Cosine across sequences

CASES = [
    # every score function, self-attention, soft
    scored_case("qkv_dot_self", {"score": "Dot"}, SELF),
    scored_case("qkv_scaled_dot_self", {"score": "ScaledDot"}, SELF),
    scored_case("qkv_general_self", {"score": "General"}, SELF),
    scored_case("qkv_concat_self", {"score": "Concat", "units": 3}, SELF),
    scored_case("qkv_additive_self", {"score": "Additive", "units": 3}, SELF),
    scored_case("qkv_cosine_self", {"score": "Cosine"}, SELF),
    # across sequences, masked; the second row has no real key (zero weights and output)
    scored_case("qkv_general_cross_masked", {"score": "General"}, CROSS_Q, CROSS_K, lengths=[4, 0]),
    scored_case("qkv_concat_cross_masked", {"score": "Concat"}, CROSS_Q, CROSS_K, lengths=[4, 0]),  # units = Dk = 5
    scored_case("qkv_additive_cross_masked", {"score": "Additive", "units": 3}, CROSS_Q, CROSS_K, lengths=[4, 0]),
    scored_case("qkv_dot_cross_masked", {"score": "Dot"}, CROSS_Q, EQUAL_K, lengths=[5, 2]),
    scored_case("qkv_scaled_dot_cross_masked", {"score": "ScaledDot"}, CROSS_Q, EQUAL_K, lengths=[5, 2]),
    scored_case("qkv_cosine_cross_masked", {"score": "Cosine"}, CROSS_Q, EQUAL_K, lengths=[5, 2]),
    # causal
    scored_case("qkv_scaled_dot_self_causal", {"score": "ScaledDot", "causal": True}, SELF),
    scored_case("qkv_additive_self_causal_masked", {"score": "Additive", "units": 3, "causal": True}, SELF, lengths=[5, 3]),
    # Luong's local attention
    scored_case("qkv_local_m_scaled_dot_self", {"score": "ScaledDot", "alignment": "LocalMonotonic", "window": 1}, SELF),
    scored_case("qkv_local_m_additive_cross_masked",
                {"score": "Additive", "units": 3, "alignment": "LocalMonotonic", "window": 1}, CROSS_Q, CROSS_K, lengths=[6, 2]),
    scored_case("qkv_local_p_general_self_masked", {"score": "General", "alignment": "LocalPredictive", "window": 2},
                SELF, lengths=[5, 3]),
    scored_case("qkv_local_p_concat_cross", {"score": "Concat", "units": 3, "alignment": "LocalPredictive", "window": 2},
                CROSS_Q, CROSS_K),
    # hard attention, evaluation mode: one-hot weights, so the scores get no gradient (only the chosen values do)
    scored_case("qkv_hard_dot_self_masked", {"score": "Dot", "alignment": "Hard"}, SELF, lengths=[5, 3]),
    # float64, for gradient checks
    scored_case("qkv_additive_cross_masked_float64", {"score": "Additive", "units": 3}, CROSS_Q, CROSS_K,
                lengths=[4, 0], dtype=torch.float64),

    rpa_case("rpa_plain", {}),
    rpa_case("rpa_masked", {}, lengths=[6, 3]),
    rpa_case("rpa_causal", {"causal": True}),
    rpa_case("rpa_relative_values", {"relative_values": True}),
    rpa_case("rpa_no_bias", {"bias": False}),
    rpa_case("rpa_relative_values_masked_float64", {"relative_values": True}, lengths=[6, 3], dtype=torch.float64),
]


# ---- checks, run at import: the references against independent formulations (float64), and every case ---

def expect_close(name, actual, expected, tolerance=1e-10):
    error = (actual - expected).abs().max().item()
    if not error <= tolerance:
        raise AssertionError(f"{name}: max |difference| {error:.3g} > {tolerance:g}")


def check_against_multihead_attention():
    """(1) With zero relative tables (and max_distance >= T - 1) Shaw's attention is MultiheadAttention."""
    n, length, embed_dim, heads = 2, 6, 8, 2
    x = randn(n, length, embed_dim, dtype=torch.float64, seed="check_mha_x")
    mask = lengths_mask([6, 3], length)
    for bias in (True, False):
        for causal in (False, True):
            for masked in (False, True):
                ours = RelativePositionAttention(embed_dim, heads, length - 1, bias=bias, causal=causal).double()
                load(ours, parameter_inputs(f"check_mha_{bias}", ours, torch.float64))
                with torch.no_grad():
                    ours.relative_keys.weight.zero_()
                mha = nn.MultiheadAttention(embed_dim, heads, bias=bias, batch_first=True, dtype=torch.float64)
                with torch.no_grad():
                    mha.in_proj_weight.copy_(ours.in_proj_weight)
                    mha.out_proj.weight.copy_(ours.out_proj.weight)
                    if bias:
                        mha.in_proj_bias.copy_(ours.in_proj_bias)
                        mha.out_proj.bias.copy_(ours.out_proj.bias)
                expected, expected_weights = mha(x, x, x, need_weights=True, average_attn_weights=False,
                                                 key_padding_mask=~mask if masked else None,
                                                 attn_mask=~causal_mask(length, length) if causal else None)
                output, weights = ours(x, mask if masked else None)
                label = f"RelativePositionAttention vs MultiheadAttention (bias={bias}, causal={causal}, masked={masked})"
                expect_close(label + " output", output, expected)
                expect_close(label + " weights", weights, expected_weights)


class Seed002RelativePositionAttention(nn.Module):
    """Seed 002's code, verbatim apart from the name: its table is indexed by clip(i - j) + k."""

    def __init__(self, d_model, num_heads, max_rel_dist=4):
        super().__init__()
        self.d_head = d_model // num_heads; self.num_heads = num_heads; self.max_rel_dist = max_rel_dist
        self.rel_emb = nn.Embedding(2*max_rel_dist+1, self.d_head)
        self.qkv = nn.Linear(d_model, 3*d_model); self.out = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, N, _ = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, self.d_head)
        q, k, v = qkv.unbind(2)
        attn_content = torch.einsum('bnhd,bmhd->bhnm', q, k)
        pos_ids = torch.arange(N, device=x.device)
        rel_pos = pos_ids[:, None] - pos_ids[None, :]
        rel_pos = torch.clamp(rel_pos, -self.max_rel_dist, self.max_rel_dist)
        rel_pos += self.max_rel_dist
        rel_emb = self.rel_emb(rel_pos)
        attn_bias = torch.einsum('bnhd,nmd->bhnm', q, rel_emb)
        attn = (attn_content + attn_bias) / (self.d_head ** 0.5)
        attn = attn.softmax(dim=-1)
        out = torch.einsum('bhnm,bmhd->bnhd', attn, v)
        out = self.out(out.reshape(B, N, -1))
        return out


def check_against_seed_002():
    """(2) Seed 002's module with its table = ours flipped along dim 0 (clipping exercised: k = 2 < T - 1)."""
    x = randn(*RPA_SHAPE, dtype=torch.float64, seed="check_seed_002_x")
    ours = RelativePositionAttention(**RPA).double()
    load(ours, parameter_inputs("check_seed_002", ours, torch.float64))
    seed = Seed002RelativePositionAttention(RPA["embed_dim"], RPA["num_heads"], RPA["max_distance"]).double()
    with torch.no_grad():
        seed.rel_emb.weight.copy_(ours.relative_keys.weight.flip(0))
        seed.qkv.weight.copy_(ours.in_proj_weight)
        seed.qkv.bias.copy_(ours.in_proj_bias)
        seed.out.weight.copy_(ours.out_proj.weight)
        seed.out.bias.copy_(ours.out_proj.bias)
    expect_close("RelativePositionAttention vs seed 002", ours(x)[0], seed(x))


def check_concat_is_additive():
    """(3) Concat with concat_proj = [query_proj, key_proj] (side by side) and the same energy is Additive."""
    q = randn(*CROSS_Q, dtype=torch.float64, seed="check_concat_q")
    k = randn(*CROSS_K, dtype=torch.float64, seed="check_concat_k")
    for alignment, window in (("Soft", 0), ("LocalMonotonic", 1)):
        additive = ScoredAttention(4, 5, "Additive", units=3, alignment=alignment, window=window).double()
        load(additive, parameter_inputs("check_concat", additive, torch.float64))
        concat = ScoredAttention(4, 5, "Concat", units=3, alignment=alignment, window=window).double()
        with torch.no_grad():
            concat.concat_proj.weight.copy_(torch.cat([additive.query_proj.weight, additive.key_proj.weight], 1))
            concat.energy.weight.copy_(additive.energy.weight)
        mask = lengths_mask([4, 2], 6)
        for (a, b), label in zip(zip(additive(q, k, mask), concat(q, k, mask)), ("output", "weights")):
            expect_close(f"Concat vs Additive ({alignment}) {label}", b, a)


def check_scaled_dot_and_cosine():
    """(4) ScaledDot Soft is softmax(q k^T / sqrt(d)) k; Cosine's scores are F.cosine_similarity."""
    q = randn(*CROSS_Q, dtype=torch.float64, seed="check_sdpa_q")
    k = randn(*EQUAL_K, dtype=torch.float64, seed="check_sdpa_k")
    weights = torch.softmax(torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(q.shape[-1]), dim=-1)
    output, ours = ScoredAttention(4, 4, "ScaledDot")(q, k)
    expect_close("ScaledDot vs softmax(q k^T / sqrt(d)) weights", ours, weights)
    expect_close("ScaledDot vs softmax(q k^T / sqrt(d)) k", output, torch.matmul(weights, k))
    cosine = F.cosine_similarity(q[:, :, None, :], k[:, None, :, :], dim=-1)
    expect_close("Cosine scores vs F.cosine_similarity", ScoredAttention(4, 4, "Cosine").scores(q, k), cosine)


def check_cases():
    """Every case: no NaN in any output; for the qkv_* cases the properties of check_scored_case."""
    for c in CASES:
        outputs = c.fn(*[x.clone() if isinstance(x, torch.Tensor) else x for x in c.inputs])
        for i, value in enumerate(outputs):
            if torch.isnan(value).any():
                raise AssertionError(f"{c.name}: output {i} has NaN")
        weights = outputs[1]
        if c.name.startswith("qkv_"):
            check_scored_case(c, weights)


def check_scored_case(c, weights):
    """Zero weights on excluded keys and on rows without keys; other rows sum to 1, except local-p's, which are
    softmax * Gaussian, zero outside |s - p_t| <= D and sum to less than 1 (so renormalising would fail the case);
    local-m zero outside |s - t| <= D; hard one-hot. In float32, no key within 1e-3 of a local-p window edge and
    no argmax within 1e-3 of a tie, where the runtime's rounding could choose differently."""
    config = c.config
    sequences = c.inputs[:2 if c.cross else 1]
    mask = c.inputs[len(sequences)] if c.masked else None
    query, keys, parameters = sequences[0], sequences[-1], c.inputs[len(sequences) + (mask is not None):-1]
    module = load(ScoredAttention(query.shape[-1], keys.shape[-1], **config).to(query.dtype), parameters).eval()
    if len(parameters) != len(list(module.parameters())):
        raise AssertionError(f"{c.name}: {len(parameters)} parameter inputs for {len(list(module.parameters()))} parameters")
    with torch.no_grad():
        e = module.scores(query, keys)
        allowed = module.allowed(query, keys, mask)
        empty = ~allowed.any(-1)
        if (weights[empty] != 0).any():
            raise AssertionError(f"{c.name}: a row without keys has weights")
        if (weights[~allowed] != 0).any():
            raise AssertionError(f"{c.name}: weight on a key that may not be attended")
        sums = weights.sum(-1)[~empty]
        alignment, window = config.get("alignment", "Soft"), config.get("window", 0)
        s = torch.arange(keys.shape[1], dtype=query.dtype)
        if alignment == "LocalPredictive":
            p = module.predicted_positions(query, mask, keys.shape[1])
            outside = (s - p[:, :, None]).abs() > window
            if (weights[outside] != 0).any():
                raise AssertionError(f"{c.name}: local-p weight outside |s - p_t| <= D")
            softmax = masked_softmax(e, allowed)
            gaussian = torch.exp(-(s - p[:, :, None]) ** 2 / (2 * (window / 2) ** 2))
            expect_close(f"{c.name}: local-p = softmax * Gaussian", weights, softmax * gaussian, 1e-6)
            if not (sums < 1 - 1e-3).all():
                raise AssertionError(f"{c.name}: local-p weights renormalised (row sums {sums})")
            if query.dtype == torch.float32:
                edge = ((s - p[:, :, None]).abs() - window).abs()
                if edge.min() < 1e-3:
                    raise AssertionError(f"{c.name}: a key within 1e-3 of the local-p window's edge")
        else:
            expect_close(f"{c.name}: weight rows sum to 1", sums, torch.ones_like(sums), 1e-5)
        if alignment == "LocalMonotonic":
            t = torch.arange(query.shape[1], dtype=query.dtype)
            if (weights[:, (s[None, :] - t[:, None]).abs() > window] != 0).any():
                raise AssertionError(f"{c.name}: local-m weight outside |s - t| <= D")
        if alignment == "Hard":
            top2 = e.masked_fill(~allowed, float("-inf")).topk(2, dim=-1).values[~empty]
            gap = top2[:, 0] - top2[:, 1]
            if not (gap > 1e-3).all():
                raise AssertionError(f"{c.name}: argmax within 1e-3 of a tie")
            expected = F.one_hot(e.masked_fill(~allowed, float("-inf")).argmax(-1), keys.shape[1]).to(weights.dtype)
            expect_close(f"{c.name}: one-hot weights", weights[~empty], expected[~empty], 0.0)


check_against_multihead_attention()
check_against_seed_002()
check_concat_is_additive()
check_scaled_dot_and_cosine()
check_cases()
