using System;
using System.Collections.Generic;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Model;
using Attention.Generators.Parsing;

namespace Attention.Generators.Layers;

/// <summary>
/// Everything the generator knows about one kind of layer, in one place: the attribute it reads, the
/// default field name, the arguments and their checks, the shape rule and parameter count (in
/// <see cref="Resolve"/>), and the code it emits. <see cref="LayerSpecs"/> lists every spec; the
/// parser, the emitters, the component form and the summary all go through it.
/// </summary>
internal abstract class LayerSpec
{
    /// <summary>Creates the spec of <paramref name="kind"/>.</summary>
    /// <param name="kind">The attribute's name without <c>Attribute</c>, such as <c>Conv2d</c>; also the summary's kind.</param>
    /// <param name="shortName">The default field-name prefix, such as <c>conv</c> (<c>conv1</c>, <c>conv2</c> …).</param>
    protected LayerSpec(string kind, string shortName)
    {
        Kind = kind;
        ShortName = shortName;
    }

    /// <summary>
    /// The prefix of a name in the emitters' <c>used</c> set that asks for <c>using static</c> of a class
    /// of <c>Attention.Runtime.Modules</c> (for its extension methods); any other name a spec adds is
    /// aliased to the type of that name there.
    /// </summary>
    public const string StaticImport = "static ";

    /// <summary>Gets the kind: the attribute's name without <c>Attribute</c>.</summary>
    public string Kind { get; }

    /// <summary>Gets the attribute's metadata name, <c>Attention.Dsl.{Kind}Attribute</c>.</summary>
    public string AttributeMetadataName => "Attention.Dsl." + Kind + "Attribute";

    /// <summary>Gets the default field-name prefix.</summary>
    public string ShortName { get; }

    /// <summary>
    /// Gets how the kind works as a component on a partial property of a hand-written module, or
    /// <see langword="null"/> when it cannot be one (layers without state or training mode).
    /// </summary>
    public virtual ComponentSpec? Component => null;

    /// <summary>
    /// Reads the attribute's arguments, checks them, and follows the shape: the layer's model, or
    /// <see langword="null"/> after reporting why not through <paramref name="context"/>.
    /// </summary>
    public abstract LayerModel? Resolve(LayerContext context);

    /// <summary>The alias of the runtime module type the layer's field holds, or <see langword="null"/> for a functional step.</summary>
    public abstract string? FieldType(LayerModel layer);

    /// <summary>The expression that creates the layer's module, such as <c>new Linear(64, 10)</c>.</summary>
    public virtual string Construct(LayerModel layer, HashSet<string> used) =>
        throw new InvalidOperationException(Kind + " has no module to construct");

    /// <summary>A short description for the field's comment, such as <c>Linear(64 -> 10)</c>.</summary>
    public virtual string Describe(LayerModel layer) => layer.Kind;

    /// <summary>The expression of the layer's forward step applied to <paramref name="x"/>.</summary>
    public virtual string Forward(LayerModel layer, string x, HashSet<string> used) => layer.Name + ".call(" + x + ")";

    /// <summary>
    /// Gets whether the shape rule takes an input whose length is left open (<see cref="Shapes.Open"/>). A spec
    /// that does follows the open length itself, and reports through <see cref="LayerContext.RequireFixedLength"/>
    /// what needs a fixed one; for any other, the parser reports ATTN0019 with <see cref="FixedLengthReason"/>.
    /// </summary>
    public virtual bool TakesOpenLength => false;

    /// <summary>Gets why the kind needs a fixed length, for ATTN0019.</summary>
    public virtual string FixedLengthReason => "its shape rule needs every dimension of its input";

    /// <summary>
    /// What the layer does with the network's padding mask while it is live (the input's first dimension is the
    /// steps the mask marks). By default it refuses it, which the parser reports as ATTN0020.
    /// </summary>
    public virtual MaskUse MaskUse(LayerModel layer) => Layers.MaskUse.Refuses;

    /// <summary>
    /// The expression of the mask the layers after this one get, from <paramref name="mask"/>, for a layer whose
    /// <see cref="MaskUse(LayerModel)"/> is <see cref="Layers.MaskUse.Nests"/>.
    /// </summary>
    public virtual string MaskAfter(LayerModel layer, string mask, HashSet<string> used) =>
        throw new InvalidOperationException(Kind + " hands on no other mask");

