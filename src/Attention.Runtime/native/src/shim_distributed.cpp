// c10d, libtorch's distributed engine: stores (TCP, file, prefix), process groups (Gloo; NCCL where libtorch
// was built with it), collectives with timeouts, and DistributedDataParallel's Reducer. Nothing here
// communicates by itself: every byte goes through c10d, as it does for torch.distributed.
//
// Handles: a StoreHandle owns one c10::intrusive_ptr<c10d::Store>, a GroupHandle one
// c10::intrusive_ptr<c10d::ProcessGroup>, a ReducerHandle one c10d::Reducer. Each has its _free.
// Where the shim is built without c10d (a libtorch without Gloo's headers, or a libtorch 2.x, where
// ProcessGroupGloo became a c10d::Backend and this binding is not ported yet), shim_dist_available()
// is 0 and the managed side says so before calling anything else.
#include "common.h"

#include <chrono>
#include <cstring>
#include <memory>

#if SHIM_HAS_C10D && SHIM_TORCH_2
#undef SHIM_HAS_C10D
#define SHIM_HAS_C10D 0
#endif

#if SHIM_HAS_C10D
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/distributed/c10d/reducer.hpp>
#if SHIM_HAS_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#endif

#if SHIM_HAS_C10D

typedef c10::intrusive_ptr<c10d::Store>* StoreHandle;
typedef c10::intrusive_ptr<c10d::ProcessGroup>* GroupHandle;
typedef c10d::Reducer* ReducerHandle;

namespace {

std::chrono::milliseconds millis(int64_t ms) { return std::chrono::milliseconds(ms); }

// Waits for a collective; a timeout or a peer's failure surfaces as the exception of the work item.
void finish(const c10::intrusive_ptr<c10d::Work>& work, int64_t timeout_ms) {
    work->wait(timeout_ms > 0 ? millis(timeout_ms) : std::chrono::milliseconds(0));
}

c10d::ReduceOp reduce_op(int32_t op) {
    switch (op) {
        case 0: return c10d::ReduceOp(c10d::ReduceOp::SUM);
        case 2: return c10d::ReduceOp(c10d::ReduceOp::PRODUCT);
        case 3: return c10d::ReduceOp(c10d::ReduceOp::MIN);
        case 4: return c10d::ReduceOp(c10d::ReduceOp::MAX);
        case 5: return c10d::ReduceOp(c10d::ReduceOp::BAND);
        case 6: return c10d::ReduceOp(c10d::ReduceOp::BOR);
        case 7: return c10d::ReduceOp(c10d::ReduceOp::BXOR);
        default: throw std::invalid_argument("unsupported reduce op " + std::to_string(op));
    }
}

}  // namespace

SHIM_API uint8_t shim_dist_available() { return 1; }

SHIM_API uint8_t shim_dist_nccl_available() {
#if SHIM_HAS_NCCL
    return 1;
#else
    return 0;
#endif
}

// ---- Stores -------------------------------------------------------------------------------

