# Shared settings for the usOS scripts: sourced, never run.
# One place names the toolchains, versions and cache folders every script uses.

USOS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export USOS_ROOT

# Pinned tools.
CARGO_CONTRACT_VERSION="5.0.3"
# Debian's rustc-web ships the std source that -Zbuild-std needs for wasm32;
# rustup cannot download rust-src or the wasm32 target on this machine kind.
DEBIAN_TOOLCHAIN="debian"
APT_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy lld-22)

# Heavy caches live outside the repo so a second run (or CI on the same machine) is warm;
# a fresh machine simply fills them.
USOS_CACHE="${USOS_CACHE:-$HOME/.cache/usos}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"
# Wasm builds of every contract share one target dir, so core/alloc compile once.
export USOS_WASM_TARGET="${USOS_WASM_TARGET:-$USOS_CACHE/target-wasm}"
# Host builds (unit, property and sandbox tests, clippy) share another.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$USOS_CACHE/target-host}"

# Where build.sh mirrors the sources: one fixed absolute path makes the Wasm reproducible.
export USOS_BUILD_SRC="${USOS_BUILD_SRC:-/tmp/usos-build-src}"

CONTRACTS=(membership merit capital missions missions_front governance governance_front factory profiles)
# The contracts governance can upgrade: each has a `v2` build for the upgrade tests.
UPGRADABLE=(membership merit capital missions governance profiles)

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
