using System;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Modules;

/// <summary>
/// Multi-head attention, as torch.nn.MultiheadAttention: the query, key and value are projected, split into
/// <see cref="num_heads"/> heads, attended with softmax(Q·Kᵀ/√head_dim + mask)·V, merged and projected by
/// <see cref="out_proj"/>. Parameters have PyTorch's names, shapes and initialisation: <c>in_proj_weight</c> [3E, E]
/// (xavier_uniform_), or <c>q_proj_weight</c> [E, E], <c>k_proj_weight</c> [E, kdim], <c>v_proj_weight</c> [E, vdim]
/// when kdim or vdim differ from E; <c>in_proj_bias</c> [3E] (zeros); <c>bias_k</c>, <c>bias_v</c> [1, 1, E]
/// (xavier_normal_) with add_bias_kv; and <c>out_proj.weight</c>, <c>out_proj.bias</c> (the bias zeroed).
/// <para>
/// Masks follow torch.nn.MultiheadAttention's convention: in a bool <c>key_padding_mask</c> or <c>attn_mask</c>,
/// <c>true</c> means "masked out, do not attend" (the opposite of
/// <see cref="nn.functional.scaled_dot_product_attention"/>, where <c>true</c> means "may attend"); a float mask is
/// added to the attention scores. A query whose masks exclude every key gets zero attention weights and a zero
/// attention output (so the module's output is <c>out_proj.bias</c> there), where PyTorch gives NaN.
/// </para>
/// </summary>
public sealed class MultiheadAttention : nn.Module<Tensor, Tensor, Tensor, (Tensor output, Tensor? weights)>, IAttentionWeights
{
    private readonly KeptWeights kept = new();

    /// <summary>Multi-head attention over <paramref name="embed_dim"/> features split into <paramref name="num_heads"/> heads, with PyTorch's parameters and initialisation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="embed_dim"/> is negative or <paramref name="num_heads"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="embed_dim"/> is not divisible by <paramref name="num_heads"/>, or <paramref name="dropout"/> is outside [0, 1].</exception>
    public MultiheadAttention(long embed_dim, long num_heads, double dropout = 0.0, bool bias = true, bool add_bias_kv = false,
        bool add_zero_attn = false, long? kdim = null, long? vdim = null, bool batch_first = false, Device? device = null, ScalarType? dtype = null)
        : base(nameof(MultiheadAttention))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(embed_dim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(num_heads);
        if (embed_dim % num_heads != 0)
        {
            throw new ArgumentException("embed_dim must be divisible by num_heads", nameof(num_heads));
        }

        if (!(dropout >= 0 && dropout <= 1))
        {
            throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {dropout}", nameof(dropout));
        }

        this.embed_dim = embed_dim;
        this.kdim = kdim ?? embed_dim;
        this.vdim = vdim ?? embed_dim;
        this.num_heads = num_heads;
        this.dropout = dropout;
        this.batch_first = batch_first;
        this.add_zero_attn = add_zero_attn;
        head_dim = embed_dim / num_heads;

        // PyTorch's registration order (the parameter order) and its order of random draws differ: out_proj draws its
        // Linear initialisation when it is created, before the projections are drawn by reset_parameters.
        if (this.kdim == embed_dim && this.vdim == embed_dim)
        {
            in_proj_weight = Parameter([3 * embed_dim, embed_dim]);
            register_parameter(nameof(in_proj_weight), in_proj_weight);
        }
        else
        {
            q_proj_weight = Parameter([embed_dim, embed_dim]);
            k_proj_weight = Parameter([embed_dim, this.kdim]);
            v_proj_weight = Parameter([embed_dim, this.vdim]);
            register_parameter(nameof(q_proj_weight), q_proj_weight);
            register_parameter(nameof(k_proj_weight), k_proj_weight);
            register_parameter(nameof(v_proj_weight), v_proj_weight);
        }

        in_proj_bias = bias ? Parameter([3 * embed_dim]) : null;
        register_parameter(nameof(in_proj_bias), in_proj_bias);
        out_proj = new Linear(embed_dim, embed_dim, bias, device, dtype);
        register_module(nameof(out_proj), out_proj);
        if (add_bias_kv)
        {
            bias_k = Parameter([1, 1, embed_dim]);
            bias_v = Parameter([1, 1, embed_dim]);
            register_parameter(nameof(bias_k), bias_k);
            register_parameter(nameof(bias_v), bias_v);
        }

        reset_parameters();

        nn.Parameter Parameter(long[] shape) => Shapes.EmptyParameter(shape, device, dtype);
    }

