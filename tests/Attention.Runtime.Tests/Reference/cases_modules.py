"""Layers (torch.nn modules): initialisation after manual_seed, outputs and gradients."""
import torch

from harness import case, randn


def linear_init(seed, in_features, out_features, bias):
    def run():
        torch.manual_seed(seed)
        layer = torch.nn.Linear(in_features, out_features, bias=bias)
        return [p for p in layer.parameters()]
    return run


def linear_forward_backward(x):
    torch.manual_seed(3)
    layer = torch.nn.Linear(5, 4)
    x = x.clone().requires_grad_()
    y = layer(x)
    (y * y).sum().backward()
    return y, x.grad, layer.weight.grad, layer.bias.grad


CASES = [
    case("linear_init", linear_init(7, 6, 3, True)),
    case("linear_init_no_bias", linear_init(8, 2, 5, False)),
    case("linear_forward_backward", linear_forward_backward, randn(3, 5, seed="linear_fb")),
]
