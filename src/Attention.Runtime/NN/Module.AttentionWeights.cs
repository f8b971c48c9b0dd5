using System;
using System.Collections.Generic;
using Attention.Runtime.Modules;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class nn
    {
        // Inspection of the attention mechanisms inside a network (the modules that implement IAttentionWeights).
        public abstract partial class Module
        {
            /// <summary>
            /// Sets <see cref="IAttentionWeights.keep_weights"/> to <paramref name="keep"/> on this module and every
            /// module below it that can keep attention weights, so that the next forward pass keeps them; false
            /// releases the kept weights.
            /// </summary>
            /// <returns>This module, for chaining.</returns>
            public Module keep_attention_weights(bool keep = true)
            {
                foreach (var (_, module) in named_modules())
                {
                    if (module is IAttentionWeights attention)
                    {
                        attention.keep_weights = keep;
                    }
                }

                return this;
            }

            /// <summary>
            /// The attention weights that the modules below this one (and this one) kept in their last forward pass,
            /// by module path as <see cref="named_modules"/> gives it (<c>se1</c>, <c>cbam1.channel</c>,
            /// <c>cbam1.spatial</c>; "" for this module itself), in that order. Each tensor appears once, under the
            /// module that computed it: a <see cref="Cbam"/>'s maps are listed under its <c>channel</c> and
            /// <c>spatial</c> children, not again under the Cbam. Modules that keep nothing are left out. The tensors
            /// still belong to their modules (see <see cref="IAttentionWeights.weights"/>).
            /// </summary>
            public IReadOnlyDictionary<string, Tensor> attention_weights()
            {
                // named_modules lists parents before children, so the last path that reports a tensor is its owner's.
                var kept = new List<(string path, Tensor weights)>();
                var owners = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
                foreach (var (path, module) in named_modules())
                {
                    if (module is IAttentionWeights { weights: { } weights })
                    {
                        kept.Add((path, weights));
                        owners[weights] = path;
                    }
                }

                var result = new Dictionary<string, Tensor>(kept.Count, StringComparer.Ordinal);
                foreach (var (path, weights) in kept)
                {
                    if (owners[weights] == path)
                    {
                        result.Add(path, weights);
                    }
                }

                return result;
            }
        }
    }
}
