#!/usr/bin/env bash
# Where each contract's Wasm bytes are: builds it with names kept and prints its code size per
# crate and its largest functions (scripts/lib/wasm_sizes.py). The deployed build
# (scripts/build.sh) is the same code without the name section.
#   scripts/size.sh [CONTRACT...] [--top N]    (default: governance capital missions, top 15)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
top=15
contracts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --top) top="$2"; shift 2 ;;
    *) contracts+=("$1"); shift ;;
  esac
done
[ ${#contracts[@]} -gt 0 ] || contracts=(governance capital missions)
command -v cargo-contract >/dev/null || die "cargo-contract is missing: run scripts/setup.sh"

for contract in "${contracts[@]}"; do
  step "$contract (release Wasm, names kept)"
  CARGO_TARGET_DIR="$USOS_WASM_TARGET" RUSTUP_TOOLCHAIN="$DEBIAN_TOOLCHAIN" \
    CARGO="$USOS_ROOT/scripts/lib/cargo-wasm.sh" \
    cargo-contract contract build --release --quiet --keep-debug-symbols \
      --manifest-path "$USOS_ROOT/contracts/$contract/Cargo.toml" \
    || die "cargo contract build failed for $contract"
  python3 "$USOS_ROOT/scripts/lib/wasm_sizes.py" "$USOS_WASM_TARGET/ink/$contract/$contract.wasm" "$top"
done
