#!/usr/bin/env bash
# Fresh machine to first comparison: installs what is missing, builds, runs the quickstart
# scenario and prints the comparison table and the results database path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/bin/promosim run scenarios/quickstart.yaml "$@"
