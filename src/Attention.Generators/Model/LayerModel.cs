using Attention.Dsl;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// One step of a network's forward pass, with the shapes and parameter count the parser inferred.
/// Each kind of layer is a derived record holding its resolved arguments, so the emitter needs no
/// inference of its own.
/// </summary>
/// <param name="Name">The field and state-dict name (a label only, for layers without a field).</param>
/// <param name="Kind">The kind as the summary shows it, such as <c>Conv2d</c>.</param>
/// <param name="InputShape">The per-sample input shape.</param>
/// <param name="OutputShape">The per-sample output shape.</param>
/// <param name="Parameters">The number of trainable parameter elements.</param>
internal abstract record LayerModel(string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters)
{
    /// <summary>Gets whether the layer is a module held in a field (otherwise a functional call).</summary>
    public abstract bool HasField { get; }
}

/// <summary>A <c>Conv1d</c> (<paramref name="Dimensions"/> 1) or <c>Conv2d</c> (2).</summary>
internal sealed record ConvLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, int InChannels, int OutChannels, int Kernel, int Stride, int Padding, bool SamePadding,
    int Dilation, int Groups, bool Bias, PaddingMode PaddingMode)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>A <c>BatchNorm1d</c> or <c>BatchNorm2d</c>.</summary>
internal sealed record BatchNormLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, int Features, double Eps, double Momentum, bool Affine)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>A <c>LayerNorm</c> over the last dimension.</summary>
internal sealed record LayerNormLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Features, double Eps, bool ElementwiseAffine)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>A <c>Linear</c> layer.</summary>
internal sealed record LinearLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int InFeatures, int OutFeatures, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>A <c>Dropout</c> module (a field, so that it follows <c>train()</c> and <c>eval()</c>).</summary>
internal sealed record DropoutLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    double P)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>A flatten of batched dimensions <paramref name="StartDim"/> to <paramref name="EndDim"/> (both normalised, non-negative).</summary>
internal sealed record FlattenLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int StartDim, int EndDim)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => false;
}

/// <summary>A max or average pool with a window (<paramref name="Stride"/> resolved: never 0).</summary>
internal sealed record PoolLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, bool Max, int Kernel, int Stride, int Padding, bool CeilMode)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => false;
}

/// <summary>A global max or average pool to <c>[C]</c>.</summary>
internal sealed record GlobalPoolLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Dimensions, bool Max)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => false;
}

/// <summary>
/// A parameter-free activation written as a functional call. <paramref name="Argument"/> is the
/// negative slope of <c>LeakyReLU</c>, 1 for the tanh approximation of <c>GELU</c>, or the
/// (batched) dimension of <c>Softmax</c>; 0 otherwise.
/// </summary>
internal sealed record ActivationLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    double Argument)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => false;
}

/// <summary>Squeeze-and-Excitation over <paramref name="Channels"/> channels through <paramref name="Reduced"/> hidden units.</summary>
internal sealed record SqueezeExciteLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Channels, int Reduced, Activation InnerActivation, Gate Gate, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>CBAM's channel attention over <paramref name="Channels"/> channels through <paramref name="Reduced"/> hidden units.</summary>
internal sealed record ChannelAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Channels, int Reduced, bool Bias)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>CBAM's spatial attention with a <paramref name="Kernel"/>-wide convolution.</summary>
internal sealed record SpatialAttentionLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Kernel, bool BatchNorm)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>CBAM: channel attention, then spatial attention.</summary>
internal sealed record CbamLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Channels, int Reduced, int SpatialKernel)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}

/// <summary>Efficient channel attention with a resolved, odd <paramref name="Kernel"/>.</summary>
internal sealed record EcaLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    int Channels, int Kernel)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}
