// Support for printing tensors the way PyTorch's str(tensor) does (torch/_tensor_str.py).
#include <torch/csrc/autograd/function.h>

#include <string>

#include "common.h"

// The elements that str(tensor) shows, for the managed formatter to read in one copy. With
// summarize, every dimension longer than 2 * edgeitems keeps only its first and last edgeitems
// entries (PyTorch's get_summarized_data). The result is detached, contiguous and on the CPU:
// float64 for floating dtypes, complex values as float64 (real, imaginary) pairs in a trailing
// dimension, bool for bool and int64 for the other integral dtypes.
SHIM_API TensorHandle shim_print_elements(TensorHandle t, int64_t edgeitems, uint8_t summarize) {
    SHIM_TENSOR(([&] {
        at::Tensor x = t->detach();
        if (summarize) {
            for (int64_t d = 0; d < x.dim(); ++d) {
                int64_t n = x.size(d);
                if (n > 2 * edgeitems) x = at::cat({x.narrow(d, 0, edgeitems), x.narrow(d, n - edgeitems, edgeitems)}, d);
            }
        }
        at::ScalarType type = x.scalar_type();
        if (at::isComplexType(type)) return at::view_as_real(x.to(at::kCPU, at::kComplexDouble).contiguous()).contiguous();
        at::ScalarType target = at::isFloatingType(type) ? at::kDouble : type == at::kBool ? at::kBool : at::kLong;
        return x.to(at::kCPU, target).contiguous();
    }()))
}

// The name of the autograd node that produced the tensor, as Python shows it in
// grad_fn=<AddBackward0>, or NULL for a leaf. Valid until the next call on this thread.
SHIM_API const char* shim_tensor_grad_fn_name(TensorHandle t) {
    thread_local std::string name;
    try {
        const auto& node = t->grad_fn();
        if (!node) return nullptr;
        name = node->name();
        size_t separator = name.rfind("::");
        if (separator != std::string::npos) name = name.substr(separator + 2);
        return name.c_str();
    }
    SHIM_CATCH_ALL
    return nullptr;
}
