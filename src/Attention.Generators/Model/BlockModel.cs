using Attention.Generators.Diagnostics;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;

namespace Attention.Generators.Model;

/// <summary>
/// A <c>[Block]</c> class to complete as a module with the constructor
/// <c>(long in_channels, long width, long stride)</c>. Its layers' sizes are expressions over those
/// parameters and their shapes are cleared, so every use that needs the same code has an equal
/// model; two uses that need different code (a size that depends on the spatial shape) are ATTN0016.
/// </summary>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Namespace">The namespace as written in C#, or <see langword="null"/>.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Name">The class name as written in C#.</param>
/// <param name="Accessibility">The accessibility keywords of the class.</param>
/// <param name="Shadowed">The generated file's short names that the user's code shadows in the class, written fully qualified.</param>
/// <param name="Layers">The layers in source order, sizes as expressions, shapes cleared.</param>
/// <param name="OutChannels">The block's output channels as an expression over its constructor's parameters.</param>
internal sealed record BlockModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string Accessibility,
    EquatableArray<string> Shadowed,
    EquatableArray<LayerModel> Layers,
    SizeExpression OutChannels)
{
    /// <summary>Why <paramref name="later"/> needs other code than <paramref name="earlier"/>, or <see langword="null"/> when they are equal.</summary>
    public static string? Difference(BlockModel earlier, BlockModel later)
    {
        if (earlier.Equals(later))
        {
            return null;
        }

        for (var i = 0; i < System.Math.Min(earlier.Layers.Count, later.Layers.Count); i++)
        {
            if (!earlier.Layers[i].Equals(later.Layers[i]))
            {
                return "the sizes of its layer '" + later.Layers[i].Name + "' do not follow from in_channels, width and stride alone";
            }
        }

        return "its output channels do not follow from in_channels, width and stride alone";
    }
}

/// <summary>
/// The outcome of completing one <c>[Block]</c> class on its own: its model for a nominal use, or
/// none, and ATTN9999 should the generator fail on it.
/// </summary>
internal sealed record BlockResult(BlockModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
