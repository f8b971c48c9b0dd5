using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Optim;

/// <summary>
/// An optimizer's state follows its parameters when <c>module.to()</c> moves them in place: cast (and moved) as
/// <c>load_state_dict</c> would, so training goes on exactly as with a new optimizer loaded from the old one's state.
/// (The move between devices is tested on a GPU in CudaModuleTests.)
/// </summary>
public sealed class OptimizerStateFollowsTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void After_module_to_float64_the_old_optimizer_steps_as_a_reloaded_one(string kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var model = new Linear(6, 3);
        using var optimizer = Create(kind, model);
        Tensor x = randn(10, 6), target = randn(10, 3);
        for (int i = 0; i < 3; i++)
        {
            Step(model, optimizer, x, target);
        }

        // The reference: a copy of the model in float64 with a new optimizer loaded from the old one's state.
        using var copy = new Linear(6, 3);
        copy.load_state_dict(model.state_dict());
        copy.to(ScalarType.Float64);
        using var reloaded = Create(kind, copy);
        reloaded.load_state_dict(optimizer.state_dict());

        model.to(ScalarType.Float64);
        Tensor x64 = x.to(ScalarType.Float64), target64 = target.to(ScalarType.Float64);
        for (int i = 0; i < 3; i++)
        {
            Step(model, optimizer, x64, target64);
            Step(copy, reloaded, x64, target64);
        }

        ReferenceData.AssertClose(copy.weight, model.weight, 0, 0, kind + " weight");
        Assert.All(optimizer.state_dict().state.Values.SelectMany(s => s.Where(e => e.Key != "step").Select(e => e.Value)).OfType<Tensor>(),
            t => Assert.Equal(ScalarType.Float64, t.dtype));
    }

    private static optim.Optimizer Create(string kind, nn.Module model) => kind switch
    {
        "adam" => optim.Adam(model.parameters(), lr: 0.01),
        "sgd" => optim.SGD(model.parameters(), lr: 0.01, momentum: 0.9),
        _ => optim.RMSprop(model.parameters(), lr: 0.01, momentum: 0.5, centered: true),
    };

    private static void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor target)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        nn.functional.mse_loss(model.call(x), target).backward();
        optimizer.step();
    }
}
