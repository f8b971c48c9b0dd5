using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// RMSprop (optionally centered, with momentum and L2 weight decay), as torch.optim.RMSprop
/// (PyTorch 1.13's single-tensor update, step for step; its step count is an integer).
/// </summary>
public sealed class RMSprop : optim.Optimizer
{
    /// <summary>An optimizer over <paramref name="param_groups"/>, whose unset hyperparameters take these values.</summary>
    /// <exception cref="System.ArgumentException">lr, eps, momentum, weight_decay or alpha is negative.</exception>
    public RMSprop(IEnumerable<optim.ParamGroup> param_groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(param_groups, Defaults(lr, alpha, eps, weight_decay, momentum, centered, maximize), Validate)
    {
    }

    /// <summary>An optimizer over <paramref name="parameters"/> as one group.</summary>
    /// <exception cref="System.ArgumentException">lr, eps, momentum, weight_decay or alpha is negative.</exception>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : this(OneGroup(parameters), lr, alpha, eps, weight_decay, momentum, centered, maximize)
    {
    }

    private static KeyValuePair<string, object>[] Defaults(double lr, double alpha, double eps, double weight_decay, double momentum, bool centered, bool maximize) =>
    [
        new("lr", lr), new("momentum", momentum), new("alpha", alpha), new("eps", eps),
        new("centered", centered), new("weight_decay", weight_decay), new("maximize", maximize),
    ];

    private static void Validate(optim.ParamGroup group)
    {
        RequireNonNegative(group, "lr", "learning rate");
        RequireNonNegative(group, "eps", "epsilon value");
        RequireNonNegative(group, "momentum", "momentum value");
        RequireNonNegative(group, "weight_decay", "weight_decay value");
        RequireNonNegative(group, "alpha", "alpha value");
    }

    /// <inheritdoc/>
    protected override void Update(optim.ParamGroup group)
    {
        double lr = group.lr;
        double alpha = group.Get<double>("alpha");
        double eps = group.Get<double>("eps");
        double weight_decay = group.Get<double>("weight_decay");
        double momentum = group.Get<double>("momentum");
        bool centered = group.Get<bool>("centered");
        bool maximize = group.Get<bool>("maximize");
        foreach (Tensor param in group.@params)
        {
            if (param.grad is not { } g)
            {
                continue;
            }

            var state = State(param);
            if (state.Count == 0)
            {
                state["step"] = 0L;
                state["square_avg"] = Keep(zeros_like(param));
                if (momentum > 0)
                {
                    state["momentum_buffer"] = Keep(zeros_like(param));
                }

                if (centered)
                {
                    state["grad_avg"] = Keep(zeros_like(param));
                }
            }

            state["step"] = (long)state["step"]! + 1;
            Tensor grad = maximize ? -g : g;
            if (weight_decay != 0)
            {
                grad = grad.add(param, weight_decay);
            }

            var square_avg = (Tensor)state["square_avg"]!;
            square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
            Tensor avg;
            if (centered)
            {
                var grad_avg = (Tensor)state["grad_avg"]!;
                grad_avg.mul_(alpha).add_(grad, 1 - alpha);
                avg = square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_();
            }
            else
            {
                avg = square_avg.sqrt();
            }

            avg.add_(eps);
            if (momentum > 0)
            {
                var buf = (Tensor)state["momentum_buffer"]!;
                buf.mul_(momentum).addcdiv_(grad, avg);
                param.add_(buf, -lr);
            }
            else
            {
                param.addcdiv_(grad, avg, -lr);
            }
        }
    }

    /// <summary>A parameter group with its own RMSprop hyperparameters (null: the optimizer's).</summary>
    public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? alpha = null, double? eps = null, double? weight_decay = null, double? momentum = null, bool? centered = null, bool? maximize = null)
        : optim.ParamGroup(parameters, Overrides(("lr", lr), ("alpha", alpha), ("eps", eps), ("weight_decay", weight_decay), ("momentum", momentum), ("centered", centered), ("maximize", maximize)));
}
