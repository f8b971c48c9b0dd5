using Attention.Runtime.Modules;

namespace Attention.Runtime;

// Factories for the standard layers, with TorchSharp's shape: torch.nn.Conv2d(3, 16, 3) creates a
// Modules.Conv2d. Arguments and defaults are PyTorch's; "int or tuple" arguments are a size or an
// array of sizes, and string padding ("same", "valid") comes right after kernel_size as in TorchSharp.
public static partial class torch
{
    public static partial class nn
    {
        // ---- convolution ------------------------------------------------------------------------

        /// <summary>A 1-D convolution layer.</summary>
        public static Conv1d Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        /// <summary>A 1-D convolution layer with "same" or "valid" padding.</summary>
        public static Conv1d Conv1d(long in_channels, long out_channels, long kernel_size, string padding, long stride = 1, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, padding, stride, dilation, groups, bias, padding_mode, device, dtype);

        /// <summary>A 2-D convolution layer with square kernel, stride, padding and dilation.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], [stride], [padding], [dilation], groups, bias, padding_mode, device, dtype);

        /// <summary>A 2-D convolution layer with sizes given per dimension.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        /// <summary>A 2-D convolution layer with "same" or "valid" padding.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, string padding, long stride = 1, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], padding, [stride], [dilation], groups, bias, padding_mode, device, dtype);

        /// <summary>A 2-D convolution layer with "same" or "valid" padding and sizes given per dimension.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long[] kernel_size, string padding, long[]? stride = null, long[]? dilation = null,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, padding, stride, dilation, groups, bias, padding_mode, device, dtype);

        // ---- normalization, dropout, embedding ---------------------------------------------------

        /// <summary>Batch normalization of (N, C) or (N, C, L) input; momentum null averages all batches.</summary>
        public static BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
            Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        /// <summary>Batch normalization of (N, C, H, W) input; momentum null averages all batches.</summary>
        public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
            Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        /// <summary>Layer normalization over the last dimension.</summary>
        public static LayerNorm LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
            new(normalized_shape, eps, elementwise_affine, device, dtype);

        /// <summary>Layer normalization over the last dimensions, of shape <paramref name="normalized_shape"/>.</summary>
        public static LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
            new(normalized_shape, eps, elementwise_affine, device, dtype);

        /// <summary>Dropout with probability <paramref name="p"/>, active in training mode.</summary>
        public static Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);

        /// <summary>A lookup table of <paramref name="num_embeddings"/> vectors of size <paramref name="embedding_dim"/>.</summary>
        public static Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, double? max_norm = null, double norm_type = 2.0,
            bool scale_grad_by_freq = false, Device? device = null, ScalarType? dtype = null) =>
            new(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, device, dtype);

        // ---- shape and containers ----------------------------------------------------------------

        /// <summary>A layer returning its input.</summary>
        public static Identity Identity() => new();

        /// <summary>A layer flattening dimensions start_dim..end_dim into one.</summary>
        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);

        /// <summary>Layers applied in order, named "0", "1", ….</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        /// <summary>Layers applied in order, under the given names.</summary>
        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

        /// <summary>A list of submodules named "0", "1", ….</summary>
        public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

        /// <summary>Submodules by key, in insertion order.</summary>
        public static ModuleDict<T> ModuleDict<T>(params (string key, T module)[] modules) where T : Module => new(modules);

        // ---- activations -------------------------------------------------------------------------

        /// <summary>max(0, x).</summary>
        public static ReLU ReLU(bool inplace = false) => new(inplace);

        /// <summary>min(max(0, x), 6).</summary>
        public static ReLU6 ReLU6(bool inplace = false) => new(inplace);

        /// <summary>x for x ≥ 0, negative_slope·x otherwise.</summary>
        public static LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new(negative_slope, inplace);

        /// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
        public static ELU ELU(double alpha = 1.0, bool inplace = false) => new(alpha, inplace);

        /// <summary>x·Φ(x); approximate "tanh" uses the tanh formula.</summary>
        public static GELU GELU(string approximate = "none") => new(approximate);

        /// <summary>x·sigmoid(x).</summary>
        public static SiLU SiLU(bool inplace = false) => new(inplace);

        /// <summary>1 / (1 + e⁻ˣ).</summary>
        public static Sigmoid Sigmoid() => new();

        /// <summary>tanh(x).</summary>
        public static Tanh Tanh() => new();

        /// <summary>x·relu6(x + 3)/6.</summary>
        public static Hardswish Hardswish(bool inplace = false) => new(inplace);

        /// <summary>relu6(x + 3)/6.</summary>
        public static Hardsigmoid Hardsigmoid(bool inplace = false) => new(inplace);

        /// <summary>Softmax along <paramref name="dim"/>.</summary>
        public static Softmax Softmax(long dim) => new(dim);

        /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
        public static LogSoftmax LogSoftmax(long dim) => new(dim);

        // ---- pooling -----------------------------------------------------------------------------

        /// <summary>1-D max pooling; the stride defaults to the kernel size.</summary>
        public static MaxPool1d MaxPool1d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
            new(kernel_size, stride, padding, dilation, ceil_mode);

        /// <summary>2-D max pooling with a square window; the stride defaults to the kernel size.</summary>
        public static MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
            new(kernel_size, stride, padding, dilation, ceil_mode);

        /// <summary>2-D max pooling with sizes given per dimension.</summary>
        public static MaxPool2d MaxPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
            new(kernel_size, stride, padding, dilation, ceil_mode);

        /// <summary>1-D average pooling; the stride defaults to the kernel size.</summary>
        public static AvgPool1d AvgPool1d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
            new(kernel_size, stride, padding, ceil_mode, count_include_pad);

        /// <summary>2-D average pooling with a square window; the stride defaults to the kernel size.</summary>
        public static AvgPool2d AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true,
            long? divisor_override = null) =>
            new(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

        /// <summary>2-D average pooling with sizes given per dimension.</summary>
        public static AvgPool2d AvgPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true,
            long? divisor_override = null) =>
            new(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

        /// <summary>Adaptive 1-D mean pooling to <paramref name="output_size"/>.</summary>
        public static AdaptiveAvgPool1d AdaptiveAvgPool1d(long output_size) => new(output_size);

        /// <summary>Adaptive 2-D mean pooling to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
        public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long output_size) => new(output_size);

        /// <summary>Adaptive 2-D mean pooling to (H_out, W_out).</summary>
        public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long[] output_size) => new(output_size);

        /// <summary>Adaptive 1-D max pooling to <paramref name="output_size"/>.</summary>
        public static AdaptiveMaxPool1d AdaptiveMaxPool1d(long output_size) => new(output_size);

        /// <summary>Adaptive 2-D max pooling to <paramref name="output_size"/> × <paramref name="output_size"/>.</summary>
        public static AdaptiveMaxPool2d AdaptiveMaxPool2d(long output_size) => new(output_size);

        /// <summary>Adaptive 2-D max pooling to (H_out, W_out).</summary>
        public static AdaptiveMaxPool2d AdaptiveMaxPool2d(long[] output_size) => new(output_size);
    }
}
