using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are <c>ATTN0001</c> onwards and are never reused;
/// each one is listed in <c>AnalyzerReleases.Unshipped.md</c> until a release moves it to
/// <c>AnalyzerReleases.Shipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of every Attention.Dsl diagnostic.</summary>
    public const string Category = "Attention.Dsl";

    // Each ID has a page at docs/diagnostics/{ID}.md in this repository; the base is the address
    // that repository is to be published at.
    private const string HelpLinkBase = "https://github.com/attention-dsl/attention-dsl/blob/main/docs/diagnostics/";

    /// <summary>ATTN0001: a class marked <c>[Network]</c> is not <see langword="partial"/>.</summary>
    public static readonly DiagnosticDescriptor NetworkMustBePartial = Create(
        id: "ATTN0001",
        title: "Network class must be partial",
        messageFormat: "Network class '{0}' must be declared partial so that its generated members can be added",
        description: "The generator completes a [Network] class by adding members to it in another file, which C# allows only for partial classes. Add the partial modifier to the class declaration.");

    /// <summary>ATTN0002: the input shape of <c>[Network]</c> has no dimensions, or a dimension below 1.</summary>
    public static readonly DiagnosticDescriptor InvalidInputShape = Create(
        id: "ATTN0002",
        title: "Invalid input shape",
        messageFormat: "Invalid input shape for network '{0}': {1}",
        description: "[Network] takes the per-sample input shape without the batch dimension, such as [Network(1, 28, 28)]. It needs at least one dimension, and every dimension must be at least 1.");

    /// <summary>ATTN0003: a network class is nested in a type that is not <see langword="partial"/>.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Create(
        id: "ATTN0003",
        title: "Type containing a network class must be partial",
        messageFormat: "Type '{0}' contains network class '{1}' and must be declared partial",
        description: "Generated members of a nested network class are written inside a partial declaration of every type that contains it, which C# allows only when those types are partial. Add the partial modifier to each containing type.");

    /// <summary>ATTN0004: a network class is generic, or nested in a generic type.</summary>
    public static readonly DiagnosticDescriptor GenericNetworkNotSupported = Create(
        id: "ATTN0004",
        title: "Generic network classes are not supported",
        messageFormat: "Network class '{0}' cannot be generic or nested in a generic type",
        description: "A network's layers and shapes are fixed at compile time, so a type parameter has nothing to select. Declare the network as a non-generic class outside any generic type.");

    /// <summary>ATTN0005: a layer argument is out of its valid range.</summary>
    public static readonly DiagnosticDescriptor InvalidLayerArgument = Create(
        id: "ATTN0005",
        title: "Invalid layer argument",
        messageFormat: "Invalid argument for layer '{0}': {1}",
        description: "A layer attribute's argument is outside the range the layer accepts: a size below 1, a negative padding, a stride of 0, an even kernel where an odd one is required, a reduction larger than the channel count, groups that do not divide the channels, a probability outside [0, 1], or a name that is not a C# identifier. The message names the argument and its valid range.");

    /// <summary>ATTN0006: a layer cannot take the shape that the previous layers produce.</summary>
    public static readonly DiagnosticDescriptor ShapeMismatch = Create(
        id: "ATTN0006",
        title: "Layer cannot take its input shape",
        messageFormat: "Layer '{0}' cannot take input of shape {1}: {2}",
        description: "The generator follows the per-sample shape from [Network] through every layer with PyTorch's formulas. This layer expects a different number of dimensions, or its window does not fit the (padded) input, or its output would be empty. Change the layer's arguments or insert a layer that reshapes the input, such as Flatten or a global pool before Linear.");

    /// <summary>ATTN0007: layer attributes appear on more than one partial declaration of a network.</summary>
    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Create(
        id: "ATTN0007",
        title: "Layers declared on more than one partial declaration",
        messageFormat: "{0} has layer attributes on more than one partial declaration, so their order is not defined; put all of them on one declaration",
        description: "The order of a network's or a block's layer attributes is the forward pass, and C# does not order the parts of a partial class. Declare every layer attribute on a single declaration of the class.");

    /// <summary>ATTN0008: a generated member name clashes with a user member or another layer.</summary>
    public static readonly DiagnosticDescriptor MemberNameClash = Create(
        id: "ATTN0008",
        title: "Generated member name clashes",
        messageFormat: "The generated member '{0}' of {1} clashes with {2}",
        description: "The generator adds a field per layer (its Name, or a default such as conv1), the members InputShape, Summary, forward and a parameterless constructor, and a nested class per attention mechanism and per residual activation; to a block, a field per layer, forward and a constructor (long in_channels, long width, long stride). A user member or another layer with the same name would not compile. Rename the user member, or give the layer another Name.");

    /// <summary>ATTN0009: a layer attribute is on a class that is not marked <c>[Network]</c>.</summary>
    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Create(
        id: "ATTN0009",
        title: "Layer attribute on a class without [Network]",
        messageFormat: "Layer attribute '{0}' has no effect: class '{1}' is not marked [Network]",
        description: "Layer attributes describe the forward pass of a network, which needs the input shape that [Network] declares. Add [Network(...)] with the per-sample input shape to the class, or remove the layer attributes.");

    /// <summary>ATTN0010: a network class declares a base class.</summary>
    public static readonly DiagnosticDescriptor NetworkHasBaseClass = Create(
        id: "ATTN0010",
        title: "Network class cannot declare a base class",
        messageFormat: "Network class '{0}' cannot derive from '{1}': the generated part derives it from nn.Module<Tensor, Tensor>",
        description: "A generated network is a torch.nn.Module<Tensor, Tensor>, and the generator declares that base class itself. Remove the base class from the declaration; interfaces are allowed.");

    /// <summary>ATTN0011: <c>[Apply]</c> or <c>[Residual]</c> names a type that is not a <c>[Block]</c> class.</summary>
    public static readonly DiagnosticDescriptor NotABlock = Create(
        id: "ATTN0011",
        title: "Type is not a [Block] class",
        messageFormat: "'{0}' uses '{1}', which is not a class marked [Block]",
        description: "[Apply] and [Residual] insert a block: a partial class marked [Block] whose layer attributes are the block's layers. Mark the class [Block], or name a block class.");

    /// <summary>ATTN0012: <c>Block.Width</c> or <c>Block.Stride</c> used outside a <c>[Block]</c> class, or where it cannot stand.</summary>
    public static readonly DiagnosticDescriptor SentinelOutsideBlock = Create(
        id: "ATTN0012",
        title: "Block.Width or Block.Stride outside a block",
        messageFormat: "Layer '{0}' uses {1}, which {2}",
        description: "Block.Width and Block.Stride are negative sentinel constants that a [Block] class uses for the width and stride of each use. They are valid only in a [Block] class's layer attributes: Block.Width or a positive multiple of it as the output size of Conv1d, Conv2d or Linear, Block.Stride as a convolution's or a pool's Stride. Write a concrete size in a network.");

    /// <summary>ATTN0013: a class is marked both <c>[Block]</c> and <c>[Network]</c>.</summary>
    public static readonly DiagnosticDescriptor BlockIsNetwork = Create(
        id: "ATTN0013",
        title: "A class cannot be both a block and a network",
        messageFormat: "Class '{0}' is marked both [Block] and [Network]; a block takes its shapes from each use, a network from [Network]",
        description: "A [Block] class is completed as a module whose sizes come from each use; a [Network] class as a module with a fixed input shape. Declare the layers once on a [Block] class and apply it from a separate [Network] class.");

    /// <summary>ATTN0014: a block uses itself, directly or through other blocks.</summary>
    public static readonly DiagnosticDescriptor RecursiveBlock = Create(
        id: "ATTN0014",
        title: "Block uses itself",
        messageFormat: "Block '{0}' uses itself ({1}), which would never end",
        description: "Blocks are expanded at compile time, so a block that applies itself, directly or through other blocks, has no finite expansion. Remove the [Apply] or [Residual] that closes the cycle.");

    /// <summary>ATTN0015: a class marked <c>[Block]</c> is not <see langword="partial"/>.</summary>
    public static readonly DiagnosticDescriptor BlockMustBePartial = Create(
        id: "ATTN0015",
        title: "Block class must be partial",
        messageFormat: "Block class '{0}' must be declared partial so that its generated module can be added",
        description: "The generator completes a used [Block] class as a module, adding members to it in another file, which C# allows only for partial classes. Add the partial modifier to the class declaration.");

    /// <summary>ATTN0016: two uses of a block would need different code.</summary>
    public static readonly DiagnosticDescriptor BlockUsesDiffer = Create(
        id: "ATTN0016",
        title: "Uses of a block need different code",
        messageFormat: "Block '{0}' cannot serve this use and its earlier ones with one module class: {1}",
        description: "A block is generated once, with sizes computed from in_channels, width and stride. A layer whose size depends on anything else (the spatial size, as for LayerNorm over a spatial dimension or Linear after Flatten), or a shortcut that is a projection at one use and the identity at another use inside a block, needs a different class per use. Make the size explicit, or use separate blocks.");

    /// <summary>ATTN0017: a block class is declared in a way its generated module cannot complete.</summary>
    public static readonly DiagnosticDescriptor InvalidBlockDeclaration = Create(
        id: "ATTN0017",
        title: "Block class cannot be completed as a module",
        messageFormat: "Block class '{0}' cannot be completed as a module: {1}",
        description: "The generator completes a used [Block] class as a non-generic nn.Module<Tensor, Tensor> declared in a partial declaration of the class and of every type that contains it. A generic block, a block that declares a base class, or a block nested in a type that is not partial or is generic cannot be completed. Make the declarations partial and non-generic, and remove the base class.");
    /// <summary>ATTN0018: the project's C# language version is older than the generated code needs.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Create(
        id: "ATTN0018",
        title: "C# language version too old for the generated code",
        messageFormat: "'{0}' is not generated: the code the generator writes needs C# {1} or later ({2}), and this project compiles C# {3}; set <LangVersion>{1}</LangVersion> or later",
        description: "The generated modules use C# 12 collection expressions ([3, 3], [-1, 10]) and file-local aliases. With an older language version they would not compile, so the generator writes nothing for the class and says why. Raise LangVersion in the project (the default for .NET 8 and later is C# 12 or newer).");

    /// <summary>ATTN0019: a layer needs a fixed length, and the network leaves it open.</summary>
    public static readonly DiagnosticDescriptor LengthLeftOpen = Create(
        id: "ATTN0019",
        title: "Layer needs a fixed length",
        messageFormat: "{0} needs a fixed length: {1}; its input is {2}, whose length T is left open by [Network(Dimension.Open, ...)]",
        description: "A network declared with Dimension.Open as its first dimension takes sequences of any length. Layers that learn something per step (TemporalAttention, AttentionPooling with StepBias), a Linear over a flattened sequence, or any layer whose shape rule needs every dimension cannot be built for an unknown length. Give [Network] the length, or reduce the steps first (AttentionPooling, or Lstm/Gru with Output = LastStep or FinalState).");

    /// <summary>ATTN0020: the padding mask is live at a layer that would mix padded steps into real ones, or no layer uses it.</summary>
    public static readonly DiagnosticDescriptor PaddingMaskNotTaken = Create(
        id: "ATTN0020",
        title: "Padding mask not taken",
        messageFormat: "The padding mask of network '{0}' is not taken: {1}",
        description: "[Network(PaddingMask = true)] passes a mask of real steps to every mask-aware layer (Lstm, Gru, TemporalAttention, AttentionPooling) until one reduces the steps; layers that work step by step pass it on. A layer that would mix the padded steps into the real ones while the mask is live, or a mask that no layer uses, is reported rather than silently ignored. Reduce the steps with a mask-aware layer first, or remove PaddingMask.");

    /// <summary>ATTN0021: a network class cannot be completed by a generated part (static, file-local, a constructor that skips the generated one).</summary>
    public static readonly DiagnosticDescriptor NetworkCannotBeCompleted = Create(
        id: "ATTN0021",
        title: "Network class cannot be completed",
        messageFormat: "Network class '{0}' cannot be completed: {1}",
        description: "The generator completes a [Network] class with a generated partial declaration that derives it from nn.Module and adds a constructor that creates and registers the layers. A static class, a file-local class (its parts cannot span files), or a constructor of the user's that does not chain to the generated one with ': this()' cannot be completed, so nothing is generated and the reason is reported on the declaration.");

    /// <summary>ATTN0101: a component on a partial property lacks the size that a <c>[Network]</c> would infer.</summary>
    public static readonly DiagnosticDescriptor ComponentSizeMissing = Create(
        id: "ATTN0101",
        title: "Component needs its input size",
        messageFormat: "Component '{0}' ({1}) needs {2}: a hand-written module has no input shape to infer it from",
        description: "A layer attribute on a partial property declares a component of a module whose forward is written by hand, so there is no input shape to follow. Give the size that a [Network] would infer on the attribute: InFeatures for Linear, InChannels for Conv1d and Conv2d, NumFeatures for BatchNorm1d and BatchNorm2d, Features for LayerNorm, and Channels for SqueezeExcite, ChannelAttention, Cbam and Eca (unless Eca has an explicit Kernel).");

    /// <summary>ATTN0102: the type of a component property does not match its layer attribute.</summary>
    public static readonly DiagnosticDescriptor ComponentTypeMismatch = Create(
        id: "ATTN0102",
        title: "Component property has the wrong type",
        messageFormat: "Component '{0}' is declared [{1}], so its type must be {2}, not '{3}'",
        description: "The generator implements a component property with a field of the module that its layer attribute declares. Declare the property with that module's type: Linear, Conv1d, Conv2d, BatchNorm1d, BatchNorm2d, LayerNorm or Dropout from Attention.Runtime.Modules, or nn.Module<Tensor, Tensor> for the attention mechanisms, whose classes are generated.");

    /// <summary>ATTN0103: a component property is not a partial, get-only instance property.</summary>
    public static readonly DiagnosticDescriptor InvalidComponentProperty = Create(
        id: "ATTN0103",
        title: "Component property must be a partial, get-only instance property",
        messageFormat: "Component property '{0}' {1}",
        description: "The generator implements each component property with a read-only field that the generated constructor sets, so the property must be declared 'partial', have a 'get' accessor only, be an instance property, and have no implementation of its own.");

    /// <summary>ATTN0104: a class with component properties does not derive directly from <c>nn.Module&lt;…&gt;</c>.</summary>
    public static readonly DiagnosticDescriptor ComponentClassNotModule = Create(
        id: "ATTN0104",
        title: "Class with components must derive from nn.Module",
        messageFormat: "'{0}' has component properties, so it must be a class deriving from nn.Module<…> with one to three inputs, directly or through a class with a constructor taking the module's name",
        description: "Components are registered with register_module in a generated constructor that calls base(name), which the runtime's nn.Module<TInput, TOutput>, nn.Module<TInput1, TInput2, TOutput> and nn.Module<TInput1, TInput2, TInput3, TOutput> provide. Derive the class from one of them and write forward by hand, or from a class of yours that derives from one of them and has a constructor (string name).");

    /// <summary>ATTN0105: a class with component properties declares an instance constructor.</summary>
    public static readonly DiagnosticDescriptor ComponentClassHasConstructor = Create(
        id: "ATTN0105",
        title: "Class with components cannot declare a constructor",
        messageFormat: "'{0}' has component properties, so the generator writes its parameterless constructor; remove this constructor",
        description: "The generated parameterless constructor calls base(nameof(Class)), creates every component and registers it under its property's name in declaration order. A second constructor would leave the components unset. Remove the constructor; static constructors are allowed.");

    /// <summary>ATTN0106: a size that a <c>[Network]</c> infers is set on one of its layer attributes.</summary>
    public static readonly DiagnosticDescriptor InferredSizeSet = Create(
        id: "ATTN0106",
        title: "Size is inferred in a [Network]",
        messageFormat: "{0} of layer '{1}' is inferred from the input shape in a [Network]; remove it",
        description: "InFeatures, InChannels, NumFeatures, Features and Channels are for components on partial properties, where there is no input shape. On the layer attributes of a class, the generator infers them and would ignore a given value, so setting one is an error.");

    /// <summary>ATTN0107: a property carries more than one layer attribute.</summary>
    public static readonly DiagnosticDescriptor SeveralComponentAttributes = Create(
        id: "ATTN0107",
        title: "Property has more than one layer attribute",
        messageFormat: "Component property '{0}' has more than one layer attribute; a property holds one component",
        description: "Each partial property holds one module. Declare one property per component and chain them in forward.");

    /// <summary>ATTN0108: a module-typed member of a class with components has no initialiser, so it cannot be registered.</summary>
    public static readonly DiagnosticDescriptor UnregisteredModuleMember = Create(
        id: "ATTN0108",
        title: "Module member would not be registered",
        messageFormat: "'{0}' holds a module but has no initialiser, so the generated constructor cannot register it: it would not be trained, saved or disposed; give it an initialiser, or declare it as a component with a layer attribute",
        description: "The generator writes the constructor of a class with components and registers, in declaration order, every component and every instance field or auto-property whose type is a module and that has an initialiser. A module-typed member without an initialiser would be set later, if ever, and never registered: its parameters would not be trained, saved or disposed.");

    /// <summary>ATTN9999: the generator met a state it did not expect; reported instead of crashing the build.</summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        id: "ATTN9999",
        title: "Attention.Generators failed unexpectedly",
        messageFormat: "Attention.Generators failed while processing '{0}': {1}: {2}",
        description: "The generator caught an exception it did not expect and generated nothing for this declaration. This is a bug in Attention.Generators; please report it with the declaration that triggers it.");

    /// <summary>All descriptors by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        NetworkMustBePartial,
        InvalidInputShape,
        ContainingTypeMustBePartial,
        GenericNetworkNotSupported,
        InvalidLayerArgument,
        ShapeMismatch,
        LayersOnSeveralDeclarations,
        MemberNameClash,
        LayerWithoutNetwork,
        NetworkHasBaseClass,
        NotABlock,
        SentinelOutsideBlock,
        BlockIsNetwork,
        RecursiveBlock,
        BlockMustBePartial,
        BlockUsesDiffer,
        InvalidBlockDeclaration,
        LanguageVersionTooOld,
        LengthLeftOpen,
        PaddingMaskNotTaken,
        NetworkCannotBeCompleted,
        ComponentSizeMissing,
        ComponentTypeMismatch,
        InvalidComponentProperty,
        ComponentClassNotModule,
        ComponentClassHasConstructor,
        InferredSizeSet,
        SeveralComponentAttributes,
        UnregisteredModuleMember,
        InternalError,
    }.ToImmutableDictionary(static d => d.Id);

    /// <summary>Gets the descriptor with <paramref name="id"/>, or the internal-error descriptor for an unknown ID.</summary>
    public static DiagnosticDescriptor Get(string id) =>
        ById.TryGetValue(id, out var descriptor) ? descriptor : InternalError;

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md");
}
