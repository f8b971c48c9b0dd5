namespace Attention.Dsl;

/// <summary>How a convolution pads its input, as PyTorch's <c>padding_mode</c>.</summary>
/// <remarks>This enum is compiled into Attention.Generators as source, so its values must stay stable.</remarks>
public enum PaddingMode
{
    /// <summary>Pads with zeros (<c>"zeros"</c>, the default).</summary>
    Zeros = 0,

    /// <summary>Mirrors the input without repeating the edge (<c>"reflect"</c>).</summary>
    Reflect = 1,

    /// <summary>Repeats the edge value (<c>"replicate"</c>).</summary>
    Replicate = 2,

    /// <summary>Wraps around (<c>"circular"</c>).</summary>
    Circular = 3,
}
