using Attention.Runtime.Tests.Infrastructure;
using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.optim.lr_scheduler;

namespace Attention.Runtime.Tests.Optim;

/// <summary>Optimizer behaviour beyond the parity cases: groups, state dicts and resuming, training, memory, errors.</summary>
public sealed class OptimizerTests
{
    /// <summary>Linear → ReLU → Linear.</summary>
    private sealed class Mlp : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1;
        private readonly Linear fc2;

        public Mlp(long inputs, long hidden, long outputs) : base(nameof(Mlp))
        {
            fc1 = nn.Linear(inputs, hidden);
            register_module(nameof(fc1), fc1);
            fc2 = nn.Linear(hidden, outputs);
            register_module(nameof(fc2), fc2);
        }

        public override Tensor forward(Tensor input) => fc2.call(nn.functional.relu(fc1.call(input)));
    }

    /// <summary>Synthetic regression data: y = x₀·x₁ for x uniform in [−2, 2)², a target a linear model cannot fit.</summary>
    private static (Tensor x, Tensor y) ProductData(long samples)
    {
        Tensor x = rand(samples, 2) * 4 - 2;
        Tensor y = (x[.., 0] * x[.., 1]).unsqueeze(1);
        return (x, y);
    }

    private static Tensor TrainStep(Mlp model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        optimizer.zero_grad();
        Tensor loss = (model.call(x) - y).pow(2).mean();
        loss.backward();
        optimizer.step();
        return loss;
    }

    [Fact]
    public void Adam_trains_an_mlp_to_a_low_loss()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(0);
        var (x, y) = ProductData(256);
        using var model = new Mlp(2, 32, 1);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        double first = 0, last = 0;
        for (int i = 0; i < 400; i++)
        {
            using DisposeScope stepScope = NewDisposeScope();
            last = TrainStep(model, optimizer, x, y).item<float>();
            if (i == 0)
            {
                first = last;
            }
        }

        // The targets have variance ≈ 2; PyTorch reaches 0.0018 from the same seed.
        Assert.True(first > 1.0, $"initial loss {first}");
        Assert.True(last < 0.01, $"final loss {last}");
    }

    public static TheoryData<string> OptimizerKinds => ["sgd_nesterov", "adam_amsgrad", "adamw", "rmsprop_centered_momentum"];

    private static optim.Optimizer Make(string kind, IEnumerable<Tensor> parameters) => kind switch
    {
        "sgd_nesterov" => optim.SGD(parameters, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3),
        "adam_amsgrad" => optim.Adam(parameters, lr: 0.01, amsgrad: true, weight_decay: 1e-3),
        "adamw" => optim.AdamW(parameters, lr: 0.01),
        "rmsprop_centered_momentum" => optim.RMSprop(parameters, lr: 0.005, momentum: 0.5, centered: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(OptimizerKinds))]
    public void Resuming_from_a_state_dict_continues_bit_identically(string kind)
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(1);
        var (x, y) = ProductData(64);

        manual_seed(2);
        using var uninterrupted = new Mlp(2, 8, 1);
        using var optimizerA = Make(kind, uninterrupted.parameters());
        for (int i = 0; i < 20; i++)
        {
            TrainStep(uninterrupted, optimizerA, x, y);
        }

        manual_seed(2);
        using var first = new Mlp(2, 8, 1);
        var firstOptimizer = Make(kind, first.parameters());
        for (int i = 0; i < 10; i++)
        {
            TrainStep(first, firstOptimizer, x, y);
        }

        var savedModel = first.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        optim.OptimizerStateDict savedOptimizer = firstOptimizer.state_dict();
        firstOptimizer.Dispose(); // the saved state must not depend on the optimizer it came from

        manual_seed(3); // a different initialisation, overwritten by the checkpoint
        using var resumed = new Mlp(2, 8, 1);
        resumed.load_state_dict(savedModel);
        using var optimizerB = Make(kind, resumed.parameters());
        optimizerB.load_state_dict(savedOptimizer);
        for (int i = 0; i < 10; i++)
        {
            TrainStep(resumed, optimizerB, x, y);
        }

        foreach (var ((name, a), (_, b)) in uninterrupted.named_parameters().Zip(resumed.named_parameters()))
        {
            Assert.True(a.equal(b), $"{kind}: {name} differs after resuming");
        }
    }

    [Fact]
    public void Ten_thousand_steps_with_a_dispose_scope_per_step_leak_no_tensors()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(4);
        var (x, y) = ProductData(16);
        using var model = new Mlp(2, 4, 1);
        using var optimizer = optim.SGD(model.parameters(), lr: 0.01, momentum: 0.9);
        long atStep100 = 0;
        for (int i = 1; i <= 10_000; i++)
        {
            using (NewDisposeScope())
            {
                TrainStep(model, optimizer, x, y);
            }

            if (i == 100)
            {
                atStep100 = LiveTensors.Settled();
            }
        }

        Assert.Equal(atStep100, LiveTensors.Settled());
    }

    [Fact]
    public void Groups_take_missing_hyperparameters_from_the_defaults()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([2], requires_grad: true), b = zeros([2], requires_grad: true), c = zeros([1], requires_grad: true);
        using var optimizer = optim.Adam([new Adam.ParamGroup([w], lr: 0.1), new Adam.ParamGroup([b], betas: (0.5, 0.6))], lr: 0.01, eps: 1e-6);
        Assert.Equal(0.1, optimizer.param_groups[0].lr);
        Assert.Equal((0.9, 0.999), optimizer.param_groups[0]["betas"]);
        Assert.Equal(0.01, optimizer.param_groups[1].lr);
        Assert.Equal((0.5, 0.6), optimizer.param_groups[1]["betas"]);
        Assert.Equal(1e-6, optimizer.param_groups[1]["eps"]);

        optimizer.add_param_group(new Adam.ParamGroup([c], weight_decay: 0.1));
        Assert.Equal(3, optimizer.param_groups.Count);
        Assert.Equal(0.1, optimizer.param_groups[2]["weight_decay"]);
        Assert.Equal(0.01, optimizer.param_groups[2].lr);
    }

    [Fact]
    public void State_dict_has_pytorchs_shape()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([2, 3], requires_grad: true), b = zeros([3], requires_grad: true), frozen = zeros([1], requires_grad: true);
        using var optimizer = optim.SGD([new SGD.ParamGroup([w, b]), new SGD.ParamGroup([frozen], lr: 0.5)], lr: 0.1, momentum: 0.9);
        w.grad = ones(2, 3);
        b.grad = ones(3);
        optimizer.step();

        optim.OptimizerStateDict state = optimizer.state_dict();
        Assert.Equal([0, 1], state.state.Keys.Order()); // the parameter without a gradient has no state yet
        Assert.Equal(["momentum_buffer"], state.state[0].Keys);
        Assert.Equal([2, 3], ((Tensor)state.state[0]["momentum_buffer"]!).shape);
        Assert.Equal(2, state.param_groups.Count);
        Assert.Equal(new[] { 0, 1 }, (int[])state.param_groups[0]["params"]);
        Assert.Equal(new[] { 2 }, (int[])state.param_groups[1]["params"]);
        Assert.Equal(["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "params"], state.param_groups[0].Keys);
        Assert.Equal(0.5, state.param_groups[1]["lr"]);

        // The saved tensors are copies: further steps leave them alone.
        optimizer.step();
        Assert.True(((Tensor)state.state[0]["momentum_buffer"]!).equal(ones(2, 3)));
    }

    [Fact]
    public void Loading_a_state_dict_restores_hyperparameters()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([2], requires_grad: true);
        using var source = optim.RMSprop([w], lr: 0.02, momentum: 0.5);
        w.grad = ones(2);
        source.step();
        source.step();
        optim.OptimizerStateDict saved = source.state_dict();
        Assert.Equal(2L, saved.state[0]["step"]);

        Tensor v = zeros([2], requires_grad: true);
        using var target = optim.RMSprop([v], lr: 0.5);
        target.load_state_dict(saved);
        Assert.Equal(0.02, target.param_groups[0].lr);
        Assert.Equal(0.5, target.param_groups[0]["momentum"]);
        Assert.Equal(2L, target.state_dict().state[0]["step"]);
    }

    [Fact]
    public void Load_state_dict_rejects_a_different_layout()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([2, 3], requires_grad: true), b = zeros([3], requires_grad: true);
        using var source = optim.Adam([w, b]);
        w.grad = ones(2, 3);
        b.grad = ones(3);
        source.step();
        optim.OptimizerStateDict saved = source.state_dict();

        using var twoGroups = optim.Adam([new Adam.ParamGroup([zeros([2, 3], requires_grad: true)]), new Adam.ParamGroup([zeros([3], requires_grad: true)])]);
        Assert.Contains("different number of parameter groups", Assert.Throws<ArgumentException>(() => twoGroups.load_state_dict(saved)).Message);

        using var oneParameter = optim.Adam([zeros([2, 3], requires_grad: true)]);
        Assert.Contains("doesn't match the size of optimizer's group", Assert.Throws<ArgumentException>(() => oneParameter.load_state_dict(saved)).Message);

        using var otherShapes = optim.Adam([zeros([3, 2], requires_grad: true), zeros([3], requires_grad: true)]);
        Assert.Contains("'exp_avg' of parameter 0 has shape [2, 3], but the parameter's shape is [3, 2]", Assert.Throws<ArgumentException>(() => otherShapes.load_state_dict(saved)).Message);

        using var otherKind = optim.SGD([zeros([2, 3], requires_grad: true), zeros([3], requires_grad: true)], lr: 0.1);
        Assert.Contains("lacks the hyperparameter 'momentum'", Assert.Throws<ArgumentException>(() => otherKind.load_state_dict(saved)).Message);
    }

    [Fact]
    public void Zero_grad_clears_or_zeroes_and_step_skips_parameters_without_gradients()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = ones([2], requires_grad: true), b = ones([2], requires_grad: true);
        using var optimizer = optim.SGD([w, b], lr: 0.5);
        w.grad = ones(2);
        optimizer.step();
        Assert.Equal([0.5f, 0.5f], w.data<float>());
        Assert.Equal([1f, 1f], b.data<float>());

        optimizer.zero_grad(set_to_none: false);
        Assert.Equal([0f, 0f], w.grad!.data<float>());
        Assert.Null(b.grad);
        optimizer.zero_grad();
        Assert.Null(w.grad);
    }

    [Fact]
    public void Step_runs_the_closure_and_returns_its_loss()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = full([1], 3.0, requires_grad: true);
        using var optimizer = optim.SGD([w], lr: 0.25);
        Tensor? loss = optimizer.step(() =>
        {
            optimizer.zero_grad();
            Tensor l = (w * w).sum();
            l.backward();
            return l;
        });
        Assert.Equal(9f, loss!.item<float>());
        Assert.Equal(1.5f, w.item<float>()); // 3 − 0.25 · 6
    }

    [Fact]
    public void A_scheduler_sets_the_learning_rate_the_optimizer_uses()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([1], requires_grad: true);
        using var optimizer = optim.SGD([w], lr: 1.0);
        var scheduler = new StepLR(optimizer, step_size: 1, gamma: 0.5);
        scheduler.step();
        Assert.Equal(0.5, optimizer.param_groups[0].lr);
        Assert.Equal(1.0, optimizer.param_groups[0]["initial_lr"]);
        w.grad = ones(1);
        optimizer.step();
        Assert.Equal(-0.5f, w.item<float>());
    }

    [Fact]
    public void Invalid_hyperparameters_throw_pytorchs_errors()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([1], requires_grad: true);
        Assert.Equal("Invalid learning rate: -0.1 (Parameter 'group')", Assert.Throws<ArgumentException>(() => optim.SGD([w], lr: -0.1)).Message);
        Assert.StartsWith("Invalid learning rate: -1.0", Assert.Throws<ArgumentException>(() => optim.Adam([w], lr: -1)).Message);
        Assert.StartsWith("Invalid learning rate: -0.01", Assert.Throws<ArgumentException>(() => optim.RMSprop([w], lr: -0.01)).Message);
        Assert.StartsWith("Invalid beta parameter at index 0: 1.0", Assert.Throws<ArgumentException>(() => optim.Adam([w], betas: (1.0, 0.999))).Message);
        Assert.StartsWith("Invalid beta parameter at index 1: -0.5", Assert.Throws<ArgumentException>(() => optim.AdamW([w], betas: (0.9, -0.5))).Message);
        Assert.StartsWith("Invalid momentum value: -0.9", Assert.Throws<ArgumentException>(() => optim.SGD([w], lr: 0.1, momentum: -0.9)).Message);
        Assert.StartsWith("Invalid weight_decay value: -0.1", Assert.Throws<ArgumentException>(() => optim.AdamW([w], weight_decay: -0.1)).Message);
        Assert.StartsWith("Invalid epsilon value: -1e-08", Assert.Throws<ArgumentException>(() => optim.RMSprop([w], eps: -1e-8)).Message);
        Assert.StartsWith("Nesterov momentum requires a momentum and zero dampening", Assert.Throws<ArgumentException>(() => optim.SGD([w], lr: 0.1, nesterov: true)).Message);
        Assert.StartsWith("Invalid learning rate: -2.0", Assert.Throws<ArgumentException>(() => optim.SGD([new SGD.ParamGroup([w], lr: -2)], lr: 0.1)).Message);
    }

    [Fact]
    public void Parameters_must_be_distinct_leaves()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([1], requires_grad: true), b = zeros([1], requires_grad: true);
        Assert.StartsWith("some parameters appear in more than one parameter group",
            Assert.Throws<ArgumentException>(() => optim.SGD([new SGD.ParamGroup([w, b]), new SGD.ParamGroup([b])], lr: 0.1)).Message);
        using var optimizer = optim.Adam([w]);
        Assert.StartsWith("some parameters appear in more than one parameter group",
            Assert.Throws<ArgumentException>(() => optimizer.add_param_group(new Adam.ParamGroup([w]))).Message);
        Assert.StartsWith("optimizer contains a parameter group with duplicate parameters",
            Assert.Throws<ArgumentException>(() => optim.SGD([w, w], lr: 0.1)).Message);
        Assert.StartsWith("can't optimize a non-leaf Tensor", Assert.Throws<ArgumentException>(() => optim.SGD([w * 2], lr: 0.1)).Message);
        Assert.StartsWith("optimizer got an empty parameter list", Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<Tensor>(), lr: 0.1)).Message);
    }

    [Fact]
    public void Invalid_schedules_throw_pytorchs_errors()
    {
        using DisposeScope scope = NewDisposeScope();
        using var optimizer = optim.SGD([zeros([1], requires_grad: true)], lr: 0.1);
        using var other = optim.SGD([zeros([1], requires_grad: true)], lr: 0.1);
        Assert.StartsWith("Starting multiplicative factor expected to be between 0 and 1.", Assert.Throws<ArgumentException>(() => new LinearLR(optimizer, start_factor: 1.5)).Message);
        Assert.StartsWith("Expected 1 lr_lambdas, but got 2", Assert.Throws<ArgumentException>(() => new LambdaLR(optimizer, [_ => 1.0, _ => 1.0])).Message);
        Assert.StartsWith("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points",
            Assert.Throws<ArgumentException>(() => new SequentialLR(optimizer, [new ExponentialLR(optimizer, 0.9), new ExponentialLR(optimizer, 0.5)], [2, 4])).Message);
        Assert.Contains("to be different than the optimizer passed in",
            Assert.Throws<ArgumentException>(() => new SequentialLR(optimizer, [new ExponentialLR(other, 0.9)], [])).Message);
        using var neverScheduled = optim.SGD([zeros([1], requires_grad: true)], lr: 0.1);
        Assert.StartsWith("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
            Assert.Throws<ArgumentException>(() => new StepLR(neverScheduled, step_size: 2, last_epoch: 5)).Message);
    }

    [Fact]
    public void Clip_grad_norm_handles_no_gradients_and_nonfinite_norms()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = zeros([2], requires_grad: true);
        Tensor none = nn.utils.clip_grad_norm_([w], 1.0);
        Assert.Equal(0f, none.item<float>());

        w.grad = tensor(new[] { float.PositiveInfinity, 1f });
        Assert.StartsWith("The total norm of order 2.0 for gradients from `parameters` is non-finite",
            Assert.Throws<InvalidOperationException>(() => nn.utils.clip_grad_norm_(w, 1.0, error_if_nonfinite: true)).Message);
    }
}
