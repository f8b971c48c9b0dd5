using Attention.Runtime.Native;

namespace Attention.Runtime;

// Activation functions and softmax: torch.nn.functional's forms, and the Tensor methods that
// PyTorch and TorchSharp also offer (x.relu(), x.softmax(dim)).
public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>max(0, x) elementwise; with <paramref name="inplace"/>, overwrites and returns <paramref name="input"/>.</summary>
            public static Tensor relu(Tensor input, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_relu_(Handle(input)))
                : Tensor.FromNative(NativeMethods.shim_relu(Handle(input)));

            /// <summary>min(max(0, x), 6) elementwise.</summary>
            public static Tensor relu6(Tensor input, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_relu6_(Handle(input)))
                : Tensor.FromNative(NativeMethods.shim_relu6(Handle(input)));

            /// <summary>x for x ≥ 0, negative_slope·x otherwise.</summary>
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_leaky_relu_(Handle(input), negative_slope))
                : Tensor.FromNative(NativeMethods.shim_leaky_relu(Handle(input), negative_slope));

            /// <summary>x for x &gt; 0, alpha·(exp(x) − 1) otherwise.</summary>
            public static Tensor elu(Tensor input, double alpha = 1.0, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_elu_(Handle(input), alpha))
                : Tensor.FromNative(NativeMethods.shim_elu(Handle(input), alpha));

            /// <summary>x·Φ(x), exactly (<paramref name="approximate"/> "none") or with the tanh approximation ("tanh").</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") =>
                Tensor.FromNative(NativeMethods.shim_gelu(Handle(input), GeluApproximationCode(approximate)));

            /// <summary>x·sigmoid(x) elementwise (also called swish).</summary>
            public static Tensor silu(Tensor input, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_silu_(Handle(input)))
                : Tensor.FromNative(NativeMethods.shim_silu(Handle(input)));

            /// <summary>x·relu6(x + 3)/6 elementwise.</summary>
            public static Tensor hardswish(Tensor input, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_hardswish_(Handle(input)))
                : Tensor.FromNative(NativeMethods.shim_hardswish(Handle(input)));

            /// <summary>relu6(x + 3)/6 elementwise.</summary>
            public static Tensor hardsigmoid(Tensor input, bool inplace = false) => inplace
                ? input.InPlace(NativeMethods.shim_hardsigmoid_(Handle(input)))
                : Tensor.FromNative(NativeMethods.shim_hardsigmoid(Handle(input)));

            /// <summary>log(1 + exp(beta·x))/beta elementwise; x itself where beta·x &gt; threshold.</summary>
            public static Tensor softplus(Tensor input, double beta = 1.0, double threshold = 20.0) =>
                Tensor.FromNative(NativeMethods.shim_softplus(Handle(input), beta, threshold));

            /// <summary>1/(1 + exp(−x)) elementwise, as <c>torch.sigmoid</c>; with <paramref name="inplace"/>, overwrites and returns <paramref name="input"/>.</summary>
            /// <remarks>
            /// The optional <paramref name="inplace"/> (TorchSharp's signature) also keeps <c>sigmoid(x)</c> unambiguous where both
            /// <c>torch</c> and <c>torch.nn.functional</c> are imported with <c>using static</c>: C# then prefers
            /// <see cref="torch.sigmoid(Tensor)"/>, which needs no default argument and computes the same.
            /// </remarks>
            public static Tensor sigmoid(Tensor input, bool inplace = false) => inplace ? input.sigmoid_() : torch.sigmoid(input);

            /// <summary>The hyperbolic tangent elementwise, as <c>torch.tanh</c>; with <paramref name="inplace"/>, overwrites and returns <paramref name="input"/>.</summary>
            /// <remarks>
            /// The optional <paramref name="inplace"/> (TorchSharp's signature) also keeps <c>tanh(x)</c> unambiguous where both
            /// <c>torch</c> and <c>torch.nn.functional</c> are imported with <c>using static</c>: C# then prefers
            /// <see cref="torch.tanh(Tensor)"/>, which needs no default argument and computes the same.
            /// </remarks>
            public static Tensor tanh(Tensor input, bool inplace = false) => inplace ? input.tanh_() : torch.tanh(input);

            /// <summary>exp(x)/Σexp(x) along <paramref name="dim"/>, computed in <paramref name="dtype"/> when given.</summary>
            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) =>
                Tensor.FromNative(NativeMethods.shim_softmax(Handle(input), dim, Code(dtype)));

            /// <summary>log(softmax(x)) along <paramref name="dim"/>, computed stably.</summary>
            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) =>
                Tensor.FromNative(NativeMethods.shim_log_softmax(Handle(input), dim, Code(dtype)));

            private static int GeluApproximationCode(string approximate) => approximate switch
            {
                "none" => 0,
                "tanh" => 1,
                _ => throw new System.ArgumentException($"approximate argument must be either none or tanh, got '{approximate}'.", nameof(approximate)),
            };
        }
    }

    public partial class Tensor
    {
        /// <summary>max(0, x) elementwise.</summary>
        public Tensor relu() => FromNative(NativeMethods.shim_relu(handle));

        /// <summary>max(0, x) elementwise, in place.</summary>
        public Tensor relu_() => InPlace(NativeMethods.shim_relu_(handle));

        /// <summary>min(max(0, x), 6) elementwise.</summary>
        public Tensor relu6() => FromNative(NativeMethods.shim_relu6(handle));

        /// <summary>x for x ≥ 0, negative_slope·x otherwise.</summary>
        public Tensor leaky_relu(double negative_slope = 0.01) => FromNative(NativeMethods.shim_leaky_relu(handle, negative_slope));

        /// <summary>x for x &gt; 0, alpha·(exp(x) − 1) otherwise.</summary>
        public Tensor elu(double alpha = 1.0) => FromNative(NativeMethods.shim_elu(handle, alpha));

        /// <summary>x·Φ(x) elementwise; see <see cref="nn.functional.gelu"/>.</summary>
        public Tensor gelu(string approximate = "none") => nn.functional.gelu(this, approximate);

        /// <summary>x·sigmoid(x) elementwise.</summary>
        public Tensor silu() => FromNative(NativeMethods.shim_silu(handle));

        /// <summary>x·relu6(x + 3)/6 elementwise.</summary>
        public Tensor hardswish() => FromNative(NativeMethods.shim_hardswish(handle));

        /// <summary>relu6(x + 3)/6 elementwise.</summary>
        public Tensor hardsigmoid() => FromNative(NativeMethods.shim_hardsigmoid(handle));

        /// <summary>log(1 + exp(beta·x))/beta elementwise.</summary>
        public Tensor softplus(double beta = 1.0, double threshold = 20.0) => FromNative(NativeMethods.shim_softplus(handle, beta, threshold));

        /// <summary>Softmax along <paramref name="dim"/>.</summary>
        public Tensor softmax(long dim, ScalarType? dtype = null) => FromNative(NativeMethods.shim_softmax(handle, dim, Code(dtype)));

        /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
        public Tensor log_softmax(long dim, ScalarType? dtype = null) => FromNative(NativeMethods.shim_log_softmax(handle, dim, Code(dtype)));
    }
}
