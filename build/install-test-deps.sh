#!/usr/bin/env bash
# System packages the test suite and benchmarks use, from Debian (we run as root on CI machines):
#   chromium            the real browser the renderer is tested in (driven by playwright-core)
#   dcmtk               reference DICOM tools used by tests (dcmdump and friends)
#   python3-pydicom, python3-numpy   independent reference for headers and pixel statistics
#   python3-torch, python3-torchvision, python3-onnx, python3-pil   reference networks and images for the
#                       inference tests and benchmarks
#   libopenblas0-pthread  named explicitly: without OpenBLAS torch falls back to reference BLAS (~8× slower), which
#                       would make the benchmark's comparison meaningless
# Fails loudly: a missing package must fail the suite, never skip tests.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium dcmtk python3-pydicom python3-numpy fonts-dejavu-core >/dev/null
$SUDO apt-get install -y -qq python3-torch python3-torchvision python3-onnx python3-pil libopenblas0-pthread >/dev/null
for tool in /usr/bin/chromium /usr/bin/dcmdump; do
  [ -x "$tool" ] || { echo "missing $tool after install" >&2; exit 1; }
done
/usr/bin/python3 -c 'import pydicom, numpy, torch, torchvision, onnx, PIL' || { echo "Debian Python packages missing" >&2; exit 1; }
