#!/usr/bin/env bash
# The one test command: formatting, lints, host unit + property tests, a fresh release build of
# every contract, a check that frontend-abi/ matches that build, sandbox tests that deploy the
# freshly built Wasm into an in-process pallet-contracts runtime, the demo, the TypeScript ABI
# tests, the members' app's tests and build, and the node tests when a substrate-contracts-node
# is installed. Ends with one summary line.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"

log="$(mktemp)"
trap 'rm -f "$log" "$log.demo"' EXIT
started=$SECONDS
elapsed() { info "($((SECONDS - started)) s so far)"; }

step "cargo fmt --check"
cargo fmt --all -- --check || die "code is not formatted: run cargo fmt --all"

step "cargo clippy -D warnings (host, all targets)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
elapsed

step "host unit and property tests"
cargo test --workspace --exclude usos-e2e-tests 2>&1 | tee -a "$log"
elapsed

step "fresh release build of every contract"
fresh="$USOS_CACHE/artifacts"
rm -rf "$fresh"
bash "$USOS_ROOT/scripts/build.sh" "$fresh"
elapsed

step "frontend-abi/ matches the fresh build"
stale=()
for contract in "${CONTRACTS[@]}"; do
  for ext in json contract; do
    cmp -s "$fresh/$contract.$ext" "frontend-abi/$contract.$ext" || stale+=("$contract.$ext")
  done
done
for contract in "${UPGRADABLE[@]}"; do
  cmp -s "$fresh/upgrade/${contract}_v2.contract" "frontend-abi/upgrade/${contract}_v2.contract" \
    || stale+=("upgrade/${contract}_v2.contract")
done
if [ ${#stale[@]} -gt 0 ]; then
  printf 'error: frontend-abi/ differs from a fresh build (%s), because:\n' "${stale[*]}" >&2
  python3 scripts/lib/build_info.py explain frontend-abi/build-info.txt "$fresh/build-info.txt" >&2
  die "frontend-abi/ is stale: run scripts/build.sh and commit frontend-abi/ (see above for why)"
fi
info "up to date (built with $(sed -n 's/^rustc-web //p' frontend-abi/build-info.txt), Cargo.lock's crates)"

step "sandbox tests on the built Wasm"
USOS_ARTIFACTS="$fresh" cargo test -p usos-e2e-tests 2>&1 | tee -a "$log"
elapsed

step "the demo (scripts/demo.sh) on the built Wasm"
USOS_ARTIFACTS="$fresh" cargo run --quiet -p usos-e2e-tests --bin usos-demo > "$log.demo"
grep -q "Dana is a member: true" "$log.demo" || { cat "$log.demo"; die "the demo did not end as expected"; }
tail -n 4 "$log.demo"
echo "test result: ok. 1 passed; 0 failed (the demo)" >> "$log"

step "frontend-abi: TypeScript tests (@polkadot/api-contract, node's test runner)"
(cd frontend-abi && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm test 2>&1) | tee -a "$log" \
  | grep -E '^# (pass|fail)'
elapsed

step "members' app (frontend-abi/app): unit tests (node's test runner) and the static build"
(cd frontend-abi/app && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm test 2>&1) \
  | tee -a "$log" | grep -E '^# (pass|fail)'
(cd frontend-abi/app && npm run build --silent >/dev/null) || die "the members' app does not build"
info "built: frontend-abi/app/dist ($(du -sh frontend-abi/app/dist | cut -f1))"
elapsed

step "node tests (substrate-contracts-node)"
if node_bin="$(bash scripts/node.sh path)"; then
  USOS_ARTIFACTS="$fresh" bash scripts/node-test.sh "$node_bin" 2>&1 | tee -a "$log"
else
  info "SKIPPED: substrate-contracts-node 0.42.0 is not installed (scripts/node.sh install)"
fi

# One line for the whole run, summed over every test binary above.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^# pass / { p += $3 } /^# fail / { f += $3 }
     END { printf "\nsummary: %d passed, %d failed\n", p, f }' "$log"
