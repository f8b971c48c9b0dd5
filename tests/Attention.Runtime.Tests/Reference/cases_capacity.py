"""Dynamic capacity networks (Almahairi et al., "Dynamic Capacity Networks", ICML 2016), written from the paper with
PyTorch's own tools: the saliency of a cell is the norm of torch.autograd.grad of the entropy of the top layers' output
(on the coarse feature map) with respect to the cell's features; the k most salient cells (torch.topk) are read again by
the fine layers from input patches that F.unfold cuts (patch p centred on the cell's stride x stride pixels, zero
padding); their features replace the coarse ones (scatter) and the top layers read the merged map. The hint term is the
mean squared distance from the chosen coarse features to the fine ones, the fine side detached.

The parts of the cases: coarse = Conv2d(C, 3, 4, stride=4) (one cell per 4 x 4 pixels), fine = Conv2d(C, 3, 8) on
8 x 8 patches, top = Sequential(Flatten, Linear(48, 5)), on 16 x 16 inputs (a 4 x 4 map).

Case inputs: x, the parameters in the module's order (coarse.weight, coarse.bias, fine.weight, fine.bias,
top.1.weight, top.1.bias), W1 [N, 5], W2 [N, 5]. Outputs: output, coarse output, hint, saliency [N, 4, 4], positions
[N, k] (int64, most salient first), then the gradients of (output * W1).sum() + (coarse output * W2).sum() + hint with
respect to x and every parameter."""
import torch
import torch.nn.functional as F
from torch import nn

from harness import case, randn


class DynamicCapacity(nn.Module):
    def __init__(self, coarse, fine, top, patches, patch_size, stride):
        super().__init__()
        self.coarse, self.fine, self.top = coarse, fine, top
        self.patches, self.patch_size, self.stride = patches, patch_size, stride

    def forward(self, x):
        n, channels = x.shape[:2]
        c = self.coarse(x)                                                   # [N, D, h, w]
        depth = c.shape[1]
        cells = c.detach().requires_grad_()
        with torch.enable_grad():
            logits = self.top(cells)
            entropy = -(F.softmax(logits, -1) * F.log_softmax(logits, -1)).sum()
            gradient, = torch.autograd.grad(entropy, cells)
        saliency = gradient.norm(dim=1)                                      # [N, h, w]
        positions = saliency.flatten(1).topk(self.patches).indices          # [N, k], most salient first
        margin = (self.patch_size - self.stride) // 2
        columns = F.unfold(F.pad(x, (margin,) * 4), self.patch_size, stride=self.stride)   # [N, C p p, h w]
        chosen = columns.gather(2, positions.unsqueeze(1).expand(-1, columns.shape[1], -1))
        patches = chosen.transpose(1, 2).reshape(n * self.patches, channels, self.patch_size, self.patch_size)
        refined = self.fine(patches).reshape(n, self.patches, depth)
        flat = c.flatten(2)
        where = positions.unsqueeze(1).expand(n, depth, self.patches)
        merged = flat.scatter(2, where, refined.transpose(1, 2)).view_as(c)
        hint = F.mse_loss(flat.gather(2, where), refined.transpose(1, 2).detach())
        return self.top(merged), self.top(c), hint, saliency, positions


def network(channels, patches):
    return DynamicCapacity(nn.Conv2d(channels, 3, 4, stride=4), nn.Conv2d(channels, 3, 8),
                           nn.Sequential(nn.Flatten(), nn.Linear(48, 5)), patches, 8, 4)


def run(channels, patches):
    def fn(x, *rest):
        net = network(channels, patches).to(x.dtype)
        with torch.no_grad():
            for p, value in zip(net.parameters(), rest[:-2]):
                p.copy_(value)
        x = x.clone().requires_grad_()
        output, coarse, hint, saliency, positions = net(x)
        ((output * rest[-2]).sum() + (coarse * rest[-1]).sum() + hint).backward()
        return [output, coarse, hint, saliency, positions, x.grad] + [p.grad for p in net.parameters()]
    return fn


def capacity_case(name, channels, patches, dtype=torch.float32):
    parameters = [randn(*p.shape, dtype=dtype, seed=f"{name}_p{i}") * 0.5 for i, p in enumerate(network(channels, patches).parameters())]
    return case(name, run(channels, patches), randn(2, channels, 16, 16, dtype=dtype, seed=f"{name}_x"), *parameters,
                randn(2, 5, dtype=dtype, seed=f"{name}_w1"), randn(2, 5, dtype=dtype, seed=f"{name}_w2"))


CASES = [
    capacity_case("dcn_three_patches", 1, 3),
    capacity_case("dcn_two_channels_float64", 2, 5, dtype=torch.float64),
]
