// Matrix products of float32 CPU tensors with oneDNN's sgemm, registered when the shim loads.
//
// Debian's libtorch is built with BLAS_INFO=generic: its mm, addmm and bmm call the reference BLAS
// (netlib's libblas.so.3) unless an optimised one (OpenBLAS) is installed system-wide. The reference sgemm runs
// a [4096 x 256] x [256 x 256] product in 141 ms here; oneDNN's, in the libdnnl.so.2 libtorch already depends on
// (for its mkldnn convolutions), in 4.3 ms. So the shim registers its own CPU kernels for aten::mm, addmm and bmm
// (and their out and in-place forms) with libtorch's dispatcher, in this process only: every product reaches
// them — Linear, matmul, attention scores, LSTM cells, and the products autograd runs in backward. A float32
// product of dense strided matrices goes to dnnl_sgemm; anything else (other dtypes, odd strides) to libtorch's
// own CPU kernel, called directly. Results differ from the reference BLAS by rounding only (the sums run in
// another order).
//
// ATTENTION_GEMM=blas keeps libtorch's kernels (as PyTorch on the same libtorch has them).
#include <ATen/ops/addmm_cpu_dispatch.h>
#include <ATen/ops/bmm_cpu_dispatch.h>
#include <ATen/ops/mm_cpu_dispatch.h>
#include <c10/util/Exception.h>
#include <torch/library.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "common.h"

#if SHIM_HAS_DNNL

// oneDNN's C API (dnnl.h), row-major: C = alpha * op(A) * op(B) + beta * C.
extern "C" int dnnl_sgemm(char transa, char transb, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
                          int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);

