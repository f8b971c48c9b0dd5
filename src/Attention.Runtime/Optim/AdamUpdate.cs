using System;
using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>The update shared by Adam and AdamW: PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw.</summary>
internal static class AdamUpdate
{
    public static void Validate(optim.ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!(group.lr >= 0))
        {
            throw new ArgumentException($"Invalid learning rate: {Py(group.lr)}", nameof(group));
        }

        double eps = group.Get<double>("eps");
        if (!(eps >= 0))
        {
            throw new ArgumentException($"Invalid epsilon value: {Py(eps)}", nameof(group));
        }

        var (beta1, beta2) = group.Get<(double, double)>("betas");
        if (!(beta1 >= 0 && beta1 < 1))
        {
            throw new ArgumentException($"Invalid beta parameter at index 0: {Py(beta1)}", nameof(group));
        }

        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentException($"Invalid beta parameter at index 1: {Py(beta2)}", nameof(group));
        }

        double weight_decay = group.Get<double>("weight_decay");
        if (!(weight_decay >= 0))
        {
            throw new ArgumentException($"Invalid weight_decay value: {Py(weight_decay)}", nameof(group));
        }
    }

    /// <summary>
    /// One step for every parameter of <paramref name="group"/> with a gradient. AdamW (<paramref name="decoupled"/>)
    /// shrinks the parameter by lr·weight_decay; Adam adds weight_decay·param to the gradient (L2).
    /// </summary>
    public static void Step(optim.ParamGroup group, Func<Tensor, Dictionary<string, object?>> stateOf, bool decoupled)
    {
        double lr = group.lr;
        var (beta1, beta2) = group.Get<(double, double)>("betas");
        double eps = group.Get<double>("eps");
        double weight_decay = group.Get<double>("weight_decay");
        bool amsgrad = group.Get<bool>("amsgrad");
        bool maximize = group.Get<bool>("maximize");
        foreach (Tensor param in group.@params)
        {
            if (param.grad is not { } g)
            {
                continue;
            }

            var state = stateOf(param);
            if (state.Count == 0)
            {
                state["step"] = DisposeScope.Detach(tensor(0.0));
                state["exp_avg"] = DisposeScope.Detach(zeros_like(param));
                state["exp_avg_sq"] = DisposeScope.Detach(zeros_like(param));
                if (amsgrad)
                {
                    state["max_exp_avg_sq"] = DisposeScope.Detach(zeros_like(param));
                }
            }

            var step_t = (Tensor)state["step"]!;
            var exp_avg = (Tensor)state["exp_avg"]!;
            var exp_avg_sq = (Tensor)state["exp_avg_sq"]!;
            Tensor grad = maximize ? -g : g;
            step_t.add_(1);
            if (decoupled)
            {
                param.mul_(1 - lr * weight_decay);
            }
            else if (weight_decay != 0)
            {
                grad = grad.add(param, weight_decay);
            }

            exp_avg.mul_(beta1).add_(grad, 1 - beta1);
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

            // The step count is a float32 tensor, read back as PyTorch does with step_t.item().
            double step = step_t.item<float>();
            double bias_correction1 = 1 - Math.Pow(beta1, step);
            double bias_correction2 = 1 - Math.Pow(beta2, step);
            double step_size = lr / bias_correction1;
            double bias_correction2_sqrt = Math.Sqrt(bias_correction2);
            Tensor denom;
            if (amsgrad)
            {
                var max_exp_avg_sq = (Tensor)state["max_exp_avg_sq"]!;
                max_exp_avg_sq.copy_(max_exp_avg_sq.maximum(exp_avg_sq));
                denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
            }
            else
            {
                denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
            }

            param.addcdiv_(exp_avg, denom, -step_size);
        }
    }

    private static string Py(double value) => optim.PythonNumber(value);
}
