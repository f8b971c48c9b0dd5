using System;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A tensor that a <see cref="Module"/> trains: a leaf that requires gradients by default. Moving a
        /// module to another device or dtype replaces a parameter's data in place, so this object (and any
        /// optimizer holding it) stays valid.
        /// </summary>
        public sealed class Parameter : Tensor
        {
            /// <summary>A parameter over <paramref name="data"/>'s storage, cut from any graph.</summary>
            public Parameter(Tensor data, bool requires_grad = true) : base(DetachedHandle(data))
            {
                DisposeScope.Detach(this); // owned by its module, not by the scope it was created in
                this.requires_grad = requires_grad;
            }

            private static Native.TensorHandle DetachedHandle(Tensor data)
            {
                ArgumentNullException.ThrowIfNull(data);
                return Native.NativeError.Check(Native.NativeMethods.shim_tensor_detach(data.Handle));
            }
        }
    }
}
