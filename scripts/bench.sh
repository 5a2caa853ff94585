#!/usr/bin/env bash
# Gas (ref_time, proof_size) and storage deposit of the hot messages at several cooperative
# sizes, on the built Wasm in the sandbox runtime. Prints a markdown table.
#   scripts/bench.sh [SIZE ...]      (default: 10 1000)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"
[ -f frontend-abi/merit.contract ] || die "no built contracts in frontend-abi/: run scripts/build.sh"
cargo run --quiet -p usos-e2e-tests --bin usos-bench -- "$@"
