using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Applies a module to every element of the outer axis of a batch (Keras' <c>TimeDistributed</c>): <c>[N, S, …]</c> is
/// seen as <c>N·S</c> samples <c>[…]</c>, the module runs once over all of them, and its output <c>[N·S, …']</c> is
/// viewed as <c>[N, S, …']</c>. Hierarchical attention (Yang et al. 2016) applies a sentence encoder to every sentence of
/// a document this way; the module is registered as <c>block</c>.
/// <para>
/// With a padding mask <c>[N, S, W]</c> (true = a real word) the module, which must take one
/// (<see cref="IMaskedModule"/>), gets each element's mask <c>[N·S, W]</c>; the mask of the outer axis that goes on is
/// <see cref="outer_mask"/> (<c>[N, S]</c>, true where an element has a real step). An element with no real step gives
/// what the module gives for one (zeros, for attention pooling).
/// </para>
/// </summary>
public sealed class ForEach : nn.Module<Tensor, Tensor>, IMaskedModule
{
    /// <summary>Applies <paramref name="block"/> to each element of the outer axis.</summary>
    public ForEach(nn.Module<Tensor, Tensor> block)
        : base(nameof(ForEach))
    {
        ArgumentNullException.ThrowIfNull(block);
        this.block = block;
        register_module(nameof(block), block);
    }

    /// <summary>The module applied to every element.</summary>
    public nn.Module<Tensor, Tensor> block { get; }

    /// <summary>Runs <see cref="block"/> over every element of <paramref name="input"/> <c>[N, S, …]</c>; returns <c>[N, S, …']</c>.</summary>
    public override Tensor forward(Tensor input) => Distribute(input, null);

    /// <summary>
    /// Runs <see cref="block"/> over every element of <paramref name="input"/> <c>[N, S, W, …]</c> with each element's
    /// padding mask, <paramref name="mask"/> <c>[N, S, W]</c>; returns <c>[N, S, …']</c>.
    /// </summary>
    public Tensor forward(Tensor input, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (block is not IMaskedModule)
        {
            throw new InvalidOperationException($"{name}'s block {block.GetType().Name} does not take a padding mask.");
        }

        if (mask.dtype != ScalarType.Bool || mask.Dim() != 3 || input.Dim() < 3 || mask.size(0) != input.size(0) || mask.size(1) != input.size(1) || mask.size(2) != input.size(2))
        {
            throw new ArgumentException(
                $"{name}'s padding mask must be bool [N, S, W] = [{input.size(0)}, {(input.Dim() > 1 ? input.size(1) : 0)}, {(input.Dim() > 2 ? input.size(2) : 0)}] for the input [{string.Join(", ", input.shape)}], but is {dtype_name(mask.dtype)} [{string.Join(", ", mask.shape)}].",
                nameof(mask));
        }

        return Distribute(input, mask);
    }

    /// <summary>Runs <see cref="forward(Tensor, Tensor)"/>: <c>each.call(x, mask)</c>.</summary>
    public Tensor call(Tensor input, Tensor mask) => forward(input, mask);

    /// <summary>The mask of the outer axis after the elements are reduced: <c>[N, S]</c>, true where an element of <paramref name="mask"/> <c>[N, S, W]</c> has a real step.</summary>
    public static Tensor outer_mask(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return mask.any(-1);
    }

    private Tensor Distribute(Tensor input, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim() < 2)
        {
            throw new ArgumentException($"{name} takes [N, S, …], but got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        long n = input.size(0), elements = input.size(1);
        using Tensor flat = input.flatten(0, 1);                                       // [N·S, …]
        using Tensor? flatMask = mask?.flatten(0, 1);                                  // [N·S, W]
        using Tensor each = flatMask is null ? block.call(flat) : ((IMaskedModule)block).forward(flat, flatMask);
        return each.unflatten(0, n, elements);                                         // [N, S, …']
    }
}
