using System;

namespace Attention.Dsl;

/// <summary>
/// The base of every layer attribute. Layer attributes placed on a <c>[Network]</c> class are the
/// network's forward pass, in source order: left to right, top to bottom.
/// </summary>
/// <remarks>
/// <para>
/// The attributes of layers with state or a training mode may also be placed on a <see langword="partial"/>
/// get-only property of a class deriving from <c>nn.Module&lt;…&gt;</c> with a hand-written <c>forward</c>:
/// the property becomes a component, implemented and registered under its name by the generator.
/// </para>
/// <para>
/// Attention.Generators recognises the concrete attributes by name; deriving new layer attributes
/// outside this assembly has no effect.
/// </para>
/// </remarks>
public abstract class LayerAttribute : Attribute
{
    /// <summary>Initialises a layer attribute.</summary>
    private protected LayerAttribute()
    {
    }

    /// <summary>
    /// Gets or sets the layer's name: the generated field and its <c>state_dict</c> prefix. By default
    /// the kind's short name and a 1-based ordinal per kind, such as <c>conv1</c>, <c>bn2</c>,
    /// <c>fc1</c> or <c>se1</c>. Parameter-free activations and pools get no field; their name
    /// only labels the row of the generated <c>Summary</c>. A component on a partial property is
    /// named after the property instead, and must leave this unset.
    /// </summary>
    /// <value>A C# identifier that is not a keyword, or <see langword="null"/> for the default.</value>
    public string? Name { get; set; }
}
