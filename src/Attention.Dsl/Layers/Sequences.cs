using System;

namespace Attention.Dsl;

/// <summary>
/// A token embedding, as <c>torch.nn.Embedding</c>: a <c>[T]</c> sample of int64 token ids becomes
/// <c>[T, EmbeddingDim]</c>. It must be the network's first layer; the network then takes
/// <c>[N, T]</c> int64 tensors.
/// </summary>
/// <remarks>Parameters: <c>NumEmbeddings · EmbeddingDim</c>. The state dict holds <c>embed1.weight</c>.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <summary>Declares an embedding of <paramref name="numEmbeddings"/> tokens in <paramref name="embeddingDim"/> dimensions.</summary>
    /// <param name="numEmbeddings">The vocabulary size (at least 1).</param>
    /// <param name="embeddingDim">The size of each token's vector (at least 1).</param>
    public EmbeddingAttribute(int numEmbeddings, int embeddingDim)
    {
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>Gets the vocabulary size.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Gets the size of each token's vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>Gets or sets the padding token, whose vector is zero and gets no gradient (default −1: none).</summary>
    public int PaddingIndex { get; set; } = -1;
}

/// <summary>
/// What the recurrent layers (<see cref="LstmAttribute"/>, <see cref="GruAttribute"/>) share: the
/// hidden size, stacking, direction, dropout, biases, and what the layer hands on.
/// </summary>
public abstract class RecurrentLayerAttribute : LayerAttribute
{
    /// <summary>Declares a recurrent layer with <paramref name="hiddenSize"/> units.</summary>
    /// <param name="hiddenSize">H, the size of the hidden state (at least 1).</param>
    private protected RecurrentLayerAttribute(int hiddenSize) => HiddenSize = hiddenSize;

    /// <summary>Gets H, the size of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>Gets or sets the number of stacked layers (default 1).</summary>
    public int Layers { get; set; } = 1;

    /// <summary>Gets or sets whether a second direction runs from the last step back (default <see langword="false"/>).</summary>
    public bool Bidirectional { get; set; }

    /// <summary>Gets or sets the dropout between stacked layers, in [0, 1) (default 0; needs <see cref="Layers"/> &gt; 1).</summary>
    public double Dropout { get; set; }

    /// <summary>Gets or sets whether the gates have biases (default <see langword="true"/>).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Gets or sets what the layer hands on in a network (default <see cref="RecurrentOutput.EveryStep"/>; a component's forward picks from <c>call</c>'s result).</summary>
    public RecurrentOutput Output { get; set; } = RecurrentOutput.EveryStep;

    /// <summary>Gets or sets D, the size of each input step, for a component (a network infers it).</summary>
    public int InputSize { get; set; }
}

/// <summary>
/// A long short-term memory layer (Hochreiter and Schmidhuber 1997), as <c>torch.nn.LSTM</c> with
/// <c>batch_first</c>, over <c>[T, D]</c> samples; PyTorch's parameter names (<c>weight_ih_l0</c>,
/// <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, <c>…_reverse</c>), so state dicts interchange.
/// </summary>
/// <remarks>
/// Parameters per layer and direction: <c>4H · (in + H)</c>, plus <c>8H</c> with <see cref="RecurrentLayerAttribute.Bias"/>;
/// <c>in</c> is D for the first layer and <c>H</c> (<c>2H</c> bidirectional) after it.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : RecurrentLayerAttribute
{
    /// <summary>Declares an LSTM with <paramref name="hiddenSize"/> units.</summary>
    /// <param name="hiddenSize">H, the size of the hidden state (at least 1).</param>
    public LstmAttribute(int hiddenSize)
        : base(hiddenSize)
    {
    }
}

/// <summary>
/// A gated recurrent unit layer (Cho et al. 2014), as <c>torch.nn.GRU</c> with <c>batch_first</c>,
/// over <c>[T, D]</c> samples, with PyTorch's parameter names.
/// </summary>
/// <remarks>Parameters per layer and direction: <c>3H · (in + H)</c>, plus <c>6H</c> with <see cref="RecurrentLayerAttribute.Bias"/>.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class GruAttribute : RecurrentLayerAttribute
{
    /// <summary>Declares a GRU with <paramref name="hiddenSize"/> units.</summary>
    /// <param name="hiddenSize">H, the size of the hidden state (at least 1).</param>
    public GruAttribute(int hiddenSize)
        : base(hiddenSize)
    {
    }
}

/// <summary>
/// Attention over the steps of <c>[T, D]</c> samples, as seed 000's <c>attention_3d_block</c>: for
/// each feature a softmax over the steps, learned per step, <c>a = softmax(W · xᵀ + b)</c> with W
/// <c>[T, T]</c>, and <c>y = x · aᵀ</c>, <c>[T, D]</c>. The weights can be read after a forward pass
/// (the runtime's <c>TemporalAttention.weights</c>: the per-step weights averaged over the features).
/// </summary>
/// <remarks>Parameters: <c>T² + T</c>. The state dict holds <c>temporal1.fc.weight</c>, <c>temporal1.fc.bias</c>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TemporalAttentionAttribute : LayerAttribute
{
    /// <summary>
    /// Gets or sets whether one distribution over the steps is shared by all features (the
    /// per-feature weights averaged, keras-attention's single attention vector) instead of one per
    /// feature (default <see langword="false"/>, the seed's form).
    /// </summary>
    public bool Shared { get; set; }
}

/// <summary>
/// Feed-forward attention pooling (Raffel and Ellis, "Feed-Forward Networks with Attention Can Solve
/// Some Long-Term Memory Problems", 2015): <c>e_t = tanh(h_t · w + b)</c>, <c>α = softmax(e)</c> over
/// the steps, <c>c = Σ_t α_t h_t</c>: <c>[T, D]</c> to <c>[D]</c>.
/// </summary>
/// <remarks>Parameters: <c>D + 1</c>, or <c>D + T</c> with <see cref="StepBias"/>. The state dict holds <c>pool1.weight</c>, <c>pool1.bias</c>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AttentionPoolingAttribute : LayerAttribute
{
    /// <summary>Gets or sets whether each step has its own bias <c>b_t</c>, as seed 004's Keras layer (default <see langword="false"/>: one bias, the paper).</summary>
    public bool StepBias { get; set; }

    /// <summary>
    /// Gets or sets A for Yang et al.'s form (hierarchical attention networks, 2016): <c>u_t = tanh(W h_t + b)</c>,
    /// <c>e_t = u_tᵀ u_w</c> with a learned context vector <c>u_w</c>, the runtime's <c>ContextAttentionPooling</c>
    /// (<c>D·A + 2A</c> parameters: <c>proj.weight</c>, <c>proj.bias</c>, <c>context</c>). Default 0: Raffel and Ellis' form.
    /// </summary>
    public int Units { get; set; }
}

/// <summary>
/// Adds position information to <c>[T, D]</c> samples: the sinusoidal encoding of Vaswani et al.
/// 2017 (<c>PE[p, 2i] = sin(p / 10000^(2i/D))</c>, <c>PE[p, 2i+1] = cos(…)</c>, no parameters) or a
/// learned table <c>[MaxLength, D]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PositionalEncodingAttribute : LayerAttribute
{
    /// <summary>Gets or sets whether the table is learned (default <see langword="false"/>: sinusoidal).</summary>
    public bool Learned { get; set; }

    /// <summary>Gets or sets the longest sequence the table covers (default 0: the input's length).</summary>
    public int MaxLength { get; set; }
}
