using System;

namespace Attention.Dsl;

/// <summary>
/// Placeholders for the sizes a <see cref="BlockAttribute"/> class leaves to each use:
/// <see cref="Width"/> for channel and feature counts, <see cref="Stride"/> for strides.
/// </summary>
/// <remarks>
/// <para>
/// Both are negative sentinel constants, so that an attribute argument such as
/// <c>4 * Block.Width</c> stays a constant expression. Attention.Generators replaces them with the
/// <c>Width</c> and <c>Stride</c> of every <see cref="ApplyAttribute"/> or
/// <see cref="ResidualAttribute"/> that uses the block.
/// </para>
/// <para>
/// They are valid only in the layer attributes of a <c>[Block]</c> class: <see cref="Width"/> (or a
/// positive multiple of it, such as <c>4 * Block.Width</c>) as the output size of <c>Conv1d</c>,
/// <c>Conv2d</c> or <c>Linear</c>, as a convolution's <c>Groups</c> (a depthwise convolution), or as
/// the <c>Width</c> of a nested <see cref="ApplyAttribute"/> or <see cref="ResidualAttribute"/>; and
/// <see cref="Stride"/> as the <c>Stride</c> of a convolution, a pool or a nested use. Anywhere
/// else the generator reports ATTN0012.
/// </para>
/// </remarks>
public static class Block
{
    /// <summary>
    /// The width of the block at its use (<see cref="ApplyAttribute.Width"/> or
    /// <see cref="ResidualAttribute.Width"/>); multiply it by a positive constant for wider layers.
    /// A negative sentinel (−2²⁰), valid only inside a <c>[Block]</c> class.
    /// </summary>
    public const int Width = -1048576;

    /// <summary>
    /// The stride of the block at its use: the use's <c>Stride</c> for its first repetition, 1 for
    /// the others. A negative sentinel (−7), valid only inside a <c>[Block]</c> class.
    /// </summary>
    public const int Stride = -7;
}

/// <summary>
/// Declares a reusable block: a <see langword="partial"/> class whose class-level layer attributes,
/// in source order, are the block's layers. Networks (or other blocks) insert it with
/// <see cref="ApplyAttribute"/> or <see cref="ResidualAttribute"/>.
/// </summary>
/// <remarks>
/// <para>
/// The block's input channels are inferred at each use; its sizes may refer to the use's width and
/// stride through <see cref="Block.Width"/> and <see cref="Block.Stride"/>. Attention.Generators
/// expands every use at compile time with concrete shapes (shape inference, diagnostics and the
/// network's <c>Summary</c> see through it), and completes the class as a module
/// <c>nn.Module&lt;Tensor, Tensor&gt;</c> with a constructor <c>(long in_channels, long width, long stride)</c>.
/// </para>
/// <para>A class cannot be both a block and a <c>[Network]</c>, and a block cannot use itself.</para>
/// </remarks>
/// <example>
/// <code language="csharp">
/// [Block]
/// [Conv2d(Block.Width, Kernel = 3, Stride = Block.Stride, Padding = 1, Bias = false), BatchNorm2d, ReLU]
/// [Conv2d(Block.Width, Kernel = 3, Padding = 1, Bias = false), BatchNorm2d]
/// public partial class BasicBlock;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
}

/// <summary>
/// Inserts a <see cref="BlockAttribute"/> class into the forward pass, <see cref="Repeat"/> times in
/// a row. The repetitions form one stage, registered under <see cref="LayerAttribute.Name"/> (by
/// default <c>layer1</c>, <c>layer2</c> …, counted with <see cref="ResidualAttribute"/>), with children
/// named <c>0</c>, <c>1</c> … as in PyTorch's ResNet.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ApplyAttribute : LayerAttribute
{
    /// <summary>Inserts the block <paramref name="block"/>.</summary>
    /// <param name="block">A <see langword="partial"/> class marked <c>[Block]</c>.</param>
    public ApplyAttribute(Type block) => Block = block;

    /// <summary>Gets the block class.</summary>
    public Type Block { get; }

    /// <summary>Gets or sets the value of <see cref="Dsl.Block.Width"/> in the block (default 0: the incoming channel count).</summary>
    public int Width { get; set; }

    /// <summary>Gets or sets the value of <see cref="Dsl.Block.Stride"/> in the first repetition (default 1); later repetitions use 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Gets or sets how many times the block is applied in a row (default 1, at most 1024).</summary>
    public int Repeat { get; set; } = 1;
}

