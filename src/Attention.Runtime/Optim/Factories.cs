using System.Collections.Generic;
using Attention.Runtime.Modules;

namespace Attention.Runtime;

// Optimizer factories with TorchSharp's shape: torch.optim.Adam(model.parameters(), lr: 1e-3).
public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Stochastic gradient descent over <paramref name="parameters"/>.</summary>
        public static SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize);

        /// <summary>Stochastic gradient descent over parameter groups, each able to override the hyperparameters.</summary>
        public static SGD SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(param_groups, lr, momentum, dampening, weight_decay, nesterov, maximize);

        /// <summary>Adam over <paramref name="parameters"/>; <paramref name="betas"/> is (0.9, 0.999) when null.</summary>
        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, betas, eps, weight_decay, amsgrad, maximize);

        /// <summary>Adam over parameter groups, each able to override the hyperparameters.</summary>
        public static Adam Adam(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(param_groups, lr, betas, eps, weight_decay, amsgrad, maximize);

        /// <summary>AdamW (decoupled weight decay) over <paramref name="parameters"/>.</summary>
        public static AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, betas, eps, weight_decay, amsgrad, maximize);

        /// <summary>AdamW over parameter groups, each able to override the hyperparameters.</summary>
        public static AdamW AdamW(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
            new(param_groups, lr, betas, eps, weight_decay, amsgrad, maximize);

        /// <summary>RMSprop over <paramref name="parameters"/>.</summary>
        public static RMSprop RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered, maximize);

        /// <summary>RMSprop over parameter groups, each able to override the hyperparameters.</summary>
        public static RMSprop RMSprop(IEnumerable<ParamGroup> param_groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
            new(param_groups, lr, alpha, eps, weight_decay, momentum, centered, maximize);
    }
}
