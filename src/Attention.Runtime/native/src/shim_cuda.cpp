// CUDA device control beyond what tensors do on their own: waiting for queued kernels and
// seeding every GPU's generator. torch/cuda.h has these in libtorch 1.13 and 2.x alike, and
// works in a CPU-only libtorch too (synchronize throws there; manual_seed_all does nothing).
#include <torch/cuda.h>

#include "common.h"

// Blocks until every kernel queued on `device_index` (-1: the current device) has finished.
SHIM_API ShimStatus shim_cuda_synchronize(int64_t device_index) { SHIM_STATUS(torch::cuda::synchronize(device_index)) }

SHIM_API ShimStatus shim_cuda_manual_seed_all(uint64_t seed) { SHIM_STATUS(torch::cuda::manual_seed_all(seed)) }
