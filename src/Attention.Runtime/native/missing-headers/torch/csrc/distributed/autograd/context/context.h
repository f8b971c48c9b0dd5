// Debian's libtorch-dev 1.13.1 ships c10d's headers but not distributed autograd's, and c10d's
// reducer.hpp includes this one for two type names. They are declared here exactly as PyTorch 1.13
// declares them (torch/csrc/distributed/autograd/context/context.h), so c10d::Reducer's layout is the
// one libtorch_cpu was built with: both are held only through a std::shared_ptr and a pointer.
// CMakeLists.txt adds this folder to the include path only where the real header is missing.
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <memory>

namespace torch {
namespace distributed {
namespace autograd {

class DistAutogradContext {
 public:
  using GradCallback = std::function<bool(at::Tensor&)>;
};

using ContextPtr = std::shared_ptr<DistAutogradContext>;

}  // namespace autograd
}  // namespace distributed
}  // namespace torch
