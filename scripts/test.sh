#!/usr/bin/env bash
# Fresh machine to a passing test suite: installs what is missing (Chromium too, for the HTML
# report's browser test, and Open MPI for the scale-out test), builds (warnings are errors,
# MPI on), and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMOSIM_SETUP_CHROMIUM=1 PROMOSIM_CMAKE_ARGS="-DPROMOSIM_WERROR=ON -DPROMOSIM_MPI=ON ${PROMOSIM_CMAKE_ARGS:-}" bash scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
