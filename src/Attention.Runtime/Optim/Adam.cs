using System.Collections.Generic;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Adam (with optional AMSGrad and L2 weight decay added to the gradient), as torch.optim.Adam
/// (PyTorch 1.13's single-tensor update, step for step).
/// </summary>
public sealed class Adam : optim.Optimizer
{
    /// <summary>An optimizer over <paramref name="param_groups"/>; <paramref name="betas"/> (decay rates of the moment estimates) is (0.9, 0.999) when null.</summary>
    public Adam(IEnumerable<optim.ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(param_groups, Defaults(lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize), AdamUpdate.Validate)
    {
    }

    /// <summary>An optimizer over <paramref name="parameters"/> as one group; <paramref name="betas"/> is (0.9, 0.999) when null.</summary>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this(OneGroup(parameters), lr, betas, eps, weight_decay, amsgrad, maximize)
    {
    }

    internal static KeyValuePair<string, object>[] Defaults(double lr, (double, double) betas, double eps, double weight_decay, bool amsgrad, bool maximize) =>
    [
        new("lr", lr), new("betas", betas), new("eps", eps),
        new("weight_decay", weight_decay), new("amsgrad", amsgrad), new("maximize", maximize),
    ];

    /// <inheritdoc/>
    protected override void Update(optim.ParamGroup group) => AdamUpdate.Step(group, State, decoupled: false);

    /// <summary>A parameter group with its own Adam hyperparameters (null: the optimizer's).</summary>
    public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, (double, double)? betas = null, double? eps = null, double? weight_decay = null, bool? amsgrad = null, bool? maximize = null)
        : optim.ParamGroup(parameters, Overrides(("lr", lr), ("betas", betas), ("eps", eps), ("weight_decay", weight_decay), ("amsgrad", amsgrad), ("maximize", maximize)));
}
