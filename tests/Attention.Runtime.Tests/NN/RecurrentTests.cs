using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>The LSTM and GRU kernels against torch.nn.LSTM / GRU (Reference/cases_recurrent.py), their gradients and errors.</summary>
public sealed class RecurrentTests : ReferenceParityTests<RecurrentTests>, IReferenceArea
{
    private const string Area = "recurrent";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["lstm_one_layer"] = x => lstm(x[0], (x[1], x[2]), x[3..]),
        ["lstm_two_layers_bidirectional"] = x => lstm(x[0], (x[1], x[2]), x[3..], num_layers: 2, bidirectional: true),
        ["lstm_batch_first"] = x => lstm(x[0], (x[1], x[2]), x[3..], batch_first: true),
        ["gru_one_layer"] = x => gru(x[0], x[1], x[2..]),
        ["gru_two_layers_bidirectional"] = x => gru(x[0], x[1], x[2..], num_layers: 2, bidirectional: true),
        ["gru_batch_first"] = x => gru(x[0], x[1], x[2..], batch_first: true),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    // A tiny single-layer cell: input size 2, hidden size 2, sequence length 3, batch 1.
    private static Tensor[] Weights(long seed, int gates) =>
    [
        Random(seed, gates * 2, 2), Random(seed + 1, gates * 2, 2), Random(seed + 2, gates * 2), Random(seed + 3, gates * 2),
    ];

    private static Tensor Random(long seed, params long[] shape)
    {
        manual_seed(seed);
        return randn(shape, ScalarType.Float64) * 0.5;
    }

    [Fact]
    public void Lstm_gradient_wrt_input_and_input_weights()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] w = Weights(30, gates: 4);
        Tensor h0 = Random(40, 1, 1, 2), c0 = Random(41, 1, 1, 2);
        Tensor Run(Tensor[] x, int result)
        {
            var (output, _, c_n) = lstm(x[0], (h0, c0), [x[1], w[1], w[2], w[3]]);
            return result == 0 ? output : c_n;
        }

        GradCheck.Assert(x => Run(x, 0), Random(42, 3, 1, 2), w[0]);
        GradCheck.Assert(x => Run(x, 1), Random(42, 3, 1, 2), w[0]);
    }

    [Fact]
    public void Gru_gradient_wrt_input_and_input_weights()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] w = Weights(50, gates: 3);
        Tensor h0 = Random(60, 1, 1, 2);
        GradCheck.Assert(x => gru(x[0], h0, [x[1], w[1], w[2], w[3]]).output, Random(61, 3, 1, 2), w[0]);
    }

    [Fact]
    public void Lstm_without_biases_takes_two_tensors_per_layer()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] w = Weights(70, gates: 4);
        Tensor x = Random(71, 3, 1, 2), h0 = Random(72, 1, 1, 2), c0 = Random(73, 1, 1, 2);
        Tensor zeroBias = zeros([8], ScalarType.Float64);

        var withoutBiases = lstm(x, (h0, c0), [w[0], w[1]], has_biases: false);
        var zeroBiases = lstm(x, (h0, c0), [w[0], w[1], zeroBias, zeroBias]);

        ReferenceData.AssertClose(zeroBiases.output, withoutBiases.output, 1e-12, 1e-12, "output");
        ReferenceData.AssertClose(zeroBiases.c_n, withoutBiases.c_n, 1e-12, 1e-12, "c_n");
    }

    [Fact]
    public void Lstm_with_the_wrong_input_size_throws_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] w = Weights(80, gates: 4);
        Tensor h0 = zeros([1, 1, 2], ScalarType.Float64), c0 = zeros([1, 1, 2], ScalarType.Float64);
        var error = Assert.Throws<TorchException>(() => lstm(zeros([3, 1, 5], ScalarType.Float64), (h0, c0), w));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gru_with_a_missing_parameter_throws_libtorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] w = Weights(90, gates: 3);
        Tensor h0 = zeros([1, 1, 2], ScalarType.Float64);
        var error = Assert.Throws<TorchException>(() => gru(Random(91, 3, 1, 2), h0, w.Take(3).ToArray()));
        Assert.Contains("got an incorrect number of RNN parameters", error.Message, StringComparison.Ordinal);
    }
}
