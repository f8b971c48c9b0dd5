// Shared plumbing of the shim's C API: handles, error capture and the export macros.
//
// Conventions (see HOUSE_STYLE.md, "The runtime"):
// - A TensorHandle owns exactly one at::Tensor, allocated with new and freed by shim_tensor_free.
// - Functions that produce a tensor return a new handle, or NULL after recording an error.
// - Functions that produce several results or none return a ShimStatus (0 = ok, -1 = error)
//   and write results through out-parameters.
// - Every export catches every exception; the message (without the C++ backtrace) is kept
//   per thread and read with shim_last_error(). Nothing escapes extern "C".
#pragma once

#include <ATen/ATen.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "compat.h"

#define SHIM_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TensorHandle;
typedef int32_t ShimStatus;

// A scalar passed by value without a native Scalar object: kind 0 = double (bits hold the
// IEEE-754 pattern), 1 = int64, 2 = bool. Mirrors Attention.Runtime's Scalar struct.
struct ShimScalar {
    int64_t bits;
    int32_t kind;
};

namespace shim {

void set_error(const char* message);
std::atomic<int64_t>& live_tensor_count();

inline TensorHandle wrap(at::Tensor tensor) {
    live_tensor_count().fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(tensor));
}

at::Scalar to_scalar(ShimScalar s);

inline at::IntArrayRef dims(const int64_t* values, int32_t count) {
    return at::IntArrayRef(values, static_cast<size_t>(count));
}

inline c10::optional<int64_t> optional_int(int64_t value, uint8_t has_value) {
    return has_value ? c10::optional<int64_t>(value) : c10::nullopt;
}

inline c10::optional<double> optional_double(double value, uint8_t has_value) {
    return has_value ? c10::optional<double>(value) : c10::nullopt;
}

// A list argument: tensors[count] as libtorch's TensorList.
inline std::vector<at::Tensor> tensor_list(const TensorHandle* tensors, int32_t count) {
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) list.push_back(*tensors[i]);
    return list;
}

// An optional tensor argument: NULL means "not given".
inline at::Tensor optional_tensor(TensorHandle handle) { return handle ? *handle : at::Tensor(); }

inline c10::optional<at::Tensor> optional_tensor_arg(TensorHandle handle) {
    return handle ? c10::optional<at::Tensor>(*handle) : c10::nullopt;
}

}  // namespace shim

#define SHIM_CATCH_ALL                                          \
    catch (const c10::Error& e) {                              \
        shim::set_error(e.what_without_backtrace());           \
    }                                                          \
    catch (const std::exception& e) {                          \
        shim::set_error(e.what());                             \
    }                                                          \
    catch (...) {                                              \
        shim::set_error("unknown C++ exception in libtorch");  \
    }

// Body of an export that returns a new tensor handle, or NULL on error.
#define SHIM_TENSOR(...)                \
    try {                               \
        return shim::wrap(__VA_ARGS__); \
    }                            \
    SHIM_CATCH_ALL               \
    return nullptr;

// Body of an accessor that cannot report an error: returns `fallback` if libtorch throws
// (zero cost when it does not), so nothing escapes extern "C" even from a getter.
#define SHIM_VALUE(fallback, ...) \
    try {                         \
        return __VA_ARGS__;       \
    }                             \
    SHIM_CATCH_ALL                \
    return fallback;

// Body of an export that runs statements and returns a ShimStatus.
#define SHIM_STATUS(...) \
    try {                \
        __VA_ARGS__;     \
        return 0;               \
    }                           \
    SHIM_CATCH_ALL              \
    return -1;
