"""Standard layers (torch.nn modules): initial values after manual_seed, and outputs and gradients
of the input and every parameter with the same weights. Each *_fb case seeds, builds the layer,
runs it on the input and back-propagates sum(y * y); it returns y, the input's gradient, then each
parameter's gradient in named_parameters order (and, for batch norm, the running statistics)."""
from collections import OrderedDict

import torch
from torch import nn

from harness import case, randint, randn


def init_values(seed, make):
    """The layer's state_dict values (parameters, then buffers) right after construction."""
    def run():
        torch.manual_seed(seed)
        return list(make().state_dict().values())
    return run


def forward_backward(seed, make, training=True):
    def run(x):
        torch.manual_seed(seed)
        layer = make()
        layer.train(training)
        x = x.clone().requires_grad_()
        y = layer(x)
        (y * y).sum().backward()
        return [y, x.grad] + [p.grad for p in layer.parameters()]
    return run


def with_affine(make):
    """forward_backward for a normalization layer whose weight and bias are given as inputs."""
    def run(x, weight, bias):
        layer = make()
        with torch.no_grad():
            layer.weight.copy_(weight)
            layer.bias.copy_(bias)
        x = x.clone().requires_grad_()
        y = layer(x)
        (y * y).sum().backward()
        return y, x.grad, layer.weight.grad, layer.bias.grad
    return run


def batchnorm_two_steps(make):
    """Two training steps (the first also back-propagated), the running statistics, then eval."""
    def run(x1, x2, x3, weight, bias):
        bn = make()
        with torch.no_grad():
            bn.weight.copy_(weight)
            bn.bias.copy_(bias)
        x1 = x1.clone().requires_grad_()
        y1 = bn(x1)
        (y1 * y1).sum().backward()
        y2 = bn(x2)
        bn.eval()
        y3 = bn(x3)
        return (y1, x1.grad, bn.weight.grad, bn.bias.grad, y2,
                bn.running_mean, bn.running_var, bn.num_batches_tracked, y3)
    return run


def batchnorm_cumulative(x1, x2, x3):
    """momentum=None: the running statistics are the plain average over the batches seen."""
    bn = nn.BatchNorm1d(3, momentum=None)
    bn(x1)
    bn(x2)
    bn(x3)
    bn.eval()
    return bn.running_mean, bn.running_var, bn.num_batches_tracked, bn(x1)


def batchnorm_untracked(x1, x2):
    """No running statistics: batch statistics in eval mode too; no parameters without affine."""
    bn = nn.BatchNorm2d(2, affine=False, track_running_stats=False)
    y1 = bn(x1)
    bn.eval()
    return y1, bn(x2)


def embedding_fb(x):
    torch.manual_seed(21)
    layer = nn.Embedding(7, 3, padding_idx=0)
    y = layer(x)
    (y * y).sum().backward()
    return y, layer.weight.grad


def dropout(training):
    def run(x):
        torch.manual_seed(22)
        layer = nn.Dropout(0.3)
        layer.train(training)
        return layer(x)
    return run


def max_pool_with_indices(x):
    return nn.MaxPool2d(2, stride=1, return_indices=True)(x)


def small_network():
    return nn.Sequential(OrderedDict(
        features=nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2)),
        flatten=nn.Flatten(),
        classifier=nn.Linear(36, 5)))


def sequential_fb(x):
    torch.manual_seed(30)
    net = small_network()
    x = x.clone().requires_grad_()
    y = net(x)
    (y * y).sum().backward()
    bn = net.features[1]
    return [y, x.grad] + [p.grad for p in net.parameters()] + [bn.running_mean, bn.running_var]


