#!/usr/bin/env bash
# Installs everything Attention.Dsl needs beyond the .NET SDK, from Debian 12's packages:
#   cmake, g++            build the native shim (dotnet build drives CMake)
#   libtorch-dev          libtorch 1.13.1, which the runtime binds
#   libgloo-dev           Gloo's headers, for the shim's binding of c10d (distributed training)
#   python3-torch         the reference PyTorch for parity scripts and benchmarks
#   dataset-fashion-mnist the data set of the image examples
# Safe to run again: it installs only what is missing, and does nothing when all is there.
set -euo pipefail

packages=(cmake g++ make libtorch-dev libgloo-dev python3-torch dataset-fashion-mnist)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing from Debian's packages: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
