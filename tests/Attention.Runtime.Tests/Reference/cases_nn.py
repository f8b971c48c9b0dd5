"""torch.nn.functional: activations, dropout, linear, convolution, pooling, normalization,
embedding, padding, interpolation, one-hot and similarities."""
import torch
import torch.nn.functional as F

from harness import case, rand, randint, randn


def seeded_dropout(x, p, training=True, inplace=False):
    torch.manual_seed(7)
    return F.dropout(x, p, training, inplace)


def batch_norm_train(x, mean, var, w, b):
    out = F.batch_norm(x, mean, var, w, b, training=True, momentum=0.2)
    return out, mean, var


def embedding_max_norm(idx, w):
    out = F.embedding(idx, w, max_norm=1.0)
    return out, w


def activation_input(seed):
    """The 3 × 4 input of the elementwise activation cases."""
    return randn(3, 4, seed=seed)

CASES = [
    # ---- activations ----
    case("relu", F.relu, activation_input("relu")),
    case("relu6", lambda x: F.relu6(x * 4), activation_input("relu6")),
    case("leaky_relu_default", F.leaky_relu, activation_input("leaky")),
    case("leaky_relu_slope", lambda x: F.leaky_relu(x, 0.2), activation_input("leaky2")),
    case("elu_default", F.elu, activation_input("elu")),
    case("elu_alpha", lambda x: F.elu(x, 0.5), activation_input("elu2")),
    case("gelu_none", F.gelu, activation_input("gelu")),
    case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), activation_input("gelu2")),
    case("silu", F.silu, activation_input("silu")),
    case("hardswish", lambda x: F.hardswish(x * 3), activation_input("hardswish")),
    case("hardsigmoid", lambda x: F.hardsigmoid(x * 3), activation_input("hardsigmoid")),
    case("softplus_default", lambda x: F.softplus(x * 10), activation_input("softplus")),
    case("softplus_beta_threshold", lambda x: F.softplus(x, beta=2.0, threshold=1.0), activation_input("softplus2")),
    case("sigmoid", torch.sigmoid, activation_input("sigmoid")),
    case("tanh", torch.tanh, activation_input("tanh")),
    case("softmax_dim1", lambda x: F.softmax(x, 1), activation_input("softmax")),
    case("softmax_dim0", lambda x: F.softmax(x, 0), activation_input("softmax0")),
    case("softmax_last_dim_3d", lambda x: F.softmax(x, -1), randn(2, 3, 4, seed="softmax3")),
    case("softmax_dtype", lambda x: F.softmax(x, 1, dtype=torch.float64), activation_input("softmaxdt")),
    case("log_softmax_dim1", lambda x: F.log_softmax(x, 1), activation_input("logsoftmax")),
    case("log_softmax_neg_dim", lambda x: F.log_softmax(x * 5, -2), randn(2, 3, 4, seed="logsoftmax3")),
    case("tensor_methods", lambda x: (F.relu(x), F.relu6(x * 4), F.leaky_relu(x, 0.1), F.elu(x, 0.5),
                                      F.gelu(x, approximate="tanh"), F.silu(x), F.hardswish(x * 3),
                                      F.hardsigmoid(x * 3), F.softplus(x, 2.0), x.softmax(1), x.log_softmax(0)),
         activation_input("methods")),
    case("activations_inplace", lambda x: (F.relu(x.clone(), True), F.relu6(x * 4, True), F.leaky_relu(x.clone(), 0.2, True),
                                           F.elu(x.clone(), 0.5, True), F.silu(x.clone(), True),
                                           F.hardswish(x * 3, True), F.hardsigmoid(x * 3, True)),
         activation_input("inplace")),
    # ---- dropout ----
    case("dropout_seeded", lambda x: seeded_dropout(x, 0.3), randn(4, 5, seed="dropout")),
    case("dropout_default_p", lambda x: seeded_dropout(x, 0.5), randn(4, 5, seed="dropout5")),
    case("dropout_inplace", lambda x: seeded_dropout(x, 0.6, inplace=True), randn(4, 5, seed="dropoutin")),
    case("dropout_eval", lambda x: seeded_dropout(x, 0.3, training=False), randn(4, 5, seed="dropouteval")),
    # ---- linear ----
    case("linear_bias", F.linear, randn(3, 5, seed="lin"), randn(4, 5, seed="linw"), randn(4, seed="linb")),
    case("linear_no_bias", F.linear, randn(3, 5, seed="lin2"), randn(4, 5, seed="lin2w")),
    case("linear_batched", F.linear, randn(2, 3, 5, seed="lin3"), randn(4, 5, seed="lin3w"), randn(4, seed="lin3b")),
    # ---- convolution ----
    case("conv1d_stride_padding", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1),
         randn(2, 3, 10, seed="c1"), randn(4, 3, 3, seed="c1w"), randn(4, seed="c1b")),
    case("conv1d_same_dilation", lambda x, w, b: F.conv1d(x, w, b, padding="same", dilation=2),
         randn(2, 3, 10, seed="c1s"), randn(4, 3, 3, seed="c1sw"), randn(4, seed="c1sb")),
    case("conv2d_padding", lambda x, w, b: F.conv2d(x, w, b, padding=1),
         randn(2, 3, 7, 6, seed="c2"), randn(4, 3, 3, 3, seed="c2w"), randn(4, seed="c2b")),
    case("conv2d_groups_dilation", lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(2, 1), dilation=2, groups=2),
         randn(1, 4, 9, 8, seed="c2g"), randn(6, 2, 3, 3, seed="c2gw"), randn(6, seed="c2gb")),
    case("conv2d_same", lambda x, w: F.conv2d(x, w, padding="same"),
         randn(1, 2, 5, 6, seed="c2same"), randn(3, 2, 2, 3, seed="c2samew")),
    case("conv2d_valid_strided", lambda x, w: F.conv2d(x, w, None, (2, 2), "valid"),
         randn(1, 2, 7, 7, seed="c2valid"), randn(3, 2, 3, 3, seed="c2validw")),
    case("conv2d_unbatched", lambda x, w: F.conv2d(x, w, stride=2),
         randn(3, 6, 5, seed="c2u"), randn(2, 3, 2, 2, seed="c2uw")),
    # ---- pooling ----
    case("max_pool1d_ceil", lambda x: F.max_pool1d(x, 3, 2, ceil_mode=True), randn(2, 3, 10, seed="mp1")),
    case("max_pool1d_indices", lambda x: F.max_pool1d(x, 2, return_indices=True), randn(2, 3, 9, seed="mp1i")),
    case("max_pool2d_kernel", lambda x: F.max_pool2d(x, 2), randn(2, 3, 8, 7, seed="mp2")),
    case("max_pool2d_ceil_padding", lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), randn(2, 3, 8, 7, seed="mp2c")),
    case("max_pool2d_dilation", lambda x: F.max_pool2d(x, (2, 3), (1, 2), (1, 0), dilation=2), randn(1, 2, 8, 9, seed="mp2d")),
    case("max_pool2d_indices", lambda x: F.max_pool2d(x, 3, 2, ceil_mode=True, return_indices=True), randn(2, 2, 7, 8, seed="mp2i")),
    case("avg_pool1d_ceil_exclude_pad", lambda x: F.avg_pool1d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False),
         randn(2, 3, 10, seed="ap1")),
    case("avg_pool2d_kernel", lambda x: F.avg_pool2d(x, 2), randn(2, 3, 8, 7, seed="ap2")),
    case("avg_pool2d_ceil_padding", lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True), randn(2, 3, 8, 7, seed="ap2c")),
    case("avg_pool2d_exclude_pad", lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False), randn(2, 3, 8, 7, seed="ap2e")),
    case("avg_pool2d_divisor", lambda x: F.avg_pool2d(x, (2, 3), divisor_override=2), randn(1, 2, 6, 9, seed="ap2d")),
    case("adaptive_avg_pool1d", lambda x: F.adaptive_avg_pool1d(x, 4), randn(2, 3, 10, seed="aap1")),
    case("adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 4)), randn(2, 3, 7, 9, seed="aap2")),
    case("adaptive_avg_pool2d_square", lambda x: F.adaptive_avg_pool2d(x, 2), randn(1, 2, 5, 5, seed="aap2s")),
    case("adaptive_max_pool1d", lambda x: F.adaptive_max_pool1d(x, 4), randn(2, 3, 10, seed="amp1")),
    case("adaptive_max_pool2d", lambda x: F.adaptive_max_pool2d(x, (3, 4)), randn(2, 3, 7, 9, seed="amp2")),
    case("adaptive_max_pool2d_indices", lambda x: F.adaptive_max_pool2d(x, (2, 3), return_indices=True), randn(1, 2, 5, 7, seed="amp2i")),
    # ---- normalization ----
    case("batch_norm_eval", lambda x, m, v, w, b: F.batch_norm(x, m, v, w, b),
         randn(4, 3, 5, seed="bn"), randn(3, seed="bnm"), rand(3, seed="bnv") + 0.5, randn(3, seed="bnw"), randn(3, seed="bnb")),
    case("batch_norm_train_updates_stats", batch_norm_train,
         randn(4, 3, 5, seed="bnt"), randn(3, seed="bntm"), rand(3, seed="bntv") + 0.5, randn(3, seed="bntw"), randn(3, seed="bntb")),
    case("batch_norm_train_no_stats", lambda x: F.batch_norm(x, None, None, training=True, eps=1e-3), randn(4, 3, 2, 2, seed="bnn")),
    case("layer_norm_affine", lambda x, w, b: F.layer_norm(x, [4], w, b),
         randn(2, 3, 4, seed="ln"), randn(4, seed="lnw"), randn(4, seed="lnb")),
    case("layer_norm_2d_shape", lambda x: F.layer_norm(x, [3, 4], eps=1e-3), randn(2, 3, 4, seed="ln2")),
    # ---- embedding ----
    case("embedding", F.embedding, randint(0, 10, 2, 3, seed="emb"), randn(10, 4, seed="embw")),
    case("embedding_padding_idx", lambda i, w: F.embedding(i, w, padding_idx=-1), randint(0, 10, 5, seed="embp"), randn(10, 4, seed="embpw")),
    case("embedding_max_norm", embedding_max_norm, randint(0, 6, 4, seed="embm"), randn(6, 3, seed="embmw") * 2),
    # ---- padding ----
    case("pad_constant_value", lambda x: F.pad(x, (1, 2), value=0.5), randn(2, 3, 4, seed="padc")),
    case("pad_constant_2d", lambda x: F.pad(x, (1, 1, 2, 0)), randn(2, 3, 4, seed="padc2")),
    case("pad_constant_crop", lambda x: F.pad(x, (-1, 1)), randn(2, 3, 4, seed="padcrop")),
    case("pad_reflect_1d", lambda x: F.pad(x, (2, 1), mode="reflect"), randn(2, 3, 5, seed="padr")),
    case("pad_reflect_2d", lambda x: F.pad(x, (1, 2, 2, 1), mode="reflect"), randn(1, 2, 4, 5, seed="padr2")),
    case("pad_replicate_2d", lambda x: F.pad(x, (2, 0, 1, 3), mode="replicate"), randn(1, 2, 4, 5, seed="padrep")),
    case("pad_circular_2d", lambda x: F.pad(x, (1, 2, 2, 1), mode="circular"), randn(1, 2, 4, 5, seed="padcirc")),
    # ---- interpolation ----
    case("interpolate_nearest_size", lambda x: F.interpolate(x, size=8), randn(1, 2, 5, seed="inn")),
    case("interpolate_nearest_scale_2d", lambda x: F.interpolate(x, scale_factor=1.5), randn(1, 2, 4, 5, seed="inn2")),
    case("interpolate_nearest_exact", lambda x: F.interpolate(x, size=(7, 3), mode="nearest-exact"), randn(1, 2, 4, 5, seed="inne")),
    case("interpolate_linear", lambda x: F.interpolate(x, size=9, mode="linear"), randn(1, 2, 5, seed="inl")),
    case("interpolate_linear_align_corners", lambda x: F.interpolate(x, scale_factor=2.5, mode="linear", align_corners=True),
         randn(1, 2, 5, seed="inla")),
    case("interpolate_bilinear_scale", lambda x: F.interpolate(x, scale_factor=(2.0, 1.5), mode="bilinear"), randn(1, 2, 4, 5, seed="inb")),
    case("interpolate_bilinear_align_corners", lambda x: F.interpolate(x, size=(7, 3), mode="bilinear", align_corners=True),
         randn(1, 2, 4, 5, seed="inba")),
    case("interpolate_bilinear_recompute", lambda x: F.interpolate(x, scale_factor=1.7, mode="bilinear", recompute_scale_factor=True),
         randn(1, 2, 4, 5, seed="inbr")),
    case("interpolate_bicubic", lambda x: F.interpolate(x, size=(6, 8), mode="bicubic"), randn(1, 2, 4, 5, seed="inc")),
    case("interpolate_bicubic_align_corners", lambda x: F.interpolate(x, scale_factor=1.5, mode="bicubic", align_corners=True),
         randn(1, 2, 4, 5, seed="inca")),
    case("interpolate_area_size", lambda x: F.interpolate(x, size=(3, 5), mode="area"), randn(1, 2, 6, 8, seed="ina")),
    case("interpolate_area_scale", lambda x: F.interpolate(x, scale_factor=0.5, mode="area"), randn(1, 2, 6, 9, seed="ina2")),
    # ---- one-hot and similarities ----
    case("one_hot", F.one_hot, randint(0, 5, 2, 3, seed="onehot")),
    case("one_hot_num_classes", lambda t: F.one_hot(t, 7), randint(0, 5, 4, seed="onehot7")),
    case("cosine_similarity", F.cosine_similarity, randn(3, 5, seed="cos1"), randn(3, 5, seed="cos2")),
    case("cosine_similarity_broadcast_last_dim", lambda a, b: F.cosine_similarity(a, b, dim=-1),
         randn(2, 3, 4, seed="cosb1"), randn(1, 3, 4, seed="cosb2")),
    case("normalize_default", F.normalize, randn(3, 4, seed="norm")),
    case("normalize_p1_dim0", lambda x: F.normalize(x, p=1.0, dim=0), randn(3, 4, seed="norm1")),
]
