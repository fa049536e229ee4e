#!/usr/bin/env bash
# Installs the Debian packages promosim needs (only those missing; as root) and the HTML
# report's npm packages (sim/report/package-lock.json), then configures and builds it in
# Release into build/. Extra CMake arguments may be passed in PROMOSIM_CMAKE_ARGS (e.g.
# -DPROMOSIM_WERROR=ON, as CI does); PROMOSIM_SETUP_CHROMIUM=1 also installs Chromium, which
# only the report's browser test needs (scripts/test.sh sets it). -DPROMOSIM_MPI=ON in
# PROMOSIM_CMAKE_ARGS also installs Open MPI, for `mpirun -np N promosim run` (scripts/test.sh
# builds with it, so CI checks a run spread over ranks against a single process).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libboost-dev libboost-filesystem-dev
  libyaml-cpp-dev libeigen3-dev libtbb-dev
  libsqlite3-dev libsqlitecpp-dev sqlite3
  catch2 libbenchmark-dev libcli11-dev librandom123-dev nlohmann-json3-dev
)
# The report's charting libraries come from npm; Debian's nodejs and npm are enough.
command -v npm >/dev/null || packages+=(nodejs npm)
case " ${PROMOSIM_CMAKE_ARGS:-} " in
  *" -DPROMOSIM_MPI=ON "*) packages+=(libopenmpi-dev openmpi-bin) ;;
esac
if [ "${PROMOSIM_SETUP_CHROMIUM:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    echo "setup: run this script as root, or install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The build embeds the Vega builds from sim/report/node_modules into promosim; reinstall them
# when the lock file changed since the last install (npm keeps its own copy of it there).
report=sim/report
installed=$report/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ "$report/package-lock.json" -nt "$installed" ] || [ "$report/package.json" -nt "$installed" ]; then
  echo "setup: installing the report's npm packages (npm ci --prefix $report)"
  npm ci --prefix "$report" --no-audit --no-fund --loglevel=error
fi

# shellcheck disable=SC2086  # PROMOSIM_CMAKE_ARGS is a list of arguments
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${PROMOSIM_CMAKE_ARGS:-} >/dev/null
cmake --build build --parallel "$(nproc)"
