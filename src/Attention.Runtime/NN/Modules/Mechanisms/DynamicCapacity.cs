using System;
using System.Linq;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>What one pass of <see cref="DynamicCapacity"/> computes, for its loss and its plots.</summary>
/// <param name="output">The top layers' output on the merged feature map (the network's answer).</param>
/// <param name="coarse_output">The top layers' output on the coarse feature map alone (for the coarse term of the loss).</param>
/// <param name="hint">The mean squared distance from the coarse features of the chosen cells to the fine ones (detached): the paper's hint term, which teaches the coarse layers.</param>
/// <param name="saliency">The saliency of every cell, <c>[N, h, w]</c> (detached).</param>
/// <param name="positions">The chosen cells, <c>[N, k]</c>, as <c>row · w + column</c>, most salient first.</param>
public sealed record DynamicCapacityOutput(Tensor output, Tensor coarse_output, Tensor hint, Tensor saliency, Tensor positions);

/// <summary>
/// Dynamic capacity networks (Almahairi, Ballas, Cooijmans, Zheng, Larochelle and Courville, "Dynamic Capacity
/// Networks", ICML 2016; seed 001): cheap <see cref="coarse"/> layers read the whole input <c>[N, C, H, W]</c> into a
/// feature map <c>[N, D, h, w]</c>, one cell per <see cref="stride"/> × <see cref="stride"/> pixels; the saliency of a
/// cell is the norm of the gradient, with respect to its features, of the entropy of the <see cref="top"/> layers'
/// output on the coarse map; the <see cref="patches"/> most salient cells are read again by the expensive
/// <see cref="fine"/> layers from a <see cref="patch_size"/> × <see cref="patch_size"/> input patch centred on the cell
/// (<c>[N·k, C, p, p]</c> to <c>[N·k, D]</c>), their features replace the coarse ones, and the top layers read the merged
/// map. The fine layers run on k cells instead of all h·w, which is the saving.
/// <para>
/// Submodules: <c>coarse</c>, <c>fine</c>, <c>top</c>. The cell choice is not differentiable; gradients reach the
/// coarse layers through the cells not chosen (and the hint term), the fine layers through the chosen ones. With
/// <see cref="keep_weights"/> on, the saliency map <c>[N, h, w]</c> of the last pass is kept (<see cref="weights"/>), and
/// its chosen cells (<see cref="positions"/>).
/// </para>
/// </summary>
public sealed class DynamicCapacity : nn.Module<Tensor, Tensor>, IAttentionWeights
{
    private readonly KeptWeights kept = new();
    private readonly KeptWeights keptPositions = new();

    /// <summary>A dynamic capacity network of the three parts, refining <paramref name="patches"/> cells.</summary>
    /// <param name="coarse">The coarse layers: <c>[N, C, H, W]</c> to <c>[N, D, H / stride, W / stride]</c>.</param>
    /// <param name="fine">The fine layers: <c>[M, C, p, p]</c> to <c>[M, D]</c> (or <c>[M, D, 1, 1]</c>).</param>
    /// <param name="top">The top layers: <c>[N, D, h, w]</c> to the output, such as class logits <c>[N, classes]</c>.</param>
    /// <param name="patches">k, the cells refined per sample (at least 1).</param>
    /// <param name="patch_size">p, the side of each input patch (at least <paramref name="stride"/>, and as much more as an even number of pixels).</param>
    /// <param name="stride">The input pixels per cell of the coarse map, along each side.</param>
    public DynamicCapacity(nn.Module<Tensor, Tensor> coarse, nn.Module<Tensor, Tensor> fine, nn.Module<Tensor, Tensor> top, long patches, long patch_size, long stride)
        : base(nameof(DynamicCapacity))
    {
        ArgumentNullException.ThrowIfNull(coarse);
        ArgumentNullException.ThrowIfNull(fine);
        ArgumentNullException.ThrowIfNull(top);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (patch_size < stride || (patch_size - stride) % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(patch_size), patch_size, $"a patch must cover its cell ({stride} pixels) and as much on either side: at least {stride}, and {stride} plus an even number");
        }