ACTIVATIONS = {
    "relu": lambda: nn.ReLU(),
    "relu6": lambda: nn.ReLU6(),
    "leaky_relu": lambda: nn.LeakyReLU(0.2),
    "elu": lambda: nn.ELU(0.5),
    "gelu": lambda: nn.GELU(),
    "gelu_tanh": lambda: nn.GELU(approximate="tanh"),
    "silu": lambda: nn.SiLU(),
    "sigmoid": lambda: nn.Sigmoid(),
    "tanh": lambda: nn.Tanh(),
    "hardswish": lambda: nn.Hardswish(),
    "hardsigmoid": lambda: nn.Hardsigmoid(),
    "softmax": lambda: nn.Softmax(dim=1),
    "log_softmax": lambda: nn.LogSoftmax(dim=0),
}

POOLS_1D = {
    "max_pool1d": lambda: nn.MaxPool1d(3, stride=2, padding=1),
    "max_pool1d_dilated_ceil": lambda: nn.MaxPool1d(2, dilation=2, ceil_mode=True),
    "avg_pool1d": lambda: nn.AvgPool1d(3, stride=2, padding=1, count_include_pad=False),
    "adaptive_avg_pool1d": lambda: nn.AdaptiveAvgPool1d(4),
    "adaptive_max_pool1d": lambda: nn.AdaptiveMaxPool1d(3),
}

POOLS_2D = {
    "max_pool2d": lambda: nn.MaxPool2d(2),
    "max_pool2d_per_dim": lambda: nn.MaxPool2d((3, 2), stride=(2, 1), padding=(1, 0)),
    "avg_pool2d": lambda: nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, divisor_override=5),
    "avg_pool2d_per_dim": lambda: nn.AvgPool2d((2, 3), stride=(1, 2)),
    "adaptive_avg_pool2d": lambda: nn.AdaptiveAvgPool2d((3, 2)),
    "adaptive_max_pool2d": lambda: nn.AdaptiveMaxPool2d(2),
}

