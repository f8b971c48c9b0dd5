using Attention.Dsl;
using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// The sizes of one block layer as C# expressions over the block constructor's parameters
/// (<c>in_channels</c>, <c>width</c>, <c>stride</c>), such as <c>4 * width</c>; <see langword="null"/>
/// where the layer's own literal applies.
/// </summary>
/// <param name="In">The input channels or features.</param>
/// <param name="Out">The output channels or features.</param>
/// <param name="Stride">The stride.</param>
/// <param name="Reduced">The hidden width of an attention mechanism's MLP.</param>
/// <param name="Kernel">The kernel of an ECA layer that chooses it from the channels.</param>
/// <param name="Groups">The groups of a convolution, such as <c>width</c> for a depthwise one.</param>
internal sealed record LayerSizes(string? In, string? Out, string? Stride, string? Reduced, string? Kernel = null, string? Groups = null)
{
    /// <summary>Every size a literal.</summary>
    public static readonly LayerSizes Literal = new(null, null, null, null);
}

/// <summary>
/// One layer of a block as its module class writes it: the layer with every use-dependent number
/// cleared, and the expressions that compute those numbers in the block's constructor.
/// </summary>
internal sealed record BlockLayerModel(LayerModel Layer, LayerSizes Sizes);

/// <summary>
/// A <c>[Block]</c> class to complete as a module with the constructor
/// <c>(long in_channels, long width, long stride)</c>. Two uses that need different code (a size
/// that depends on the spatial shape) are reported as ATTN0016, so one model serves every use.
/// </summary>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Namespace">The namespace as written in C#, or <see langword="null"/>.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Name">The class name as written in C#.</param>
/// <param name="Accessibility">The accessibility keywords of the class.</param>
/// <param name="Layers">The layers in source order.</param>
/// <param name="OutChannels">The block's output channels as an expression over its constructor's parameters.</param>
internal sealed record BlockModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string Accessibility,
    EquatableArray<BlockLayerModel> Layers,
    string OutChannels);

/// <summary>
/// The outcome of completing one <c>[Block]</c> class on its own: its model for a nominal use, or
/// none, and ATTN9999 should the generator fail on it.
/// </summary>
internal sealed record BlockResult(BlockModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// One repetition of a block in a stage, with the constructor arguments of the block (literals in
/// a network, expressions in a block) and of the projection shortcut, when there is one.
/// </summary>
/// <param name="Name">The state-dict path, such as <c>layer1.0</c>.</param>
/// <param name="InChannels">The block's <c>in_channels</c>.</param>
/// <param name="Width">The block's <c>width</c>.</param>
/// <param name="Stride">The block's <c>stride</c>.</param>
/// <param name="OutChannels">The block's output channels.</param>
/// <param name="Downsample">Whether a projection shortcut (1×1 convolution, BatchNorm) is inserted.</param>
/// <param name="OutputShape">The per-sample output shape.</param>
/// <param name="Parameters">The parameter count, projection included.</param>
internal sealed record RepetitionModel(
    string Name, string InChannels, string Width, string Stride, string OutChannels, bool Downsample,
    EquatableArray<int> OutputShape, long Parameters);

/// <summary>
/// An <c>[Apply]</c> (<paramref name="Residual"/> false) or <c>[Residual]</c> stage: a container
/// registered under <paramref name="Name"/> with one child per repetition, named <c>0</c>, <c>1</c> ….
/// </summary>
internal sealed record StageLayer(
    string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters,
    string BlockName, string BlockType, bool Residual, Activation Activation, int Dimensions,
    EquatableArray<RepetitionModel> Repetitions)
    : LayerModel(Name, Kind, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override bool HasField => true;
}
