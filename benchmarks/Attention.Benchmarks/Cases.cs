using System;
using Attention.Runtime;
using static Attention.Runtime.torch;

namespace Attention.Benchmarks;

/// <summary>
/// One timed case: <see cref="Run"/> performs the op <c>n</c> times in a loop written out in full
/// and returns the wall-clock and CPU time of the loop alone (inputs are made before the clock starts).
/// <see cref="PeerName"/> names the case of pytorch_peer.py it is compared with.
/// </summary>
internal sealed record BenchmarkCase(string Name, string PeerName, bool IsTrainingStep, Func<int, Elapsed> Run);

/// <summary>
/// Attention.Runtime's side of the benchmark, written as a user would: every result is disposed
/// by a <c>using</c> declaration at the end of its iteration, or, for the training step and the
/// scope variant, by a dispose scope opened per iteration. Mirrors pytorch_peer.py case by case.
/// </summary>
internal static class Cases
{
    public static readonly BenchmarkCase[] All =
    [
        new("matmul 8x8", "matmul 8x8", false, MatMul8x8),
        new("add 8x8", "add 8x8", false, Add8x8),
        new("add 8x8 (DisposeScope per call)", "add 8x8", false, Add8x8InDisposeScope),
        new("softmax 16x32 dim=-1", "softmax 16x32 dim=-1", false, Softmax16x32),
        new("linear 16x32 -> 64", "linear 16x32 -> 64", false, Linear16x32To64),
        new("mlp 32-64-10 fwd+bwd", "mlp 32-64-10 fwd+bwd", true, MlpForwardBackward),
    ];

    private static Elapsed MatMul8x8(int n)
    {
        using Tensor a = randn(8, 8), b = randn(8, 8);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using Tensor c = a.matmul(b);
        }

        return clock.Stop();
    }

    private static Elapsed Add8x8(int n)
    {
        using Tensor a = randn(8, 8), b = randn(8, 8);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using Tensor c = a + b;
        }

        return clock.Stop();
    }

    private static Elapsed Add8x8InDisposeScope(int n)
    {
        using Tensor a = randn(8, 8), b = randn(8, 8);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using DisposeScope scope = NewDisposeScope();
            _ = a + b;
        }

        return clock.Stop();
    }

    private static Elapsed Softmax16x32(int n)
    {
        using Tensor x = randn(16, 32);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using Tensor y = x.softmax(-1);
        }

        return clock.Stop();
    }

    private static Elapsed Linear16x32To64(int n)
    {
        using Tensor x = randn(16, 32), w = randn(64, 32), b = randn(64);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using Tensor y = nn.functional.linear(x, w, b);
        }

        return clock.Stop();
    }

    private static Elapsed MlpForwardBackward(int n)
    {
        using var model = new Mlp();
        using Tensor x = randn(16, 32);
        var clock = Clock.Start();
        for (int i = 0; i < n; i++)
        {
            using DisposeScope scope = NewDisposeScope(); // the activations and the loss of this step
            model.zero_grad(set_to_none: true);
            Tensor loss = model.call(x).sum();
            loss.backward();
        }

        return clock.Stop();
    }

    /// <summary>Linear(32, 64) → ReLU → Linear(64, 10), as the Mlp of pytorch_peer.py.</summary>
    private sealed class Mlp : nn.Module<Tensor, Tensor>
    {
        private readonly Attention.Runtime.Modules.Linear fc1 = nn.Linear(32, 64);
        private readonly Attention.Runtime.Modules.Linear fc2 = nn.Linear(64, 10);

        public Mlp() : base(nameof(Mlp))
        {
            register_module(nameof(fc1), fc1);
            register_module(nameof(fc2), fc2);
        }

        // The intermediates join the caller's dispose scope.
        public override Tensor forward(Tensor input) => fc2.call(nn.functional.relu(fc1.call(input)));
    }
}
