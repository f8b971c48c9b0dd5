"""Shared helpers for the reference scripts: deterministic inputs and the JSON encoding that
the C# tests read (see ReferenceData.cs). Every cases_*.py module defines CASES, a list of
case(name, fn, inputs...) entries; generate.py runs them and writes expected/<module>.json."""
import math
import zlib

import torch


class Case:
    def __init__(self, name, fn, inputs):
        self.name = name
        self.fn = fn
        self.inputs = inputs


def case(name, fn, *inputs):
    return Case(name, fn, list(inputs))


def seeded(name):
    """A generator seeded from the case name, so adding a case never changes another's inputs."""
    g = torch.Generator()
    g.manual_seed(zlib.crc32(name.encode()))
    return g


def randn(*shape, dtype=torch.float32, seed="randn"):
    return torch.randn(*shape, generator=seeded(seed + str(shape)), dtype=torch.float64).to(dtype)


def rand(*shape, dtype=torch.float32, seed="rand"):
    return torch.rand(*shape, generator=seeded(seed + str(shape)), dtype=torch.float64).to(dtype)


def randint(low, high, *shape, seed="randint"):
    return torch.randint(low, high, shape, generator=seeded(seed + str(shape)), dtype=torch.int64)


def _number(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return v


DTYPE_NAMES = {
    torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32",
    torch.bool: "bool", torch.uint8: "uint8", torch.int16: "int16", torch.int8: "int8",
}


def encode(value):
    """A tensor, a number, or a (nested) tuple/list of them, as JSON-ready data."""
    if isinstance(value, torch.Tensor):
        t = value.detach().cpu().contiguous()
        flat = t.reshape(-1).tolist()
        return {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": [_number(x) for x in flat]}
    if isinstance(value, bool):
        return {"dtype": "bool", "shape": [], "data": [value]}
    if isinstance(value, int):
        return {"dtype": "int64", "shape": [], "data": [value]}
    if isinstance(value, float):
        return {"dtype": "float64", "shape": [], "data": [_number(value)]}
    if isinstance(value, (tuple, list)):
        out = []
        for v in value:
            out.extend(encode_list(v))
        return out
    if isinstance(value, str):
        return {"dtype": "string", "shape": [], "data": [value]}
    raise TypeError(f"cannot encode {type(value)}")


def encode_list(value):
    encoded = encode(value)
    return encoded if isinstance(encoded, list) else [encoded]
