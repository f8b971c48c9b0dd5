using System;
using System.Collections.Generic;

namespace Attention.Dsl;

/// <summary>
/// Declares that a <see langword="partial"/> class is a neural network, and gives the shape of one
/// input sample.
/// </summary>
/// <remarks>
/// <para>
/// The batch dimension is implicit: <c>[Network(1, 28, 28)]</c> declares a network whose forward
/// pass takes a tensor of shape <c>[N, 1, 28, 28]</c> for any batch size <c>N</c>. Every dimension
/// must be at least 1, and at least one dimension must be given.
/// </para>
/// <para>
/// Attention.Generators completes the class at compile time; among other members it adds a static
/// <c>InputShape</c> property that holds the declared shape. The class must be <see langword="partial"/>,
/// as must every type that contains it, and it cannot be generic.
/// </para>
/// </remarks>
/// <example>
/// A network over single-channel 28×28 images:
/// <code language="csharp">
/// using Attention.Dsl;
///
/// [Network(1, 28, 28)]
/// public partial class FashionNet;
///
/// // Generated: FashionNet.InputShape is [1, 28, 28].
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    private readonly int[] _inputShape;

    /// <summary>
    /// Declares a network whose input sample has the given shape.
    /// </summary>
    /// <param name="inputShape">
    /// The per-sample input shape, outermost dimension first, without the batch dimension; for
    /// example <c>1, 28, 28</c> for one-channel 28×28 images, or <c>128</c> for a feature vector.
    /// </param>
    public NetworkAttribute(params int[] inputShape)
    {
        _inputShape = inputShape ?? [];
    }

    /// <summary>
    /// Gets the per-sample input shape that the attribute declares, without the batch dimension.
    /// </summary>
    /// <value>A read-only view of the dimensions, outermost first.</value>
    public IReadOnlyList<int> InputShape => Array.AsReadOnly(_inputShape);
}