/// <summary>
/// Inserts a <see cref="BlockAttribute"/> class with a shortcut, <see cref="Repeat"/> times in a
/// row: <c>y = activation(block(x) + shortcut(x))</c>. The shortcut is the identity when the block
/// keeps the shape, otherwise (with <see cref="Projection"/>) a 1×1 convolution with the stride and
/// no bias followed by BatchNorm (ResNet's option B).
/// </summary>
/// <remarks>
/// The repetitions form one stage, registered under <see cref="LayerAttribute.Name"/> (by default
/// <c>layer1</c>, <c>layer2</c> …, counted with <see cref="ApplyAttribute"/>); each repetition is a
/// module with the block as <c>branch</c> and the projection, where there is one, as
/// <c>downsample</c>: <c>layer1.0.branch.conv1.weight</c>, <c>layer1.0.downsample.0.weight</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute : LayerAttribute
{
    /// <summary>Inserts the block <paramref name="block"/> with a shortcut.</summary>
    /// <param name="block">A <see langword="partial"/> class marked <c>[Block]</c>.</param>
    public ResidualAttribute(Type block) => Block = block;

    /// <summary>Gets the block class.</summary>
    public Type Block { get; }

    /// <summary>Gets or sets the value of <see cref="Dsl.Block.Width"/> in the block (default 0: the incoming channel count).</summary>
    public int Width { get; set; }

    /// <summary>Gets or sets the value of <see cref="Dsl.Block.Stride"/> in the first repetition (default 1); later repetitions use 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Gets or sets how many times the block is applied in a row (default 1, at most 1024).</summary>
    public int Repeat { get; set; } = 1;

    /// <summary>Gets or sets the activation applied after the addition (default <see cref="Dsl.Activation.None"/>).</summary>
    public Activation Activation { get; set; } = Activation.None;

    /// <summary>
    /// Gets or sets whether a projection shortcut may be inserted where the block changes the
    /// channels or the spatial size (default <see langword="true"/>); with <see langword="false"/>
    /// such a use is reported as ATTN0006.
    /// </summary>
    public bool Projection { get; set; } = true;
}

/// <summary>
/// Applies a <see cref="BlockAttribute"/> class to every element of the outer axis (Keras' <c>TimeDistributed</c>): a
/// <c>[S, …]</c> sample is S elements <c>[…]</c>, the block runs on each, and the output is <c>[S, …']</c>. Hierarchical
/// attention (Yang et al. 2016) encodes every sentence of a document this way: <c>[ForEach(typeof(SentenceEncoder))]</c>
/// over <c>[S, W]</c> token ids, the block an embedding, a GRU and attention pooling over the words.
/// </summary>
/// <remarks>
/// In a network with <c>PaddingMask = true</c> whose block takes the mask and reduces the steps of each element (ends
/// in attention pooling, or an LSTM or GRU's last step), the mask has one more axis, <c>[N, S, W]</c>: each element's
/// block gets its words' mask, and the layers after it get the sentences' mask, <c>[N, S]</c>, true where a sentence has
/// a word. The block is registered as <c>each1.block</c> (the name's prefix is <c>each</c>); its constructor gets the
/// element's first dimension as <c>in_channels</c> and <see cref="Width"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ForEachAttribute : LayerAttribute
{
    /// <summary>Applies the block <paramref name="block"/> to every element.</summary>
    /// <param name="block">A <see langword="partial"/> class marked <c>[Block]</c>.</param>
    public ForEachAttribute(Type block) => Block = block;

    /// <summary>Gets the block class.</summary>
    public Type Block { get; }

    /// <summary>Gets or sets the value of <see cref="Dsl.Block.Width"/> in the block (default 0: the element's first dimension).</summary>
    public int Width { get; set; }
}
