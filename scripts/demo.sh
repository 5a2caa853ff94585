#!/usr/bin/env bash
# One cooperative's whole life on the built Wasm, in the in-process sandbox runtime (no node):
# prints progress, the tally per pool and choice, and the final state.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"
for contract in "${CONTRACTS[@]}"; do
  [ -f "frontend-abi/$contract.contract" ] || { step "building the contracts first"; scripts/build.sh; break; }
done
cargo run --quiet -p usos-e2e-tests --bin usos-demo
