using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Runtime.Modules;
using Attention.Runtime.Tests.Infrastructure;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Modules;

/// <summary>nn.LSTM and nn.GRU against Reference/cases_rnn_modules.py: initialisation, outputs, gradients; names, modes and errors.</summary>
public sealed class RecurrentModuleTests : ReferenceParityTests<RecurrentModuleTests>, IReferenceArea
{
    private const string Area = "rnn_modules";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["lstm_init"] = _ => Init(11, () => nn.LSTM(3, 4, num_layers: 2, bidirectional: true)),
        ["lstm_init_no_bias"] = _ => Init(12, () => nn.LSTM(2, 3, bias: false)),
        ["gru_init"] = _ => Init(13, () => nn.GRU(3, 5, num_layers: 2)),
        ["lstm_one_layer"] = x => RunLstm(nn.LSTM(3, 4), x, withState: false),
        ["lstm_with_initial_state"] = x => RunLstm(nn.LSTM(3, 4), x, withState: true),
        ["lstm_two_layers_bidirectional_batch_first"] = x =>
            RunLstm(nn.LSTM(3, 4, num_layers: 2, bidirectional: true, batch_first: true), x, withState: true),
        ["lstm_unbatched"] = x => RunLstm(nn.LSTM(3, 2), x, withState: true),
        ["gru_one_layer"] = x => RunGru(nn.GRU(3, 4), x, withState: false),
        ["gru_two_layers_bidirectional_batch_first"] = x =>
            RunGru(nn.GRU(3, 4, num_layers: 2, bidirectional: true, batch_first: true), x, withState: true),
        ["gru_unbatched_no_bias"] = x => RunGru(nn.GRU(3, 2, bias: false), x, withState: false),
        ["lstm_dropout_between_layers"] = x =>
        {
            manual_seed(30);
            var lstm = nn.LSTM(3, 4, num_layers: 3, dropout: 0.5);
            manual_seed(31);
            var (output, (h, c)) = lstm.call(x[0]);
            return new[] { output, h, c };
        },
        ["lstm_packed_two_layers_bidirectional"] = x => RunPacked(nn.LSTM(3, 4, num_layers: 2, bidirectional: true, batch_first: true), x),
        ["gru_packed_two_layers_bidirectional"] = x => RunPacked(nn.GRU(3, 4, num_layers: 2, bidirectional: true, batch_first: true), x),
        ["lstm_packed_one_layer"] = x => RunPacked(nn.LSTM(2, 3, batch_first: true), x),
    };

    /// <summary>The lengths of the packed cases, unsorted as in the reference, so that packing sorts and restores the batch.</summary>
    private static readonly long[] PackedLengths = [3, 5, 1];

    // Inputs: x [3, 5, D], then the weights. Packed with PackedLengths, run, padded back to 5 steps; outputs as the
    // reference: output, the final states, the lengths, then the gradients of x and the parameters.
    private static Tensor[] RunPacked(nn.Module module, Tensor[] x)
    {
        Tensor input = x[0].requires_grad_();
        Load(module, x[1..]);
        using var packed = nn.utils.rnn.pack_padded_sequence(input, PackedLengths, batch_first: true, enforce_sorted: false);
        Tensor[] finals;
        nn.utils.rnn.PackedSequence packedOutput;
        if (module is LSTM lstm)
        {
            (packedOutput, var (h, c)) = lstm.forward(packed);
            finals = [h, c];
        }
        else
        {
            (packedOutput, var h) = ((GRU)module).forward(packed);
            finals = [h];
        }

        using (packedOutput)
        {
            var (output, lengths) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true, total_length: 5);
            Tensor loss = (output * output).sum();
            foreach (Tensor final in finals)
            {
                loss = loss + (final * final).sum();
            }

            loss.backward();
            return [output, .. finals, lengths, input.grad!, .. module.parameters().Select(p => p.grad!)];
        }
    }

    private static Tensor[] Init(long seed, Func<nn.Module> create)
    {
        manual_seed(seed);
        return create().parameters().ToArray<Tensor>();
    }

    private static void Load(nn.Module module, Tensor[] weights)
    {
        using (no_grad())
        {
            foreach (var (parameter, weight) in module.parameters().Zip(weights, (p, w) => (p, w)))
            {
                parameter.copy_(weight);
            }
        }
    }

    // Inputs: x, then h0 and c0 when withState, then the weights. Outputs as the reference: output, h_n, c_n, then the
    // gradients of x, the states and the parameters under the loss Σoutput² + Σh_n² + Σc_n².
    private static Tensor[] RunLstm(LSTM lstm, Tensor[] x, bool withState)
    {
        Tensor input = x[0].requires_grad_();
        Tensor[] states = withState ? [x[1].requires_grad_(), x[2].requires_grad_()] : [];
        Load(lstm, x[(1 + states.Length)..]);
        var (output, (h, c)) = withState ? lstm.call(input, (states[0], states[1])) : lstm.call(input);
        ((output * output).sum() + (h * h).sum() + (c * c).sum()).backward();
        return [output, h, c, input.grad!, .. states.Select(s => s.grad!), .. lstm.parameters().Select(p => p.grad!)];
    }

    private static Tensor[] RunGru(GRU gru, Tensor[] x, bool withState)
    {
        Tensor input = x[0].requires_grad_();
        Tensor[] states = withState ? [x[1].requires_grad_()] : [];
        Load(gru, x[(1 + states.Length)..]);
        var (output, h) = withState ? gru.call(input, states[0]) : gru.call(input);
        ((output * output).sum() + (h * h).sum()).backward();
        return [output, h, input.grad!, .. states.Select(s => s.grad!), .. gru.parameters().Select(p => p.grad!)];
    }

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;

    [Fact]
    public void Parameters_have_pytorchs_names_order_and_count()
    {
        using var lstm = nn.LSTM(3, 4, num_layers: 2, bidirectional: true);
        string[] perLayer = ["weight_ih_l{0}", "weight_hh_l{0}", "bias_ih_l{0}", "bias_hh_l{0}"];
        string[] expected = [.. from layer in new[] { 0, 1 } from suffix in new[] { "", "_reverse" } from name in perLayer select string.Format(null, name, layer) + suffix];
        Assert.Equal(expected, lstm.named_parameters().Select(p => p.name));
        Assert.Equal(expected, lstm.state_dict().Keys);
        Assert.Equal(736, lstm.parameters().Sum(p => p.numel()));

        using var gru = nn.GRU(3, 5, bias: false);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], gru.named_parameters().Select(p => p.name));
        Assert.Equal(120, gru.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Dropout_between_layers_acts_in_training_only()
    {
        using DisposeScope scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, 4, num_layers: 2, dropout: 0.5);
        using var plain = nn.LSTM(3, 4, num_layers: 2);
        plain.load_state_dict(lstm.state_dict());
        Tensor x = randn(5, 2, 3);

        Tensor reference = plain.call(x).output;
        lstm.eval();
        ReferenceData.AssertClose(reference, lstm.call(x).output, 0, 0, "eval");
        lstm.train();
        Assert.False(lstm.call(x).output.allclose(reference));
    }

    [Fact]
    public void Initial_state_defaults_to_zeros()
    {
        using DisposeScope scope = NewDisposeScope();
        using var gru = nn.GRU(3, 4, num_layers: 2, batch_first: true);
        Tensor x = randn(2, 5, 3);
        ReferenceData.AssertClose(gru.call(x, zeros(2, 2, 4)).output, gru.call(x).output, 0, 0, "output");
    }

    [Fact]
    public void Lstm_gradient_wrt_input_and_initial_state()
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(5);
        using var lstm = nn.LSTM(2, 2, bidirectional: true, batch_first: true);
        lstm.to(ScalarType.Float64);
        GradCheck.Assert(x =>
        {
            var (output, (h, c)) = lstm.call(x[0], (x[1], x[2]));
            return cat([output.flatten(), h.flatten(), c.flatten()]);
        }, randn(1, 3, 2), randn(2, 1, 2), randn(2, 1, 2));
    }

    [Fact]
    public void Wrong_input_size_throws_pytorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, 4);
        var error = Assert.Throws<TorchException>(() => lstm.call(zeros(5, 2, 6)));
        Assert.Equal("input.size(-1) must be equal to input_size. Expected 3, got 6", error.Message);
        error = Assert.Throws<TorchException>(() => lstm.call(zeros(5, 2, 3, 1)));
        Assert.Contains("Expected input to be 2-D or 3-D but received 4-D tensor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_state_shape_throws_pytorchs_message()
    {
        using DisposeScope scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, 4);
        var error = Assert.Throws<TorchException>(() => lstm.call(zeros(5, 2, 3), (zeros(1, 3, 4), zeros(1, 2, 4))));
        Assert.Equal("Expected hidden[0] size (1, 2, 4), got [1, 3, 4]", error.Message);
        error = Assert.Throws<TorchException>(() => lstm.call(zeros(5, 2, 3), (zeros(2, 4), zeros(2, 4))));
        Assert.Equal("For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors", error.Message);

        using var gru = nn.GRU(3, 4, num_layers: 2);
        error = Assert.Throws<TorchException>(() => gru.call(zeros(5, 2, 3), zeros(1, 2, 4)));
        Assert.Equal("Expected hidden size (2, 2, 4), got [1, 2, 4]", error.Message);
    }

    [Fact]
    public void Invalid_configuration_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => nn.GRU(3, 4, dropout: 1.5));
        Assert.StartsWith("dropout should be a number in range [0, 1]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.LSTM(3, 0));
    }
}
