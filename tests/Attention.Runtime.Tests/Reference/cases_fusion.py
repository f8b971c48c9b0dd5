"""The gated multimodal unit (Arevalo, Solorio, Montes-y-Gomez and Gonzalez, "Gated Multimodal Units for Information
Fusion", 2017), written from the paper: h1 = tanh(W1 x1), h2 = tanh(W2 x2), z = sigmoid(Wz [x1; x2]),
h = z * h1 + (1 - z) * h2; with seed 002's variants as options: one scalar gate per sample, and the gate over
[h1; h2] instead of the inputs. The seed's code projects x2 with hidden1 (a bug); check_seed() compares with its code
once that is fixed.

Case inputs: x1, x2, then the parameters in the module's order (hidden1.weight, [hidden1.bias], hidden2.weight,
[hidden2.bias], gate.weight, [gate.bias]), then W. Outputs: h, z, then the gradients of (h * W).sum() with respect to
x1, x2 and every parameter in order."""
import torch
from torch import nn

from harness import case, randn


class GatedMultimodalUnit(nn.Module):
    def __init__(self, in1, in2, out, scalar_gate=False, gate_on_hidden=False, bias=False):
        super().__init__()
        self.gate_on_hidden = gate_on_hidden
        self.hidden1 = nn.Linear(in1, out, bias=bias)
        self.hidden2 = nn.Linear(in2, out, bias=bias)
        self.gate = nn.Linear(2 * out if gate_on_hidden else in1 + in2, 1 if scalar_gate else out, bias=bias)

    def forward(self, x1, x2):
        h1 = torch.tanh(self.hidden1(x1))
        h2 = torch.tanh(self.hidden2(x2))
        z = torch.sigmoid(self.gate(torch.cat([h1, h2] if self.gate_on_hidden else [x1, x2], dim=-1)))
        return z * h1 + (1 - z) * h2, z


def check_seed():
    """Seed 002's GatedMultimodalLayer with hidden2 applied to x2 equals the scalar gate over the projections."""
    torch.manual_seed(3)
    unit = GatedMultimodalUnit(5, 7, 4, scalar_gate=True, gate_on_hidden=True).double()
    x1, x2 = torch.randn(6, 5, dtype=torch.float64), torch.randn(6, 7, dtype=torch.float64)
    h1 = torch.tanh(unit.hidden1(x1))
    h2 = torch.tanh(unit.hidden2(x2))                       # the seed writes hidden1(x2)
    z = torch.sigmoid(unit.gate(torch.cat((h1, h2), dim=1)))
    fused = z.view(z.size()[0], 1) * h1 + (1 - z).view(z.size()[0], 1) * h2
    if not torch.allclose(unit(x1, x2)[0], fused, rtol=1e-12, atol=1e-12):
        raise AssertionError("the reference GMU disagrees with seed 002's code")


check_seed()


def run(options):
    def fn(x1, x2, *rest):
        unit = GatedMultimodalUnit(x1.shape[-1], x2.shape[-1], rest[-1].shape[-1], **options).to(x1.dtype)
        with torch.no_grad():
            for p, value in zip(unit.parameters(), rest[:-1]):
                p.copy_(value)
        a, b = x1.clone().requires_grad_(), x2.clone().requires_grad_()
        h, z = unit(a, b)
        (h * rest[-1]).sum().backward()
        return [h, z, a.grad, b.grad] + [p.grad for p in unit.parameters()]
    return fn


def gmu_case(name, shape1, shape2, out, dtype=torch.float32, **options):
    unit = GatedMultimodalUnit(shape1[-1], shape2[-1], out, **options)
    parameters = [randn(*p.shape, dtype=dtype, seed=f"{name}_p{i}") * 0.5 for i, p in enumerate(unit.parameters())]
    return case(name, run(options), randn(*shape1, dtype=dtype, seed=f"{name}_x1"), randn(*shape2, dtype=dtype, seed=f"{name}_x2"),
                *parameters, randn(*shape1[:-1], out, dtype=dtype, seed=f"{name}_w"))


CASES = [
    gmu_case("gmu_paper", (4, 5), (4, 7), 3),
    gmu_case("gmu_scalar_gate", (4, 5), (4, 7), 3, scalar_gate=True),
    gmu_case("gmu_gate_on_hidden", (4, 5), (4, 7), 3, gate_on_hidden=True),
    gmu_case("gmu_seed_form_with_bias", (4, 5), (4, 7), 3, scalar_gate=True, gate_on_hidden=True, bias=True),
    gmu_case("gmu_sequences", (2, 3, 5), (2, 3, 6), 4),
    gmu_case("gmu_float64", (3, 4), (3, 2), 5, dtype=torch.float64, bias=True),
]
