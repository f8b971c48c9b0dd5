using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.optim.lr_scheduler;

namespace Attention.Runtime.Tests.Optim;

/// <summary>
/// Optimizers, schedulers and gradient clipping against Reference/cases_optim.py: the parameters after
/// each of 8 steps under the same gradients, Adam's state, 30-step learning-rate schedules, clipped gradients.
/// </summary>
public sealed class OptimParityTests
{
    private const string Area = "optim";
    private const int Steps = 8;

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["sgd"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.1)),
        ["sgd_momentum"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.1, momentum: 0.9)),
        ["sgd_nesterov"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.05, momentum: 0.9, nesterov: true)),
        ["sgd_weight_decay"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.1, weight_decay: 0.05)),
        ["sgd_dampening"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.1, momentum: 0.8, dampening: 0.3, weight_decay: 0.01)),
        ["sgd_maximize"] = Trajectory((w, b) => optim.SGD([w, b], lr: 0.1, momentum: 0.5, maximize: true)),
        ["sgd_two_groups"] = Trajectory((w, b) => optim.SGD([new SGD.ParamGroup([w]), new SGD.ParamGroup([b], lr: 0.01, momentum: 0.5)], lr: 0.1, momentum: 0.9)),
        ["adam"] = Trajectory((w, b) => optim.Adam([w, b], lr: 0.01)),
        ["adam_amsgrad"] = Trajectory((w, b) => optim.Adam([w, b], lr: 0.01, amsgrad: true)),
        ["adam_weight_decay"] = Trajectory((w, b) => optim.Adam([w, b], lr: 0.01, betas: (0.8, 0.99), eps: 1e-6, weight_decay: 0.1)),
        ["adam_maximize"] = Trajectory((w, b) => optim.Adam([w, b], lr: 0.01, maximize: true)),
        ["adam_two_groups"] = Trajectory((w, b) => optim.Adam([new Adam.ParamGroup([w], lr: 0.05), new Adam.ParamGroup([b], betas: (0.5, 0.9))], lr: 0.01)),
        ["adamw"] = Trajectory((w, b) => optim.AdamW([w, b], lr: 0.01)),
        ["adamw_amsgrad"] = Trajectory((w, b) => optim.AdamW([w, b], lr: 0.02, weight_decay: 0.1, amsgrad: true)),
        ["rmsprop"] = Trajectory((w, b) => optim.RMSprop([w, b], lr: 0.01)),
        ["rmsprop_centered"] = Trajectory((w, b) => optim.RMSprop([w, b], lr: 0.01, centered: true)),
        ["rmsprop_momentum"] = Trajectory((w, b) => optim.RMSprop([w, b], lr: 0.01, momentum: 0.9, weight_decay: 0.01)),
        ["rmsprop_centered_momentum"] = Trajectory((w, b) => optim.RMSprop([w, b], lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true)),
        ["adam_amsgrad_state"] = x =>
        {
            Tensor w = x[0].requires_grad_(), b = x[1].requires_grad_();
            using var optimizer = optim.Adam([w, b], lr: 0.01, amsgrad: true);
            for (int t = 0; t < 3; t++)
            {
                w.grad = x[2][t].clone();
                b.grad = x[3][t].clone();
                optimizer.step();
            }

            var state = optimizer.state_dict().state;
            return (from i in new[] { 0, 1 }
                    from key in new[] { "step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq" }
                    select (Tensor)state[i][key]!).ToArray();
        },
        ["steplr"] = Schedule(o => new StepLR(o, step_size: 7, gamma: 0.5), 0.1, 0.03),
        ["multisteplr"] = Schedule(o => new MultiStepLR(o, milestones: [4, 10, 10, 21], gamma: 0.3)),
        ["exponentiallr"] = Schedule(o => new ExponentialLR(o, gamma: 0.9)),
        ["cosineannealinglr"] = Schedule(o => new CosineAnnealingLR(o, T_max: 12, eta_min: 0.001), 0.1, 0.05),
        ["linearlr"] = Schedule(o => new LinearLR(o, start_factor: 0.25, end_factor: 1.0, total_iters: 8)),
        ["lambdalr"] = Schedule(o => new LambdaLR(o, epoch => Math.Pow(0.95, epoch))),
        ["sequentiallr_warmup_cosine"] = Schedule(
            o => new SequentialLR(o, [new LinearLR(o, start_factor: 0.1, end_factor: 1.0, total_iters: 5), new CosineAnnealingLR(o, T_max: 20, eta_min: 1e-4)], milestones: [5]),
            0.1, 0.02),
        ["clip_grad_norm_l2"] = ClipNorm(1.0, 2.0),
        ["clip_grad_norm_l1"] = ClipNorm(2.0, 1.0),
        ["clip_grad_norm_inf"] = ClipNorm(0.5, double.PositiveInfinity),
        ["clip_grad_norm_no_clip"] = ClipNorm(100.0, 2.0),
        ["clip_grad_value"] = x =>
        {
            Tensor w = x[0].requires_grad_();
            w.grad = x[1].clone();
            nn.utils.clip_grad_value_(w, 0.5);
            return w.grad!;
        },
    };

    // Learning rates are plain double arithmetic with the same formulas and the same libm: equal to the bit.
    private static readonly HashSet<string> ExactCases = ["steplr", "multisteplr", "exponentiallr", "cosineannealinglr", "linearlr", "lambdalr", "sequentiallr_warmup_cosine"];

    public static TheoryData<string> Cases => ReferenceData.CaseNames(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        if (ExactCases.Contains(name))
        {
            ReferenceData.Check(Area, name, Ops, rtol: 0, atol: 0);
        }
        else
        {
            ReferenceData.Check(Area, name, Ops);
        }
    }

    [Fact]
    public void Every_reference_case_has_an_op() => ReferenceData.AssertCoverage(Area, Ops.Keys);

    /// <summary>Steps with the case's gradients (inputs: w, b, then their gradients per step); returns the stacked parameters after each step.</summary>
    private static Func<Tensor[], object> Trajectory(Func<Tensor, Tensor, optim.Optimizer> make) => x =>
    {
        Tensor w = x[0].requires_grad_(), b = x[1].requires_grad_();
        using optim.Optimizer optimizer = make(w, b);
        var ws = new List<Tensor>();
        var bs = new List<Tensor>();
        for (int t = 0; t < Steps; t++)
        {
            w.grad = x[2][t].clone();
            b.grad = x[3][t].clone();
            optimizer.step();
            ws.Add(w.detach().clone());
            bs.Add(b.detach().clone());
        }

        return (stack(ws), stack(bs));
    };

    /// <summary>Every group's learning rate at construction and after each of 30 steps, as a [31, groups] float64 tensor.</summary>
    private static Func<Tensor[], object> Schedule(Func<optim.Optimizer, LRScheduler> make, params double[] lrs) => _ =>
    {
        const int ScheduleSteps = 30;
        double[] rates = lrs.Length == 0 ? [0.1] : lrs;
        Tensor[] parameters = rates.Select(_ => zeros([1], requires_grad: true)).ToArray();
        using var optimizer = optim.SGD(parameters.Select((p, i) => new SGD.ParamGroup([p], lr: rates[i])), lr: rates[0]);
        LRScheduler scheduler = make(optimizer);
        var values = new List<double>(scheduler.get_last_lr());
        for (int i = 0; i < ScheduleSteps; i++)
        {
            optimizer.step();
            scheduler.step();
            values.AddRange(scheduler.get_last_lr());
        }

        return tensor(values.ToArray(), [ScheduleSteps + 1, rates.Length], ScalarType.Float64);
    };

    private static Func<Tensor[], object> ClipNorm(double maxNorm, double normType) => x =>
    {
        Tensor w = x[0].requires_grad_(), b = x[1].requires_grad_();
        w.grad = x[2].clone();
        b.grad = x[3].clone();
        Tensor total = nn.utils.clip_grad_norm_([w, b], maxNorm, normType);
        return (total, w.grad!, b.grad!);
    };
}
