// torch.nn.functional losses. Each export is one libtorch loss kernel plus the argument handling
// that torch/nn/functional.py does before calling it (broadcasting for the regression losses,
// the same-size checks and weight expansion of the binary cross-entropies), so that one call
// from .NET does the whole loss. `reduction` is at::Reduction: 0 none, 1 mean, 2 sum.
#include <ATen/ExpandUtils.h>

#include <sstream>

#include "common.h"

namespace {

// Python prints sizes as torch.Size([2, 3]); the messages below quote it.
std::string torch_size_text(at::IntArrayRef sizes) {
    std::ostringstream text;
    text << "torch.Size(" << sizes << ")";
    return text.str();
}

// functional.py broadcasts input and target against each other before the pointwise regression
// losses (PyTorch only warns that differing sizes are likely a mistake).
template <typename Loss>
at::Tensor broadcast_loss(const at::Tensor& input, const at::Tensor& target, Loss loss) {
    if (input.sizes() == target.sizes()) return loss(input, target);
    std::vector<at::Tensor> expanded = at::broadcast_tensors({input, target});
    return loss(expanded[0], expanded[1]);
}

}  // namespace

SHIM_API TensorHandle shim_mse_loss(TensorHandle input, TensorHandle target, int64_t reduction) {
    SHIM_TENSOR(broadcast_loss(*input, *target, [&](const at::Tensor& i, const at::Tensor& t) { return at::mse_loss(i, t, reduction); }))
}

SHIM_API TensorHandle shim_l1_loss(TensorHandle input, TensorHandle target, int64_t reduction) {
    SHIM_TENSOR(broadcast_loss(*input, *target, [&](const at::Tensor& i, const at::Tensor& t) { return at::l1_loss(i, t, reduction); }))
}

SHIM_API TensorHandle shim_smooth_l1_loss(TensorHandle input, TensorHandle target, int64_t reduction, double beta) {
    SHIM_TENSOR(broadcast_loss(*input, *target,
                               [&](const at::Tensor& i, const at::Tensor& t) { return at::smooth_l1_loss(i, t, reduction, beta); }))
}

SHIM_API TensorHandle shim_binary_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, int64_t reduction) {
    try {
        TORCH_CHECK_VALUE(target->sizes() == input->sizes(), "Using a target size (", torch_size_text(target->sizes()),
                          ") that is different to the input size (", torch_size_text(input->sizes()),
                          ") is deprecated. Please ensure they have the same size.");
        // A weight broadcastable to the target is expanded to its size, as functional.py does.
        c10::optional<at::Tensor> expanded_weight;
        if (weight) expanded_weight = weight->expand(at::infer_size(target->sizes(), weight->sizes()));
        return shim::wrap(at::binary_cross_entropy(*input, *target, expanded_weight, reduction));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API TensorHandle shim_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight,
                                                            TensorHandle pos_weight, int64_t reduction) {
    try {
        TORCH_CHECK_VALUE(target->sizes() == input->sizes(), "Target size (", torch_size_text(target->sizes()),
                          ") must be the same as input size (", torch_size_text(input->sizes()), ")");
        return shim::wrap(at::binary_cross_entropy_with_logits(*input, *target, shim::optional_tensor_arg(weight),
                                                               shim::optional_tensor_arg(pos_weight), reduction));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

// Class-index targets (integer, the input's shape without the class dim) or class probabilities
// (floating point, the input's shape): libtorch tells them apart by shape.
SHIM_API TensorHandle shim_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, int64_t reduction,
                                         int64_t ignore_index, double label_smoothing) {
    SHIM_TENSOR(at::cross_entropy_loss(*input, *target, shim::optional_tensor_arg(weight), reduction, ignore_index, label_smoothing))
}

SHIM_API TensorHandle shim_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, int64_t reduction,
                                    int64_t ignore_index) {
    SHIM_TENSOR(at::nll_loss_nd(*input, *target, shim::optional_tensor_arg(weight), reduction, ignore_index))
}