    /// <summary>Model dimension E: the query features and the output features.</summary>
    public long embed_dim { get; }

    /// <summary>Key features (embed_dim unless given).</summary>
    public long kdim { get; }

    /// <summary>Value features (embed_dim unless given).</summary>
    public long vdim { get; }

    /// <summary>Number of parallel heads.</summary>
    public long num_heads { get; }

    /// <summary>Features per head, embed_dim / num_heads.</summary>
    public long head_dim { get; }

    /// <summary>Dropout probability on the attention weights, applied in training only.</summary>
    public double dropout { get; }

    /// <summary>Whether inputs and output are (N, L, E) instead of (L, N, E).</summary>
    public bool batch_first { get; }

    /// <summary>Whether a zero key and value are appended to the sequences.</summary>
    public bool add_zero_attn { get; }

    /// <summary>The packed query, key and value projections [3E, E]; null when kdim or vdim differ from embed_dim.</summary>
    public nn.Parameter? in_proj_weight { get; }

    /// <summary>The query projection [E, E] when kdim or vdim differ from embed_dim; null otherwise.</summary>
    public nn.Parameter? q_proj_weight { get; }

    /// <summary>The key projection [E, kdim] when kdim or vdim differ from embed_dim; null otherwise.</summary>
    public nn.Parameter? k_proj_weight { get; }

    /// <summary>The value projection [E, vdim] when kdim or vdim differ from embed_dim; null otherwise.</summary>
    public nn.Parameter? v_proj_weight { get; }

    /// <summary>The packed query, key and value biases [3E]; null without bias.</summary>
    public nn.Parameter? in_proj_bias { get; }

    /// <summary>Bias [1, 1, E] appended to the keys with add_bias_kv; null otherwise.</summary>
    public nn.Parameter? bias_k { get; }

    /// <summary>Bias [1, 1, E] appended to the values with add_bias_kv; null otherwise.</summary>
    public nn.Parameter? bias_v { get; }

    /// <summary>The output projection E → E.</summary>
    public Linear out_proj { get; }

    /// <summary>
    /// Whether a forward pass keeps its attention weights, averaged over the heads, in <see cref="weights"/>. While it
    /// is on, every pass takes the explicit path that computes them (the fused kernel does not), as need_weights does.
    /// </summary>
    public bool keep_weights
    {
        get => kept.Keep;
        set => kept.Keep = value;
    }

    /// <summary>The weights (N, L, S) of the last forward pass, averaged over the heads, while <see cref="keep_weights"/> is on.</summary>
    public Tensor? weights => kept.Value;

    /// <summary>Draws the projections (xavier_uniform_), zeroes the biases and draws bias_k, bias_v (xavier_normal_), in PyTorch's order.</summary>
    public void reset_parameters()
    {
        if (in_proj_weight is not null)
        {
            nn.init.xavier_uniform_(in_proj_weight);
        }
        else
        {
            nn.init.xavier_uniform_(q_proj_weight!);
            nn.init.xavier_uniform_(k_proj_weight!);
            nn.init.xavier_uniform_(v_proj_weight!);
        }

        if (in_proj_bias is not null)
        {
            nn.init.zeros_(in_proj_bias);
            nn.init.zeros_(out_proj.bias!);
        }

        if (bias_k is not null)
        {
            nn.init.xavier_normal_(bias_k);
            nn.init.xavier_normal_(bias_v!);
        }
    }

    /// <summary>Attention without masks and without the weights.</summary>
    public override (Tensor output, Tensor? weights) forward(Tensor input1, Tensor input2, Tensor input3) =>
        forward(input1, input2, input3, key_padding_mask: null);

