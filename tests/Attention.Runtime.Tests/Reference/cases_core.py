"""Factories, random generators under manual_seed, and dtype conversion."""
import torch

from harness import case, randn


def seeded_randn():
    torch.manual_seed(1234)
    return torch.randn(2, 3), torch.rand(4), torch.randint(0, 10, (5,)), torch.randperm(6)


CASES = [
    case("manual_seed_random", seeded_randn),
    case("arange_int", lambda: torch.arange(0, 10, 3)),
    case("arange_float", lambda: torch.arange(0.5, 2.0, 0.25)),
    case("linspace", lambda: torch.linspace(-1.0, 1.0, 5)),
    case("eye_rect", lambda: torch.eye(3, 4)),
    case("full_int", lambda: torch.full((2, 2), 7)),
    case("full_float", lambda: torch.full((2, 2), 0.5)),
    case("to_int64_truncates", lambda x: (x * 3).to(torch.int64), randn(2, 3, seed="trunc")),
    case("to_bool", lambda x: x.to(torch.bool).to(torch.uint8), randn(2, 3, seed="bool")),
]
