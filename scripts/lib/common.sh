# Shared by scripts/*: repo root, logging, idempotent dependency installs.
# Source it; do not run it.
set -euo pipefail

CLINIC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CLINIC_ROOT
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # Debian's emcc needs acorn from here

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# A loopback port for a server the scripts start: below Linux's ephemeral range (32768 and
# up), where an outgoing connection's local port can hold it, and with nothing listening.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

# Debian packages the build and tests use. Only missing ones are installed.
CLINIC_APT_PACKAGES=(
  cmake ninja-build g++ git ca-certificates pkg-config
  libboost1.81-dev libboost-json1.81-dev doctest-dev
  libsqlite3-dev sqlite3 libsodium-dev libssl-dev
  libjemalloc-dev  # clinic-server's allocator (native-server/CMakeLists.txt says why)
  libpq-dev  # the PostgreSQL client library the server links (a --db=postgresql://… URL); no server needed
  brotli emscripten binaryen
  clang libclang-rt-14-dev clang-format
  chromium wrk procps curl
  faketime  # the clock sweep (tests/clock): suites run at chosen wall-clock instants
  fonts-wqy-microhei  # CJK glyphs for the browser suite (screenshots of the zh-CN desk page)
)

ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm packages from the committed package-lock.json; reinstalled only when the lock changed.
ensure_npm_packages() {
  cd "$CLINIC_ROOT"
  local stamp=node_modules/.clinic-lock-stamp
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then return 0; fi
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  mkdir -p node_modules && cp package-lock.json "$stamp"
}

# The PostgreSQL server, for the tests only (scripts/test; the cluster lives under build/, started
# and stopped by ctest: scripts/lib/pg-cluster.sh). Debian would create and start a system
# cluster on port 5432 when the package is installed; createcluster.conf says not to.
ensure_test_postgres() {
  dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'install ok installed' && return 0
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    as_root mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  ensure_apt_packages postgresql
}

ensure_deps() {
  ensure_apt_packages "${CLINIC_APT_PACKAGES[@]}"
  ensure_npm_packages
}

# configure + build one CMake preset: every target, or only the targets named after it
# (scripts/run builds just the server). Configuring every time re-applies the preset's
# cache variables, so a changed preset reaches trees that already exist (about a second).
build_preset() {
  local preset=$1
  shift
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cd "$CLINIC_ROOT"
  # ccache is optional: where it is installed, native trees (and every worktree of the repo) share one cache.
  local launcher=()
  if [ "$preset" != wasm-release ] && command -v ccache >/dev/null; then
    export CCACHE_BASEDIR=$CLINIC_ROOT CCACHE_NOHASHDIR=true
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  log "configuring $preset"
  cmake --preset "$preset" "${launcher[@]}" >/dev/null
  log "building $preset"
  cmake --build --preset "$preset" "${targets[@]}"
  if [ "$preset" = wasm-release ]; then
    node scripts/lib/miniprogram-package.cjs  # copies core.wasm.br + loader into miniprogram/
  fi
}