        this.coarse = coarse;
        this.fine = fine;
        this.top = top;
        this.patches = patches;
        this.patch_size = patch_size;
        this.stride = stride;
        register_module(nameof(coarse), coarse);
        register_module(nameof(fine), fine);
        register_module(nameof(top), top);
    }

    /// <summary>The coarse layers.</summary>
    public nn.Module<Tensor, Tensor> coarse { get; }

    /// <summary>The fine layers.</summary>
    public nn.Module<Tensor, Tensor> fine { get; }

    /// <summary>The top layers.</summary>
    public nn.Module<Tensor, Tensor> top { get; }

    /// <summary>k, the cells refined per sample.</summary>
    public long patches { get; }

    /// <summary>p, the side of each input patch.</summary>
    public long patch_size { get; }

    /// <summary>The input pixels per cell along each side.</summary>
    public long stride { get; }

    /// <inheritdoc/>
    public bool keep_weights
    {
        get => kept.Keep;
        set
        {
            kept.Keep = value;
            keptPositions.Keep = value;
        }
    }

    /// <summary>The saliency map <c>[N, h, w]</c> of the last pass while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>The cells chosen in the last pass, <c>[N, k]</c> (<c>row · w + column</c>), while <see cref="keep_weights"/> is on.</summary>
    public Tensor? positions => keptPositions.Value;

    /// <summary>The top layers' output on the merged map.</summary>
    public override Tensor forward(Tensor input)
    {
        // the answer alone: no second pass of the top layers for the coarse output, no hint term
        using DisposeScope scope = NewDisposeScope();
        return Run(input).Output.MoveToOuterDisposeScope();
    }

    /// <summary>Everything one pass computes: the output, the coarse output, the hint term, the saliency and the chosen cells.</summary>
    public DynamicCapacityOutput forward_parts(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        var pass = Run(input);
        Tensor hint = nn.functional.mse_loss(pass.Features.flatten(2).gather(2, pass.Where), pass.Refined.detach());
        var parts = new DynamicCapacityOutput(pass.Output, top.call(pass.Features), hint, pass.Saliency, pass.Positions);
        scope.MoveToOuter(parts.output, parts.coarse_output, parts.hint, parts.saliency, parts.positions);
        return parts;
    }

    /// <summary>
    /// One pass up to the output: also the coarse map, where the chosen cells are in it and their fine features
    /// (<c>[N, D, k]</c>), the saliency and the chosen cells, from which <see cref="forward_parts"/> makes the loss terms.
    /// </summary>
    private (Tensor Output, Tensor Features, Tensor Where, Tensor Refined, Tensor Saliency, Tensor Positions) Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim() != 4)
        {
            throw new ArgumentException($"{name} takes images [N, C, H, W], but got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        long n = input.size(0);
        Tensor features = coarse.call(input);                                                     // [N, D, h, w]
        if (features.Dim() != 4 || features.size(2) * stride != input.size(2) || features.size(3) * stride != input.size(3))
        {
            throw new ArgumentException(
                $"{name}'s coarse layers must give one cell per {stride} × {stride} pixels of the input [{string.Join(", ", input.shape)}], but gave [{string.Join(", ", features.shape)}].",
                nameof(input));
        }

        long depth = features.size(1), height = features.size(2), width = features.size(3), cells = height * width;
        if (patches > cells)
        {
            throw new ArgumentException($"{name} refines {patches} cells, but the coarse map has {cells}.", nameof(input));
        }

        Tensor saliency = Saliency(features);                                                     // [N, h, w]
        long[] chosen = MostSalient(saliency);
        Tensor positions = tensor(chosen, [n, patches]).to(input.device);                         // [N, k]
        Tensor refined = fine.call(Patches(input, chosen, width, patches)).reshape(n, patches, depth);  // [N, k, D]

        // the merged map: the fine features in the chosen cells, the coarse ones elsewhere
        Tensor flat = features.flatten(2);                                                        // [N, D, h·w]
        Tensor where = positions.unsqueeze(1).expand(n, depth, patches);                          // [N, D, k]
        Tensor fineFeatures = refined.transpose(1, 2);                                            // [N, D, k]
        Tensor merged = flat.scatter(2, where, fineFeatures).view(n, depth, height, width);
        kept.Store(saliency);
        keptPositions.Store(positions);
        return (top.call(merged), features, where, fineFeatures, saliency, positions);
    }

    /// <summary>
    /// The comparison the paper draws: the fine layers on every cell's patch and the top layers on their map, without
    /// the coarse layers — what the network would cost with all its capacity everywhere.
    /// </summary>
    public Tensor forward_fine_everywhere(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim() != 4 || input.size(2) % stride != 0 || input.size(3) % stride != 0)
        {
            throw new ArgumentException($"{name} takes images [N, C, H, W] with sides a multiple of {stride}, but got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using DisposeScope scope = NewDisposeScope();
        long n = input.size(0), height = input.size(2) / stride, width = input.size(3) / stride, cells = height * width;
        long[] every = new long[n * cells];
        for (long i = 0; i < every.Length; i++)
        {
            every[i] = i % cells;
        }

        Tensor refined = fine.call(Patches(input, every, width, cells)).reshape(n, cells, -1);    // [N, h·w, D]
        Tensor map = refined.transpose(1, 2).reshape(n, -1, height, width);                      // [N, D, h, w]
        return top.call(map).MoveToOuterDisposeScope();
    }

    /// <summary>‖∂H/∂c_ij‖₂ for every cell, H the entropy of the top layers' output on the coarse map: <c>[N, h, w]</c>.</summary>
    private Tensor Saliency(Tensor features)
    {
        using IDisposable grad = enable_grad();
        Tensor cells = features.detach().requires_grad_();
        Tensor logits = top.call(cells);
        Tensor entropy = -(nn.functional.softmax(logits, -1) * nn.functional.log_softmax(logits, -1)).sum();
        Tensor gradient = autograd.grad([entropy], [cells])[0]!;                                 // [N, D, h, w]
        return gradient.norm(2, [1]).detach();
    }

    /// <summary>The k most salient cells of each sample, most salient first (chosen on the CPU; no gradient).</summary>
    private long[] MostSalient(Tensor saliency)
    {
        long n = saliency.size(0), cells = saliency.size(1) * saliency.size(2);
        using Tensor onCpu = saliency.reshape(n, cells).to(ScalarType.Float64).cpu();
        double[] values = onCpu.data<double>().ToArray();
        var chosen = new long[n * patches];
        for (long row = 0; row < n; row++)
        {
            long offset = row * cells;
            long[] order = Enumerable.Range(0, (int)cells).Select(static c => (long)c)
                .OrderByDescending(c => values[offset + c]).ThenBy(static c => c).Take((int)patches).ToArray();
            Array.Copy(order, 0, chosen, row * patches, patches);
        }

        return chosen;
    }

    /// <summary>The input patch of every chosen cell, <c>[N·k, C, p, p]</c>: centred on the cell, zeros beyond the border.</summary>
    private Tensor Patches(Tensor input, long[] chosen, long width, long patches)
    {
        long n = input.size(0), channels = input.size(1), margin = (patch_size - stride) / 2, p = patch_size;
        Tensor padded = nn.functional.pad(input, [margin, margin, margin, margin]);              // [N, C, H + 2m, W + 2m]
        long paddedWidth = padded.size(3);
        // for cell (i, j) the patch's top-left pixel in the padded input is (i·stride, j·stride)
        var pixels = new long[n * patches * p * p];
        for (long cell = 0; cell < n * patches; cell++)
        {
            long corner = (chosen[cell] / width * stride * paddedWidth) + (chosen[cell] % width * stride);
            for (long r = 0; r < p; r++)
            {
                for (long c = 0; c < p; c++)
                {
                    pixels[(((cell * p) + r) * p) + c] = corner + (r * paddedWidth) + c;
                }
            }
        }

        using Tensor index = tensor(pixels, [n, 1, patches * p * p]).to(input.device).expand(n, channels, patches * p * p);
        Tensor gathered = padded.flatten(2).gather(2, index).view(n, channels, patches, p, p);   // [N, C, k, p, p]
        return gathered.transpose(1, 2).reshape(n * patches, channels, p, p);
    }
}
