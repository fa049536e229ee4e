#!/usr/bin/env bash
# Fresh machine to a passing test suite: installs what is missing (Chromium too, for the HTML
# report's browser test), builds (warnings are errors), and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMOSIM_SETUP_CHROMIUM=1 PROMOSIM_CMAKE_ARGS="-DPROMOSIM_WERROR=ON ${PROMOSIM_CMAKE_ARGS:-}" bash scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
