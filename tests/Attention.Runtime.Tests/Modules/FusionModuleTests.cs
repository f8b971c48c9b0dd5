using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>The gated multimodal unit against Reference/cases_fusion.py (Arevalo et al. 2017, and seed 002's variants).</summary>
public sealed class FusionModuleTests : ReferenceParityTests<FusionModuleTests>, IReferenceArea
{
    private const string Area = "fusion";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["gmu_paper"] = x => Run(x),
        ["gmu_scalar_gate"] = x => Run(x, scalar: true),
        ["gmu_gate_on_hidden"] = x => Run(x, onHidden: true),
        ["gmu_seed_form_with_bias"] = x => Run(x, scalar: true, onHidden: true, bias: true),
        ["gmu_sequences"] = x => Run(x),
        ["gmu_float64"] = x => Run(x, bias: true),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    // Inputs: x1, x2, the parameters, W. Outputs: h, z, the gradients of (h · W).sum() for x1, x2 and every parameter.
    private static Tensor[] Run(Tensor[] x, bool scalar = false, bool onHidden = false, bool bias = false)
    {
        Tensor x1 = x[0].requires_grad_(), x2 = x[1].requires_grad_(), w = x[^1];
        var unit = new GatedMultimodalUnit(x1.size(-1), x2.size(-1), w.size(-1), scalar, onHidden, bias);   // its gradients are the outputs
        unit.to(x1.dtype);
        using (no_grad())
        {
            foreach (var (parameter, value) in unit.parameters().Zip(x[2..^1]))
            {
                parameter.copy_(value);
            }
        }

        Assert.Equal(x.Length - 3, unit.parameters().Count());
        unit.keep_weights = true;
        Tensor h = unit.call(x1, x2);
        (h * w).sum().backward();
        return [h, unit.weights!.clone(), x1.grad!, x2.grad!, .. unit.parameters().Select(p => p.grad!)];
    }

    [Fact]
    public void Parameters_have_the_documented_names_and_the_gate_favours_the_modality_it_is_told_to()
    {
        using DisposeScope scope = NewDisposeScope();
        using var unit = new GatedMultimodalUnit(5, 7, 3);
        Assert.Equal(["hidden1.weight", "hidden2.weight", "gate.weight"], unit.named_parameters().Select(p => p.name));
        Assert.Equal([3L, 12L], unit.gate.weight.shape);
        using var seedForm = new GatedMultimodalUnit(5, 7, 3, scalar_gate: true, gate_on_hidden: true);
        Assert.Equal([1L, 6L], seedForm.gate.weight.shape);

        // A gate saturated towards the first modality passes h1 = tanh(W1 x1) through, and towards the second h2.
        using var biased = new GatedMultimodalUnit(5, 7, 3, bias: true);
        Tensor x1 = randn(4, 5), x2 = randn(4, 7);
        foreach (double open in new[] { 50.0, -50.0 })
        {
            using (no_grad())
            {
                biased.gate.weight.zero_();
                biased.gate.bias!.fill_(open);
            }

            Tensor expected = (open > 0 ? biased.hidden1.call(x1) : biased.hidden2.call(x2)).tanh();
            ReferenceData.AssertClose(expected, biased.call(x1, x2), 1e-6, 1e-7, open > 0 ? "h1 through an open gate" : "h2 through a closed gate");
        }
    }

    [Fact]
    public void Gradients_match_finite_differences_and_bad_shapes_are_refused()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(21);
        using var unit = new GatedMultimodalUnit(3, 2, 4, bias: true);
        unit.to(ScalarType.Float64);
        GradCheck.Assert(x => unit.call(x[0], x[1]), randn([2, 5, 3], ScalarType.Float64), randn([2, 5, 2], ScalarType.Float64));
        Assert.Contains("same leading dimensions", Assert.Throws<ArgumentException>(() => unit.call(randn([2, 3], ScalarType.Float64), randn([3, 2], ScalarType.Float64))).Message, StringComparison.Ordinal);
    }
}