    /// <summary>
    /// Attends <paramref name="query"/> (L, N, E), or (N, L, E) with <see cref="batch_first"/>, or unbatched (L, E), to
    /// <paramref name="key"/> and <paramref name="value"/> (S, N, kdim / vdim in the same layout); returns the output in
    /// the query's layout and, with <paramref name="need_weights"/>, the attention weights (N, L, S) averaged over heads,
    /// or (N, num_heads, L, S) without <paramref name="average_attn_weights"/>, else null.
    /// <paramref name="key_padding_mask"/> (N, S) excludes keys per batch entry; <paramref name="attn_mask"/> (L, S) or
    /// (N·num_heads, L, S) excludes or biases query-key pairs (bool: <c>true</c> = masked out; float: added).
    /// <paramref name="is_causal"/> also masks out every key after the query's position. Without
    /// <paramref name="need_weights"/> (the default here, unlike PyTorch) the fused scaled_dot_product_attention runs.
    /// </summary>
    public (Tensor output, Tensor? weights) forward(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        bool need_weights = false, Tensor? attn_mask = null, bool average_attn_weights = true, bool is_causal = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        bool keyIsValue = ReferenceEquals(key, value);
        bool selfAttention = keyIsValue && ReferenceEquals(query, key);
        long[] queryShape = query.shape;
        long[] keyShape = ReferenceEquals(key, query) ? queryShape : key.shape;
        long[] valueShape = keyIsValue ? keyShape : value.shape;
        bool batched = CheckShapes(queryShape, keyShape, valueShape);

        // Sizes in (length, batch) terms; an unbatched input is a batch of one in the sequence-first layout.
        bool sequenceFirst = !batch_first || !batched;
        long batch = batched ? queryShape[sequenceFirst ? 1 : 0] : 1;
        long targetLength = queryShape[sequenceFirst ? 0 : 1];
        long sourceLength = keyShape[sequenceFirst ? 0 : 1];

        var (q, k, v) = Project(query, key, value, selfAttention, keyIsValue);
        q = SplitHeads(q, batched, sequenceFirst);
        k = SplitHeads(k, batched, sequenceFirst);
        v = SplitHeads(v, batched, sequenceFirst);
        long extraKeys = 0;
        if (bias_k is not null)
        {
            k = cat([k, bias_k.view(1, num_heads, 1, head_dim).expand(batch, -1, -1, -1)], 2);
            v = cat([v, bias_v!.view(1, num_heads, 1, head_dim).expand(batch, -1, -1, -1)], 2);
            extraKeys++;
        }

        if (add_zero_attn)
        {
            k = cat([k, zeros([batch, num_heads, 1, head_dim], k.dtype, k.device)], 2);
            v = cat([v, zeros([batch, num_heads, 1, head_dim], v.dtype, v.device)], 2);
            extraKeys++;
        }

        // The masks as "excluded" (bool, true = do not attend) and "additive" (float) parts, each broadcastable to
        // (N, num_heads, L, S).
        Tensor? excluded = null, additive = null;
        if (attn_mask is not null)
        {
            Tensor mask = PadKeys(CheckAttentionMask(attn_mask, batch, targetLength, sourceLength), extraKeys);
            Combine(mask, ref excluded, ref additive);
        }

        if (key_padding_mask is not null)
        {
            Tensor mask = PadKeys(CheckKeyPaddingMask(key_padding_mask, batch, sourceLength, batched), extraKeys);
            Combine(mask, ref excluded, ref additive);
        }

        bool fusedCausal = is_causal && !need_weights && !kept.Keep && excluded is null && additive is null;
        if (is_causal && !fusedCausal)
        {
            long keys = sourceLength + extraKeys;
            Combine(ones([targetLength, keys], ScalarType.Bool, q.device).triu(1), ref excluded, ref additive);
        }

        double dropoutP = training ? dropout : 0.0;
        Tensor attended;
        Tensor? weights = null;
        if (need_weights || kept.Keep)
        {
            (attended, weights) = ExplicitAttention(q, k, v, excluded, additive, dropoutP);
            if (kept.Keep)
            {
                using Tensor averaged = weights.mean(1);
                kept.Store(averaged);
            }

            if (!need_weights)
            {
                weights = null;
            }
            else if (average_attn_weights)
            {
                weights = weights.mean(1);
            }

            if (!batched && weights is not null)
            {
                weights = weights.squeeze(0);
            }
        }
        else
        {
            Tensor? mask = (excluded, additive) switch
            {
                (null, null) => null,
                (not null, null) => excluded.logical_not(),
                (null, not null) => additive,
                _ => where(excluded, double.NegativeInfinity, additive!),
            };
            attended = nn.functional.scaled_dot_product_attention(q, k, v, mask, dropoutP, fusedCausal);
        }

        Tensor output = out_proj.call(MergeHeads(attended, sequenceFirst));
        return (batched ? output : output.squeeze(1), weights);
    }

