using System.Linq;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>The softmax over keys that the attention modules share, with the masks in one polarity.</summary>
internal static class AttentionWeights
{
    /// <summary>
    /// The softmax of <paramref name="scores"/> over the last dimension restricted to the keys that
    /// <paramref name="allowed"/> marks true (broadcastable to the scores; null: every key). Excluded scores are
    /// replaced by a very negative number rather than −∞, so that exp gives exactly 0 there and no gradient reaches
    /// them, and a row that allows no key at all gives zero weights and finite gradients instead of NaN.
    /// </summary>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor? allowed)
    {
        if (allowed is null)
        {
            return nn.functional.softmax(scores, -1);
        }

        using Tensor excluded = allowed.logical_not();
        using Tensor filled = scores.masked_fill(excluded, -1e30);
        using Tensor probabilities = nn.functional.softmax(filled, -1);
        return probabilities.masked_fill(excluded, 0.0);
    }

    /// <summary>
    /// The key mask <paramref name="mask"/> <c>[N, S]</c> (true = a real key) and, with <paramref name="causal"/>, the
    /// causal restriction (key s at or before query t), combined as a bool tensor broadcastable to
    /// <c>[N, (heads,) L, S]</c>: <c>[N, 1, S]</c>, <c>[L, S]</c> or <c>[N, L, S]</c>; null when neither applies.
    /// <paramref name="extraDims"/> inserts that many dimensions after N (1 for a heads dimension).
    /// </summary>
    public static Tensor? Allowed(Tensor? mask, bool causal, long queries, long keys, Device device, int extraDims = 0)
    {
        // [N, S] as [N, 1, S], or [N, 1, 1, S] with a heads dimension
        Tensor? keyMask = mask?.view([mask.size(0), .. Enumerable.Repeat(1L, 1 + extraDims), mask.size(1)]);

        if (!causal)
        {
            return keyMask;
        }

        using Tensor ones = torch.ones([queries, keys], ScalarType.Bool, device);
        Tensor atOrBefore = ones.tril();
        if (keyMask is null)
        {
            return atOrBefore;
        }

        using (atOrBefore)
        using (keyMask)
        {
            return keyMask.logical_and(atOrBefore);
        }
    }

    /// <summary><paramref name="allowed"/> and <paramref name="more"/>, either of which may be null (every key).</summary>
    public static Tensor? And(Tensor? allowed, Tensor? more) =>
        allowed is null ? more : more is null ? allowed : allowed.logical_and(more);
}
