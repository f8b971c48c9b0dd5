"""torch.optim and torch.nn.utils: parameter trajectories of each optimizer under a fixed sequence of
gradients, optimizer state after a few steps, learning-rate schedules, and gradient clipping."""
import torch

from harness import case, randn

STEPS = 8


def trajectory(make_optimizer):
    """Runs STEPS steps with the given gradients; returns the stacked parameter values after each step."""
    def run(w, b, gw, gb):
        w = w.clone().requires_grad_()
        b = b.clone().requires_grad_()
        optimizer = make_optimizer(w, b)
        ws, bs = [], []
        for t in range(STEPS):
            w.grad = gw[t].clone()
            b.grad = gb[t].clone()
            optimizer.step()
            ws.append(w.detach().clone())
            bs.append(b.detach().clone())
        return torch.stack(ws), torch.stack(bs)
    return run


def optimizer_case(name, make_optimizer):
    return case(name, trajectory(make_optimizer),
                randn(3, 4, seed=name + "w"), randn(4, seed=name + "b"),
                randn(STEPS, 3, 4, seed=name + "gw"), randn(STEPS, 4, seed=name + "gb"))


def adam_state(w, b, gw, gb):
    """Adam with AMSGrad after three steps: the state PyTorch keeps per parameter."""
    w = w.clone().requires_grad_()
    b = b.clone().requires_grad_()
    optimizer = torch.optim.Adam([w, b], lr=0.01, amsgrad=True)
    for t in range(3):
        w.grad = gw[t].clone()
        b.grad = gb[t].clone()
        optimizer.step()
    state = optimizer.state_dict()["state"]
    return [state[i][k] for i in (0, 1) for k in ("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")]


def schedule(make_scheduler, lrs=(0.1,), steps=30):
    """The learning rate of every group at construction and after each of `steps` steps: [steps + 1, groups]."""
    def run():
        params = [torch.zeros(1, requires_grad=True) for _ in lrs]
        optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
        scheduler = make_scheduler(optimizer)
        values = [scheduler.get_last_lr()]
        for _ in range(steps):
            optimizer.step()
            scheduler.step()
            values.append(scheduler.get_last_lr())
        return torch.tensor(values, dtype=torch.float64)
    return run


def warmup_cosine(optimizer):
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, end_factor=1.0, total_iters=5)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20, eta_min=1e-4)
    return torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])


def clip_norm(max_norm, norm_type):
    def run(w, b, gw, gb):
        w = w.clone().requires_grad_()
        b = b.clone().requires_grad_()
        w.grad = gw.clone()
        b.grad = gb.clone()
        total = torch.nn.utils.clip_grad_norm_([w, b], max_norm, norm_type)
        return total, w.grad, b.grad
    return run


def clip_value(w, gw):
    w = w.clone().requires_grad_()
    w.grad = gw.clone()
    torch.nn.utils.clip_grad_value_(w, 0.5)
    return w.grad


def clip_case(name, fn):
    return case(name, fn, randn(3, 4, seed=name + "w"), randn(4, seed=name + "b"),
                randn(3, 4, seed=name + "gw"), randn(4, seed=name + "gb"))


optim = torch.optim
sched = torch.optim.lr_scheduler

CASES = [
    optimizer_case("sgd", lambda w, b: optim.SGD([w, b], lr=0.1)),
    optimizer_case("sgd_momentum", lambda w, b: optim.SGD([w, b], lr=0.1, momentum=0.9)),
    optimizer_case("sgd_nesterov", lambda w, b: optim.SGD([w, b], lr=0.05, momentum=0.9, nesterov=True)),
    optimizer_case("sgd_weight_decay", lambda w, b: optim.SGD([w, b], lr=0.1, weight_decay=0.05)),
    optimizer_case("sgd_dampening", lambda w, b: optim.SGD([w, b], lr=0.1, momentum=0.8, dampening=0.3, weight_decay=0.01)),
    optimizer_case("sgd_maximize", lambda w, b: optim.SGD([w, b], lr=0.1, momentum=0.5, maximize=True)),
    optimizer_case("sgd_two_groups", lambda w, b: optim.SGD(
        [{"params": [w]}, {"params": [b], "lr": 0.01, "momentum": 0.5}], lr=0.1, momentum=0.9)),
    optimizer_case("adam", lambda w, b: optim.Adam([w, b], lr=0.01)),
    optimizer_case("adam_amsgrad", lambda w, b: optim.Adam([w, b], lr=0.01, amsgrad=True)),
    optimizer_case("adam_weight_decay", lambda w, b: optim.Adam([w, b], lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    optimizer_case("adam_maximize", lambda w, b: optim.Adam([w, b], lr=0.01, maximize=True)),
    optimizer_case("adam_two_groups", lambda w, b: optim.Adam(
        [{"params": [w], "lr": 0.05}, {"params": [b], "betas": (0.5, 0.9)}], lr=0.01)),
    optimizer_case("adamw", lambda w, b: optim.AdamW([w, b], lr=0.01)),
    optimizer_case("adamw_amsgrad", lambda w, b: optim.AdamW([w, b], lr=0.02, weight_decay=0.1, amsgrad=True)),
    optimizer_case("rmsprop", lambda w, b: optim.RMSprop([w, b], lr=0.01)),
    optimizer_case("rmsprop_centered", lambda w, b: optim.RMSprop([w, b], lr=0.01, centered=True)),
    optimizer_case("rmsprop_momentum", lambda w, b: optim.RMSprop([w, b], lr=0.01, momentum=0.9, weight_decay=0.01)),
    optimizer_case("rmsprop_centered_momentum", lambda w, b: optim.RMSprop([w, b], lr=0.01, alpha=0.9, momentum=0.5, centered=True)),
    case("adam_amsgrad_state", adam_state, randn(3, 4, seed="astw"), randn(4, seed="astb"),
         randn(3, 3, 4, seed="astgw"), randn(3, 4, seed="astgb")),
    case("steplr", schedule(lambda o: sched.StepLR(o, step_size=7, gamma=0.5), lrs=(0.1, 0.03))),
    case("multisteplr", schedule(lambda o: sched.MultiStepLR(o, milestones=[4, 10, 10, 21], gamma=0.3))),
    case("exponentiallr", schedule(lambda o: sched.ExponentialLR(o, gamma=0.9))),
    case("cosineannealinglr", schedule(lambda o: sched.CosineAnnealingLR(o, T_max=12, eta_min=0.001), lrs=(0.1, 0.05))),
    case("linearlr", schedule(lambda o: sched.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=8))),
    case("lambdalr", schedule(lambda o: sched.LambdaLR(o, lambda epoch: 0.95 ** epoch))),
    case("sequentiallr_warmup_cosine", schedule(warmup_cosine, lrs=(0.1, 0.02))),
    clip_case("clip_grad_norm_l2", clip_norm(1.0, 2.0)),
    clip_case("clip_grad_norm_l1", clip_norm(2.0, 1.0)),
    clip_case("clip_grad_norm_inf", clip_norm(0.5, float("inf"))),
    clip_case("clip_grad_norm_no_clip", clip_norm(100.0, 2.0)),
    case("clip_grad_value", clip_value, randn(3, 4, seed="cgvw"), randn(3, 4, seed="cgvg")),
]
