#!/usr/bin/env python3
"""Writes the expected values that the C# parity tests compare against.

Run with Debian's python3-torch (the same libtorch 1.13.1 the runtime binds):
    /usr/bin/python3 tests/Attention.Runtime.Tests/Reference/generate.py
Each cases_<area>.py module becomes expected/<area>.json: for every case its inputs and
outputs. Inputs are seeded from the case name, so the files only change when a case does."""
import importlib
import json
import os
import sys

import torch

from harness import encode, encode_list

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("cases_") and f.endswith(".py"))


def run(module_name):
    module = importlib.import_module(module_name)
    cases = {}
    for c in module.CASES:
        if c.name in cases:
            raise ValueError(f"{module_name}: duplicate case {c.name}")
        inputs = [x.clone() if isinstance(x, torch.Tensor) else x for x in c.inputs]
        outputs = c.fn(*inputs)
        cases[c.name] = {"inputs": [encode(x) for x in c.inputs], "outputs": encode_list(outputs)}
    return cases


def main():
    torch.set_num_threads(1)
    sys.path.insert(0, HERE)
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    for module_name in MODULES:
        area = module_name[len("cases_"):]
        path = os.path.join(HERE, "expected", area + ".json")
        with open(path, "w") as f:
            json.dump({"torch": torch.__version__, "cases": run(module_name)}, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
