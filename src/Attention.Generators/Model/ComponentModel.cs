using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// One component of a hand-written module: a <see langword="partial"/> property carrying a layer
/// attribute, which the generator implements with a read-only field and registers by name.
/// </summary>
/// <param name="Property">The property name as written in C# (a keyword escaped with <c>@</c>).</param>
/// <param name="RegisteredName">The name it is registered under, the <c>state_dict</c> prefix: the property name without <c>@</c>.</param>
/// <param name="Field">The backing field's name: the property name after an underscore.</param>
/// <param name="Modifiers">The property's modifiers in source order, <c>partial</c> included, repeated on the implementation.</param>
/// <param name="PropertyType">The property's type as the implementation repeats it: the runtime module's alias, or <c>nn.Module&lt;Tensor, Tensor&gt;</c> for a mechanism held as such.</param>
/// <param name="Nullable">Whether the property type is annotated nullable (<c>Linear?</c>), which the implementation must repeat.</param>
/// <param name="Layer">
/// The layer with its resolved sizes and parameter count. A component has no input shape, so the
/// layer's shapes are empty.
/// </param>
internal sealed record ComponentModel(string Property, string RegisteredName, string Field, string Modifiers, string PropertyType, bool Nullable, LayerModel Layer);

/// <summary>
/// Everything emission needs to know about one class whose components are declared on partial
/// properties and whose <c>forward</c> is written by hand, as equatable data.
/// </summary>
/// <param name="HintName">The generated file's hint name, <c>{FullyQualifiedMetadataName}.g.cs</c>.</param>
/// <param name="Namespace">The namespace as written in C#, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the class, outermost first.</param>
/// <param name="Name">The class name as written in C#.</param>
/// <param name="Shadowed">The generated file's short names that the user's code shadows in the class, written fully qualified.</param>
/// <param name="Components">The components in declaration order.</param>
/// <param name="ModuleMembers">
/// The user's module-typed fields and auto-properties with initialisers, registered beside the
/// components so that nothing the class declares is left out of training, saving and disposal.
/// </param>
internal sealed record ComponentClassModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    EquatableArray<string> Shadowed,
    EquatableArray<ComponentModel> Components,
    EquatableArray<ModuleMemberModel> ModuleMembers);

/// <summary>
/// A module-typed field or auto-property that the user initialises, registered by the generated
/// constructor under its name.
/// </summary>
/// <param name="Name">The member's name as written in C#.</param>
/// <param name="RegisteredName">The name it is registered under: the member's name without <c>@</c>.</param>
/// <param name="Position">Its place among the components, in declaration order: it is registered after <paramref name="Position"/> components.</param>
internal sealed record ModuleMemberModel(string Name, string RegisteredName, int Position);

/// <summary>The outcome of parsing one class with component properties: a model when it is valid, and diagnostics.</summary>
/// <param name="Model">The class to emit, or <see langword="null"/> when an error prevents emission (or another property speaks for the class).</param>
/// <param name="Diagnostics">The diagnostics to report for the class and its components.</param>
internal sealed record ComponentResult(ComponentClassModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>A result with nothing to emit and nothing to report.</summary>
    public static readonly ComponentResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
