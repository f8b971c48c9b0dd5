#!/usr/bin/env python3
"""PyTorch's side of benchmarks/Attention.TrainingBenchmarks: one case's training step, timed in this process.

    /usr/bin/python3 training_peer.py --child CASE [--device cpu|cuda] [--steps N] [--warmup N]

Prints one JSON line: {"MsPerStep", "FaultsPerStep", "PeakRssMb"}. Each case is the C# case of the same name
(Steps.cs): the same network, batch, loss and Adam (lr 1e-3), random data made once from seed 0, one intra-op
thread on the CPU, and each step zero_grad, forward, loss, backward, step (synchronised on CUDA)."""
import argparse
import json
import resource
import time

import torch
import torch.nn.functional as F
from torch import nn


class ChannelAttention(nn.Module):
    """CBAM's channel attention (Woo et al. 2018): one MLP over the average- and max-pooled channels."""

    def __init__(self, channels, reduction):
        super().__init__()
        hidden = max(channels // reduction, 1)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        mlp = lambda v: self.fc2(F.relu(self.fc1(v)))
        scale = torch.sigmoid(mlp(x.mean((2, 3))) + mlp(x.amax((2, 3))))
        return x * scale[:, :, None, None]


class SpatialAttention(nn.Module):
    def __init__(self, kernel):
        super().__init__()
        self.conv = nn.Conv2d(2, 1, kernel, padding=kernel // 2, bias=False)

    def forward(self, x):
        pooled = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True)], 1)
        return x * torch.sigmoid(self.conv(pooled))


class FashionNet(nn.Module):
    """examples/FashionMnist's plain CNN, or with CBAM after the second block."""

    def __init__(self, cbam):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32)
        self.conv2, self.bn2 = nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64)
        self.attention = nn.Sequential(ChannelAttention(64, 16), SpatialAttention(7)) if cbam else nn.Identity()
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(64 * 7 * 7, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.relu(self.bn2(self.conv2(x)))
        x = F.max_pool2d(self.attention(x), 2)
        return self.fc(self.drop(x.flatten(1)))


class PlantedColumnNet(nn.Module):
    """Seed 000's model: LSTM(32) over 10 steps, attention_3d_block, Flatten, Dense(1, sigmoid)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, 32, batch_first=True)
        self.fc_steps = nn.Linear(10, 10)
        self.fc = nn.Linear(320, 1)

    def forward(self, x):
        h, _ = self.lstm(x)
        a = F.softmax(self.fc_steps(h.transpose(1, 2)), -1)
        return torch.sigmoid(self.fc((h * a.transpose(1, 2)).flatten(1)))


def make(case, device):
    torch.manual_seed(0)
    if case in ("cbam-cnn", "plain-cnn"):
        net = FashionNet(case == "cbam-cnn").to(device)
        x, y = torch.randn(128, 1, 28, 28, device=device), torch.randint(0, 10, (128,), device=device)
        return net, lambda: F.cross_entropy(net(x), y)
    if case == "lstm-temporal":
        net = PlantedColumnNet().to(device)
        x, y = torch.randn(64, 10, 2, device=device), torch.randint(0, 2, (64, 1), device=device).float()
        return net, lambda: F.binary_cross_entropy(net(x), y)
    if case == "encoder":
        net = nn.TransformerEncoderLayer(256, 8, 1024, dropout=0.0, batch_first=True).to(device)
        x, target = torch.randn(16, 256, 256, device=device), torch.randn(16, 256, 256, device=device)
        return net, lambda: F.mse_loss(net(x), target)
    raise SystemExit(f"unknown case {case}")


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    if args.device == "cpu":
        torch.set_num_threads(1)
    device = torch.device(args.device)
    net, loss = make(args.child, device)
    optimizer = torch.optim.Adam(net.parameters())

    def step():
        optimizer.zero_grad()
        loss().backward()
        optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()

    for _ in range(args.warmup):
        step()
    faults = minor_faults()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    elapsed = time.perf_counter() - start
    print(json.dumps({"MsPerStep": elapsed * 1000 / args.steps, "FaultsPerStep": (minor_faults() - faults) / args.steps,
                      "PeakRssMb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
