"""PyTorch eager side of the per-call overhead benchmark (see docs/benchmarks.md).

Times the same small ops as Program.cs, written the way a PyTorch user writes them, with one
intra-op thread. Each result is dropped at once and freed by reference counting. Prints a
table, or with --json one JSON object that Program.cs reads:
    {"torch_version": ..., "threads": ..., "python": ...,
     "cases": {name: {"cpu_median_us", "cpu_min_us", "wall_median_us", "wall_min_us"}}}
Run it with Debian's interpreter (/usr/bin/python3), which has python3-torch.
"""

import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError as error:
    print(f"PyTorch is not importable by {sys.executable}: {error}. "
          "Install Debian's python3-torch (apt-get install python3-torch).", file=sys.stderr)
    sys.exit(3)


class Mlp(nn.Module):
    """Linear(32, 64) -> ReLU -> Linear(64, 10), as the C# Mlp."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(32, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


# Each case times `n` calls in a loop written out in full, so the only Python work per
# iteration besides the op is the `for` step (tens of nanoseconds). Both clocks are read: the
# wall clock, and this thread's CPU time, which leaves out the time spent waiting for a core on a
# busy machine (with one intra-op thread every kernel runs on this thread).

def clock():
    return time.perf_counter_ns(), time.thread_time_ns()


def elapsed(start):
    wall, cpu = start
    return time.perf_counter_ns() - wall, time.thread_time_ns() - cpu


def matmul_8x8(n):
    a, b = torch.randn(8, 8), torch.randn(8, 8)
    start = clock()
    for _ in range(n):
        torch.matmul(a, b)
    return elapsed(start)


def add_8x8(n):
    a, b = torch.randn(8, 8), torch.randn(8, 8)
    start = clock()
    for _ in range(n):
        a + b
    return elapsed(start)


def softmax_16x32(n):
    x = torch.randn(16, 32)
    start = clock()
    for _ in range(n):
        x.softmax(-1)
    return elapsed(start)


def linear_16x32_to_64(n):
    x, w, b = torch.randn(16, 32), torch.randn(64, 32), torch.randn(64)
    start = clock()
    for _ in range(n):
        F.linear(x, w, b)
    return elapsed(start)


def mlp_forward_backward(n):
    model = Mlp()
    x = torch.randn(16, 32)
    start = clock()
    for _ in range(n):
        model.zero_grad(set_to_none=True)
        loss = model(x).sum()
        loss.backward()
    return elapsed(start)


# (name, function, True when it is a full training step that runs a tenth of the iterations)
CASES = [
    ("matmul 8x8", matmul_8x8, False),
    ("add 8x8", add_8x8, False),
    ("softmax 16x32 dim=-1", softmax_16x32, False),
    ("linear 16x32 -> 64", linear_16x32_to_64, False),
    ("mlp 32-64-10 fwd+bwd", mlp_forward_backward, True),
]


def measure(function, iterations, repeats):
    function(max(iterations // 4, 1))  # warm-up: allocator caches, lazy initialisation
    runs = [function(iterations) for _ in range(repeats)]
    wall_us = [wall / iterations / 1000 for wall, _ in runs]
    cpu_us = [cpu / iterations / 1000 for _, cpu in runs]
    return {"cpu_median_us": statistics.median(cpu_us), "cpu_min_us": min(cpu_us),
            "wall_median_us": statistics.median(wall_us), "wall_min_us": min(wall_us)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=50_000, help="calls per timed run of a small op")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per case")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    results = {}
    for name, function, is_training_step in CASES:
        iterations = max(args.iterations // 10, 10) if is_training_step else args.iterations
        results[name] = measure(function, iterations, args.repeats)

    if args.json:
        json.dump({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                   "python": sys.version.split()[0], "cases": results}, sys.stdout)
        print()
    else:
        print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s)")
        for name, result in results.items():
            print(f"{name:<24} {result['cpu_median_us']:8.2f} us/call CPU, {result['wall_median_us']:8.2f} wall")


if __name__ == "__main__":
    main()
