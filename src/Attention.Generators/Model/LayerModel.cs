using Attention.Generators.Infrastructure;

namespace Attention.Generators.Model;

/// <summary>
/// One step of a network's forward pass, with the shapes and parameter count the parser inferred.
/// Each kind of layer is a derived record, declared beside its spec in <c>Layers/Specs</c>, holding
/// its resolved arguments, so the emitters need no inference of their own.
/// </summary>
/// <param name="Name">The field and state-dict name (a label only, for layers without a field).</param>
/// <param name="Kind">The kind, such as <c>Conv2d</c>: the attribute's name, the spec's key and the summary's kind.</param>
/// <param name="InputShape">The per-sample input shape.</param>
/// <param name="OutputShape">The per-sample output shape.</param>
/// <param name="Parameters">The number of trainable parameter elements.</param>
internal abstract record LayerModel(string Name, string Kind, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, long Parameters);
