using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>Layers against Reference/cases_modules.py: initialisation after the same seed, outputs and gradients.</summary>
public sealed class ModuleParityTests : ReferenceParityTests<ModuleParityTests>, IReferenceArea
{
    private const string Area = "modules";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["linear_init"] = _ =>
        {
            manual_seed(7);
            return nn.Linear(6, 3).parameters().ToArray();
        },
        ["linear_init_no_bias"] = _ =>
        {
            manual_seed(8);
            return nn.Linear(2, 5, bias: false).parameters().ToArray();
        },
        ["linear_forward_backward"] = x =>
        {
            manual_seed(3);
            var layer = nn.Linear(5, 4);
            Tensor input = x[0].requires_grad_();
            Tensor y = layer.call(input);
            (y * y).sum().backward();
            return new[] { y, input.grad!, layer.weight.grad!, layer.bias!.grad! };
        },
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void Linear_has_pytorchs_parameter_names_and_count()
    {
        using var layer = nn.Linear(10, 3);
        Assert.Equal(["weight", "bias"], layer.named_parameters().Select(p => p.name));
        Assert.Equal(33, layer.parameters().Sum(p => p.numel()));
    }
}
