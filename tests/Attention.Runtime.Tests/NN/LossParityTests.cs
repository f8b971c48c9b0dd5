using System;
using System.Collections.Generic;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>Losses (functional and modules) against Reference/cases_losses.py.</summary>
public sealed class LossParityTests : ReferenceParityTests<LossParityTests>, IReferenceArea
{
    private const string Area = "losses";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = BuildOps();

    private static Dictionary<string, Func<Tensor[], object>> BuildOps()
    {
        var ops = new Dictionary<string, Func<Tensor[], object>>
        {
            // ---- regression ----
            ["smooth_l1_beta_half"] = x => smooth_l1_loss(x[0], x[1], beta: 0.5),
            ["smooth_l1_beta_zero"] = x => smooth_l1_loss(x[0], x[1], "sum", beta: 0.0),
            ["mse_broadcast_target"] = x => mse_loss(x[0], x[1]),
            ["mse_float64"] = x => mse_loss(x[0], x[1]),
            ["l1_4d_sum"] = x => l1_loss(x[0], x[1], "sum"),

            // ---- binary cross-entropy ----
            ["bce_weight_broadcast"] = x => binary_cross_entropy(x[0], x[1], x[2]),
            ["bce_weight_full_none"] = x => binary_cross_entropy(x[0], x[1], x[2], "none"),
            ["bce_hard_targets"] = x => binary_cross_entropy(x[0], x[1]),
            ["bce_logits_weight_sum"] = x => binary_cross_entropy_with_logits(x[0], x[1], x[2], "sum"),
            ["bce_logits_pos_weight_mean"] = x => binary_cross_entropy_with_logits(x[0], x[1], pos_weight: x[2]),
            ["bce_logits_weight_and_pos_weight_none"] = x => binary_cross_entropy_with_logits(x[0], x[1], x[2], "none", x[3]),
            ["bce_logits_large_logits"] = x => binary_cross_entropy_with_logits(x[0], x[1], reduction: "none"),

            // ---- cross-entropy with class indices ----
            ["cross_entropy_ignore_index_default"] = x => cross_entropy(x[0], x[1]),
            ["cross_entropy_ignore_index_class"] = x => cross_entropy(x[0], x[1], ignore_index: 2, reduction: "none"),
            ["cross_entropy_ignore_index_weight_mean"] = x => cross_entropy(x[0], x[1], x[2], ignore_index: -1),
            ["cross_entropy_all_ignored_mean"] = x => cross_entropy(x[0], x[1]),
            ["cross_entropy_all_ignored_sum"] = x => cross_entropy(x[0], x[1], reduction: "sum"),
            ["cross_entropy_label_smoothing_mean"] = x => cross_entropy(x[0], x[1], label_smoothing: 0.1),
            ["cross_entropy_label_smoothing_none"] = x => cross_entropy(x[0], x[1], reduction: "none", label_smoothing: 0.25),
            ["cross_entropy_label_smoothing_weight_ignore"] = x => cross_entropy(x[0], x[1], x[2], ignore_index: 0, label_smoothing: 0.2),
            ["cross_entropy_unbatched"] = x => cross_entropy(x[0], x[1]),
            ["cross_entropy_4d_mean"] = x => cross_entropy(x[0], x[1]),
            ["cross_entropy_4d_none"] = x => cross_entropy(x[0], x[1], reduction: "none"),
            ["cross_entropy_4d_weight_ignore_smoothing"] = x => cross_entropy(x[0], x[1], x[2], ignore_index: 255, label_smoothing: 0.1),
            ["cross_entropy_3d_sum"] = x => cross_entropy(x[0], x[1], reduction: "sum"),

            // ---- cross-entropy with class probabilities ----
            ["cross_entropy_probs_weight_mean"] = x => cross_entropy(x[0], x[1], x[2]),
            ["cross_entropy_probs_label_smoothing"] = x => cross_entropy(x[0], x[1], label_smoothing: 0.3),
            ["cross_entropy_probs_4d_label_smoothing_none"] = x => cross_entropy(x[0], x[1], reduction: "none", label_smoothing: 0.1),
            ["cross_entropy_probs_unbatched"] = x => cross_entropy(x[0], x[1]),

            // ---- negative log-likelihood ----
            ["nll_weight_ignore_mean"] = x => nll_loss(x[0], x[1], x[2], ignore_index: 1),
            ["nll_4d_mean"] = x => nll_loss(x[0], x[1]),
            ["nll_4d_weight_none"] = x => nll_loss(x[0], x[1], x[2], reduction: "none"),
            ["nll_all_ignored_mean"] = x => nll_loss(x[0], x[1]),

            // ---- modules ----
            ["module_mse_sum"] = x => nn.MSELoss("sum").call(x[0], x[1]),
            ["module_l1"] = x => nn.L1Loss().call(x[0], x[1]),
            ["module_smooth_l1_beta"] = x => nn.SmoothL1Loss("none", beta: 0.3).call(x[0], x[1]),
            ["module_bce_weight"] = x => nn.BCELoss(x[2]).call(x[0], x[1]),
            ["module_bce_logits_weight_pos_weight"] = x => nn.BCEWithLogitsLoss(x[2], "sum", x[3]).call(x[0], x[1]),
            ["module_cross_entropy"] = x => nn.CrossEntropyLoss(x[2], ignore_index: 0, label_smoothing: 0.1).call(x[0], x[1]),
            ["module_cross_entropy_probs"] = x => nn.CrossEntropyLoss(reduction: "none").call(x[0], x[1]),
            ["module_nll"] = x => nn.NLLLoss(x[2], reduction: "sum").call(x[0], x[1]),
        };

        // Every loss under every reduction (cases_losses.py loops the same way).
        foreach (string r in new[] { "none", "mean", "sum" })
        {
            ops[$"mse_{r}"] = x => mse_loss(x[0], x[1], r);
            ops[$"l1_{r}"] = x => l1_loss(x[0], x[1], r);
            ops[$"smooth_l1_{r}"] = x => smooth_l1_loss(x[0], x[1], r);
            ops[$"bce_{r}"] = x => binary_cross_entropy(x[0], x[1], reduction: r);
            ops[$"bce_logits_{r}"] = x => binary_cross_entropy_with_logits(x[0], x[1], reduction: r);
            ops[$"cross_entropy_{r}"] = x => cross_entropy(x[0], x[1], reduction: r);
            ops[$"cross_entropy_weight_{r}"] = x => cross_entropy(x[0], x[1], x[2], reduction: r);
            ops[$"cross_entropy_probs_{r}"] = x => cross_entropy(x[0], x[1], reduction: r);
            ops[$"nll_{r}"] = x => nll_loss(x[0], x[1], reduction: r);
        }

        return ops;
    }

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void Weighted_losses_keep_their_weights_as_buffers_with_pytorchs_names()
    {
        using DisposeScope scope = NewDisposeScope();
        using var crossEntropy = nn.CrossEntropyLoss(ones(3));
        using var logits = nn.BCEWithLogitsLoss(ones(2), pos_weight: ones(2));
        using var unweighted = nn.NLLLoss();

        Assert.Equal(["weight"], crossEntropy.state_dict().Keys);
        Assert.Equal(["weight", "pos_weight"], logits.state_dict().Keys);
        Assert.Empty(unweighted.state_dict());
        Assert.Empty(crossEntropy.parameters());
    }

    [Fact]
    public void Disposing_a_loss_module_leaves_the_callers_weight_usable()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor weight = tensor(new[] { 1f, 2f, 3f });
        using (nn.CrossEntropyLoss(weight))
        {
        }

        Assert.Equal([1f, 2f, 3f], weight.data<float>());
    }

    [Fact]
    public void A_bad_reduction_is_rejected_with_pytorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => mse_loss(zeros(2), zeros(2), "avg"));
        Assert.StartsWith("avg is not a valid value for reduction", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => nn.CrossEntropyLoss(reduction: "elementwise").call(zeros(2, 3), zeros([2], ScalarType.Int64)));
    }
}
