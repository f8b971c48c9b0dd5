using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// Everything emission needs to know about one valid <c>[Network]</c> class, as equatable data
/// (strings, numbers and <see cref="EquatableArray{T}"/>): no symbols, syntax or locations, so the
/// incremental pipeline can compare it across edits and skip emission when nothing changed.
/// </summary>
/// <param name="HintName">The generated file's hint name, <c>{FullyQualifiedMetadataName}.g.cs</c>.</param>
/// <param name="Namespace">The namespace as written in C# (keywords escaped), or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the network, outermost first; empty for a top-level class.</param>
/// <param name="Name">The class name as written in C# (a keyword escaped with <c>@</c>).</param>
/// <param name="Accessibility">The accessibility keywords of the class, such as <c>public</c> or <c>protected internal</c>; empty when the class leaves it to the default.</param>
/// <param name="InputShape">The per-sample input shape declared by <c>[Network]</c>, without the batch dimension.</param>
/// <param name="PaddingMask">Whether the forward pass takes a padding mask <c>[N, T]</c> beside its input.</param>
/// <param name="SecondInput">The per-sample shape of the second input (<c>[SecondInput]</c>), empty when there is none.</param>
/// <param name="Shadowed">The generated file's short names that the user's code shadows in the class, written fully qualified.</param>
/// <param name="Layers">The forward pass in source order, each layer with its inferred shapes.</param>
internal sealed record NetworkModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string Accessibility,
    EquatableArray<int> InputShape,
    bool PaddingMask,
    EquatableArray<int> SecondInput,
    EquatableArray<string> Shadowed,
    EquatableArray<LayerModel> Layers);