namespace {

// A matrix as sgemm takes it: its data, whether it is stored transposed, and its leading dimension.
struct Operand {
    at::Tensor owner;  // keeps a contiguous copy alive when one was needed
    const float* data;
    char trans;
    int64_t ld;
};

// rows x cols matrix m: row-major ('N') when its columns are adjacent, column-major ('T') when its rows are,
// otherwise (a broadcast or a slice with both strides above 1) a contiguous copy.
Operand operand(const at::Tensor& m) {
    const int64_t rows = m.size(0), cols = m.size(1);
    if (m.stride(1) == 1 && m.stride(0) >= std::max<int64_t>(1, cols)) {
        return {at::Tensor(), m.data_ptr<float>(), 'N', m.stride(0)};
    }
    if (m.stride(0) == 1 && m.stride(1) >= std::max<int64_t>(1, rows)) {
        return {at::Tensor(), m.data_ptr<float>(), 'T', m.stride(1)};
    }
    at::Tensor copy = m.contiguous();
    return {copy, copy.data_ptr<float>(), 'N', std::max<int64_t>(1, cols)};
}

bool dense_float(const at::Tensor& t) {
    return t.scalar_type() == at::kFloat && t.layout() == at::kStrided && t.device().is_cpu() && !t.is_conj() &&
           !t.is_neg();
}

// A float32 product sgemm can take; everything else goes to libtorch's kernel.
bool takes(const at::Tensor& a, const at::Tensor& b) {
    return dense_float(a) && dense_float(b) && a.dim() == 2 && b.dim() == 2 && a.size(1) == b.size(0);
}

// An output sgemm can write in place: float32, row-major rows of adjacent columns.
bool writable(const at::Tensor& out, int64_t rows, int64_t cols) {
    return dense_float(out) && out.dim() == 2 && out.size(0) == rows && out.size(1) == cols && out.stride(1) == 1 &&
           out.stride(0) >= std::max<int64_t>(1, cols);
}

// out = alpha * a b + beta * out, out already holding what beta scales (ignored when beta is 0).
void sgemm(const at::Tensor& a, const at::Tensor& b, const at::Tensor& out, float alpha, float beta) {
    const int64_t m = a.size(0), k = a.size(1), n = b.size(1);
    if (m == 0 || n == 0) return;
    if (k == 0) {  // an empty sum: only beta's part remains
        if (beta == 0.0f) out.zero_(); else out.mul_(beta);
        return;
    }
    Operand left = operand(a), right = operand(b);
    int status = dnnl_sgemm(left.trans, right.trans, m, n, k, alpha, left.data, left.ld, right.data, right.ld, beta,
                            out.data_ptr<float>(), out.stride(0));
    TORCH_CHECK(status == 0, "oneDNN's sgemm failed with status ", status);
}

at::Tensor mm(const at::Tensor& self, const at::Tensor& mat2) {
    if (!takes(self, mat2)) return at::cpu::mm(self, mat2);
    at::Tensor out = at::empty({self.size(0), mat2.size(1)}, self.options());
    sgemm(self, mat2, out, 1.0f, 0.0f);
    return out;
}

at::Tensor& mm_out(const at::Tensor& self, const at::Tensor& mat2, at::Tensor& out) {
    if (!takes(self, mat2) || !dense_float(out) || out.is_same(self) || out.is_same(mat2)) {
        return at::cpu::mm_out(out, self, mat2);
    }
    out.resize_({self.size(0), mat2.size(1)});
    if (!writable(out, self.size(0), mat2.size(1))) return at::cpu::mm_out(out, self, mat2);
    sgemm(self, mat2, out, 1.0f, 0.0f);
    return out;
}

// beta * self + alpha * mat1 mat2, with self broadcast to the product's shape (beta 0: self ignored, as PyTorch).
at::Tensor addmm(const at::Tensor& self, const at::Tensor& mat1, const at::Tensor& mat2, const at::Scalar& beta,
                 const at::Scalar& alpha) {
    if (!takes(mat1, mat2) || !dense_float(self)) return at::cpu::addmm(self, mat1, mat2, beta, alpha);
    const int64_t m = mat1.size(0), n = mat2.size(1);
    const float b = beta.toFloat();
    at::Tensor out = at::empty({m, n}, mat1.options());
    if (b != 0.0f) out.copy_(self.expand({m, n}));  // a copy: self is an input (expand refuses a shape that does not broadcast)
    sgemm(mat1, mat2, out, alpha.toFloat(), b);
    return out;
}

at::Tensor& addmm_out(const at::Tensor& self, const at::Tensor& mat1, const at::Tensor& mat2, const at::Scalar& beta,
                      const at::Scalar& alpha, at::Tensor& out) {
    if (!takes(mat1, mat2) || !dense_float(self) || !dense_float(out) || out.is_same(mat1) || out.is_same(mat2)) {
        return at::cpu::addmm_out(out, self, mat1, mat2, beta, alpha);
    }
    const int64_t m = mat1.size(0), n = mat2.size(1);
    const float b = beta.toFloat();
    if (!out.is_same(self)) {
        out.resize_({m, n});
        if (!writable(out, m, n)) return at::cpu::addmm_out(out, self, mat1, mat2, beta, alpha);
        if (b != 0.0f) out.copy_(self.expand({m, n}));
    } else if (!writable(out, m, n)) {
        return at::cpu::addmm_out(out, self, mat1, mat2, beta, alpha);
    }
    sgemm(mat1, mat2, out, alpha.toFloat(), b);
    return out;
}

at::Tensor& addmm_(at::Tensor& self, const at::Tensor& mat1, const at::Tensor& mat2, const at::Scalar& beta,
                   const at::Scalar& alpha) {
    if (!takes(mat1, mat2) || !writable(self, mat1.size(0), mat2.size(1)) || self.is_same(mat1) || self.is_same(mat2)) {
        return at::cpu::addmm_(self, mat1, mat2, beta, alpha);
    }
    sgemm(mat1, mat2, self, alpha.toFloat(), beta.toFloat());
    return self;
}

bool takes_batched(const at::Tensor& a, const at::Tensor& b) {
    return dense_float(a) && dense_float(b) && a.dim() == 3 && b.dim() == 3 && a.size(0) == b.size(0) &&
           a.size(2) == b.size(1);
}

void batched(const at::Tensor& self, const at::Tensor& mat2, const at::Tensor& out) {
    for (int64_t i = 0; i < self.size(0); ++i) {
        sgemm(self.select(0, i), mat2.select(0, i), out.select(0, i), 1.0f, 0.0f);
    }
}

at::Tensor bmm(const at::Tensor& self, const at::Tensor& mat2) {
    if (!takes_batched(self, mat2)) return at::cpu::bmm(self, mat2);
    at::Tensor out = at::empty({self.size(0), self.size(1), mat2.size(2)}, self.options());
    batched(self, mat2, out);
    return out;
}

at::Tensor& bmm_out(const at::Tensor& self, const at::Tensor& mat2, at::Tensor& out) {
    if (!takes_batched(self, mat2) || !dense_float(out) || out.is_same(self) || out.is_same(mat2)) {
        return at::cpu::bmm_out(out, self, mat2);
    }
    out.resize_({self.size(0), self.size(1), mat2.size(2)});
    if (!out.is_contiguous()) return at::cpu::bmm_out(out, self, mat2);
    batched(self, mat2, out);
    return out;
}

// 0: libtorch's kernels (ATTENTION_GEMM=blas); 1: oneDNN's sgemm registered; 2: registration failed.
int32_t register_kernels() {
    const char* choice = std::getenv("ATTENTION_GEMM");
    if (choice != nullptr && std::strcmp(choice, "blas") == 0) return 0;
    try {
        // Replacing a kernel makes libtorch warn once per operator; the replacement is the point, so silence it.
#if SHIM_TORCH_2
        struct Quiet : c10::WarningHandler {
            void process(const c10::Warning&) override {}
        } quiet;
        c10::WarningUtils::WarningHandlerGuard guard(&quiet);
#else
        struct Quiet : c10::WarningHandler {
            void process(const c10::SourceLocation&, const std::string&, const bool) override {}
        } quiet;
        c10::Warning::WarningHandlerGuard guard(&quiet);
#endif
        static auto library =
            std::make_unique<torch::Library>(torch::Library::IMPL, "aten", c10::DispatchKey::CPU, __FILE__, __LINE__);
        library->impl("mm", TORCH_FN(mm));
        library->impl("mm.out", TORCH_FN(mm_out));
        library->impl("addmm", TORCH_FN(addmm));
        library->impl("addmm.out", TORCH_FN(addmm_out));
        library->impl("addmm_", TORCH_FN(addmm_));
        library->impl("bmm", TORCH_FN(bmm));
        library->impl("bmm.out", TORCH_FN(bmm_out));
        return 1;
    } catch (...) {
        return 2;
    }
}

const int32_t gemm_backend = register_kernels();

}  // namespace

#else

namespace {
const int32_t gemm_backend = 0;
}  // namespace

#endif

// Which kernels compute float32 products in this process (see register_kernels).
SHIM_API int32_t shim_gemm_backend() { return gemm_backend; }
