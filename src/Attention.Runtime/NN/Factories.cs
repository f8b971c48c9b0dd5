using Attention.Runtime.Modules;

namespace Attention.Runtime;

// Layer factories with TorchSharp's shape: torch.nn.Linear(4, 8) creates a Modules.Linear.
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A fully connected layer, y = x·Wᵀ + b.</summary>
        public static Linear Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_features, out_features, bias, device, dtype);
    }
}
