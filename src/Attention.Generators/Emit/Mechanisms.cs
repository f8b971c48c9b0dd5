using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Dsl;
using Attention.Generators.Model;

namespace Attention.Generators.Emit;

/// <summary>
/// One nested module class the emitter writes for an attention mechanism: the mechanism's kind and
/// the options that change its code (sizes are constructor arguments instead).
/// </summary>
internal sealed record MechanismVariant(string Kind, Activation InnerActivation, Gate Gate, bool Bias, bool BatchNorm);

/// <summary>Chooses the nested classes a network needs and names them.</summary>
internal static class Mechanisms
{
    /// <summary>The variants that <paramref name="layers"/> use, in order of first use, with their class names.</summary>
    public static List<(MechanismVariant Variant, string ClassName)> Collect(IEnumerable<LayerModel> layers)
    {
        var variants = new List<MechanismVariant>();
        void Add(MechanismVariant variant)
        {
            if (!variants.Contains(variant))
            {
                variants.Add(variant);
            }
        }

        foreach (var layer in layers)
        {
            if (layer is CbamLayer)
            {
                Add(ChannelAttention(true));
                Add(SpatialAttention(false));
            }

            if (VariantOf(layer) is { } variant)
            {
                Add(variant);
            }
        }

        return variants
            .Select(v =>
            {
                var same = variants.Where(o => o.Kind == v.Kind).ToList();
                var name = same.Count == 1 ? v.Kind : v.Kind + (same.IndexOf(v) + 1).ToString(CultureInfo.InvariantCulture);
                return (v, name);
            })
            .ToList();
    }

    /// <summary>The variant a layer is an instance of, or <see langword="null"/> for a layer that is not a mechanism.</summary>
    public static MechanismVariant? VariantOf(LayerModel layer) => layer switch
    {
        SqueezeExciteLayer se => new MechanismVariant("SqueezeExcite", se.InnerActivation, se.Gate, se.Bias, false),
        ChannelAttentionLayer ca => ChannelAttention(ca.Bias),
        SpatialAttentionLayer sa => SpatialAttention(sa.BatchNorm),
        CbamLayer => new MechanismVariant("Cbam", Activation.ReLU, Gate.Sigmoid, true, false),
        EcaLayer => new MechanismVariant("Eca", Activation.ReLU, Gate.Sigmoid, false, false),
        _ => null,
    };

    /// <summary>CBAM's channel attention with or without bias.</summary>
    public static MechanismVariant ChannelAttention(bool bias) => new("ChannelAttention", Activation.ReLU, Gate.Sigmoid, bias, false);

    /// <summary>CBAM's spatial attention with or without BatchNorm.</summary>
    public static MechanismVariant SpatialAttention(bool batchNorm) => new("SpatialAttention", Activation.ReLU, Gate.Sigmoid, false, batchNorm);
}
