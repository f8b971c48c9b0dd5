namespace Attention.Generators.Tests;

/// <summary>Modules in the graph form (components on partial properties, forward by hand) shared by several tests.</summary>
internal static class ComponentSources
{
    /// <summary>
    /// The gated multimodal unit of Arevalo et al. (2017): h1 = tanh(W1 x1), h2 = tanh(W2 x2),
    /// z = σ(Wz [h1; h2]), h = z·h1 + (1 − z)·h2.
    /// </summary>
    public const string GatedMultimodalUnit = """
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>A gated multimodal unit (Arevalo et al., 2017) fusing text and image features.</summary>
        public partial class GatedMultimodalUnit : nn.Module<Tensor, Tensor, Tensor>
        {
            [Linear(64, InFeatures = 300, Bias = false)] private partial Linear text { get; }
            [Linear(64, InFeatures = 512, Bias = false)] private partial Linear image { get; }
            [Linear(64, InFeatures = 128, Bias = false)] private partial Linear gate { get; }

            /// <summary>Fuses text features <c>[N, 300]</c> and image features <c>[N, 512]</c> into <c>[N, 64]</c>.</summary>
            /// <param name="x1">The text features.</param>
            /// <param name="x2">The image features.</param>
            /// <returns><c>z·h1 + (1 − z)·h2</c>.</returns>
            public override Tensor forward(Tensor x1, Tensor x2)
            {
                using Tensor a1 = text.call(x1);
                using Tensor h1 = a1.tanh();
                using Tensor a2 = image.call(x2);
                using Tensor h2 = a2.tanh();
                using Tensor both = cat([h1, h2], 1);
                using Tensor g = gate.call(both);
                using Tensor z = g.sigmoid();
                using Tensor gated1 = z * h1;
                using Tensor rest = 1.0 - z;
                using Tensor gated2 = rest * h2;
                return gated1 + gated2;
            }
        }
        """;

    /// <summary>Image positions attend to text tokens; squeeze-and-excitation re-weights the fused channels.</summary>
    public const string CrossAttentionFusion = """
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>Cross-attention from an image feature map to text tokens, then SE and BatchNorm.</summary>
        public partial class CrossAttentionFusion : nn.Module<Tensor, Tensor, Tensor>
        {
            [Conv2d(64, InChannels = 256, Kernel = 1)] private partial Conv2d query { get; }
            [Linear(64, InFeatures = 300)] private partial Linear key { get; }
            [Linear(64, InFeatures = 300)] private partial Linear value { get; }
            [SqueezeExcite(Channels = 64, Reduction = 8)] private partial nn.Module<Tensor, Tensor> se { get; }
            [BatchNorm2d(NumFeatures = 64)] private partial BatchNorm2d norm { get; }

            /// <summary>Fuses an image map <c>[N, 256, H, W]</c> with text tokens <c>[N, T, 300]</c> into <c>[N, 64, H, W]</c>.</summary>
            /// <param name="image">The image feature map.</param>
            /// <param name="text">The text token features.</param>
            /// <returns>The fused map.</returns>
            public override Tensor forward(Tensor image, Tensor text)
            {
                using Tensor map = query.call(image);               // [N, 64, H, W]
                using Tensor flat = map.flatten(2);                 // [N, 64, HW]
                using Tensor q = flat.transpose(1, 2);              // [N, HW, 64]
                using Tensor k = key.call(text);                    // [N, T, 64]
                using Tensor v = value.call(text);                  // [N, T, 64]
                using Tensor attended = nn.functional.scaled_dot_product_attention(q, k, v);
                using Tensor back = attended.transpose(1, 2);       // [N, 64, HW]
                using Tensor context = back.reshape(map.shape);     // [N, 64, H, W]
                using Tensor fused = map + context;
                using Tensor excited = se.call(fused);
                return norm.call(excited);
            }
        }
        """;

    /// <summary>
    /// An encoder–decoder in the graph form: token embeddings, a bidirectional GRU encoder, a GRU decoder, Bahdanau's
    /// additive attention of the decoder's states over the encoder's (cross-attention, other key size), multi-head
    /// attention with other key and value sizes, and the read-out.
    /// </summary>
    public const string EncoderDecoder = """
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>Source tokens and target tokens so far to the logits of the next target tokens.</summary>
        public partial class EncoderDecoder : nn.Module<Tensor, Tensor, Tensor, Tensor>
        {
            [Embedding(50, 16, PaddingIndex = 0)] private partial Embedding source { get; }
            [Gru(32, InputSize = 16, Bidirectional = true)] private partial GRU encoder { get; }
            [Embedding(40, 16)] private partial Embedding target { get; }
            [Lstm(48, InputSize = 16)] private partial LSTM decoder { get; }
            [ScoredAttention(QueryFeatures = 48, KeyFeatures = 64, Score = Score.Additive, Units = 24)] private partial ScoredAttention attention { get; }
            [MultiHeadAttention(EmbedDim = 48, KeyFeatures = 64, ValueFeatures = 64, Heads = 4)] private partial MultiheadAttention heads { get; }
            [Linear(40, InFeatures = 48 + 64 + 48)] private partial Linear output { get; }

            /// <summary>The logits <c>[N, L, 40]</c> of each next target token.</summary>
            /// <param name="tokens">Source tokens <c>[N, S]</c>.</param>
            /// <param name="mask">The source's padding mask <c>[N, S]</c>, true for a token.</param>
            /// <param name="previous">The target tokens so far <c>[N, L]</c>.</param>
            /// <returns>The logits.</returns>
            public override Tensor forward(Tensor tokens, Tensor mask, Tensor previous)
            {
                using Tensor states = encoder.call_masked(source.call(tokens), mask).every_step();  // [N, S, 64]
                using Tensor decoded = decoder.call(target.call(previous)).every_step();           // [N, L, 48]
                using Tensor context = attention.call(decoded, states, mask);                      // [N, L, 64]
                using Tensor padding = mask.logical_not();
                using Tensor mixed = heads.call(decoded, states, states, key_padding_mask: padding).output;  // [N, L, 48]
                return output.call(cat([decoded, context, mixed], -1));                            // [N, L, 40]
            }
        }
        """;

    /// <summary>
    /// Seed 000's task in the graph form: an LSTM created in a field initialiser, a component, and a
    /// module auto-property, all registered in declaration order by the generated constructor.
    /// </summary>
    internal const string TaggerWithModuleMembers = """
        using Attention.Dsl;
        using Attention.Runtime.Modules;
        using static Attention.Runtime.torch;

        namespace Models;

        /// <summary>An LSTM over the steps, attention over them, and a read-out.</summary>
        public partial class Tagger : nn.Module<Tensor, Tensor>
        {
            private readonly LSTM encoder = new LSTM(2, 8, batch_first: true);

            [Linear(1, InFeatures = 80)] private partial Linear readout { get; }

            private TemporalAttention Attention { get; } = new TemporalAttention(10);

            /// <summary>A setting, not a module: left alone.</summary>
            private readonly int steps = 10;

            /// <summary>Runs.</summary>
            /// <param name="input">[N, 10, 2].</param>
            /// <returns>[N, 1].</returns>
            public override Tensor forward(Tensor input)
            {
                using Tensor states = encoder.call(input).every_step();
                using Tensor attended = Attention.call(states);
                using Tensor flat = attended.reshape(-1, steps * 8);
                return readout.call(flat);
            }
        }
        """;
}
