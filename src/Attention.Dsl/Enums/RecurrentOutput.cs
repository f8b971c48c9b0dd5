namespace Attention.Dsl;

/// <summary>
/// What a recurrent layer (<c>[Lstm]</c>, <c>[Gru]</c>) hands to the next layer. Shared with
/// Attention.Generators, which compiles this file in.
/// </summary>
public enum RecurrentOutput
{
    /// <summary>The last layer's output at every step, <c>[T, H]</c> (<c>[T, 2H]</c> bidirectional): Keras' <c>return_sequences=True</c>.</summary>
    EveryStep = 0,

    /// <summary>The last layer's output at the last step, <c>[H]</c> (<c>[2H]</c>).</summary>
    LastStep = 1,

    /// <summary>
    /// The last layer's final hidden state, <c>[H]</c> (<c>[2H]</c>: forward and backward). For a
    /// bidirectional layer this differs from <see cref="LastStep"/>: the backward direction ends at step 0.
    /// </summary>
    FinalState = 2,
}