CASES = [
    # initial values after manual_seed
    case("conv1d_init", init_values(11, lambda: nn.Conv1d(4, 6, 3))),
    case("conv2d_init", init_values(12, lambda: nn.Conv2d(3, 8, 3))),
    case("conv2d_init_groups_no_bias", init_values(13, lambda: nn.Conv2d(4, 6, (3, 2), groups=2, bias=False))),
    case("batchnorm2d_init", init_values(14, lambda: nn.BatchNorm2d(5))),
    case("layernorm_init", init_values(15, lambda: nn.LayerNorm((2, 3)))),
    case("embedding_init_padding", init_values(16, lambda: nn.Embedding(10, 4, padding_idx=2))),
    case("embedding_init_negative_padding", init_values(17, lambda: nn.Embedding(6, 3, padding_idx=-1))),
    case("sequential_init", init_values(18, small_network)),

    # convolution: outputs and gradients
    case("conv1d_fb", forward_backward(1, lambda: nn.Conv1d(3, 4, 3, stride=2, padding=1)), randn(2, 3, 9, seed="conv1d_fb")),
    case("conv1d_same_reflect", forward_backward(2, lambda: nn.Conv1d(2, 3, 4, padding="same", padding_mode="reflect")),
         randn(2, 2, 7, seed="conv1d_same_reflect")),
    case("conv2d_fb", forward_backward(3, lambda: nn.Conv2d(3, 4, 3, padding=1)), randn(2, 3, 5, 5, seed="conv2d_fb")),
    case("conv2d_groups_dilation", forward_backward(4, lambda: nn.Conv2d(4, 6, 3, padding=2, dilation=2, groups=2)),
         randn(2, 4, 6, 6, seed="conv2d_groups_dilation")),
    case("conv2d_stride_no_bias", forward_backward(5, lambda: nn.Conv2d(2, 3, (3, 2), stride=(2, 1), bias=False)),
         randn(1, 2, 7, 5, seed="conv2d_stride_no_bias")),
    case("conv2d_same", forward_backward(6, lambda: nn.Conv2d(2, 3, (4, 3), padding="same", dilation=(1, 2))),
         randn(1, 2, 6, 7, seed="conv2d_same")),
    case("conv2d_valid", forward_backward(7, lambda: nn.Conv2d(2, 3, 3, padding="valid")), randn(1, 2, 5, 4, seed="conv2d_valid")),
] + [
    case(f"conv2d_{mode}", forward_backward(8, lambda mode=mode: nn.Conv2d(2, 3, 3, stride=(1, 2), padding=(1, 2), padding_mode=mode)),
         randn(2, 2, 5, 6, seed=f"conv2d_{mode}"))
    for mode in ["reflect", "replicate", "circular"]
] + [
    case("conv2d_same_circular", forward_backward(9, lambda: nn.Conv2d(2, 2, 4, padding="same", padding_mode="circular")),
         randn(1, 2, 5, 5, seed="conv2d_same_circular")),

    # normalization
    case("batchnorm2d_two_steps", batchnorm_two_steps(lambda: nn.BatchNorm2d(3, momentum=0.3)),
         randn(4, 3, 2, 2, seed="bn2_x1"), randn(2, 3, 3, 2, seed="bn2_x2"), randn(1, 3, 2, 2, seed="bn2_x3"),
         randn(3, seed="bn2_w"), randn(3, seed="bn2_b")),
    case("batchnorm1d_two_steps", batchnorm_two_steps(lambda: nn.BatchNorm1d(3, eps=1e-3)),
         randn(5, 3, seed="bn1_x1"), randn(4, 3, 2, seed="bn1_x2"), randn(2, 3, seed="bn1_x3"),
         randn(3, seed="bn1_w"), randn(3, seed="bn1_b")),
    case("batchnorm1d_cumulative", batchnorm_cumulative,
         randn(4, 3, 2, seed="bnc_x1"), randn(6, 3, 2, seed="bnc_x2"), randn(3, 3, 2, seed="bnc_x3")),
    case("batchnorm2d_untracked", batchnorm_untracked, randn(3, 2, 2, 2, seed="bnu_x1"), randn(2, 2, 3, 1, seed="bnu_x2")),
    case("layernorm_fb", with_affine(lambda: nn.LayerNorm((3, 4))),
         randn(2, 3, 4, seed="ln_x"), randn(3, 4, seed="ln_w"), randn(3, 4, seed="ln_b")),
    case("layernorm_no_affine", forward_backward(0, lambda: nn.LayerNorm(5, eps=1e-3, elementwise_affine=False)),
         randn(3, 5, seed="ln_plain")),

    # embedding, dropout, shape
    case("embedding_fb", embedding_fb, randint(0, 7, 3, 4, seed="embedding_fb")),
    case("dropout_train", dropout(True), randn(4, 6, seed="dropout")),
    case("dropout_eval", dropout(False), randn(4, 6, seed="dropout")),
    case("flatten_default", lambda x: nn.Flatten()(x), randn(2, 3, 2, 2, seed="flatten")),
    case("flatten_range", lambda x: nn.Flatten(0, 2)(x), randn(2, 3, 2, 2, seed="flatten")),
    case("identity", lambda x: nn.Identity()(x), randn(2, 3, seed="identity")),

    # a small network: names "features.0.weight" …, outputs, gradients, running statistics
    case("sequential_fb", sequential_fb, randn(2, 2, 6, 6, seed="sequential_fb")),
    case("max_pool2d_with_indices", max_pool_with_indices, randn(1, 2, 3, 4, seed="max_pool2d_with_indices")),
] + [
    case(f"act_{name}", forward_backward(0, make), randn(3, 5, seed=f"act_{name}") * 4)
    for name, make in ACTIVATIONS.items()
] + [
    case(name, forward_backward(0, make), randn(2, 3, 10, seed=name)) for name, make in POOLS_1D.items()
] + [
    case(name, forward_backward(0, make), randn(2, 3, 7, 6, seed=name)) for name, make in POOLS_2D.items()
]
