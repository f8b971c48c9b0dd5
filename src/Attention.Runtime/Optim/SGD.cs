using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
/// decay, as torch.optim.SGD (PyTorch 1.13's single-tensor update, step for step).
/// </summary>
public sealed class SGD : optim.Optimizer
{
    /// <summary>An optimizer over <paramref name="param_groups"/>, whose unset hyperparameters take these values.</summary>
    /// <exception cref="ArgumentException">lr, momentum or weight_decay is negative, or <paramref name="nesterov"/> without momentum or with dampening.</exception>
    public SGD(IEnumerable<optim.ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(param_groups, Defaults(lr, momentum, dampening, weight_decay, nesterov, maximize), Validate)
    {
    }

    /// <summary>An optimizer over <paramref name="parameters"/> as one group.</summary>
    /// <exception cref="ArgumentException">lr, momentum or weight_decay is negative, or <paramref name="nesterov"/> without momentum or with dampening.</exception>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : this(OneGroup(parameters), lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
    }

    private static KeyValuePair<string, object>[] Defaults(double lr, double momentum, double dampening, double weight_decay, bool nesterov, bool maximize) =>
    [
        new("lr", lr), new("momentum", momentum), new("dampening", dampening),
        new("weight_decay", weight_decay), new("nesterov", nesterov), new("maximize", maximize),
    ];

    private static void Validate(optim.ParamGroup group)
    {
        RequireNonNegative(group, "lr", "learning rate");
        RequireNonNegative(group, "momentum", "momentum value");
        RequireNonNegative(group, "weight_decay", "weight_decay value");
        if (group.Get<bool>("nesterov") && (group.Get<double>("momentum") <= 0 || group.Get<double>("dampening") != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(group));
        }
    }

    /// <inheritdoc/>
    protected override void Update(optim.ParamGroup group)
    {
        double lr = group.lr;
        double momentum = group.Get<double>("momentum");
        double dampening = group.Get<double>("dampening");
        double weight_decay = group.Get<double>("weight_decay");
        bool nesterov = group.Get<bool>("nesterov");
        bool maximize = group.Get<bool>("maximize");
        foreach (Tensor param in group.@params)
        {
            if (param.grad is not { } grad)
            {
                continue;
            }

            Tensor d_p = maximize ? -grad : grad;
            if (weight_decay != 0)
            {
                d_p = d_p.add(param, weight_decay);
            }

            var state = State(param);
            if (momentum != 0)
            {
                if (state.GetValueOrDefault("momentum_buffer") is Tensor buf)
                {
                    buf.mul_(momentum).add_(d_p, 1 - dampening);
                }
                else
                {
                    buf = Keep(d_p.clone());
                    state["momentum_buffer"] = buf;
                }

                d_p = nesterov ? d_p.add(buf, momentum) : buf;
            }
            else
            {
                state["momentum_buffer"] = null; // PyTorch records None for every stepped parameter
            }

            param.add_(d_p, -lr);
        }
    }

    /// <summary>A parameter group with its own SGD hyperparameters (null: the optimizer's).</summary>
    public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? momentum = null, double? dampening = null, double? weight_decay = null, bool? nesterov = null, bool? maximize = null)
        : optim.ParamGroup(parameters, Overrides(("lr", lr), ("momentum", momentum), ("dampening", dampening), ("weight_decay", weight_decay), ("nesterov", nesterov), ("maximize", maximize)));
}
