using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>
/// Code that imports both torch and torch.nn.functional statically, as PyTorch code imports torch and
/// F, calls the functions they share unqualified: that this file compiles is the first half of the
/// test (the calls were ambiguous, CS0121), the values the second.
/// </summary>
public sealed class UsingStaticTests
{
    [Fact]
    public void Sigmoid_and_tanh_resolve_unqualified_to_the_same_values_as_both_qualified_forms()
    {
        using Tensor x = tensor(new[] { -2.0f, -0.5f, 0.0f, 0.5f, 3.0f });
        using Tensor s = sigmoid(x), t = tanh(x);
        using Tensor torchSigmoid = torch.sigmoid(x), functionalSigmoid = nn.functional.sigmoid(x);
        using Tensor torchTanh = torch.tanh(x), functionalTanh = nn.functional.tanh(x);
        Assert.Equal(torchSigmoid.data<float>(), s.data<float>());
        Assert.Equal(functionalSigmoid.data<float>(), s.data<float>());
        Assert.Equal(torchTanh.data<float>(), t.data<float>());
        Assert.Equal(functionalTanh.data<float>(), t.data<float>());
        Assert.Equal(0.5f, s.data<float>()[2]);
        Assert.Equal(0.0f, t.data<float>()[2]);

        // softmax, relu and the other activations live in torch.nn.functional alone.
        using Tensor p = softmax(x, 0), r = relu(x);
        Assert.Equal(1.0f, p.sum().item<float>(), 5);
        Assert.Equal(new[] { 0.0f, 0.0f, 0.0f, 0.5f, 3.0f }, r.data<float>());
    }

    [Fact]
    public void The_inplace_forms_overwrite_their_input()
    {
        using Tensor x = tensor(new[] { 0.0f, 1.0f });
        using Tensor same = nn.functional.sigmoid(x, inplace: true);
        Assert.Same(x, same);
        Assert.Equal(0.5f, x.data<float>()[0]);
        using Tensor y = tensor(new[] { 0.0f, 1.0f });
        nn.functional.tanh(y, inplace: true);
        Assert.Equal((float)System.Math.Tanh(1.0), y.data<float>()[1], 6);
    }
}