// torch.distributed.TCPStore(host, port, world_size, is_master, timeout, multi_tenant=True): the server
// waits for world_size clients (itself included) before it returns, as Python's does.
SHIM_API StoreHandle shim_dist_tcp_store(const char* host, int32_t port, int32_t world_size, uint8_t is_server,
                                         int64_t timeout_ms) {
    try {
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(port);
        options.isServer = is_server != 0;
        if (world_size > 0) options.numWorkers = static_cast<std::size_t>(world_size);
        options.waitWorkers = true;
        options.timeout = millis(timeout_ms);
        options.multiTenant = true;
        return new c10::intrusive_ptr<c10d::Store>(c10::make_intrusive<c10d::TCPStore>(std::string(host), options));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API StoreHandle shim_dist_file_store(const char* path, int32_t world_size) {
    try {
        return new c10::intrusive_ptr<c10d::Store>(c10::make_intrusive<c10d::FileStore>(std::string(path), world_size));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API StoreHandle shim_dist_prefix_store(const char* prefix, StoreHandle store) {
    try {
        return new c10::intrusive_ptr<c10d::Store>(c10::make_intrusive<c10d::PrefixStore>(std::string(prefix), *store));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API void shim_dist_store_free(StoreHandle store) { delete store; }

SHIM_API ShimStatus shim_dist_store_set_timeout(StoreHandle store, int64_t timeout_ms) {
    SHIM_STATUS((*store)->setTimeout(millis(timeout_ms)))
}

SHIM_API ShimStatus shim_dist_store_set(StoreHandle store, const char* key, const uint8_t* value, int64_t length) {
    SHIM_STATUS((*store)->set(std::string(key), std::vector<uint8_t>(value, value + length)))
}

// Blocks until the key exists (or the store's timeout passes); the value is copied into a buffer of
// malloc that the caller frees with shim_dist_buffer_free.
SHIM_API ShimStatus shim_dist_store_get(StoreHandle store, const char* key, uint8_t** value, int64_t* length) {
    SHIM_STATUS(
        std::vector<uint8_t> bytes = (*store)->get(std::string(key));
        *length = static_cast<int64_t>(bytes.size());
        *value = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
        if (*value == nullptr) throw std::bad_alloc();
        if (!bytes.empty()) std::memcpy(*value, bytes.data(), bytes.size());)
}

SHIM_API void shim_dist_buffer_free(uint8_t* buffer) { std::free(buffer); }

SHIM_API ShimStatus shim_dist_store_add(StoreHandle store, const char* key, int64_t amount, int64_t* result) {
    SHIM_STATUS(*result = (*store)->add(std::string(key), amount))
}

// ---- Process groups -----------------------------------------------------------------------

// ProcessGroupGloo as torch.distributed creates it: one device per network interface named in
// `interfaces` (GLOO_SOCKET_IFNAME, comma-separated), or, when it is empty, the default device (the
// host name's address, or loopback).
SHIM_API GroupHandle shim_dist_gloo_group(StoreHandle store, int32_t rank, int32_t size, int64_t timeout_ms,
                                          const char* interfaces) {
    try {
        auto options = c10d::ProcessGroupGloo::Options::create(millis(timeout_ms));
        std::string names = interfaces != nullptr ? interfaces : "";
        for (size_t start = 0; start < names.size();) {
            size_t end = names.find(',', start);
            if (end == std::string::npos) end = names.size();
            if (end > start) {
                options->devices.push_back(
                    c10d::ProcessGroupGloo::createDeviceForInterface(names.substr(start, end - start)));
            }
            start = end + 1;
        }
        if (options->devices.empty()) options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        c10::intrusive_ptr<c10d::ProcessGroup> group =
            c10::make_intrusive<c10d::ProcessGroupGloo>(*store, rank, size, options);
        return new c10::intrusive_ptr<c10d::ProcessGroup>(std::move(group));
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API GroupHandle shim_dist_nccl_group(StoreHandle store, int32_t rank, int32_t size, int64_t timeout_ms) {
    try {
#if SHIM_HAS_NCCL
        auto options = c10d::ProcessGroupNCCL::Options::create();
        options->timeout = millis(timeout_ms);
        c10::intrusive_ptr<c10d::ProcessGroup> group =
            c10::make_intrusive<c10d::ProcessGroupNCCL>(*store, rank, size, options);
        return new c10::intrusive_ptr<c10d::ProcessGroup>(std::move(group));
#else
        throw std::runtime_error(
            "the nccl backend is not available: this libtorch was built without NCCL (use backend \"gloo\")");
#endif
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API void shim_dist_group_free(GroupHandle group) { delete group; }

// The sequence number torch.distributed agrees on after init_process_group: rank 0 draws it and
// publishes it in the store, the others read it (a Python rank waits for it).
SHIM_API ShimStatus shim_dist_group_set_sequence_number(GroupHandle group) {
    SHIM_STATUS((*group)->setSequenceNumberForGroup())
}

SHIM_API ShimStatus shim_dist_all_reduce(GroupHandle group, const TensorHandle* tensors, int32_t count, int32_t op,
                                         int64_t timeout_ms) {
    SHIM_STATUS(
        std::vector<at::Tensor> list = shim::tensor_list(tensors, count);
        c10d::AllreduceOptions options;
        options.reduceOp = reduce_op(op);
        finish((*group)->allreduce(list, options), timeout_ms);)
}

SHIM_API ShimStatus shim_dist_broadcast(GroupHandle group, const TensorHandle* tensors, int32_t count, int32_t root,
                                        int64_t timeout_ms) {
    SHIM_STATUS(
        std::vector<at::Tensor> list = shim::tensor_list(tensors, count);
        c10d::BroadcastOptions options;
        options.rootRank = root;
        finish((*group)->broadcast(list, options), timeout_ms);)
}

// outputs[world size] receive every rank's input, in rank order.
SHIM_API ShimStatus shim_dist_all_gather(GroupHandle group, const TensorHandle* outputs, int32_t count,
                                         TensorHandle input, int64_t timeout_ms) {
    SHIM_STATUS(
        std::vector<std::vector<at::Tensor>> output_lists{shim::tensor_list(outputs, count)};
        std::vector<at::Tensor> inputs{*input};
        finish((*group)->allgather(output_lists, inputs), timeout_ms);)
}

SHIM_API ShimStatus shim_dist_barrier(GroupHandle group, int64_t timeout_ms) {
    SHIM_STATUS(
        c10d::BarrierOptions options;
        if (timeout_ms > 0) options.timeout = millis(timeout_ms);
        finish((*group)->barrier(options), timeout_ms);)
}

// c10d::broadcast_coalesced: the tensors flattened into buffers of at most buffer_size bytes, each
// broadcast from `root` (how DistributedDataParallel syncs module states).
SHIM_API ShimStatus shim_dist_broadcast_coalesced(GroupHandle group, const TensorHandle* tensors, int32_t count,
                                                  int64_t buffer_size, int32_t root) {
    SHIM_STATUS(
        std::vector<at::Tensor> list = shim::tensor_list(tensors, count);
        c10d::broadcast_coalesced(*group, list, static_cast<size_t>(buffer_size), root);)
}

// c10d::verify_params_across_processes: every rank holds parameters of rank 0's count, shapes and dtypes.
SHIM_API ShimStatus shim_dist_verify_params(GroupHandle group, const TensorHandle* params, int32_t count) {
    SHIM_STATUS(c10d::verify_params_across_processes(*group, shim::tensor_list(params, count), c10::nullopt))
}

// ---- DistributedDataParallel's Reducer ----------------------------------------------------

// Buckets as Python's DDP assigns them: a first bucket of first_bucket_bytes, then bucket_bytes each,
// in reverse order of registration (gradients of the last layers are ready first in backward).
SHIM_API ReducerHandle shim_dist_reducer_new(GroupHandle group, const TensorHandle* params, int32_t count,
                                             int64_t bucket_bytes, int64_t first_bucket_bytes,
                                             uint8_t find_unused_parameters, uint8_t gradient_as_bucket_view) {
    try {
        std::vector<at::Tensor> list = shim::tensor_list(params, count);
        std::vector<bool> expect_sparse(list.size(), false);
        auto assignment = c10d::compute_bucket_assignment_by_size(
            list, {static_cast<size_t>(first_bucket_bytes), static_cast<size_t>(bucket_bytes)}, expect_sparse);
        std::vector<std::vector<size_t>> bucket_indices = std::get<0>(assignment);
        std::vector<size_t> size_limits = std::get<1>(assignment);
        std::reverse(bucket_indices.begin(), bucket_indices.end());
        std::reverse(size_limits.begin(), size_limits.end());
        return new c10d::Reducer(std::move(list), std::move(bucket_indices), std::move(size_limits), *group,
                                 std::move(expect_sparse), bucket_bytes, find_unused_parameters != 0,
                                 gradient_as_bucket_view != 0, {}, first_bucket_bytes);
    }
    SHIM_CATCH_ALL
    return nullptr;
}

SHIM_API int32_t shim_dist_reducer_bucket_count(ReducerHandle reducer) {
    SHIM_VALUE(-1, static_cast<int32_t>(reducer->get_grad_buckets(/*return_zero_tensors=*/true).size()))
}

SHIM_API ShimStatus shim_dist_reducer_prepare_for_forward(ReducerHandle reducer) {
    SHIM_STATUS(reducer->prepare_for_forward())
}

// The outputs matter only with find_unused_parameters: the reducer walks the graph from them to
// mark the parameters that get no gradient this iteration.
SHIM_API ShimStatus shim_dist_reducer_prepare_for_backward(ReducerHandle reducer, const TensorHandle* outputs,
                                                           int32_t count) {
    SHIM_STATUS(reducer->prepare_for_backward(shim::tensor_list(outputs, count)))
}

SHIM_API void shim_dist_reducer_free(ReducerHandle reducer) {
    try {
        delete reducer;  // ~Reducer may throw (noexcept(false)); nothing escapes extern "C"
    }
    SHIM_CATCH_ALL
}

#else  // no c10d in this build

SHIM_API uint8_t shim_dist_available() { return 0; }
SHIM_API uint8_t shim_dist_nccl_available() { return 0; }

#endif
