#!/usr/bin/env bash
# Builds, here (with the .NET SDK), everything a GPU machine without the SDK needs to test and benchmark the CUDA
# path, as one folder and one archive:
#   runtime/   the .NET runtime alone (the `dotnet` host, hostfxr, Microsoft.NETCore.App), no SDK
#   apps/      Release builds of the three test suites (xUnit v3: each is a program) and the training benchmark
#   native/    the shim's sources, to compile against the GPU machine's PyTorch (run-on-device.sh does it)
#   run-on-device.sh
# Usage: bash scripts/gpu/make-bundle.sh [OUTPUT_DIR]     (default artifacts/gpu-bundle; also writes OUTPUT_DIR.tar.xz)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "${1:-artifacts/gpu-bundle}")
rm -rf "$out" "$out.tar.xz"
mkdir -p "$out/apps" "$out/runtime/host/fxr" "$out/runtime/shared/Microsoft.NETCore.App"

for project in tests/Attention.Runtime.Tests tests/Attention.Dsl.Tests tests/Attention.Generators.Tests benchmarks/Attention.TrainingBenchmarks; do
  name=$(basename "$project")
  dotnet publish "$project" -c Release -r linux-x64 --no-self-contained -o "$out/apps/$name" -p:DebugType=none --nologo -v quiet
  # The shim built here binds Debian's libtorch 1.13; the device builds its own. The test platform's coverage
  # collector and the translated resources of the libraries are not needed to run the tests.
  rm -rf "$out/apps/$name/libattention_shim.so" "$out/apps/$name/CodeCoverage" "$out/apps/$name"/{alpine,arm64,macos,ubuntu,x64,x86}
  find "$out/apps/$name" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended -regex '.*/[a-z]{2}(-[A-Za-z]+)?' -exec rm -rf {} +
done

# The runtime the apps were built for: the host and the shared framework of the SDK in use, nothing else.
dotnet_root=$(dirname "$(realpath "$(command -v dotnet)")")
version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
cp "$dotnet_root/dotnet" "$out/runtime/"
cp -r "$dotnet_root/host/fxr/$version" "$out/runtime/host/fxr/" 2>/dev/null || cp -r "$dotnet_root/host/fxr/"* "$out/runtime/host/fxr/"
cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$version" "$out/runtime/shared/Microsoft.NETCore.App/"

mkdir -p "$out/native"
cp src/Attention.Runtime/native/CMakeLists.txt "$out/native/"
cp -r src/Attention.Runtime/native/src "$out/native/"
cp scripts/gpu/run-on-device.sh "$out/"
git rev-parse HEAD > "$out/commit.txt" 2>/dev/null || true

tar -C "$(dirname "$out")" -cJf "$out.tar.xz" "$(basename "$out")"
echo "bundle: $out ($(du -sh "$out" | cut -f1)), archive: $out.tar.xz ($(du -h "$out.tar.xz" | cut -f1)), .NET runtime $version"
