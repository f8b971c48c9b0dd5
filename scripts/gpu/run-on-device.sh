#!/usr/bin/env bash
# Runs on a machine with PyTorch 2.x (CUDA) and no .NET SDK, from a bundle made by make-bundle.sh:
#   1. builds the native shim against that PyTorch's libtorch (ATTENTION_LIBTORCH, by default the torch folder of
#      the python3 on PATH), with CMake when there is one, else with g++ directly;
#   2. runs the three test suites on the bundled .NET runtime (the CUDA tests run where a GPU is visible);
#   3. runs the GPU training-step benchmark (ours against PyTorch eager on the same GPU) and the CPU one.
# Everything it prints goes to one folder: $RESULTS, else $OUT/gpu-results, else ./gpu-results; summary.txt first.
# It carries on past a failing step and exits non-zero when any failed.
# Usage: bash run-on-device.sh
#   may be set: PYTHON (python3), ATTENTION_LIBTORCH (that Python's torch folder), TORCH_CMAKE_DIR (its
#   share/cmake/Torch), NO_CMAKE=1 (build with g++ alone), JOBS (nproc), BENCH_PAIRS (3), RESULTS (see above)
set -uo pipefail
bundle=$(cd "$(dirname "$0")" && pwd)
results=${RESULTS:-${OUT:+$OUT/gpu-results}}
results=$(realpath -m "${results:-gpu-results}")
mkdir -p "$results"
summary="$results/summary.txt"
: > "$summary"
python=${PYTHON:-python3}
failed=0
note() { echo "$*" | tee -a "$summary"; }
step() {  # step NAME LOG COMMAND...: runs COMMAND, its output to LOG, and records the outcome
  local name=$1 log=$2; shift 2
  local start=$SECONDS
  "$@" > "$log" 2>&1
  local status=$?
  note "$name: exit $status in $((SECONDS - start)) s (log: $(basename "$log"))"
  [ $status -eq 0 ] || failed=1
  return $status
}

note "bundle commit $(cat "$bundle/commit.txt" 2>/dev/null || echo unknown), $(date -u +%FT%TZ), $(uname -m)"
"$python" - > "$results/torch.txt" 2>&1 <<'PY'
import os, torch
print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())
print("folder", os.path.dirname(torch.__file__))
print("cxx11 abi", int(torch._C._GLIBCXX_USE_CXX11_ABI))
for i in range(torch.cuda.device_count()):
    print("device", i, torch.cuda.get_device_name(i))
PY
cat "$results/torch.txt" | tee -a "$summary"
command -v nvidia-smi > /dev/null && nvidia-smi > "$results/nvidia-smi.txt" 2>&1

export ATTENTION_LIBTORCH=${ATTENTION_LIBTORCH:-$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))')}
jobs=${JOBS:-$(nproc)}
build="$bundle/build"
torch_cmake=${TORCH_CMAKE_DIR:-$ATTENTION_LIBTORCH/share/cmake/Torch}
build_shim() {
  if command -v cmake > /dev/null && [ -f "$torch_cmake/TorchConfig.cmake" ] && [ -z "${NO_CMAKE:-}" ]; then
    cmake -S "$bundle/native" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch_cmake" &&
      cmake --build "$build" --parallel "$jobs"
  else
    # No CMake: the same flags by hand (the ABI flag from the PyTorch that will load the shim).
    local abi
    abi=$("$python" -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')
    mkdir -p "$build/objects"
    local cuda_libs=()
    [ -f "$ATTENTION_LIBTORCH/lib/libtorch_cuda.so" ] && cuda_libs=(-ltorch_cuda -lc10_cuda)
    local flags=(-O2 -std=c++17 -fPIC -fvisibility=hidden -D_GLIBCXX_USE_CXX11_ABI="$abi" "-DSHIM_TORCH_LIB_DIR=\"$ATTENTION_LIBTORCH/lib\""
      -I"$ATTENTION_LIBTORCH/include" -I"$ATTENTION_LIBTORCH/include/torch/csrc/api/include")
    local source pids=() status=0
    for source in "$bundle"/native/src/*.cpp; do
      g++ "${flags[@]}" -c "$source" -o "$build/objects/$(basename "$source" .cpp).o" &
      pids+=($!)
      if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    [ $status -eq 0 ] &&
      g++ -shared -o "$build/libattention_shim.so" "$build"/objects/*.o -L"$ATTENTION_LIBTORCH/lib" -Wl,-rpath,"$ATTENTION_LIBTORCH/lib" \
        -Wl,--no-as-needed "${cuda_libs[@]}" -ltorch -ltorch_cpu -lc10
  fi
}
if ! step "build the shim against $ATTENTION_LIBTORCH" "$results/shim-build.log" build_shim; then
  note "the shim did not build: nothing else can run"
  exit 1
fi

export DOTNET_ROOT="$bundle/runtime" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet="$DOTNET_ROOT/dotnet"
for app in "$bundle"/apps/*/; do
  cp "$build/libattention_shim.so" "$app"
done

for suite in Attention.Runtime.Tests Attention.Dsl.Tests Attention.Generators.Tests; do
  (cd "$bundle/apps/$suite" && step "$suite" "$results/$suite.log" timeout 1200 "$dotnet" exec "$suite.dll" -noColor -xml "$results/$suite.xml")
  grep -E "Total: [0-9]+|Tests: [0-9]+" "$results/$suite.log" | tail -1 | sed "s/^/  /" | tee -a "$summary"
  [ "$(grep -c '\[FAIL\]' "$results/$suite.log")" -eq 0 ] || failed=1
done
grep -hE "\[(FAIL|SKIP)\]" "$results"/*.Tests.log > "$results/failed-and-skipped.txt" 2>/dev/null

pairs=${BENCH_PAIRS:-3}
bench="$bundle/apps/Attention.TrainingBenchmarks/Attention.TrainingBenchmarks.dll"
if "$python" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)'; then
  step "GPU training-step benchmark" "$results/gpu-benchmark.txt" timeout 1200 "$dotnet" exec "$bench" --device cuda --pairs "$pairs" --python "$python"
else
  note "GPU training-step benchmark: skipped, PyTorch sees no CUDA device"
fi
step "CPU training-step benchmark (cbam-cnn, lstm-temporal)" "$results/cpu-benchmark.txt" timeout 900 "$dotnet" exec "$bench" --device cpu \
  --cases cbam-cnn,lstm-temporal --pairs "$pairs" --python "$python"

note "results in $results"
exit $failed
