#!/usr/bin/env bash
# Deploys usOS to any node with cargo-contract, as its users would:
#   scripts/deploy.sh <ws-url> <suri> [founder-address]
# uploads the contracts' code (six, and governance's front), instantiates a factory, creates one cooperative whose founder
# is the signer (or founder-address), and prints every address. Uses frontend-abi/ as built.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$USOS_ROOT"
[ $# -ge 2 ] || die "usage: scripts/deploy.sh <ws-url> <suri> [founder-address]"
url="$1"; suri="$2"
case "$suri" in
  //Alice) founder="${3:-5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY}" ;;
  //Bob) founder="${3:-5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty}" ;;
  *) founder="${3:?give the founder address for this suri}" ;;
esac
hash_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source"]["hash"])' "$1"; }

declare -A code
for c in membership merit capital governance governance_front missions missions_front profiles; do
  bundle="frontend-abi/$c.contract"
  code[$c]="$(hash_of "$bundle")"
  # Uploading code that is already there is refused by the chain: that is fine.
  if cargo contract upload "$bundle" --url "$url" --suri "$suri" -x >/dev/null 2>&1; then
    info "uploaded $c ${code[$c]}"
  else
    info "$c ${code[$c]} (already on chain)"
  fi
done

codes="CodeHashes { membership: ${code[membership]}, merit: ${code[merit]}, capital: ${code[capital]}, governance: ${code[governance]}, governance_front: ${code[governance_front]}, missions: ${code[missions]}, missions_front: ${code[missions_front]}, profiles: ${code[profiles]} }"
out="$(cargo contract instantiate frontend-abi/factory.contract --constructor new --args "$codes" \
  --salt "0x$(date +%s%N | sha256sum | cut -c1-16)" --url "$url" --suri "$suri" -x -y --output-json)"
factory="$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["contract"])' <<<"$out")"
info "factory $factory"

bps() { echo "BasisPoints($1)"; }
# The defaults of the design; the constitution (category 0) needs two thirds and a longer timelock.
category() { echo "CategoryParams { weights: PoolWeights { equal: $(bps 2500), merit: $(bps 2500), capital: $(bps 5000) }, voting_delay: 1, voting_period: 100800, approval: $(bps "$1"), quorum: $(bps 2000), timelock: $2, max_depth: 8, override_window: 14400 }"; }
params="CoopParams { defaults: $(category 5000 28800), constitution: $(category 6667 57600), config: Config { budget: 1000000000000, grace: 100800, open_per_member: 3 }, founders: [$founder], categories: [] }"
# The dry run returns the addresses; the second call makes them.
# The codes the cooperative must be made of: refused if the factory's owner changed them.
dry="$(cargo contract call --contract "$factory" --message create_cooperative --args '"usOS cooperative"' "$params" "$codes" \
  --url "$url" --suri "$suri" frontend-abi/factory.contract --output-json)"
cargo contract call --contract "$factory" --message create_cooperative --args '"usOS cooperative"' "$params" "$codes" \
  --url "$url" --suri "$suri" -x -y frontend-abi/factory.contract >/dev/null
echo "factory $factory"
python3 - "$dry" <<'PY'
import json, sys
dry = json.loads(sys.argv[1])

def find(node):
    """The Map of addresses inside cargo-contract's decoded Ok(Ok(Cooperative { .. }))."""
    if isinstance(node, dict):
        if "Map" in node and "governance" in node["Map"]:
            return node["Map"]
        for value in node.values():
            found = find(value)
            if found:
                return found
    if isinstance(node, list):
        for value in node:
            found = find(value)
            if found:
                return found
    return None

addresses = find(dry.get("data"))
if not addresses:
    sys.exit("create_cooperative returned no addresses: %s" % json.dumps(dry)[:2000])
for part in ("membership", "merit", "capital", "governance", "missions", "profiles"):
    print(part, addresses[part]["Literal"])
PY
