// Errors, tensor lifetime and metadata, factories, data transfer and global settings.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <cstring>

#include "common.h"

namespace {
thread_local std::string last_error;
}

namespace shim {

void set_error(const char* message) { last_error = message ? message : "unknown error"; }

std::atomic<int64_t>& live_tensor_count() {
    static std::atomic<int64_t> count{0};
    return count;
}

at::Scalar to_scalar(ShimScalar s) {
    switch (s.kind) {
        case 1:
            return at::Scalar(s.bits);
        case 2:
            return at::Scalar(s.bits != 0);
        default: {
            double value;
            std::memcpy(&value, &s.bits, sizeof value);
            return at::Scalar(value);
        }
    }
}

}  // namespace shim

namespace {

// -1 selects libtorch's default dtype (float32). ATen's factories ignore requires_grad in the
// options (only torch:: factories honour it), so it is applied afterwards by leaf().
at::TensorOptions options(int8_t dtype, int32_t device_type, int32_t device_index) {
    at::TensorOptions opts;
    if (dtype >= 0) opts = opts.dtype(static_cast<at::ScalarType>(dtype));
    return opts.device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

at::Tensor leaf(at::Tensor t, uint8_t requires_grad) {
    if (requires_grad) t.set_requires_grad(true);
    return t;
}

ShimScalar from_scalar(const at::Scalar& s) {
    ShimScalar out{};
    if (s.isBoolean()) {
        out.kind = 2;
        out.bits = s.toBool() ? 1 : 0;
    } else if (s.isIntegral(false)) {
        out.kind = 1;
        out.bits = s.toLong();
    } else {
        out.kind = 0;
        double value = s.toDouble();
        std::memcpy(&out.bits, &value, sizeof value);
    }
    return out;
}

}  // namespace

// ---- errors and versions -------------------------------------------------------------

SHIM_API const char* shim_last_error() { return last_error.c_str(); }

SHIM_API const char* shim_torch_version() { return TORCH_VERSION; }

SHIM_API const char* shim_torch_lib_dir() { return SHIM_TORCH_LIB_DIR; }

// ---- lifetime ------------------------------------------------------------------------

SHIM_API int64_t shim_live_tensors() { return shim::live_tensor_count().load(std::memory_order_relaxed); }

SHIM_API void shim_tensor_free(TensorHandle t) {
    if (!t) return;
    shim::live_tensor_count().fetch_sub(1, std::memory_order_relaxed);
    delete t;  // Releasing a reference never throws.
}

// ---- metadata ------------------------------------------------------------------------

// Writes up to `capacity` sizes and returns the number of dimensions (which may exceed capacity).
SHIM_API int32_t shim_tensor_sizes(TensorHandle t, int64_t* out, int32_t capacity) {
    try {
        if (!t->defined()) return 0;
        auto sizes = t->sizes();
        int32_t n = static_cast<int32_t>(sizes.size());
        for (int32_t i = 0; i < n && i < capacity; ++i) out[i] = sizes[i];
        return n;
    }
    SHIM_CATCH_ALL
    return 0;
}

SHIM_API int32_t shim_tensor_strides(TensorHandle t, int64_t* out, int32_t capacity) {
    try {
        auto strides = t->strides();
        int32_t n = static_cast<int32_t>(strides.size());
        for (int32_t i = 0; i < n && i < capacity; ++i) out[i] = strides[i];
        return n;
    }
    SHIM_CATCH_ALL
    return 0;
}

SHIM_API int8_t shim_tensor_dtype(TensorHandle t) { SHIM_VALUE(-1, static_cast<int8_t>(t->scalar_type())) }

SHIM_API void shim_tensor_device(TensorHandle t, int32_t* device_type, int32_t* device_index) {
    try {
        auto device = t->device();
        *device_type = static_cast<int32_t>(device.type());
        *device_index = device.index();
    }
    SHIM_CATCH_ALL
}

SHIM_API int64_t shim_tensor_numel(TensorHandle t) { SHIM_VALUE(0, t->numel()) }

SHIM_API uint8_t shim_tensor_is_contiguous(TensorHandle t) { SHIM_VALUE(0, t->is_contiguous() ? 1 : 0) }

SHIM_API uint8_t shim_tensor_requires_grad(TensorHandle t) { SHIM_VALUE(0, t->requires_grad() ? 1 : 0) }

// The requires_grad property's setter, as PyTorch's: only a leaf's flag can be changed.
SHIM_API ShimStatus shim_tensor_set_requires_grad(TensorHandle t, uint8_t value) {
    SHIM_STATUS({
        if (!t->is_leaf()) {
            std::string message = "you can only change requires_grad flags of leaf variables.";
            if (value == 0) {
                message += " If you want to use a computed variable in a subgraph that doesn't require differentiation use "
                           "var_no_grad = var.detach().";
            }
            TORCH_CHECK(false, message);
        }
        t->set_requires_grad(value != 0);
    })
}

// Tensor.requires_grad_, as at::Tensor::requires_grad_: a non-leaf may be marked, not unmarked.
SHIM_API ShimStatus shim_tensor_requires_grad_(TensorHandle t, uint8_t value) { SHIM_STATUS(t->requires_grad_(value != 0)) }

SHIM_API uint8_t shim_tensor_is_leaf(TensorHandle t) { SHIM_VALUE(0, t->is_leaf() ? 1 : 0) }

// ---- factories -----------------------------------------------------------------------

SHIM_API TensorHandle shim_empty(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                                 int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::empty(shim::dims(shape, ndim), options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_zeros(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                                 int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::zeros(shim::dims(shape, ndim), options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_ones(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                                int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::ones(shim::dims(shape, ndim), options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_full(const int64_t* shape, int32_t ndim, ShimScalar value, int8_t dtype,
                                int32_t device_type, int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::full(shim::dims(shape, ndim), shim::to_scalar(value),
                         options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_randn(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                                 int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::randn(shim::dims(shape, ndim), options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_rand(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                                int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::rand(shim::dims(shape, ndim), options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, int8_t dtype,
                                   int32_t device_type, int32_t device_index) {
    SHIM_TENSOR(at::randint(low, high, shim::dims(shape, ndim), options(dtype, device_type, device_index)))
}

SHIM_API TensorHandle shim_randperm(int64_t n, int8_t dtype, int32_t device_type, int32_t device_index) {
    SHIM_TENSOR(at::randperm(n, options(dtype, device_type, device_index)))
}

// torch.randperm(n, generator=torch.Generator().manual_seed(seed)): a permutation of its own generator,
// the same as Python's for the same seed (DistributedSampler's shuffle), untouched by the global seed.
SHIM_API TensorHandle shim_randperm_seeded(int64_t n, uint64_t seed) {
    SHIM_TENSOR(at::randperm(n, at::make_generator<at::CPUGeneratorImpl>(seed), at::TensorOptions().dtype(at::kLong)))
}

SHIM_API TensorHandle shim_arange(ShimScalar start, ShimScalar end, ShimScalar step, int8_t dtype,
                                  int32_t device_type, int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::arange(shim::to_scalar(start), shim::to_scalar(end), shim::to_scalar(step),
                           options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_linspace(double start, double end, int64_t steps, int8_t dtype, int32_t device_type,
                                    int32_t device_index, uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::linspace(start, end, steps, options(dtype, device_type, device_index)), requires_grad))
}

SHIM_API TensorHandle shim_eye(int64_t n, int64_t m, int8_t dtype, int32_t device_type, int32_t device_index,
                               uint8_t requires_grad) {
    SHIM_TENSOR(leaf(at::eye(n, m, options(dtype, device_type, device_index)), requires_grad))
}

// Copies `data` (contiguous, row-major, of the given dtype) into a new CPU tensor.
SHIM_API TensorHandle shim_from_data(const void* data, const int64_t* shape, int32_t ndim, int8_t dtype,
                                     uint8_t requires_grad) {
    SHIM_TENSOR(at::from_blob(const_cast<void*>(data), shim::dims(shape, ndim),
                              at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))
                    .clone()
                    .set_requires_grad(requires_grad != 0))
}

SHIM_API TensorHandle shim_zeros_like(TensorHandle t) { SHIM_TENSOR(at::zeros_like(*t)) }
SHIM_API TensorHandle shim_ones_like(TensorHandle t) { SHIM_TENSOR(at::ones_like(*t)) }
SHIM_API TensorHandle shim_randn_like(TensorHandle t) { SHIM_TENSOR(at::randn_like(*t)) }
SHIM_API TensorHandle shim_rand_like(TensorHandle t) { SHIM_TENSOR(at::rand_like(*t)) }
SHIM_API TensorHandle shim_full_like(TensorHandle t, ShimScalar value) {
    SHIM_TENSOR(at::full_like(*t, shim::to_scalar(value)))
}

// ---- data out and conversion ---------------------------------------------------------

// Copies the tensor's elements, row-major, into `destination` (nbytes must match exactly).
SHIM_API ShimStatus shim_tensor_copy_to(TensorHandle t, void* destination, int64_t nbytes) {
    SHIM_STATUS({
        at::Tensor source = t->detach().to(at::kCPU).contiguous();
        int64_t expected = source.numel() * static_cast<int64_t>(source.element_size());
        TORCH_CHECK(expected == nbytes, "copy_to: the tensor holds ", expected, " bytes but the buffer has ", nbytes);
        if (nbytes > 0) std::memcpy(destination, source.data_ptr(), static_cast<size_t>(nbytes));
    })
}

SHIM_API ShimStatus shim_tensor_item(TensorHandle t, ShimScalar* out) { SHIM_STATUS(*out = from_scalar(t->item())) }

// dtype -1 keeps the tensor's dtype; device_type -1 keeps its device (a dtype-only conversion
// then costs one call, without asking for the device first).
SHIM_API TensorHandle shim_tensor_to(TensorHandle t, int8_t dtype, int32_t device_type, int32_t device_index,
                                     uint8_t non_blocking, uint8_t copy) {
    SHIM_TENSOR(t->to(device_type >= 0 ? at::Device(static_cast<at::DeviceType>(device_type),
                                                    static_cast<c10::DeviceIndex>(device_index))
                                       : t->device(),
                      dtype >= 0 ? static_cast<at::ScalarType>(dtype) : t->scalar_type(), non_blocking != 0, copy != 0))
}

SHIM_API TensorHandle shim_tensor_clone(TensorHandle t) { SHIM_TENSOR(t->clone()) }

SHIM_API ShimStatus shim_tensor_copy_(TensorHandle destination, TensorHandle source) {
    SHIM_STATUS(destination->copy_(*source))
}

SHIM_API ShimStatus shim_tensor_fill_(TensorHandle t, ShimScalar value) { SHIM_STATUS(t->fill_(shim::to_scalar(value))) }

// Replaces the tensor's data (device, dtype, storage) while keeping its identity and autograd
// metadata, as PyTorch's `param.data = ...`; Module.to relies on it.
SHIM_API ShimStatus shim_tensor_set_data(TensorHandle t, TensorHandle data) { SHIM_STATUS(t->set_data(*data)) }

// In-place random initialisation (torch.nn.init), drawing from the default generator.
SHIM_API ShimStatus shim_tensor_uniform_(TensorHandle t, double from, double to) { SHIM_STATUS(t->uniform_(from, to)) }

SHIM_API ShimStatus shim_tensor_normal_(TensorHandle t, double mean, double std) { SHIM_STATUS(t->normal_(mean, std)) }

// ---- global settings -----------------------------------------------------------------

SHIM_API ShimStatus shim_manual_seed(uint64_t seed) { SHIM_STATUS(at::manual_seed(seed)) }

SHIM_API int32_t shim_get_num_threads() { SHIM_VALUE(1, at::get_num_threads()) }

SHIM_API ShimStatus shim_set_num_threads(int32_t n) { SHIM_STATUS(at::set_num_threads(n)) }

SHIM_API uint8_t shim_cuda_is_available() { SHIM_VALUE(0, at::hasCUDA() ? 1 : 0) }

SHIM_API int32_t shim_cuda_device_count() {
    try {
        return at::hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0;
    }
    SHIM_CATCH_ALL
    return 0;
}