    /// <summary>
    /// The expression of the layer's forward step applied to <paramref name="x"/> with the padding mask
    /// <paramref name="mask"/>, for a layer whose <see cref="MaskUse(LayerModel)"/> is <see cref="Layers.MaskUse.Keeps"/>
    /// or <see cref="Layers.MaskUse.Consumes"/>.
    /// </summary>
    public virtual string ForwardMasked(LayerModel layer, string x, string mask, HashSet<string> used) =>
        throw new InvalidOperationException(Kind + " does not take a padding mask");

    /// <summary>Whether the layer takes the network's second input (<c>[SecondInput]</c>), which its forward step names <c>second</c>.</summary>
    public virtual bool TakesSecondInput(LayerModel layer) => false;

    /// <summary>Whether the layer is a module held in a field (otherwise a functional call).</summary>
    public bool HasField(LayerModel layer) => FieldType(layer) is not null;

    /// <summary>Writes the statement that creates the layer's field (the caller registers it).</summary>
    public virtual void WriteCreation(IndentedWriter writer, LayerModel layer, HashSet<string> used) =>
        writer.WriteLine(layer.Name + " = " + Construct(layer, used) + ";");

    /// <summary>The rows of the network's summary for the layer: by default one, its own.</summary>
    public virtual IEnumerable<SummaryRow> SummaryRows(LayerModel layer)
    {
        yield return new SummaryRow(layer.Name, layer.Kind, layer.OutputShape, layer.Parameters);
    }

    /// <summary>The private nested classes the module holding the layer needs, by name (written once per name).</summary>
    public virtual IEnumerable<NestedClass> NestedClasses(LayerModel layer)
    {
        yield break;
    }
}

/// <summary>What a layer does with a network's padding mask (<c>[N, T]</c>, true = a real step).</summary>
internal enum MaskUse
{
    /// <summary>It would mix padded steps into real ones: the mask cannot be live at its input (ATTN0020).</summary>
    Refuses,

    /// <summary>It works step by step and keeps the steps: the mask goes on to the next layer untouched.</summary>
    PassesThrough,

    /// <summary>It takes the mask and keeps the steps, so the mask goes on.</summary>
    Keeps,

    /// <summary>It takes the mask and reduces the steps: no mask after it.</summary>
    Consumes,

    /// <summary>
    /// It takes a mask with one more step axis than it hands on (<c>[N, S, W]</c>: the steps of every element), reduces
    /// each element's steps, and the mask of the outer steps (<c>[N, S]</c>) goes on: <c>[ForEach]</c> of a block that
    /// consumes the mask.
    /// </summary>
    Nests,
}

/// <summary>What a run of layers (a block's) does with the padding mask, taken as one layer.</summary>
internal static class MaskUses
{
    /// <summary>
    /// The step axes of a network's padding mask: 1, plus one per <see cref="MaskUse.Nests"/> layer before the first that
    /// needs the mask's steps (<c>[N, T]</c>, or <c>[N, S, W]</c> for sentences of words).
    /// </summary>
    public static int Depth(IEnumerable<LayerModel> layers) =>
        1 + layers.Select(static l => LayerSpecs.Of(l).MaskUse(l))
            .TakeWhile(static use => use is MaskUse.Nests or MaskUse.PassesThrough)
            .Count(static use => use == MaskUse.Nests);

    /// <summary>
    /// For a block used in a stage, which keeps its steps for the layers after it: <see cref="MaskUse.Refuses"/> when a
    /// layer refuses the mask or reduces the steps, else <see cref="MaskUse.Keeps"/> when a layer takes it, else
    /// <see cref="MaskUse.PassesThrough"/>.
    /// </summary>
    public static MaskUse Of(IEnumerable<LayerModel> layers) => InBlock(layers) is MaskUse.Consumes ? MaskUse.Refuses : InBlock(layers);

