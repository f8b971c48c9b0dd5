"""torch.nn.MultiheadAttention: initialisation after manual_seed, and outputs, attention weights and
gradients (inputs and every parameter) with given weights. A case's inputs are the query, key and
value (only those that are distinct tensors), then its masks, then the weights in the module's
parameter order, copied into the module before it runs. PyTorch's bool masks mean "masked out"."""
import torch

from harness import case, randn

MHA = torch.nn.MultiheadAttention


def init(seed, *args, **kwargs):
    def run():
        torch.manual_seed(seed)
        return list(MHA(*args, **kwargs).parameters())
    return run


def parameter_inputs(name, kwargs, dtype=torch.float32):
    shapes = [p.shape for p in MHA(**kwargs).parameters()]
    return [randn(*s, dtype=dtype, seed=f"{name}_p{i}") * 0.5 for i, s in enumerate(shapes)]


def attention(kwargs, sources, masks, need_weights=True, average_attn_weights=True):
    """sources: "self" (query = key = value), "kv" (key = value) or "qkv" (three tensors).
    masks: names among "key_padding_mask", "attn_mask", taking the inputs after the sequences."""
    count = {"self": 1, "kv": 2, "qkv": 3}[sources]

    def fn(*inputs):
        module = MHA(**kwargs, dtype=inputs[0].dtype)
        sequences = [x.clone().requires_grad_() for x in inputs[:count]]
        mask_values = dict(zip(masks, inputs[count:count + len(masks)]))
        with torch.no_grad():
            for p, w in zip(module.parameters(), inputs[count + len(masks):]):
                p.copy_(w)
        q, k, v = {1: lambda s: (s[0], s[0], s[0]), 2: lambda s: (s[0], s[1], s[1]), 3: lambda s: tuple(s)}[count](sequences)
        output, weights = module(q, k, v, need_weights=need_weights, average_attn_weights=average_attn_weights, **mask_values)
        loss = (output * output).sum() + ((weights * weights).sum() if weights is not None else 0)
        loss.backward()
        result = [output] + ([weights] if weights is not None else [])
        return result + [s.grad for s in sequences] + [p.grad for p in module.parameters()]
    return fn


def mha_case(name, kwargs, shapes, masks=(), dtype=torch.float32, **options):
    sources = {1: "self", 2: "kv", 3: "qkv"}[len(shapes)]
    sequences = [randn(*s, dtype=dtype, seed=f"{name}_x{i}") for i, s in enumerate(shapes)]
    mask_values = [m for _, m in masks]
    return case(name, attention(kwargs, sources, [n for n, _ in masks], **options),
                *sequences, *mask_values, *parameter_inputs(name, kwargs, dtype))


def dropout_in_training(x, *weights):
    module = MHA(8, 2, dropout=0.5)
    with torch.no_grad():
        for p, w in zip(module.parameters(), weights):
            p.copy_(w)
    torch.manual_seed(60)
    return module(x, x, x, need_weights=True, average_attn_weights=False)


PADDING = torch.tensor([[False, False, False, False], [False, False, True, True]])
CAUSAL = torch.ones(3, 3, dtype=torch.bool).triu(1)
PER_HEAD = torch.rand(2 * 2, 3, 5, generator=torch.Generator().manual_seed(5)) > 0.6
PER_HEAD[:, :, 0] = False  # every query keeps a key: PyTorch gives NaN for rows without one

CASES = [
    case("mha_init", init(40, 8, 2)),
    case("mha_init_kdim_vdim_bias_kv", init(41, 8, 2, add_bias_kv=True, kdim=6, vdim=5)),
    case("mha_init_no_bias", init(42, 6, 3, bias=False)),
    mha_case("mha_self_attention", {"embed_dim": 8, "num_heads": 2}, [(4, 2, 8)]),
    mha_case("mha_self_attention_without_weights", {"embed_dim": 8, "num_heads": 2}, [(4, 2, 8)], need_weights=False),
    mha_case("mha_cross_attention_batch_first", {"embed_dim": 8, "num_heads": 2, "batch_first": True},
             [(2, 3, 8), (2, 5, 8), (2, 5, 8)], average_attn_weights=False),
    mha_case("mha_shared_key_value", {"embed_dim": 6, "num_heads": 3}, [(3, 2, 6), (5, 2, 6)]),
    mha_case("mha_key_padding_mask", {"embed_dim": 8, "num_heads": 2}, [(4, 2, 8)],
             masks=[("key_padding_mask", PADDING)]),
    mha_case("mha_key_padding_mask_without_weights", {"embed_dim": 8, "num_heads": 2}, [(4, 2, 8)],
             masks=[("key_padding_mask", PADDING)], need_weights=False),
    mha_case("mha_causal_mask_batch_first", {"embed_dim": 8, "num_heads": 2, "batch_first": True}, [(2, 3, 8)],
             masks=[("attn_mask", CAUSAL)]),
    # In float64: in float32 the gradients here differ from float64 by up to 3e-4 relative, PyTorch's as well as ours.
    mha_case("mha_float_mask_and_padding", {"embed_dim": 8, "num_heads": 2}, [(4, 2, 8)],
             masks=[("attn_mask", randn(4, 4, dtype=torch.float64, seed="mha_float_mask")), ("key_padding_mask", PADDING)],
             dtype=torch.float64, need_weights=False),
    mha_case("mha_per_head_mask", {"embed_dim": 8, "num_heads": 2}, [(3, 2, 8), (5, 2, 8), (5, 2, 8)],
             masks=[("attn_mask", PER_HEAD)], average_attn_weights=False),
    mha_case("mha_kdim_vdim_bias_kv_zero_attn", {"embed_dim": 8, "num_heads": 2, "kdim": 6, "vdim": 5,
                                                 "add_bias_kv": True, "add_zero_attn": True},
             [(3, 2, 8), (4, 2, 6), (4, 2, 5)], masks=[("key_padding_mask", PADDING)]),
    mha_case("mha_unbatched", {"embed_dim": 4, "num_heads": 2}, [(3, 4)]),
    case("mha_dropout_in_training", dropout_in_training, randn(4, 2, 8, seed="mha_dropout_x"),
         *parameter_inputs("mha_dropout", {"embed_dim": 8, "num_heads": 2})),
]
