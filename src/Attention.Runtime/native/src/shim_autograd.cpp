// Autograd: backward, gradients, detaching and the thread-local grad modes.
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <memory>
#include <mutex>
#include <vector>

#include "common.h"

SHIM_API ShimStatus shim_tensor_backward(TensorHandle t, TensorHandle gradient, uint8_t retain_graph,
                                         uint8_t create_graph) {
    SHIM_STATUS(t->backward(shim::optional_tensor(gradient),
                            retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(create_graph != 0),
                            create_graph != 0))
}

// Writes a new handle to the gradient, or NULL when the tensor has none.
namespace {

// The mutex that guards a tensor's .grad. For a leaf that requires grad it is the mutex of its AccumulateGrad
// node, which the autograd engine holds while it writes the gradient during backward, so reading .grad here
// while another thread runs backward is safe, as it is in PyTorch. Node::mutex_ is protected; a pointer to it
// is formed through a derived class (which the language allows).
struct NodeMutex : torch::autograd::Node {
    static std::mutex& of(torch::autograd::Node& node) { return node.*(&NodeMutex::mutex_); }
};

// Other tensors (non-leaves that retain their grad, tensors that do not require grad) share one mutex:
// only our own reads and writes touch their .grad.
std::mutex other_grads_mutex;

// Locks the mutex of t's .grad for its lifetime, keeping the accumulator (and so its mutex) alive.
class GradLock {
   public:
    explicit GradLock(const at::Tensor& t)
        : accumulator_(t.is_leaf() && t.requires_grad() ? torch::autograd::impl::grad_accumulator(t) : nullptr),
          lock_(accumulator_ ? NodeMutex::of(*accumulator_) : other_grads_mutex) {}

   private:
    std::shared_ptr<torch::autograd::Node> accumulator_;
    std::lock_guard<std::mutex> lock_;
};

intptr_t identity_of(const at::Tensor& grad) {
    return grad.defined() ? reinterpret_cast<intptr_t>(grad.unsafeGetTensorImpl()) : 0;
}

}  // namespace

// The gradient of t, read under its lock: its identity (the TensorImpl's address, 0 for none) and, when that
// differs from known, a new handle to it (NULL otherwise), so the managed side keeps one handle per gradient.
SHIM_API ShimStatus shim_tensor_grad_if_changed(TensorHandle t, intptr_t known, intptr_t* identity, TensorHandle* out) {
    SHIM_STATUS({
        GradLock lock(*t);
        const at::Tensor& grad = t->grad();
        *identity = identity_of(grad);
        *out = grad.defined() && *identity != known ? shim::wrap(grad) : nullptr;
    })
}

// Replaces t's gradient (NULL clears it) under its lock, with PyTorch's checks of the new one.
SHIM_API ShimStatus shim_tensor_set_grad(TensorHandle t, TensorHandle grad) {
    SHIM_STATUS({
        if (grad != nullptr) {
            const at::Tensor& g = *grad;
            TORCH_CHECK(!t->is_same(g), "can't assign Variable as its own grad");
            TORCH_CHECK(g.dtype() == t->dtype(), "assigned grad has data of a different type");
            TORCH_CHECK(g.device() == t->device(), "assigned grad has data located on a different device");
            TORCH_CHECK(g.sizes().equals(t->sizes()), "assigned grad has data of a different size");
        }
        GradLock lock(*t);
        t->mutable_grad() = shim::optional_tensor(grad);
    })
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
