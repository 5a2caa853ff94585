#!/usr/bin/env bash
# What would governance's front give if it ran fewer messages? A measured study for #18's
# unmet targets (bench/results.md, "What would meet the rest"), not a build: each variant is
# governance's front with only some of its hot messages (the rest handed to the whole code),
# built from a copy of the sources in a temporary folder (the repository and frontend-abi/ are
# left as they are) and run through the bench's table "The fronts" at 10 members and through
# the deepest call chain usOS makes (a proposal approving a funded payout, six frames).
# Prints one table, and what a router handing each kind of hot message to a part of its own
# would cost (projected from the measured rows).
#   scripts/front-study.sh        (≈ 8 min warm; the first run also compiles ink! for its own
#                                  target, ≈ 15 min)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"
command -v cargo-contract >/dev/null || die "cargo-contract is missing: run scripts/setup.sh"
for contract in "${CONTRACTS[@]}"; do
  [ -f "frontend-abi/$contract.contract" ] || die "no frontend-abi/$contract.contract: run scripts/build.sh"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The tracked sources, as they are in this checkout.
git ls-files -z -- Cargo.toml Cargo.lock contracts e2e-tests | xargs -0 cp --parents -t "$work"
front_src="$work/contracts/governance_front/src/lib.rs"
cp "$front_src" "$work/front.rs"
# Its own Wasm target: the variants never mix with scripts/build.sh's artifacts.
study_target="$USOS_CACHE/target-study"

# name: the hot messages the variant's front runs itself (the constants of governance_front).
# The match arms of the messages left out stay in the source (the optimiser drops what it
# proves unreachable), so a front written for those messages alone would be no larger.
variants=(
  "every:CAST_VOTE CAST_VOTES DELEGATE UNDELEGATE CAPITAL_CHANGED VOTED_UNTIL MERIT_CHANGED"
  "cast_vote:CAST_VOTE"
  "delegations:DELEGATE UNDELEGATE"
  "reports:CAPITAL_CHANGED VOTED_UNTIL MERIT_CHANGED"
  "nothing:"
)
for variant in "${variants[@]}"; do
  name="${variant%%:*}"
  hot="${variant#*:}"
  step "front running: ${hot:-nothing (every call handed over)}"
  python3 - "$work/front.rs" "$front_src" "$hot" <<'EOF'
import re, sys
source, target, hot = sys.argv[1], sys.argv[2], sys.argv[3].split()
text = open(source).read()
text, n = re.subn(r"const HOT: \[\[u8; 4\]; \d+\] = \[.*?\];",
                  "const HOT: [[u8; 4]; %d] = [%s];" % (len(hot), ", ".join(hot)), text, flags=re.S)
if n != 1:
    sys.exit("front-study: governance_front's HOT list not found")
