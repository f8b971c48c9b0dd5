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
            // Fixed weights from a local generator: the global one is left to the function under test.
            using Tensor probe = function(leaves);
            var random = new Random(17);
            double[] values = new double[probe.numel()];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.NextDouble() * 2 - 1;
            }

            weights = tensor(values, probe.shape);
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
