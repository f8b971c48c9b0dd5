using Attention.Runtime.Tests.Infrastructure;
using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

public sealed class ModuleTests
{
    /// <summary>A hand-written module: y = x·Wᵀ + b, with a running count buffer.</summary>
    private sealed class Affine : nn.Module<Tensor, Tensor>
    {
        public readonly nn.Parameter weight;
        public readonly nn.Parameter? bias;
        public readonly Tensor calls;

        public Affine(long inFeatures, long outFeatures, bool bias = true) : base(nameof(Affine))
        {
            weight = new nn.Parameter(ones(outFeatures, inFeatures));
            register_parameter(nameof(weight), weight);
            this.bias = bias ? new nn.Parameter(zeros(outFeatures)) : null;
            register_parameter(nameof(this.bias), this.bias);
            calls = zeros([1], ScalarType.Int64);
            register_buffer(nameof(calls), calls);
        }

        public override Tensor forward(Tensor input)
        {
            calls.add_(1);
            Tensor y = input.matmul(weight.t());
            return bias is null ? y : y + bias;
        }
    }

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        public readonly Affine first = new(3, 4);
        public readonly Affine second = new(4, 2, bias: false);

        public Net() : base(nameof(Net))
        {
            register_module(nameof(first), first);
            register_module(nameof(second), second);
        }

        public override Tensor forward(Tensor input) => second.call(first.call(input).relu());
    }

    [Fact]
    public void Names_follow_registration_order_with_dotted_prefixes()
    {
        using var net = new Net();
        Assert.Equal(["first.weight", "first.bias", "second.weight"], net.named_parameters().Select(p => p.name));
        Assert.Equal(["first.calls", "second.calls"], net.named_buffers().Select(b => b.name));
        Assert.Equal(["", "first", "second"], net.named_modules().Select(m => m.name));
        Assert.Equal(["first.weight", "first.bias", "first.calls", "second.weight", "second.calls"], net.state_dict().Keys);
    }

    [Fact]
    public void Duplicate_and_dotted_names_are_refused()
    {
        using var net = new Net();
        Assert.Throws<ArgumentException>(() => net.register_module("first", new Affine(1, 1)));
        Assert.Throws<ArgumentException>(() => net.register_buffer("a.b", zeros(1)));
    }

    [Fact]
    public void State_dict_round_trips_into_a_fresh_model()
    {
        using DisposeScope scope = NewDisposeScope();
        using var source = new Net();
        using (no_grad())
        {
            source.first.weight.normal_();
            source.second.weight.normal_();
        }

        using var target = new Net();
        var result = target.load_state_dict(source.state_dict());
        Assert.Empty(result.missing_keys);
        Assert.Empty(result.unexpected_keys);
        Tensor x = randn(5, 3);
        Assert.Equal(source.call(x).data<float>(), target.call(x).data<float>());
    }

    [Fact]
    public void Load_state_dict_lists_every_problem_and_copies_nothing()
    {
        using DisposeScope scope = NewDisposeScope();
        using var net = new Net();
        var state = net.state_dict();
        state.Remove("first.bias");
        state["extra.weight"] = zeros(1);
        state["second.weight"] = zeros(3, 3);
        state["first.weight"] = full([4, 3], 9.0);

        var error = Assert.Throws<InvalidOperationException>(() => net.load_state_dict(state));
        Assert.Contains("Unexpected key(s) in state_dict: \"extra.weight\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Missing key(s) in state_dict: \"first.bias\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("size mismatch for second.weight: copying a param with shape [3, 3] from checkpoint, the shape in current model is [2, 4]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1f, net.first.weight.data<float>()[0]); // nothing was copied

        // Non-strict loading still refuses the shape mismatch but reports the key differences.
        state["second.weight"] = zeros(2, 4);
        var loose = net.load_state_dict(state, strict: false);
        Assert.Equal(["first.bias"], loose.missing_keys);
        Assert.Equal(["extra.weight"], loose.unexpected_keys);
        Assert.Equal(9f, net.first.weight.data<float>()[0]);
    }

    [Fact]
    public void To_converts_in_place_so_parameter_objects_stay_the_same()
    {
        using var net = new Net();
        nn.Parameter[] before = net.parameters().ToArray();
        net.to(ScalarType.Float64);
        Assert.Equal(before, net.parameters().ToArray());
        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(net.parameters(), p => Assert.True(p.requires_grad));
        Assert.Equal(ScalarType.Int64, net.first.calls.dtype); // integer buffers keep their dtype
        using Tensor y = net.call(ones([1, 3], ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
    }

    [Fact]
    public void Train_and_eval_reach_every_submodule()
    {
        using var net = new Net();
        Assert.True(net.first.training);
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void Zero_grad_clears_gradients()
    {
        using DisposeScope scope = NewDisposeScope();
        using var net = new Net();
        net.call(ones(2, 3)).sum().backward();
        Assert.All(net.parameters(), p => Assert.NotNull(p.grad));
        net.zero_grad(set_to_none: false);
        Assert.All(net.parameters(), p => Assert.All(p.grad!.data<float>(), g => Assert.Equal(0f, g)));
        net.zero_grad();
        Assert.All(net.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Building_layers_leaves_nothing_in_the_callers_dispose_scope()
    {
        using DisposeScope scope = NewDisposeScope();
        using var linear = nn.Linear(4, 3);
        using var lstm = nn.LSTM(4, 3, num_layers: 2);
        using var attention = nn.MultiheadAttention(8, 2);
        Assert.Equal(0, scope.Count);
    }

    [Fact]
    public void Zeroing_a_gradient_recorded_with_create_graph_cuts_it_from_the_graph()
    {
        using DisposeScope scope = NewDisposeScope();
        using var net = new Net();
        net.call(ones(2, 3)).pow(2).sum().backward(create_graph: true);
        Assert.True(net.first.weight.grad!.requires_grad);
        net.zero_grad(set_to_none: false);
        Assert.False(net.first.weight.grad!.requires_grad);
        Assert.All(net.first.weight.grad!.data<float>(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Parameters_are_leaves_outside_every_dispose_scope_and_dispose_with_their_module()
    {
        long before = LiveTensors.Settled();
        Net net;
        using (NewDisposeScope())
        {
            net = new Net();
        }

        Assert.All(net.parameters(), p => Assert.False(p.IsDisposed));
        Assert.All(net.parameters(), p => Assert.True(p.is_leaf));
        net.Dispose();
        Assert.Equal(before, LiveTensors.Settled());
    }
}
