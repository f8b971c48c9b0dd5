using System;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Parameter initialisation, as torch.nn.init: the same formulas and the same draws from the
        /// default generator, so a layer initialised after <c>manual_seed(s)</c> holds PyTorch's values.
        /// </summary>
        public static class init
        {
            /// <summary>The recommended gain for <paramref name="nonlinearity"/> (PyTorch's table).</summary>
            public static double calculate_gain(string nonlinearity, double? param = null) => nonlinearity switch
            {
                "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1.0,
                "tanh" => 5.0 / 3,
                "relu" => Math.Sqrt(2.0),
                "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
                "selu" => 3.0 / 4,
                _ => throw new ArgumentException($"Unsupported nonlinearity {nonlinearity}", nameof(nonlinearity)),
            };

            /// <summary>(fan_in, fan_out) of a weight: [out, in, *kernel] counts kernel elements in both.</summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                long[] shape = tensor.shape;
                if (shape.Length < 2)
                {
                    throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", nameof(tensor));
                }

                long receptive = 1;
                for (int i = 2; i < shape.Length; i++)
                {
                    receptive *= shape[i];
                }

                return (shape[1] * receptive, shape[0] * receptive);
            }

            /// <summary>Fills <paramref name="tensor"/> in place with U(<paramref name="a"/>, <paramref name="b"/>) samples, without recording gradients (<c>torch.nn.init.uniform_</c>); returns it.</summary>
            /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1)
            {
                using (no_grad())
                {
                    return Checked(tensor).uniform_(a, b);
                }
            }

            /// <summary>Fills <paramref name="tensor"/> in place with N(<paramref name="mean"/>, <paramref name="std"/>²) samples, without recording gradients (<c>torch.nn.init.normal_</c>); returns it.</summary>
            /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                using (no_grad())
                {
                    return Checked(tensor).normal_(mean, std);
                }
            }

            /// <summary>Fills <paramref name="tensor"/> in place with <paramref name="value"/>, without recording gradients (<c>torch.nn.init.constant_</c>); returns it.</summary>
            /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
            public static Tensor constant_(Tensor tensor, Scalar value)
            {
                using (no_grad())
                {
                    return Checked(tensor).fill_(value);
                }
            }

            /// <summary>Fills <paramref name="tensor"/> with zeros, without recording gradients (<c>torch.nn.init.zeros_</c>); returns it.</summary>
            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            /// <summary>Fills <paramref name="tensor"/> with ones, without recording gradients (<c>torch.nn.init.ones_</c>); returns it.</summary>
            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>Glorot uniform: U(−b, b) with b = gain·√(6 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>Glorot normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
            }

            /// <summary>He uniform: U(−b, b) with b = gain·√(3 / fan), fan = fan_in or fan_out per <paramref name="mode"/>.</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
            {
                double std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                double bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>He normal: N(0, std²) with std = gain / √fan.</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu") =>
                normal_(tensor, 0, calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode)));

            private static long Fan(Tensor tensor, string mode)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return mode switch
                {
                    "fan_in" => fanIn,
                    "fan_out" => fanOut,
                    _ => throw new ArgumentException($"Mode {mode} not supported, please use one of fan_in, fan_out", nameof(mode)),
                };
            }

            private static Tensor Checked(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor;
            }
        }
    }
}
