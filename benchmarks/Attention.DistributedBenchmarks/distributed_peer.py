"""The PyTorch side of benchmarks/Attention.DistributedBenchmarks: one rank of torch.distributed (gloo) that
all-reduces float32 tensors of the given sizes as the C# ranks do, and prints rank 0's milliseconds per all-reduce.

  python3 distributed_peer.py allreduce REPEATS SIZE_MIB...   (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT set)
"""
import sys
import time
from datetime import timedelta

import torch
import torch.distributed as dist


def allreduce(repeats, *sizes):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", timeout=timedelta(minutes=5))
    for size in sizes:
        tensor = torch.ones(int(size) * (1 << 20) // 4)
        for _ in range(3):
            dist.all_reduce(tensor)
        dist.barrier()
        start = time.perf_counter()
        for _ in range(int(repeats)):
            dist.all_reduce(tensor)
        elapsed = time.perf_counter() - start
        if dist.get_rank() == 0:
            print(f"allreduce {size} {elapsed * 1000 / int(repeats):.4f}", flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    {"allreduce": allreduce}[sys.argv[1]](*sys.argv[2:])
