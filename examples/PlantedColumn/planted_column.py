"""Seed 000's experiment in PyTorch, the peer of Program.cs: the same data (libtorch's generator,
the same seed), the same network built in the same order, the same training. Run with Debian's
python3-torch:

    /usr/bin/python3 examples/PlantedColumn/planted_column.py [--samples 90000] [--seed 0]

It prints the same table as the C# program, so the two can be compared digit by digit.
"""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

STEPS, FEATURES, ATTENTION_COLUMN = 10, 2, 2


class TemporalAttention(nn.Module):
    """attention_3d_block: for each feature a softmax over the steps, learned per step."""

    def __init__(self, steps):
        super().__init__()
        self.fc = nn.Linear(steps, steps)
        self.weights = None

    def forward(self, x):                                  # [N, T, D]
        a = F.softmax(self.fc(x.transpose(1, 2)), dim=-1)  # [N, D, T]
        self.weights = a.mean(dim=1).detach()              # [N, T], as the seed plots
        return x * a.transpose(1, 2)


class PlantedColumnNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(FEATURES, 32, batch_first=True)
        self.temporal1 = TemporalAttention(STEPS)
        self.fc1 = nn.Linear(STEPS * 32, 1)

    def forward(self, x):
        h, _ = self.lstm1(x)
        return torch.sigmoid(self.fc1(self.temporal1(h).flatten(1)))


def draw(count):
    x = torch.randn(count, STEPS, FEATURES) * 10.0
    y = torch.randint(0, 2, (count, 1)).float()
    x[:, ATTENTION_COLUMN, :] = y.expand(count, FEATURES)
    return x, y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=90_000)
    parser.add_argument("--test-samples", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(1)

    torch.manual_seed(args.seed)
    train_x, train_y = draw(args.samples)
    test_x, test_y = draw(args.test_samples)
    model = PlantedColumnNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for epoch in range(args.epochs):
        order = torch.randperm(args.samples)
        loss_sum, correct = 0.0, 0.0
        for start in range(0, args.samples, args.batch_size):
            index = order[start:start + args.batch_size]
            x, y = train_x[index], train_y[index]
            p = model(x)
            loss = F.binary_cross_entropy(p, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(index)
            correct += (p > 0.5).float().eq(y).sum().item()
        print(f"epoch {epoch + 1}/{args.epochs}: loss {loss_sum / args.samples:.4f}, training accuracy {100 * correct / args.samples:.2f} %")

    model.eval()
    with torch.no_grad():
        p = model(test_x)
        accuracy = (p > 0.5).float().eq(test_y).float().mean().item()
        mean_attention = model.temporal1.weights.mean(dim=0)
    print(f"{'step':>4}  {'mean attention':>14}")
    for step, weight in enumerate(mean_attention.tolist()):
        print(f"{step:>4}  {weight:14.4f}")
    print(f"test accuracy {100 * accuracy:.2f} %, attention peak at step {int(mean_attention.argmax())}, weight {mean_attention.max():.3f}")


if __name__ == "__main__":
    main()