open(target, "w").write(text)
EOF
  artifacts="$work/artifacts-$name"
  mkdir -p "$artifacts"
  cp frontend-abi/*.contract frontend-abi/*.json frontend-abi/*.wasm "$artifacts/"
  # The whole code too: its fingerprint covers the front's source.
  for contract in governance governance_front; do
    CARGO_TARGET_DIR="$study_target" RUSTUP_TOOLCHAIN="$DEBIAN_TOOLCHAIN" \
      CARGO="$USOS_ROOT/scripts/lib/cargo-wasm.sh" \
      cargo-contract contract build --release --quiet \
        --manifest-path "$work/contracts/$contract/Cargo.toml" >"$work/build-$name-$contract.log" 2>&1 \
      || { tail -30 "$work/build-$name-$contract.log"; die "build of the $name variant failed"; }
    cp "$study_target/ink/$contract/$contract".{contract,json,wasm} "$artifacts/"
  done
  info "front: $(stat -c %s "$artifacts/governance_front.wasm") B"
  USOS_ARTIFACTS="$artifacts" cargo run --quiet --locked -p usos-e2e-tests --bin usos-bench -- 10 \
    >"$work/bench-$name.md"
  chain="$work/chain-$name.log"
  if USOS_ARTIFACTS="$artifacts" cargo test --quiet --locked -p usos-e2e-tests --test token_front \
    -- --exact a_proposal_approving_a_funded_payout_runs_through_both_fronts >"$chain" 2>&1; then
    grep -q "1 passed" "$chain" || die "the deepest chain's test did not run (renamed?)"
    echo passes >"$work/chain-$name"
  elif grep -q 'executed' "$chain"; then
    # `proposals::pass` asserts "executed": the proposal approving the payout did not execute.
    echo "fails: the payout proposal does not execute" >"$work/chain-$name"
  else
    tail -30 "$chain"
    die "the deepest chain failed otherwise on the $name variant"
  fi
done

step "governance's front, by what it runs itself (@10 members; G = 10^9 ref_time, B = proof)"
python3 - "$work" "${variants[@]}" <<'EOF'
import os, re, sys
work, variants = sys.argv[1], [v.split(":")[0] for v in sys.argv[2:]]
rows = {
    "cast_vote": "governance.cast_vote",
    "delegate": "governance.delegate (depth 1)",
    "undelegate": "governance.undelegate",
    "deposit": "capital.deposit",
    "grant": "merit.grant (supersede)",
}

def fronts_table(name):
    """{message: (whole G, front G, whole B, front B)} from the bench's table "The fronts"."""
    text = open(os.path.join(work, "bench-%s.md" % name)).read()
    table = text.split("### The fronts", 1)[1].split("###", 1)[0]
    found = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[1].endswith(" G"):
            found[cells[0]] = (float(cells[1][:-2]), float(cells[2][:-2]), int(cells[3]), int(cells[4]))
    return found

measured = {name: fronts_table(name) for name in variants}
size = {name: os.path.getsize(os.path.join(work, "artifacts-%s" % name, "governance_front.wasm"))
        for name in variants}
whole_size = {name: os.path.getsize(os.path.join(work, "artifacts-%s" % name, "governance.wasm"))
              for name in variants}
chain = {name: open(os.path.join(work, "chain-%s" % name)).read().strip() for name in variants}

def cell(name, key):
    _, front_g, _, front_b = measured[name][rows[key]]
    return "%.2f G, %d B" % (front_g, front_b)

print("| front runs | front (B) | cast_vote | delegate (depth 1) | undelegate | capital.deposit | merit.grant | deepest chain |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
whole = measured[variants[0]]
print("| (whole code, no front) | | %s |" % " | ".join(
    "%.2f G, %d B" % (whole[rows[k]][0], whole[rows[k]][2]) for k in rows) + " |")
labels = {
    "every": "every hot message (as landed)",
    "cast_vote": "`cast_vote` alone",
    "delegations": "delegations",
    "reports": "reports (capital's, merit's, the vote lock)",
    "nothing": "nothing (a router handing every call over)",
}
for name in variants:
    print("| %s | %d | %s | %s |" % (labels[name], size[name], " | ".join(cell(name, k) for k in rows), chain[name]))

# A router at governance's address handing each hot message to a part holding only it: a call
# costs the part's variant's call plus what handing a call over costs (the `nothing` variant's vote
# against the whole code built with it: the router's code, its rules cell and the delegate call).
whole_g, none_g, whole_b, none_b = measured["nothing"][rows["cast_vote"]]
hand_g, hand_b = none_g - whole_g, none_b - whole_b
parts = {"cast_vote": "cast_vote", "delegate": "delegations", "undelegate": "delegations",
         "deposit": "reports", "grant": "reports"}
print("| a router, one part per kind (projected) | %d + part | %s | %s |" % (
    size["nothing"],
    " | ".join("%.2f G, %d B" % (measured[p][rows[k]][1] + hand_g, measured[p][rows[k]][3] + hand_b)
               for k, p in parts.items()),
    "fails, as every front handing the reports over"))
print()
print("Handing a call over costs %.2f G and %d B of proof (the router's %d B of code included;"
      " measured against the whole code built with the router, %d B, whose fingerprint covers the"
      " front's source)." % (hand_g, hand_b, size["nothing"], whole_size["nothing"]))
EOF
