using System.Collections.Immutable;

namespace Attention.Generators.Infrastructure;

/// <summary>
/// Metadata names of the Attention.Dsl types that the generator recognises. The generator matches
/// by name and never loads the Attention.Dsl assembly.
/// </summary>
internal static class KnownNames
{
    /// <summary>The namespace of every DSL attribute.</summary>
    public const string DslNamespace = "Attention.Dsl";

    /// <summary>The metadata name of <c>Attention.Dsl.NetworkAttribute</c>.</summary>
    public const string NetworkAttribute = "Attention.Dsl.NetworkAttribute";

    /// <summary>The metadata name of <c>Attention.Dsl.BlockAttribute</c>.</summary>
    public const string BlockAttribute = "Attention.Dsl.BlockAttribute";

    /// <summary>
    /// The layer attributes by kind (the attribute's name without <c>Attribute</c>). The metadata
    /// name of each is <c>Attention.Dsl.{Kind}Attribute</c>.
    /// </summary>
    public static readonly ImmutableArray<string> LayerKinds =
    [
        "Conv1d", "Conv2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "Linear", "Dropout", "Flatten",
        "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d",
        "GlobalAvgPool1d", "GlobalAvgPool2d", "GlobalMaxPool1d", "GlobalMaxPool2d",
        "ReLU", "ReLU6", "LeakyReLU", "GELU", "SiLU", "Sigmoid", "Tanh", "HardSwish", "HardSigmoid", "Softmax",
        "SqueezeExcite", "ChannelAttention", "SpatialAttention", "Cbam", "Eca",
        "Apply", "Residual",
    ];

    /// <summary>The value of <c>Attention.Dsl.Block.Width</c>, a negative sentinel.</summary>
    public const int WidthSentinel = -1048576;

    /// <summary>The value of <c>Attention.Dsl.Block.Stride</c>, a negative sentinel.</summary>
    public const int StrideSentinel = -7;

    /// <summary>The metadata name of the attribute for <paramref name="kind"/>.</summary>
    public static string LayerAttributeName(string kind) => DslNamespace + "." + kind + "Attribute";
}
