#!/usr/bin/env python3
"""Reference values for the DSL's vision mechanisms (tests/Attention.Dsl.Tests/VisionNetworks.cs), written from the papers.

Run with Debian's python3-torch (libtorch 1.13.1, the one the runtime binds):
    /usr/bin/python3 tests/Attention.Dsl.Tests/Reference/vision.py

Spatial transformer (Jaderberg et al. 2015, as PyTorch's tutorial builds it): a localisation network, fc_loc
Linear(F -> 6) started at the identity (zero weight, bias [1, 0, 0, 0, 1, 0]), theta = fc_loc(...).view(-1, 2, 3),
F.affine_grid(theta, size, align_corners) and F.grid_sample(x, grid, align_corners) with align_corners given. The
parameters are moved off their initial values before the run (masked.py's run), so theta is not the identity.

expected/vision.json has masked.json's layout (the mask input is all true and unused)."""
import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "Attention.Runtime.Tests", "Reference"))

from harness import randn  # noqa: E402
from masked import mask_of, run  # noqa: E402


class SmallLocalisation(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 4, 3)
        self.fc1 = nn.Linear(100, 8)

    def forward(self, x):
        return F.relu(self.fc1(F.relu(F.max_pool2d(self.conv1(x), 2)).flatten(1)))


class SpatialTransformer(nn.Module):
    def __init__(self, localisation, features, align_corners, output_size=None):
        super().__init__()
        self.localisation = localisation
        self.fc_loc = nn.Linear(features, 6)
        self.align_corners, self.output_size = align_corners, output_size
        with torch.no_grad():
            self.fc_loc.weight.zero_()
            self.fc_loc.bias.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))

    def forward(self, x):
        theta = self.fc_loc(self.localisation(x).flatten(1)).view(-1, 2, 3)
        height, width = self.output_size or x.shape[2:]
        grid = F.affine_grid(theta, [x.shape[0], x.shape[1], height, width], align_corners=self.align_corners)
        return F.grid_sample(x, grid, align_corners=self.align_corners)


class StnNet(nn.Module):
    def __init__(self, channels=1, name="stn1", align_corners=False, output_size=None, out_features=144):
        super().__init__()
        self.name = name
        self.add_module(name, SpatialTransformer(SmallLocalisation(channels), 8, align_corners, output_size))
        self.fc1 = nn.Linear(out_features, 3)

    def forward(self, x, mask):
        return self.fc1(getattr(self, self.name)(x).flatten(1))


def check_identity():
    """At its initial values the transformer returns its input (align_corners either way)."""
    for align in (False, True):
        stn = SpatialTransformer(SmallLocalisation(1), 8, align).double()
        x = torch.randn(2, 1, 12, 12, dtype=torch.float64)
        if not torch.allclose(stn(x), x, atol=1e-10):
            raise AssertionError(f"the identity transform changes the image (align_corners={align})")


def main():
    torch.set_num_threads(1)
    check_identity()
    all_real = mask_of([1, 1, 1], 1)
    cases = {
        "StnNet": run("StnNet", StnNet, randn(3, 1, 12, 12, seed="StnNet.input"), all_real),
        "StnAlignedNet": run("StnAlignedNet", lambda: StnNet(2, "transformer", True, (8, 6), 2 * 8 * 6),
                             randn(3, 2, 12, 12, seed="StnAlignedNet.input"), all_real),
    }
    path = os.path.join(HERE, "expected", "vision.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for name, c in cases.items():
        print(f"{name}: {', '.join(c['state_keys'])}")
    print(f"wrote {os.path.relpath(path, HERE)}")


if __name__ == "__main__":
    main()
