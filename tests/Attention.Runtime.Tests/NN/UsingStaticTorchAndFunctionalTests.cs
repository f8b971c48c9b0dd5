using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>
/// Both <c>using static</c> directives at once, as in TorchSharp code: calls that both <c>torch</c> and
/// <c>torch.nn.functional</c> could answer must compile unqualified (no CS0121) and compute what the qualified calls do.
/// </summary>
public sealed class UsingStaticTorchAndFunctionalTests
{
    [Fact]
    public void Tanh_and_sigmoid_unqualified_equal_both_qualified_forms()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(3, 4);

        Tensor t = tanh(x);
        Assert.True(t.equal(torch.tanh(x)));
        Assert.True(t.equal(nn.functional.tanh(x)));

        Tensor s = sigmoid(x);
        Assert.True(s.equal(torch.sigmoid(x)));
        Assert.True(s.equal(nn.functional.sigmoid(x)));
    }

    [Fact]
    public void Tanh_and_sigmoid_in_place_overwrite_their_input()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(3, 4);

        Tensor t = x.clone();
        Assert.Same(t, tanh(t, inplace: true));
        Assert.True(t.equal(torch.tanh(x)));

        Tensor s = x.clone();
        Assert.Same(s, sigmoid(s, inplace: true));
        Assert.True(s.equal(torch.sigmoid(x)));
    }

    [Fact]
    public void Activations_and_softmax_unqualified_equal_the_qualified_calls()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(3, 4);

        Assert.True(relu(x).equal(nn.functional.relu(x)));
        Assert.True(gelu(x).equal(nn.functional.gelu(x)));
        Assert.True(silu(x).equal(nn.functional.silu(x)));
        Assert.True(softmax(x, 1).equal(nn.functional.softmax(x, 1)));
        Assert.True(log_softmax(x, -1).equal(nn.functional.log_softmax(x, -1)));
        Assert.True(softmax(x, 1, dtype: float64).equal(nn.functional.softmax(x, 1, float64)));
    }
}
