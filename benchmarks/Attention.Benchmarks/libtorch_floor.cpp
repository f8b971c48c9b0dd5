// The per-call cost of the benchmark's cases in C++ straight on libtorch (ATen), with no managed
// or Python layer: the floor under both columns of the benchmark table. Each result is heap-held
// and deleted as the shim does it. Not part of the build; compile and run it by hand:
//
//   g++ -O2 -std=c++17 benchmarks/Attention.Benchmarks/libtorch_floor.cpp -o /tmp/libtorch_floor \
//       -ltorch_cpu -lc10 && /tmp/libtorch_floor
//
// Prints the median, over 7 runs, of the calling thread's CPU time per call, one intra-op thread.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double thread_cpu_ns() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

template <class Loop>
void measure(const char* name, int calls, Loop loop) {
    loop(calls / 4);  // warm-up
    std::vector<double> per_call_us;
    for (int run = 0; run < 7; ++run) {
        double start = thread_cpu_ns();
        loop(calls);
        per_call_us.push_back((thread_cpu_ns() - start) / calls / 1000);
    }
    std::sort(per_call_us.begin(), per_call_us.end());
    std::printf("%-24s %8.2f us/call\n", name, per_call_us[per_call_us.size() / 2]);
}

// Keeps the result on the heap and frees it, as a shim handle does.
void consume(at::Tensor result) { delete new at::Tensor(std::move(result)); }

}  // namespace

int main() {
    at::set_num_threads(1);
    at::manual_seed(0);
    const int calls = 50000;
    at::Tensor a = at::randn({8, 8}), b = at::randn({8, 8}), x = at::randn({16, 32});
    at::Tensor w = at::randn({64, 32}), bias = at::randn({64});

    measure("matmul 8x8", calls, [&](int n) { for (int i = 0; i < n; ++i) consume(at::matmul(a, b)); });
    measure("add 8x8", calls, [&](int n) { for (int i = 0; i < n; ++i) consume(at::add(a, b)); });
    measure("softmax 16x32 dim=-1", calls, [&](int n) { for (int i = 0; i < n; ++i) consume(at::softmax(x, -1)); });
    measure("linear 16x32 -> 64", calls, [&](int n) { for (int i = 0; i < n; ++i) consume(at::linear(x, w, bias)); });

    // Linear(32, 64) -> ReLU -> Linear(64, 10); the parameter values do not matter for the time.
    std::vector<at::Tensor> parameters = {at::randn({64, 32}), at::randn({64}), at::randn({10, 64}), at::randn({10})};
    for (at::Tensor& p : parameters) p.requires_grad_();
    measure("mlp 32-64-10 fwd+bwd", calls / 10, [&](int n) {
        for (int i = 0; i < n; ++i) {
            for (at::Tensor& p : parameters) p.mutable_grad() = at::Tensor();  // zero_grad(set_to_none)
            at::Tensor hidden = at::relu(at::linear(x, parameters[0], parameters[1]));
            at::Tensor loss = at::linear(hidden, parameters[2], parameters[3]).sum();
            loss.backward();
        }
    });
    return 0;
}
