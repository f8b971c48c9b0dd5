// Trains a two-layer perceptron on a synthetic regression task with Attention.Runtime's tensors
// and autograd, and prints the loss as it falls. Everything is written out by hand (parameters,
// forward pass, SGD step) to show the runtime's core; modules and optimizers build on it.
using System;
using System.Diagnostics;
using System.Globalization;
using static Attention.Runtime.torch;

const int Samples = 512;
const int Features = 4;
const int Hidden = 32;
const int Steps = 400;
const double LearningRate = 0.1;

manual_seed(0);

// The task: y = sin(x0) + x1·x2 − 0.5·x3², learned from 512 noisy samples.
Tensor x, y;
using (var setup = NewDisposeScope())
{
    x = randn(Samples, Features);
    Tensor target = x[.., 0].sin() + (x[.., 1] * x[.., 2]) - (0.5 * x[.., 3].pow(2));
    y = (target.unsqueeze(1) + (randn(Samples, 1) * 0.05)).DetachFromDisposeScope();
    x.DetachFromDisposeScope();
}

// Parameters with PyTorch's Linear initialisation: U(−1/√fan_in, 1/√fan_in).
Tensor w1 = Uniform([Features, Hidden], 1.0 / Math.Sqrt(Features));
Tensor b1 = Uniform([Hidden], 1.0 / Math.Sqrt(Features));
Tensor w2 = Uniform([Hidden, 1], 1.0 / Math.Sqrt(Hidden));
Tensor b2 = Uniform([1], 1.0 / Math.Sqrt(Hidden));
Tensor[] parameters = [w1, b1, w2, b2];

Console.WriteLine($"Training a {Features}-{Hidden}-1 perceptron on {Samples} samples (libtorch {__version__}, {get_num_threads()} threads)");
var clock = Stopwatch.StartNew();
double firstLoss = 0, lastLoss = 0;
for (int step = 0; step <= Steps; step++)
{
    using var scope = NewDisposeScope(); // frees every intermediate of this step
    Tensor prediction = (x.matmul(w1) + b1).tanh().matmul(w2) + b2;
    Tensor loss = (prediction - y).pow(2).mean();
    loss.backward();
    using (no_grad())
    {
        foreach (Tensor p in parameters)
        {
            p.sub_(p.grad!, alpha: LearningRate);
            p.grad = null;
        }
    }

    lastLoss = loss.item<double>();
    if (step == 0)
    {
        firstLoss = lastLoss;
    }

    if (step % 50 == 0)
    {
        int bar = (int)Math.Round(40 * Math.Min(1.0, lastLoss / firstLoss));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,4}  loss {lastLoss,8:F4}  {new string('#', bar)}"));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Loss fell from {firstLoss:F4} to {lastLoss:F4} in {clock.Elapsed.TotalSeconds:F1} s; live tensors at the end: {LiveTensorCount}."));
return lastLoss < firstLoss / 4 ? 0 : 1;

static Tensor Uniform(long[] shape, double bound)
{
    using var scope = NewDisposeScope();
    return ((rand(shape) * 2.0 - 1.0) * bound).requires_grad_().DetachFromDisposeScope();
}
