// Autograd: backward, gradients, detaching and the thread-local grad modes.
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <vector>

#include "common.h"

SHIM_API ShimStatus shim_tensor_backward(TensorHandle t, TensorHandle gradient, uint8_t retain_graph,
                                         uint8_t create_graph) {
    SHIM_STATUS(t->backward(shim::optional_tensor(gradient),
                            retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(create_graph != 0),
                            create_graph != 0))
}

// Writes a new handle to the gradient, or NULL when the tensor has none.
SHIM_API ShimStatus shim_tensor_grad(TensorHandle t, TensorHandle* out) {
    SHIM_STATUS({
        const at::Tensor& grad = t->grad();
        *out = grad.defined() ? shim::wrap(grad) : nullptr;
    })
}

// Identity of the gradient's storage object, so the managed side can reuse one handle per
// gradient instead of creating a new one at every access. 0 when there is none.
SHIM_API intptr_t shim_tensor_grad_identity(TensorHandle t) {
    try {
        const at::Tensor& grad = t->grad();
        return grad.defined() ? reinterpret_cast<intptr_t>(grad.unsafeGetTensorImpl()) : 0;
    }
    SHIM_CATCH_ALL
    return 0;
}

SHIM_API ShimStatus shim_tensor_set_grad(TensorHandle t, TensorHandle grad) {
    SHIM_STATUS(t->mutable_grad() = shim::optional_tensor(grad))
}

SHIM_API TensorHandle shim_tensor_detach(TensorHandle t) { SHIM_TENSOR(t->detach()) }

SHIM_API ShimStatus shim_tensor_detach_(TensorHandle t) { SHIM_STATUS(t->detach_()) }

SHIM_API ShimStatus shim_tensor_retain_grad(TensorHandle t) { SHIM_STATUS(t->retain_grad()) }

// torch.autograd.grad: outputs[n_outputs], inputs[n_inputs], grad_outputs[n_outputs] (entries may
// be NULL, the array itself may be NULL). Writes n_inputs handles; NULL for an unused input.
SHIM_API ShimStatus shim_autograd_grad(const TensorHandle* outputs, int32_t n_outputs, const TensorHandle* inputs,
                                       int32_t n_inputs, const TensorHandle* grad_outputs, uint8_t retain_graph,
                                       uint8_t create_graph, uint8_t allow_unused, TensorHandle* results) {
    SHIM_STATUS({
        std::vector<at::Tensor> outs = shim::tensor_list(outputs, n_outputs);
        std::vector<at::Tensor> ins = shim::tensor_list(inputs, n_inputs);
        std::vector<at::Tensor> grads;
        for (int32_t i = 0; i < n_outputs; ++i) {
            grads.push_back(grad_outputs ? shim::optional_tensor(grad_outputs[i]) : at::Tensor());
        }
        auto computed = torch::autograd::grad(outs, ins, grads,
                                              retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(create_graph != 0),
                                              create_graph != 0, allow_unused != 0);
        for (int32_t i = 0; i < n_inputs; ++i) {
            results[i] = computed[i].defined() ? shim::wrap(computed[i]) : nullptr;
        }
    })
}

SHIM_API uint8_t shim_is_grad_enabled() { SHIM_VALUE(1, at::GradMode::is_enabled() ? 1 : 0) }

SHIM_API void shim_set_grad_enabled(uint8_t enabled) {
    try {
        at::GradMode::set_enabled(enabled != 0);
    }
    SHIM_CATCH_ALL
}

SHIM_API uint8_t shim_is_inference_mode_enabled() { SHIM_VALUE(0, c10::InferenceMode::is_enabled() ? 1 : 0) }

// Inference mode is an RAII guard in C++; the managed scope owns one on the heap and must
// exit it on the thread that entered it.
SHIM_API void* shim_inference_mode_enter(uint8_t enabled) {
    try {
        return new c10::InferenceMode(enabled != 0);
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API void shim_inference_mode_exit(void* guard) { delete static_cast<c10::InferenceMode*>(guard); }
