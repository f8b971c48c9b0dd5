using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// AdamW: Adam with decoupled weight decay (the parameter shrinks by lr·weight_decay each step), as
/// torch.optim.AdamW (PyTorch 1.13's single-tensor update, step for step).
/// </summary>
public sealed class AdamW : optim.Optimizer
{
    /// <summary>An optimizer over <paramref name="param_groups"/>; <paramref name="betas"/> (decay rates of the moment estimates) is (0.9, 0.999) when null.</summary>
    public AdamW(IEnumerable<optim.ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(param_groups, Adam.Defaults(lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize), AdamUpdate.Validate)
    {
    }

    /// <summary>An optimizer over <paramref name="parameters"/> as one group; <paramref name="betas"/> is (0.9, 0.999) when null.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this(OneGroup(parameters), lr, betas, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <inheritdoc/>
    protected override void Update(optim.ParamGroup group) => AdamUpdate.Step(group, State, decoupled: true);

    /// <summary>A parameter group with its own AdamW hyperparameters (null: the optimizer's).</summary>
    public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, (double, double)? betas = null, double? eps = null, double? weight_decay = null, bool? amsgrad = null, bool? maximize = null)
        : optim.ParamGroup(parameters, Overrides(("lr", lr), ("betas", betas), ("eps", eps), ("weight_decay", weight_decay), ("amsgrad", amsgrad), ("maximize", maximize)));
}