    /// <summary>Runs the full <see cref="forward(Tensor, Tensor, Tensor, Tensor?, bool, Tensor?, bool, bool)"/>.</summary>
    public (Tensor output, Tensor? weights) call(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        bool need_weights = false, Tensor? attn_mask = null, bool average_attn_weights = true, bool is_causal = false) =>
        forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights, is_causal);

    /// <summary>Checks the inputs' ranks and sizes as PyTorch does; returns whether they are batched (3-D).</summary>
    private bool CheckShapes(long[] queryShape, long[] keyShape, long[] valueShape)
    {
        bool batched = queryShape.Length switch
        {
            3 => true,
            2 => false,
            _ => throw new TorchException($"query should be unbatched 2D or batched 3D tensor but received {queryShape.Length}-D query tensor"),
        };
        if (keyShape.Length != queryShape.Length || valueShape.Length != queryShape.Length)
        {
            throw new TorchException(batched
                ? $"For batched (3-D) `query`, expected `key` and `value` to be 3-D but found {keyShape.Length}-D and {valueShape.Length}-D tensors respectively"
                : $"For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found {keyShape.Length}-D and {valueShape.Length}-D tensors respectively");
        }

        if (queryShape[^1] != embed_dim)
        {
            throw new TorchException($"was expecting embedding dimension of {embed_dim}, but got {queryShape[^1]}");
        }

        if (!keyShape.AsSpan(0, keyShape.Length - 1).SequenceEqual(valueShape.AsSpan(0, valueShape.Length - 1)))
        {
            throw new TorchException($"key's sequence and batch dims [{string.Join(", ", keyShape[..^1])}] do not match value's [{string.Join(", ", valueShape[..^1])}]");
        }

        if (batched && keyShape[batch_first ? 0 : 1] != queryShape[batch_first ? 0 : 1])
        {
            throw new TorchException($"query and key must have the same batch size, but got {queryShape[batch_first ? 0 : 1]} and {keyShape[batch_first ? 0 : 1]}");
        }

        return batched;
    }

    /// <summary>
    /// The query, key and value projections. Self-attention runs one packed matrix product and a shared key and value
    /// two, as PyTorch does.
    /// </summary>
    private (Tensor q, Tensor k, Tensor v) Project(Tensor query, Tensor key, Tensor value, bool selfAttention, bool keyIsValue)
    {
        if (in_proj_weight is not null && selfAttention)
        {
            Tensor[] qkv = nn.functional.linear(query, in_proj_weight, in_proj_bias).chunk(3, -1);
            return (qkv[0], qkv[1], qkv[2]);
        }

        if (in_proj_weight is not null && keyIsValue)
        {
            Tensor[] weights = in_proj_weight.split([embed_dim, 2 * embed_dim]);
            Tensor?[] splitBias = in_proj_bias is null ? new Tensor?[2] : in_proj_bias.split([embed_dim, 2 * embed_dim]);
            Tensor[] kv = nn.functional.linear(key, weights[1], splitBias[1]).chunk(2, -1);
            return (nn.functional.linear(query, weights[0], splitBias[0]), kv[0], kv[1]);
        }

        Tensor[] w = in_proj_weight?.chunk(3) ?? [q_proj_weight!, k_proj_weight!, v_proj_weight!];
        Tensor?[] b = in_proj_bias is null ? new Tensor?[3] : in_proj_bias.chunk(3);
        return (nn.functional.linear(query, w[0], b[0]), nn.functional.linear(key, w[1], b[1]), nn.functional.linear(value, w[2], b[2]));
    }

    /// <summary>A projected (L, N, E), (N, L, E) or unbatched (L, E) sequence as (N, num_heads, L, head_dim).</summary>
    private Tensor SplitHeads(Tensor projected, bool batched, bool sequenceFirst)
    {
        Tensor heads = projected.unflatten(-1, num_heads, head_dim);
        if (!batched)
        {
            return heads.transpose(0, 1).unsqueeze(0);
        }

        return sequenceFirst ? heads.permute(1, 2, 0, 3) : heads.transpose(1, 2);
    }

    /// <summary>The attention output (N, num_heads, L, head_dim) back in the input's layout with the heads concatenated.</summary>
    private static Tensor MergeHeads(Tensor attended, bool sequenceFirst) =>
        (sequenceFirst ? attended.permute(2, 0, 1, 3) : attended.transpose(1, 2)).flatten(-2);

    /// <summary>
    /// softmax(Q·Kᵀ/√head_dim + mask)·V step by step, for the weights; rows that exclude every key get zero weights.
    /// Returns the attention output and the per-head weights (N, num_heads, L, S), after dropout as in PyTorch.
    /// </summary>
    private static (Tensor output, Tensor weights) ExplicitAttention(Tensor q, Tensor k, Tensor v, Tensor? excluded, Tensor? additive, double dropoutP)
    {
        Tensor scores = (q / Math.Sqrt(q.size(-1))).matmul(k.transpose(-2, -1));
        Tensor? emptyRows = null;
        if (excluded is not null || additive is not null)
        {
            Tensor mask = additive is null
                ? zeros(excluded!.shape, q.dtype, q.device).masked_fill(excluded, double.NegativeInfinity)
                : excluded is null ? additive : where(excluded, double.NegativeInfinity, additive);
            emptyRows = mask.eq(double.NegativeInfinity).all(-1, keepdim: true);
            scores = scores + mask.masked_fill(emptyRows, 0);
        }

        Tensor weights = nn.functional.softmax(scores, -1);
        if (emptyRows is not null)
        {
            weights = weights.masked_fill(emptyRows, 0);
        }

        if (dropoutP > 0)
        {
            weights = nn.functional.dropout(weights, dropoutP);
        }

        return (weights.matmul(v), weights);
    }

    /// <summary>Adds a bool mask to the excluded part or a float mask to the additive part.</summary>
    private static void Combine(Tensor mask, ref Tensor? excluded, ref Tensor? additive)
    {
        if (mask.dtype == ScalarType.Bool)
        {
            excluded = excluded is null ? mask : excluded.logical_or(mask);
        }
        else
        {
            additive = additive is null ? mask : additive + mask;
        }
    }

    /// <summary>A mask over the source keys extended, unmasked, over the bias_k and zero-attention keys.</summary>
    private static Tensor PadKeys(Tensor mask, long extraKeys) => extraKeys == 0 ? mask : nn.functional.pad(mask, [0, extraKeys]);

    /// <summary>attn_mask (L, S) or (N·num_heads, L, S) (num_heads, L, S when unbatched) checked as PyTorch does, as a mask broadcastable to (N, num_heads, L, S).</summary>
    private Tensor CheckAttentionMask(Tensor mask, long batch, long targetLength, long sourceLength)
    {
        CheckMaskType(mask, "attn_mask");
        long[] shape = mask.shape;
        string given = $"[{string.Join(", ", shape)}]";
        switch (shape.Length)
        {
            case 2:
                if (shape[0] != targetLength || shape[1] != sourceLength)
                {
                    throw new TorchException($"The shape of the 2D attn_mask is {given}, but should be ({targetLength}, {sourceLength}).");
                }

                return mask;
            case 3:
                long heads = batch * num_heads;
                if (shape[0] != heads || shape[1] != targetLength || shape[2] != sourceLength)
                {
                    throw new TorchException($"The shape of the 3D attn_mask is {given}, but should be ({heads}, {targetLength}, {sourceLength}).");
                }

                return mask.view(batch, num_heads, targetLength, sourceLength);
            default:
                throw new TorchException($"attn_mask's dimension {shape.Length} is not supported");
        }
    }

    /// <summary>key_padding_mask (N, S), or (S) for unbatched input, checked, as (N, 1, 1, S).</summary>
    private static Tensor CheckKeyPaddingMask(Tensor mask, long batch, long sourceLength, bool batched)
    {
        CheckMaskType(mask, "key_padding_mask");
        long[] shape = mask.shape;
        bool fits = batched ? shape is [var n, var s] && n == batch && s == sourceLength : shape is [var only] && only == sourceLength;
        if (!fits)
        {
            string expected = batched ? $"({batch}, {sourceLength})" : $"({sourceLength})";
            throw new TorchException($"expecting key_padding_mask shape of {expected}, but got [{string.Join(", ", shape)}]");
        }

        return mask.view(batch, 1, 1, sourceLength);
    }

    private static void CheckMaskType(Tensor mask, string what)
    {
        if (mask.dtype != ScalarType.Bool && !mask.is_floating_point())
        {
            throw new TorchException($"only bool and floating types of {what} are supported");
        }
    }
}
