// The CPU allocation policy, set when the shim loads.
//
// libtorch allocates CPU tensors with glibc's malloc. Under glibc's default (dynamic) policy, blocks
// above a moving mmap threshold are mapped and unmapped on every allocation, and free memory at the top
// of the heap is returned to the kernel, so a training loop that allocates the same tensors every step
// pays thousands of minor page faults per step (measured: 3,000-27,000 per CBAM-CNN step at batch 128,
// about 17 us each). Pinning the thresholds keeps blocks up to 32 MiB in the heap and the freed memory
// mapped, so the next step reuses it. PyTorch leaves this to its users (jemalloc or tcmalloc preloaded);
// the shim does it in-process.
//
// ATTENTION_MALLOC=default leaves glibc's policy alone; a GLIBC_TUNABLES that sets any glibc.malloc
// tunable is the user's choice and is left alone too.
#include <malloc.h>

#include <climits>
#include <cstdlib>
#include <cstring>

#include "common.h"

namespace {

// What shim_malloc_policy reports.
enum MallocPolicy : int32_t {
    kPinned = 1,         // mmap_threshold 32 MiB, trim_threshold 2 GiB (set here)
    kGlibcDefault = 2,   // ATTENTION_MALLOC=default
    kUserTunables = 3,   // GLIBC_TUNABLES sets glibc.malloc.* itself
    kRefused = 4,        // mallopt refused a value (a libc that is not glibc's)
};

// glibc's largest mmap threshold on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX = 4 MiB * sizeof(long)).
constexpr int kMmapThreshold = 32 * 1024 * 1024;
// mallopt takes an int: 2 GiB - 1 of free heap top before any is returned to the kernel.
constexpr int kTrimThreshold = INT_MAX;

int32_t apply_policy() {
    const char* choice = std::getenv("ATTENTION_MALLOC");
    if (choice != nullptr && std::strcmp(choice, "default") == 0) {
        return kGlibcDefault;
    }

    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr) {
        return kUserTunables;
    }

    // Setting either threshold also turns off glibc's dynamic adjustment of both.
    if (mallopt(M_MMAP_THRESHOLD, kMmapThreshold) != 1 || mallopt(M_TRIM_THRESHOLD, kTrimThreshold) != 1) {
        return kRefused;
    }

    return kPinned;
}

const int32_t applied_policy = apply_policy();

}  // namespace

// The policy applied when the shim loaded (MallocPolicy).
SHIM_API int32_t shim_malloc_policy() { return applied_policy; }
