#!/usr/bin/env bash
# Builds every contract to optimised Wasm with cargo-contract and copies the artifacts
# (<name>.wasm, metadata <name>.json, bundle <name>.contract) to an output folder,
# frontend-abi/ by default. Prints a size table.
#   scripts/build.sh [OUT_DIR]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
out="${1:-$USOS_ROOT/frontend-abi}"
mkdir -p "$out"

command -v cargo-contract >/dev/null || die "cargo-contract is missing: run scripts/setup.sh"
rustup toolchain list | grep -q "^$DEBIAN_TOOLCHAIN" || die "toolchain '$DEBIAN_TOOLCHAIN' is missing: run scripts/setup.sh"

# cargo-contract builds each contract in a temporary workspace, so `usos-primitives` is a path
# dependency outside it and cargo hashes its absolute path into symbol names: the Wasm would
# depend on where the repository is checked out. Building from one fixed mirror makes the
# artifacts reproducible, byte for byte, from any checkout (scripts/test.sh checks it).
step "mirroring the sources to $USOS_BUILD_SRC"
# One build at a time uses the mirror.
exec 9>"$USOS_BUILD_SRC.lock"
flock 9
mkdir -p "$USOS_BUILD_SRC"
# By content, not with the originals' times: a checkout's older file must not look unchanged
# to cargo next to what another checkout built last.
python3 "$USOS_ROOT/scripts/lib/mirror.py" "$USOS_ROOT" "$USOS_BUILD_SRC" \
  Cargo.toml Cargo.lock contracts e2e-tests

# The cargo wrapper builds with the repository's Cargo.lock (and fails if it cannot) and records
# the crates each Wasm build compiles here; they are checked against the lock below.
export USOS_LOCKFILE="$USOS_BUILD_SRC/Cargo.lock"
export USOS_BUILD_RECORD="$USOS_BUILD_SRC.crates"
rm -rf "$USOS_BUILD_RECORD"

for contract in "${CONTRACTS[@]}"; do
  step "building $contract (release Wasm)"
  # All contracts share one target dir, so core/alloc for wasm32 compile once.
  CARGO_TARGET_DIR="$USOS_WASM_TARGET" RUSTUP_TOOLCHAIN="$DEBIAN_TOOLCHAIN" \
    CARGO="$USOS_ROOT/scripts/lib/cargo-wasm.sh" \
    cargo-contract contract build --release --quiet \
      --manifest-path "$USOS_BUILD_SRC/contracts/$contract/Cargo.toml" \
    || die "cargo contract build failed for $contract"
  for ext in wasm json contract; do
    cp "$USOS_WASM_TARGET/ink/$contract/$contract.$ext" "$out/$contract.$ext"
  done
done

# A second, storage-compatible build of each upgradable contract (`--features v2`, whose
# `version()` answers 2) for the upgrade tests. Built last, so the v1 artifacts above are
# already copied.
mkdir -p "$out/upgrade"
for contract in "${UPGRADABLE[@]}"; do
  step "building $contract v2 (for the upgrade test)"
  CARGO_TARGET_DIR="$USOS_WASM_TARGET" RUSTUP_TOOLCHAIN="$DEBIAN_TOOLCHAIN" \
    CARGO="$USOS_ROOT/scripts/lib/cargo-wasm.sh" \
    cargo-contract contract build --release --quiet --features v2 \
      --manifest-path "$USOS_BUILD_SRC/contracts/$contract/Cargo.toml" \
    || die "cargo contract build failed for $contract v2"
  cp "$USOS_WASM_TARGET/ink/$contract/$contract.contract" "$out/upgrade/${contract}_v2.contract"
done

step "the crates compiled for wasm32 are Cargo.lock's"
python3 "$USOS_ROOT/scripts/lib/lockcheck.py" compiled "$USOS_LOCKFILE" "$USOS_BUILD_RECORD"/*.crates \
  || die "a Wasm build compiled a crate version Cargo.lock does not pin"
info "$(cat "$USOS_BUILD_RECORD"/*.crates | sort -u | wc -l) crates, each at its locked version"
step "every Wasm build had overflow checks on"
for f in "$USOS_BUILD_RECORD"/*.overflow-checks; do
  [ "$(cat "$f")" = true ] || die "$(basename "$f" .overflow-checks) was built with overflow-checks $(cat "$f")"
done
info "$(ls "$USOS_BUILD_RECORD"/*.overflow-checks | wc -l) builds, each with profile.release.overflow-checks = true"
python3 "$USOS_ROOT/scripts/lib/build_info.py" write "$out" "$USOS_BUILD_SRC" "$USOS_BUILD_RECORD"
info "toolchain: $(sed -n 's/^rustc-web //p' "$out/build-info.txt") (rustc-web), $(sed -n 's/^cargo-contract //p' "$out/build-info.txt")"

step "artifacts in $out"
python3 "$USOS_ROOT/scripts/lib/abi_table.py" "$out" "${CONTRACTS[@]}"
