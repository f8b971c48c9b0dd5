using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// What a recurrent layer hands on, as the DSL's <c>RecurrentOutput</c> names it: each method takes
/// an <see cref="LSTM"/> or <see cref="GRU"/> result (batch first), returns one new tensor the caller
/// owns, and disposes every other tensor of the result, so that <c>lstm.call(x).every_step()</c>
/// leaks nothing.
/// </summary>
public static class RecurrentOutputs
{
    /// <summary>The last layer's output at every step, <c>[N, T, H·dirs]</c>.</summary>
    public static Tensor every_step(this (Tensor output, (Tensor h_n, Tensor c_n) state) result)
    {
        result.state.h_n.Dispose();
        result.state.c_n.Dispose();
        return result.output;
    }

    /// <summary>The GRU's output at every step, <c>[N, T, H·dirs]</c>.</summary>
    public static Tensor every_step(this (Tensor output, Tensor h_n) result)
    {
        result.h_n.Dispose();
        return result.output;
    }

    /// <summary>The last layer's output at the last step, <c>[N, H·dirs]</c>.</summary>
    public static Tensor last_step(this (Tensor output, (Tensor h_n, Tensor c_n) state) result) =>
        LastStep(every_step(result));

    /// <summary>The GRU's output at the last step, <c>[N, H·dirs]</c>.</summary>
    public static Tensor last_step(this (Tensor output, Tensor h_n) result) => LastStep(every_step(result));

    /// <summary>
    /// The last layer's final hidden state, <c>[N, H·dirs]</c>: for a bidirectional layer, the forward
    /// direction's state after the last step beside the backward direction's after step 0.
    /// </summary>
    public static Tensor final_state(this (Tensor output, (Tensor h_n, Tensor c_n) state) result, bool bidirectional = false)
    {
        result.output.Dispose();
        result.state.c_n.Dispose();
        return FinalState(result.state.h_n, bidirectional);
    }

    /// <summary>The GRU's final hidden state of the last layer, <c>[N, H·dirs]</c> (both directions when <paramref name="bidirectional"/>).</summary>
    public static Tensor final_state(this (Tensor output, Tensor h_n) result, bool bidirectional = false)
    {
        result.output.Dispose();
        return FinalState(result.h_n, bidirectional);
    }

    private static Tensor LastStep(Tensor output)
    {
        using (output)
        {
            // [N, T, H] -> [N, H]: a copy, so that the whole output can be released.
            using Tensor last = output.select(1, -1);
            return last.contiguous();
        }
    }

    private static Tensor FinalState(Tensor h_n, bool bidirectional)
    {
        // h_n: [layers·dirs, N, H], the last layer's directions last.
        using (h_n)
        {
            if (!bidirectional)
            {
                using Tensor last = h_n.select(0, -1);
                return last.contiguous();
            }

            using Tensor forward = h_n.select(0, -2);
            using Tensor backward = h_n.select(0, -1);
            return cat([forward, backward], 1);
        }
    }
}
