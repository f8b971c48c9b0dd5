"""The Python side of the distributed tests, on Debian's python3-torch 1.13.1.

  python_rank.py collectives   one rank of a group with C# ranks (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT
                               from the environment): the same collectives with the same values as the C#
                               worker's "collectives" scenario, printed in the same "key: value" lines.
  python_rank.py sampler LENGTH REPLICAS RANK SEED EPOCH SHUFFLE DROP_LAST
                               torch.utils.data.DistributedSampler's indices, one line.
"""
import sys
from datetime import timedelta

import torch
import torch.distributed as dist


def values(t):
    return " ".join(repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v)) for v in t.double().tolist())


def collectives():
    dist.init_process_group("gloo", timeout=timedelta(seconds=60))
    rank, size = dist.get_rank(), dist.get_world_size()

    summed = torch.arange(4, dtype=torch.float32) + 10 * rank
    dist.all_reduce(summed)
    largest = torch.tensor([rank, -rank], dtype=torch.float32)
    dist.all_reduce(largest, dist.ReduceOp.MAX)
    broadcasted = torch.full([3], float((rank + 1) * 7), dtype=torch.float64)
    dist.broadcast(broadcasted, src=size - 1)
    mine = torch.full([2], rank, dtype=torch.int64)
    gathered = [torch.zeros(2, dtype=torch.int64) for _ in range(size)]
    dist.all_gather(gathered, mine)
    dist.barrier()

    print(f"rank: {rank} of {size}")
    print(f"all_reduce sum: {values(summed)}")
    print(f"all_reduce max: {values(largest)}")
    print(f"broadcast: {values(broadcasted)}")
    print("all_gather: " + " | ".join(values(t) for t in gathered))
    dist.destroy_process_group()


def sampler(length, replicas, rank, seed, epoch, shuffle, drop_last):
    from torch.utils.data import DistributedSampler
    s = DistributedSampler(range(int(length)), num_replicas=int(replicas), rank=int(rank), shuffle=shuffle == "true",
                           seed=int(seed), drop_last=drop_last == "true")
    s.set_epoch(int(epoch))
    print(" ".join(str(i) for i in s))


if __name__ == "__main__":
    {"collectives": collectives, "sampler": sampler}[sys.argv[1]](*sys.argv[2:])
