using System;
using System.Linq;
using Attention.Runtime;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests.Infrastructure;

/// <summary>
/// The parameter half of a module's gradient check (GradCheck covers its input): every parameter's
/// autograd gradient against central finite differences in float64, with GradCheck's tolerances
/// (eps 1e-6, atol 1e-5, rtol 1e-3). Each element is perturbed in place without grad, as
/// torch.autograd.gradcheck would through a functional call.
/// </summary>
public static class ParameterGradCheck
{
    public static void Assert(nn.Module<Tensor, Tensor> module, Tensor input, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        using DisposeScope scope = NewDisposeScope();
        Xunit.Assert.True(module.parameters().All(p => p.dtype == ScalarType.Float64), "move the module to float64 first");
        Tensor x = input.detach().to(ScalarType.Float64);
        Tensor weights;
        using (no_grad())
        {
            using Tensor probe = module.call(x);
            var random = new Random(23);
            double[] values = new double[probe.numel()];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.NextDouble() * 2 - 1;
            }

            weights = tensor(values, probe.shape);
        }

        module.zero_grad();
        (module.call(x) * weights).sum().backward();

        foreach (var (name, parameter) in module.named_parameters())
        {
            Xunit.Assert.True(parameter.grad is not null, $"{name} has no gradient");
            double[] analytic = parameter.grad!.contiguous().data<double>();
            double[] values = parameter.detach().contiguous().data<double>();
            for (int k = 0; k < values.Length; k++)
            {
                double numeric = (Evaluate(module, x, weights, parameter, values, k, eps) - Evaluate(module, x, weights, parameter, values, k, -eps)) / (2 * eps);
                Xunit.Assert.True(Math.Abs(analytic[k] - numeric) <= atol + rtol * Math.Abs(numeric),
                    $"{name}, element {k}: autograd gives {analytic[k]:R}, finite differences {numeric:R}");
            }

            using (no_grad())
            {
                parameter.copy_(tensor(values, parameter.shape, ScalarType.Float64));
            }
        }
    }

    private static double Evaluate(nn.Module<Tensor, Tensor> module, Tensor x, Tensor weights, Tensor parameter, double[] values, int k, double delta)
    {
        using DisposeScope scope = NewDisposeScope();
        using var _ = no_grad();
        double[] shifted = (double[])values.Clone();
        shifted[k] += delta;
        parameter.copy_(tensor(shifted, parameter.shape, ScalarType.Float64));
        return (module.call(x) * weights).sum().item<double>();
    }
}
