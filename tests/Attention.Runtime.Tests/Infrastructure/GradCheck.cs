using System;
using System.Linq;
using Attention.Runtime;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>
/// Compares autograd's gradients with central finite differences in float64, as
/// torch.autograd.gradcheck does (eps 1e-6, atol 1e-5, rtol 1e-3). The function's output is
/// reduced to a scalar by a fixed random weighting, so every output element is exercised.
/// <see cref="AssertModule"/> does the same for a module's input and parameters.
/// </summary>
public static class GradCheck
{
    public static void Assert(Func<Tensor[], Tensor> function, params Tensor[] inputs) => Assert(function, 1e-6, 1e-5, 1e-3, inputs);

    public static void Assert(Func<Tensor[], Tensor> function, double eps, double atol, double rtol, params Tensor[] inputs)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] leaves = inputs.Select(x => x.detach().to(ScalarType.Float64).requires_grad_(x.is_floating_point())).ToArray();
        Tensor weights;
        using (no_grad())
        {
            using Tensor probe = function(leaves);
            weights = Weighting(probe.shape);
        }

        Tensor objective = (function(leaves) * weights).sum();
        Tensor?[] analytic = autograd.grad([objective], leaves.Where(l => l.requires_grad).ToArray(), allow_unused: true);

        int g = 0;
        for (int i = 0; i < leaves.Length; i++)
        {
            if (!leaves[i].requires_grad)
            {
                continue;
            }

            double[] expected = Numeric(function, leaves, weights, i, eps);
            double[] actual = analytic[g++] is { } grad ? grad.data<double>() : new double[expected.Length];
            for (int k = 0; k < expected.Length; k++)
            {
                double difference = Math.Abs(actual[k] - expected[k]);
                Xunit.Assert.True(difference <= atol + rtol * Math.Abs(expected[k]),
                    $"input {i}, element {k}: autograd gives {actual[k]:R}, finite differences {expected[k]:R}");
            }
        }
    }

    /// <summary>
    /// Checks the gradients of a module's output with respect to its input and to each of its parameters, in
    /// float64 (the module is converted in place): the input through <see cref="Assert(Func{Tensor[], Tensor}, Tensor[])"/>,
    /// each parameter by shifting its elements in place and comparing with what backward accumulated.
    /// </summary>
    public static void AssertModule(nn.Module<Tensor, Tensor> module, Tensor input, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        module.to(ScalarType.Float64);
        Assert(x => module.call(x[0]), eps, atol, rtol, input);

        using DisposeScope scope = NewDisposeScope();
        Tensor x64 = input.detach().to(ScalarType.Float64);
        Tensor weights;
        using (no_grad())
        {
            using Tensor probe = module.call(x64);
            weights = Weighting(probe.shape);
        }

        module.zero_grad();
        (module.call(x64) * weights).sum().backward();
        foreach (var (name, parameter) in module.named_parameters())
        {
            double[] actual = parameter.grad!.contiguous().data<double>();
            double[] values = parameter.detach().contiguous().data<double>();
            for (int k = 0; k < values.Length; k++)
            {
                double expected = (Shifted(k, eps) - Shifted(k, -eps)) / (2 * eps);
                double difference = Math.Abs(actual[k] - expected);
                Xunit.Assert.True(difference <= atol + rtol * Math.Abs(expected),
                    $"{name}, element {k}: autograd gives {actual[k]:R}, finite differences {expected:R}");
            }

            using (no_grad())
            {
                parameter.copy_(tensor(values, parameter.shape, ScalarType.Float64));
            }

            double Shifted(int k, double delta)
            {
                using DisposeScope inner = NewDisposeScope();
                using var _ = no_grad();
                double[] shifted = (double[])values.Clone();
                shifted[k] += delta;
                parameter.copy_(tensor(shifted, parameter.shape, ScalarType.Float64));
                return (module.call(x64) * weights).sum().item<double>();
            }
        }
    }

    // Fixed weights in [-1, 1) from a local generator: the global one is left to the function under test.
    private static Tensor Weighting(long[] shape)
    {
        var random = new Random(17);
        double[] values = new double[shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * 2 - 1;
        }

        return tensor(values, shape);
    }

    private static double[] Numeric(Func<Tensor[], Tensor> function, Tensor[] leaves, Tensor weights, int index, double eps)
    {
        using var _ = no_grad();
        Tensor x = leaves[index];
        double[] values = x.contiguous().data<double>();
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            result[k] = (Evaluate(function, leaves, weights, index, values, k, eps) - Evaluate(function, leaves, weights, index, values, k, -eps)) / (2 * eps);
        }

        return result;
    }

    private static double Evaluate(Func<Tensor[], Tensor> function, Tensor[] leaves, Tensor weights, int index, double[] values, int k, double delta)
    {
        using DisposeScope scope = NewDisposeScope();
        double[] shifted = (double[])values.Clone();
        shifted[k] += delta;
        Tensor[] args = (Tensor[])leaves.Clone();
        args[index] = tensor(shifted, leaves[index].shape, ScalarType.Float64);
        return (function(args) * weights).sum().item<double>();
    }
}