    /// <summary>
    /// For a block by itself: as <see cref="Of"/>, but a block whose layers take the mask until one reduces the steps
    /// (after which none is needed) is <see cref="MaskUse.Consumes"/>.
    /// </summary>
    public static MaskUse InBlock(IEnumerable<LayerModel> layers)
    {
        var use = MaskUse.PassesThrough;
        foreach (var layer in layers)
        {
            switch (LayerSpecs.Of(layer).MaskUse(layer))
            {
                case MaskUse.Refuses or MaskUse.Nests:
                    return MaskUse.Refuses;
                case MaskUse.Consumes:
                    return MaskUse.Consumes;
                case MaskUse.Keeps:
                    use = MaskUse.Keeps;
                    break;
            }
        }

        return use;
    }
}

/// <summary>One row of a network's compile-time summary.</summary>
internal readonly record struct SummaryRow(string Name, string Kind, EquatableArray<int> OutputShape, long Parameters);

/// <summary>A private nested class that generated code needs, and how to write it.</summary>
internal sealed record NestedClass(string Name, Action<IndentedWriter, HashSet<string>> Write);

/// <summary>A spec whose layers are <typeparamref name="TLayer"/> records: the emitting members receive them typed.</summary>
internal abstract class LayerSpec<TLayer> : LayerSpec
    where TLayer : LayerModel
{
    /// <inheritdoc/>
    protected LayerSpec(string kind, string shortName)
        : base(kind, shortName)
    {
    }

    /// <inheritdoc/>
    public sealed override string? FieldType(LayerModel layer) => FieldType((TLayer)layer);

    /// <inheritdoc/>
    public sealed override string Construct(LayerModel layer, HashSet<string> used) => Construct((TLayer)layer, used);

    /// <inheritdoc/>
    public sealed override string Describe(LayerModel layer) => Describe((TLayer)layer);

    /// <inheritdoc/>
    public sealed override string Forward(LayerModel layer, string x, HashSet<string> used) => Forward((TLayer)layer, x, used);

    /// <inheritdoc/>
    public sealed override MaskUse MaskUse(LayerModel layer) => MaskUse((TLayer)layer);

    /// <inheritdoc/>
    public sealed override string ForwardMasked(LayerModel layer, string x, string mask, HashSet<string> used) =>
        ForwardMasked((TLayer)layer, x, mask, used);

    /// <inheritdoc cref="LayerSpec.FieldType(LayerModel)"/>
    protected abstract string? FieldType(TLayer layer);

    /// <inheritdoc cref="LayerSpec.Construct(LayerModel, HashSet{string})"/>
    protected virtual string Construct(TLayer layer, HashSet<string> used) => base.Construct(layer, used);

    /// <inheritdoc cref="LayerSpec.Describe(LayerModel)"/>
    protected virtual string Describe(TLayer layer) => base.Describe(layer);

    /// <inheritdoc cref="LayerSpec.Forward(LayerModel, string, HashSet{string})"/>
    protected virtual string Forward(TLayer layer, string x, HashSet<string> used) => base.Forward(layer, x, used);

    /// <inheritdoc cref="LayerSpec.MaskUse(LayerModel)"/>
    protected virtual MaskUse MaskUse(TLayer layer) => base.MaskUse(layer);

    /// <inheritdoc cref="LayerSpec.ForwardMasked(LayerModel, string, string, HashSet{string})"/>
    protected virtual string ForwardMasked(TLayer layer, string x, string mask, HashSet<string> used) => base.ForwardMasked(layer, x, mask, used);
}

/// <summary>
/// How a kind works as a component of a hand-written module, where there is no input shape: the
/// attribute property that gives the size a <c>[Network]</c> infers, and a sample shape to resolve
/// the component against.
/// </summary>
/// <param name="SizeArgument">The property giving the input size, such as <c>InFeatures</c>; <see langword="null"/> when none is needed.</param>
/// <param name="IsMechanism">Whether the property may also be typed <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</param>
/// <param name="SampleShape">A per-sample shape the kind accepts, from the size and the attribute's arguments.</param>
/// <param name="SizeIsOptional">Whether the size may be left out given the other arguments (ECA with an explicit kernel).</param>
/// <param name="ModuleType">The runtime module's type where its name is not the kind's (PyTorch's <c>MultiheadAttention</c> for <c>[MultiHeadAttention]</c>).</param>
internal sealed record ComponentSpec(
    string? SizeArgument,
    bool IsMechanism,
    Func<int, AttributeArguments, int[]> SampleShape,
    Func<AttributeArguments, bool>? SizeIsOptional = null,
    string? ModuleType = null);
