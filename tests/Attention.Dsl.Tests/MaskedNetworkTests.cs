using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Dsl.Tests;

/// <summary>
/// Networks declared with <c>PaddingMask = true</c> (and an open length): against PyTorch with packed sequences and
/// masked softmaxes (Reference/masked.py), and padding invariance: a padded batch gives each sequence what it gives
/// alone, whatever the padding holds.
/// </summary>
/// <remarks>Tolerance as <see cref="MechanismParityTests"/>: rtol 1e-4, atol 1e-5 in fp32.</remarks>
public sealed class MaskedNetworkTests
{
    private const string Area = "masked";
    private const double Rtol = 1e-4;
    private const double Atol = 1e-5;

    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor, Tensor>>> Networks = new()
    {
        [nameof(MaskedTokenNet)] = () => new MaskedTokenNet(),
        [nameof(MaskedFixedNet)] = () => new MaskedFixedNet(),
    };

    public static TheoryData<string> Cases => ReferenceData.CaseNames(Area);

    [Fact]
    public void Every_reference_case_has_a_network() => ReferenceData.AssertCoverage(Area, Networks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_and_gradients_match_pytorch_with_packed_sequences(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using var network = Networks[name]();
        Tensor[] inputs = ReferenceData.Inputs(Area, name);
        Tensor[] expected = ReferenceData.Outputs(Area, name);
        Tensor x = inputs[0].is_floating_point() ? inputs[0].requires_grad_() : inputs[0];
        Tensor mask = inputs[1];
        string[] keys = [.. network.state_dict().Keys];
        network.load_state_dict(keys.Select((k, i) => (k, inputs[3 + i])).ToDictionary(p => p.k, p => p.Item2), strict: true);

        Tensor y = network.call(x, mask);
        (y * inputs[2]).sum().backward();

        ReferenceData.AssertClose(expected[0], y, Rtol, Atol, $"{name} output");
        int next = 1;
        if (x.requires_grad)
        {
            ReferenceData.AssertClose(expected[next++], x.grad!, Rtol, Atol, $"{name} input gradient");
        }

        foreach (var (key, parameter) in network.named_parameters())
        {
            ReferenceData.AssertClose(expected[next++], parameter.grad!, Rtol, Atol, $"{name} gradient of {key}");
        }

        Assert.Equal(expected.Length, next);
    }

    [Fact]
    public void A_padded_batch_of_any_length_gives_each_sentence_what_it_gives_alone()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(41);
        using var network = new MaskedTokenNet();
        network.eval();
        long[] lengths = [3, 9, 1, 6];
        Tensor[] sentences = lengths.Select(l => randint(1, 20, [1, l])).ToArray();
        // padded to 11 steps with random tokens, which the mask must hide
        Tensor batch = cat(sentences.Select(s => cat([s, randint(1, 20, [1, 11 - s.size(1)])], 1)).ToArray(), 0);
        Tensor mask = arange(11).unsqueeze(0) < tensor(lengths).unsqueeze(1);

        using (no_grad())
        {
            Tensor together = network.call(batch, mask);
            for (int i = 0; i < lengths.Length; i++)
            {
                Tensor alone = network.call(sentences[i], ones([1, lengths[i]], ScalarType.Bool));
                ReferenceData.AssertClose(alone.select(0, 0), together.select(0, i), 1e-5, 1e-6, $"sentence {i}");
            }
        }
    }

    [Fact]
    public void A_row_with_no_real_step_gives_a_finite_output_and_gradients()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(42);
        using var network = new MaskedFixedNet();
        Tensor x = randn(2, 7, 3).requires_grad_();
        Tensor mask = arange(7).unsqueeze(0) < tensor(new long[] { 0, 5 }).unsqueeze(1);

        Tensor y = network.call(x, mask);
        y.sum().backward();

        Assert.False(y.isnan().any().item<bool>());
        Assert.False(x.grad!.isnan().any().item<bool>());
        Assert.Equal(0f, x.grad!.select(0, 0).abs().sum().item<float>());
        Assert.Equal(0f, x.grad!.select(0, 1).narrow(0, 5, 2).abs().sum().item<float>());
    }

    [Fact]
    public void The_generated_shapes_say_the_length_is_open()
    {
        Assert.Equal([-1L], MaskedTokenNet.InputShape);
        Assert.Equal("[N, T, 10]", ModelSummary.FormatShape(MaskedTokenNet.Summary.Rows.Single(r => r.Name == "lstm1").OutputShape));
        Assert.Contains("[N, T, 6]", MaskedTokenNet.Summary.ToString(), StringComparison.Ordinal);
    }
}
