using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Attention.Generators.Layers.Specs;
using Attention.Generators.Model;

namespace Attention.Generators.Layers;

/// <summary>
/// The registry of layer kinds: the one list the attribute registrations, the known names, the
/// component kinds, the parser, the emitters and the summary read. Adding a kind is adding its spec
/// here (and its attribute and runtime module); nothing else in the generator names kinds.
/// </summary>
internal static class LayerSpecs
{
    /// <summary>Every spec, in the order the documentation lists the attributes.</summary>
    public static readonly ImmutableArray<LayerSpec> All =
    [
        new ConvSpec(1), new ConvSpec(2),
        new BatchNormSpec(1), new BatchNormSpec(2), new LayerNormSpec(),
        new LinearSpec(), new DropoutSpec(), new FlattenSpec(),
        new PoolSpec(max: true, 1), new PoolSpec(max: true, 2), new PoolSpec(max: false, 1), new PoolSpec(max: false, 2),
        new GlobalPoolSpec(max: false, 1), new GlobalPoolSpec(max: false, 2), new GlobalPoolSpec(max: true, 1), new GlobalPoolSpec(max: true, 2),
        new ActivationSpec("ReLU", "relu"), new ActivationSpec("ReLU6", "relu6"), new ActivationSpec("LeakyReLU", "leaky_relu"),
        new ActivationSpec("GELU", "gelu"), new ActivationSpec("SiLU", "silu"), new ActivationSpec("Sigmoid", "sigmoid"),
        new ActivationSpec("Tanh", "tanh"), new ActivationSpec("HardSwish", "hardswish"), new ActivationSpec("HardSigmoid", "hardsigmoid"),
        new ActivationSpec("Softmax", "softmax"),
        new SqueezeExciteSpec(), new ChannelAttentionSpec(), new SpatialAttentionSpec(), new CbamSpec(), new EcaSpec(), new SpatialTransformerSpec(), new DynamicCapacitySpec(),
        new StageSpec(residual: false), new StageSpec(residual: true), new ForEachSpec(),
        new EmbeddingSpec(), new RecurrentSpec(lstm: true), new RecurrentSpec(lstm: false),
        new TemporalAttentionSpec(), new AttentionPoolingSpec(), new PositionalEncodingSpec(),
        new ScoredAttentionSpec(), new MultiHeadAttentionSpec(), new RelativePositionAttentionSpec(),
        new GatedMultimodalUnitSpec(),
    ];

    private static readonly Dictionary<string, LayerSpec> ByKind = All.ToDictionary(static s => s.Kind, StringComparer.Ordinal);

    /// <summary>The specs of the kinds that can be components on partial properties.</summary>
    public static readonly ImmutableArray<LayerSpec> Components = [.. All.Where(static s => s.Component is not null)];

    /// <summary>The spec of <paramref name="kind"/>, or <see langword="null"/> when no spec has that kind.</summary>
    public static LayerSpec? Find(string kind) => ByKind.TryGetValue(kind, out var spec) ? spec : null;

    /// <summary>
    /// The spec of a layer model. A model whose kind has no spec is a generator bug, so this throws,
    /// and the generator's guard reports it as ATTN9999 instead of emitting something else.
    /// </summary>
    public static LayerSpec Of(LayerModel layer) =>
        Find(layer.Kind) ?? throw new InvalidOperationException("No layer spec for the kind '" + layer.Kind + "'");
}
