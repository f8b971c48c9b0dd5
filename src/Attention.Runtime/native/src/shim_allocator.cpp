// The CPU allocation policy, set when the shim loads.
//
// libtorch allocates CPU tensors with glibc's malloc. Under glibc's default (dynamic) policy, blocks
// above a moving mmap threshold are mapped and unmapped on every allocation, and free memory at the top
// of the heap is returned to the kernel, so a training loop that allocates the same tensors every step
// pays thousands of minor page faults per step (measured: 3,000-27,000 per CBAM-CNN step at batch 128,
// about 17 us each). Pinning the thresholds keeps blocks up to 32 MiB in the heap and the freed memory
// mapped, so the next step reuses it. PyTorch leaves this to its users (jemalloc or tcmalloc preloaded);
// the shim does it in-process.
// Blocks above glibc's largest threshold are kept for reuse by a caching CPU allocator (below).
//
// ATTENTION_MALLOC=default leaves glibc's policy and libtorch's allocator alone; a GLIBC_TUNABLES that sets
// any glibc.malloc tunable is the user's choice and is left alone too.
#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <malloc.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

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

// Blocks of 32 MiB and more are above glibc's largest mmap threshold: glibc maps and unmaps each one, so
// a training step that needs one (the attention scores of 16 x 8 heads x 256 x 256 floats) faults it in
// every time, whatever the thresholds. This allocator keeps such blocks when they are freed, up to
// kCacheCapacity in all, and hands one of the same size to the next request; smaller blocks go to glibc
// as with libtorch's default CPU allocator (c10::alloc_cpu, 64-byte aligned).
constexpr size_t kCachedFrom = 32u << 20;
constexpr size_t kCacheCapacity = size_t{1} << 30;

class LargeBlockCache final : public c10::Allocator {
   public:
    // The context is the data pointer itself, as libtorch's default allocator has it, so that raw_allocate and
    // raw_deallocate (oneDNN uses them) work; the sizes of large blocks are looked up by address.
    c10::DataPtr allocate(size_t bytes) const override {
        if (bytes < kCachedFrom) {
            void* data = c10::alloc_cpu(bytes);
            return {data, data, &c10::free_cpu, c10::Device(c10::DeviceType::CPU)};
        }

        void* data = take(bytes);
        if (data == nullptr) {
            data = c10::alloc_cpu(bytes);
            std::lock_guard<std::mutex> lock(mutex_);
            sizes_[data] = bytes;
        }

        return {data, data, &LargeBlockCache::release, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &LargeBlockCache::release; }

#if SHIM_TORCH_2
    void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }
#endif

    static LargeBlockCache& instance() {
        static LargeBlockCache cache;
        return cache;
    }

   private:
    // A free block of exactly `bytes`, or null. Its entry in sizes_ stays: it is still one of ours.
    void* take(size_t bytes) const {
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = free_.find(bytes);
        if (found == free_.end() || found->second.empty()) {
            return nullptr;
        }

        void* data = found->second.back();
        found->second.pop_back();
        cached_ -= bytes;
        return data;
    }

    // The deleter of every block this allocator hands out: a large one goes back to the cache while it has
    // room, anything else to glibc.
    static void release(void* data) {
        LargeBlockCache& cache = instance();
        {
            std::lock_guard<std::mutex> lock(cache.mutex_);
            auto size = cache.sizes_.find(data);
            if (size != cache.sizes_.end()) {
                if (cache.cached_ + size->second <= kCacheCapacity) {
                    cache.free_[size->second].push_back(data);
                    cache.cached_ += size->second;
                    return;
                }

                cache.sizes_.erase(size);
            }
        }

        c10::free_cpu(data);
    }

    mutable std::mutex mutex_;
    mutable std::unordered_map<void*, size_t> sizes_;                  // every large block handed out or cached
    mutable std::unordered_map<size_t, std::vector<void*>> free_;     // the cached ones, by size
    mutable size_t cached_ = 0;
};

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

    // Above libtorch's default CPU allocator (priority 0), before any tensor of ours exists.
    c10::SetCPUAllocator(&LargeBlockCache::instance(), /*priority=*/1);
    return kPinned;
}

const int32_t applied_policy = apply_policy();

}  // namespace

// The policy applied when the shim loaded (MallocPolicy).
SHIM_API int32_t shim_malloc_policy() { return applied_policy; }
