using System;
using Xunit;
using static Attention.Runtime.torch;
using static Attention.Runtime.torch.nn.functional;

namespace Attention.Runtime.Tests.NN;

/// <summary>
/// scaled_dot_product_attention computes scores above 8 MiB in chunks of the batch dimensions (so
/// that training steps reuse heap blocks instead of faulting in fresh mappings). These inputs are
/// large enough to be chunked, along the batch, along the heads, or both, and each result and
/// gradient must equal softmax(q kᵀ / √d + mask) v written out in float64 (float32 tolerance 1e-5).
/// </summary>
public sealed class ChunkedAttentionTests
{
    [Theory]
    [InlineData(3, 4, 512, 8)]    // 12 MiB of scores: two batch rows, then one
    [InlineData(1, 8, 1024, 4)]   // 32 MiB in one batch row: chunks of two heads
    [InlineData(5, 3, 700, 2)]    // chunks of uneven length
    public void Large_scores_give_the_written_out_attention_and_its_gradients(long batch, long heads, long length, long width) =>
        AssertMatchesWrittenOut(batch, heads, length, width, mask: null, causal: false);

    [Fact]
    public void A_key_padding_mask_with_a_fully_masked_sequence_is_cut_with_its_batch_rows()
    {
        // [N, 1, 1, S]: each batch row has its own keys; the last sequence masks every key (zeros out).
        manual_seed(3);
        Tensor mask = rand(3, 1, 1, 512).gt(0.3);
        mask[2].fill_(false);
        AssertMatchesWrittenOut(3, 4, 512, 8, mask, causal: false);
    }

    [Fact]
    public void A_float_mask_shared_by_the_batch_and_a_causal_mask_are_applied_to_every_chunk()
    {
        manual_seed(4);
        AssertMatchesWrittenOut(3, 4, 512, 8, randn(512, 512), causal: false);
        AssertMatchesWrittenOut(3, 4, 512, 8, mask: null, causal: true);
    }

    private static void AssertMatchesWrittenOut(long batch, long heads, long length, long width, Tensor? mask, bool causal)
    {
        manual_seed(batch * 1000 + heads);
        Tensor q = randn(batch, heads, length, width).requires_grad_();
        Tensor k = randn(batch, heads, length, width).requires_grad_();
        Tensor v = randn(batch, heads, length, width).requires_grad_();
        Tensor outputWeights = randn(batch, heads, length, width);

        Tensor fused = scaled_dot_product_attention(q, k, v, mask, is_causal: causal);
        (fused * outputWeights).sum().backward();
        Tensor[] fusedGrads = [q.grad!.clone(), k.grad!.clone(), v.grad!.clone()];

        Tensor q64 = q.detach().to(float64).requires_grad_();
        Tensor k64 = k.detach().to(float64).requires_grad_();
        Tensor v64 = v.detach().to(float64).requires_grad_();
        Tensor written = WrittenOut(q64, k64, v64, mask, causal);
        (written * outputWeights.to(float64)).sum().backward();

        AssertClose(written, fused);
        AssertClose(q64.grad!, fusedGrads[0]);
        AssertClose(k64.grad!, fusedGrads[1]);
        AssertClose(v64.grad!, fusedGrads[2]);
    }

    // softmax(q kᵀ / √d + mask) v; a row with no key allowed gives zeros, as the runtime promises.
    private static Tensor WrittenOut(Tensor q, Tensor k, Tensor v, Tensor? mask, bool causal)
    {
        long length = q.shape[^2];
        Tensor scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(q.shape[^1]);
        Tensor allowed = ones(scores.shape, ScalarType.Bool);
        if (causal)
        {
            allowed = allowed.logical_and(ones([length, length], ScalarType.Bool).tril());
        }

        if (mask is not null && mask.dtype == ScalarType.Bool)
        {
            allowed = allowed.logical_and(mask);
        }
        else if (mask is not null)
        {
            scores = scores + mask.to(float64);
        }

        Tensor weights = softmax(scores.masked_fill(allowed.logical_not(), double.NegativeInfinity), -1);
        weights = where(allowed.any(-1, keepdim: true), weights, 0.0);
        return weights.matmul(v);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        double error = (actual.to(float64) - expected).abs().max().item<double>();
        double scale = Math.Max(1.0, expected.abs().max().item<double>());
        Assert.True(error <= 1e-5 * scale, $"max |difference| {error:E2} against a largest value of {scale:F3}");
    }
}
