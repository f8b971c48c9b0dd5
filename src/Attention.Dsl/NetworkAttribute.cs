using System;
using System.Collections.Generic;

namespace Attention.Dsl;

/// <summary>
/// Declares that a <see langword="partial"/> class is a neural network, and gives the shape of one
/// input sample.
/// </summary>
/// <remarks>
/// <para>
/// The batch dimension is implicit: <c>[Network(1, 28, 28)]</c> declares a network whose forward
/// pass takes a tensor of shape <c>[N, 1, 28, 28]</c> for any batch size <c>N</c>. Every dimension
/// must be at least 1, and at least one dimension must be given.
/// </para>
/// <para>
/// Sequences are <c>[T, D]</c> (T steps of D features) or token ids <c>[T]</c> (int64, into an
/// <c>Embedding</c>). Their length may be left open with <see cref="Dimension.Open"/> as the first
/// dimension: the network then takes batches of any length, and a layer that needs a fixed length
/// (a <c>TemporalAttention</c>, a <c>Flatten</c> into a <c>Linear</c>) reports ATTN0019 on itself.
/// With <see cref="PaddingMask"/> the forward pass also takes the batch's padding mask.
/// </para>
/// <para>
/// Attention.Generators completes the class at compile time; among other members it adds a static
/// <c>InputShape</c> property that holds the declared shape. The class must be <see langword="partial"/>,
/// as must every type that contains it, and it cannot be generic.
/// </para>
/// </remarks>
/// <example>
/// A network over single-channel 28×28 images:
/// <code language="csharp">
/// using Attention.Dsl;
///
/// [Network(1, 28, 28)]
/// public partial class FashionNet;
///
/// // Generated: FashionNet.InputShape is [1, 28, 28].
/// </code>
/// Sentences of any length, padded in a batch, classified by attention pooling over an LSTM:
/// <code language="csharp">
/// [Network(Dimension.Open, PaddingMask = true)]   // token ids [N, T] and a mask [N, T]
/// [Embedding(20000, 64, PaddingIndex = 0)]         // [N, T, 64]
/// [Lstm(64)]                                       // [N, T, 64], each sequence stopping at its length
/// [AttentionPooling]                               // [N, 64], over the real steps
/// [Linear(2)]
/// public partial class SentimentNet;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    private readonly int[] _inputShape;

    /// <summary>
    /// Declares a network whose input sample has the given shape.
    /// </summary>
    /// <param name="inputShape">
    /// The per-sample input shape, outermost dimension first, without the batch dimension; for
    /// example <c>1, 28, 28</c> for one-channel 28×28 images, or <c>128</c> for a feature vector.
    /// </param>
    public NetworkAttribute(params int[] inputShape)
    {
        _inputShape = inputShape ?? [];
    }

    /// <summary>
    /// Gets the per-sample input shape that the attribute declares, without the batch dimension.
    /// </summary>
    /// <value>A read-only view of the dimensions, outermost first.</value>
    public IReadOnlyList<int> InputShape => Array.AsReadOnly(_inputShape);

    /// <summary>
    /// Gets or sets whether the forward pass takes a padding mask beside its input:
    /// <c>forward(input, mask)</c> with <c>mask</c> a <c>[N, T]</c> tensor of booleans in which
    /// <b>true marks a real step</b> and false a padded one (Keras' polarity; PyTorch's
    /// <c>key_padding_mask</c> is the opposite). Sequences are padded at the end.
    /// </summary>
    /// <remarks>
    /// The mask reaches every mask-aware layer until one reduces the steps: <c>Lstm</c> and <c>Gru</c>
    /// stop each sequence at its last real step (a padded batch gives what the sequences give one by
    /// one), <c>TemporalAttention</c> and <c>AttentionPooling</c> attend over the real steps only, and a
    /// row with no real step gives zeros, never NaN. Layers that work step by step (<c>Linear</c>,
    /// <c>LayerNorm</c>, <c>Dropout</c>, activations, <c>PositionalEncoding</c>, <c>Embedding</c>) pass it
    /// on; any other layer that would mix padded steps into real ones while the mask is live is reported
    /// (ATTN0020), as is a mask that no layer uses.
    /// </remarks>
    public bool PaddingMask { get; set; }
}

/// <summary>Special values of a <see cref="NetworkAttribute"/> dimension.</summary>
public static class Dimension
{
    /// <summary>
    /// A length left open at compile time: as the first dimension of <c>[Network(Dimension.Open, 64)]</c>,
    /// the network takes sequences of any length T. Valid only as the first dimension.
    /// </summary>
    public const int Open = -1;
}

/// <summary>
/// Gives a <see cref="NetworkAttribute"/> network a second input, of the per-sample shape <see cref="Shape"/>: the
/// generated forward becomes <c>forward(input, second)</c> and the class an <c>nn.Module&lt;Tensor, Tensor, Tensor&gt;</c>.
/// The layers run on the first input in order, and the layers that fuse two inputs take the second as their other one:
/// <c>[GatedMultimodalUnit(64)]</c> fuses the features so far with it.
/// </summary>
/// <example>
/// <code language="csharp">
/// [Network(300), SecondInput(512)]   // text features [N, 300] and image features [N, 512]
/// [GatedMultimodalUnit(64)]          // h = z·tanh(W₁ text) + (1 − z)·tanh(W₂ image), [N, 64]
/// [Linear(10)]
/// public partial class Fusion;       // logits = fusion.call(text, image)
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SecondInputAttribute : Attribute
{
    /// <summary>Declares a second input of the per-sample shape <paramref name="shape"/>.</summary>
    /// <param name="shape">The dimensions of one sample of the second input, each at least 1.</param>
    public SecondInputAttribute(params int[] shape) => Shape = shape ?? [];

    /// <summary>Gets the dimensions of one sample of the second input.</summary>
    public int[] Shape { get; }
}
