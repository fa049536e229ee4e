#!/usr/bin/env bash
# The HTML report, end to end in headless Chromium (registered with ctest in tests/CMakeLists.txt).
#   report_test.sh cli PROMOSIM SCENARIO ARTIFACT_DIR
#       promosim run SCENARIO into a temporary database, promosim report into
#       ARTIFACT_DIR/report.html, then check_report.mjs (screenshot ARTIFACT_DIR/report.png)
#   report_test.sh sample RENDERER DATA_JSON ARTIFACT_DIR
#       RENDERER (promosim_render_report_file) renders DATA_JSON without the CLI into
#       ARTIFACT_DIR/sample_report.html, then check_report.mjs (sample_report.png)
# Exits 77 (ctest's skip code here) when Chromium, node or the npm packages are missing.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: report_test.sh cli PROMOSIM SCENARIO ARTIFACT_DIR | sample RENDERER DATA_JSON ARTIFACT_DIR" >&2
  exit 2
fi
mode=$1 tool=$2 input=$3 artifacts=$4
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
chromium=${PROMOSIM_CHROMIUM:-/usr/bin/chromium}

skip() {
  echo "SKIPPED: $1; run 'bash scripts/test.sh' (as root) to install it, then rerun this test." >&2
  exit 77
}
[ -x "$chromium" ] || skip "Chromium is not installed ($chromium)"
command -v node >/dev/null || skip "node is not installed"
[ -f "$source_dir/sim/report/node_modules/playwright-core/package.json" ] ||
  skip "the npm packages are not installed (sim/report/node_modules)"

mkdir -p "$artifacts"
case "$mode" in
  cli)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    html=$artifacts/report.html png=$artifacts/report.png
    "$tool" run "$input" --out "$work/results.db" --threads 2 --no-compare
    "$tool" report "$work/results.db" -o "$html"
    ;;
  sample)
    html=$artifacts/sample_report.html png=$artifacts/sample_report.png
    "$tool" "$input" "promosim report: sample data" "$html"
    ;;
  *)
    echo "report_test.sh: unknown mode '$mode' (cli or sample)" >&2
    exit 2
    ;;
esac
exec node "$here/check_report.mjs" --html "$html" --screenshot "$png" --chromium "$chromium"
