#!/usr/bin/env bash
# Tests against a real substrate-contracts-node:
# - the shared cooperative scenario (e2e-tests/src/scenario.rs, also run on the sandbox) through
#   ink_e2e's node backend, which spawns its own throw-away node from CONTRACTS_NODE;
# - on one node started here (loopback, throw-away chain): the TypeScript wallet test (deploy
#   through the factory, a vote signed by //Alice), the members' app in headless Chromium (a
#   test wallet injected as an extension signs a delegation, a proposal and a vote) and the
#   cargo-contract deployment script.
#   scripts/node-test.sh [NODE_BINARY]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"
node_bin="${1:-$(bash scripts/node.sh path)}"

step "the cooperative scenario on the node (ink_e2e node backend, e2e-tests feature \`node\`)"
# The first run compiles ink_e2e (subxt, contract-build) into the host target: ~11 min on 2 cores.
cargo clippy -p usos-e2e-tests --features node --all-targets --quiet -- -D warnings
CONTRACTS_NODE="$node_bin" cargo test -p usos-e2e-tests --features node --test node -- --nocapture

port=9955
log="$(mktemp)"
"$node_bin" --dev --tmp --rpc-port "$port" --listen-addr /ip4/127.0.0.1/tcp/30355 \
  --no-mdns --no-prometheus --no-telemetry >"$log" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 60); do
  grep -q "Running JSON-RPC server" "$log" && break
  sleep 1
done
grep -q "Running JSON-RPC server" "$log" || { cat "$log"; die "the node did not start"; }
url="ws://127.0.0.1:$port"
info "node up at $url"

step "TypeScript wallet test against the node"
(cd frontend-abi && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
  && USOS_NODE_URL="$url" node --test test/node.test.mjs)

step "members' app in headless Chromium against the node"
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || die "apt-get could not install chromium"
fi
# Screenshots: frontend-abi/app/browser/screenshots/ (USOS_SCREENSHOTS to move them).
(cd frontend-abi/app && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
  && USOS_NODE_URL="$url" CHROMIUM_PATH="$(command -v chromium)" npm run test:browser)

step "scripts/deploy.sh against the node"
bash scripts/deploy.sh "$url" //Alice | tee "$log.deploy"
grep -q "^governance " "$log.deploy" || die "deploy.sh printed no governance address"
echo "test result: ok. 1 passed; 0 failed (deploy.sh)"
rm -f "$log.deploy"
