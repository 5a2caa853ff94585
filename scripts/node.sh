#!/usr/bin/env bash
# substrate-contracts-node 0.42.0 (crates.io `contracts-node`, the last pallet-contracts node):
#   scripts/node.sh install   build it once into ~/.cargo/bin (59 min cold on 2 cores, measured)
#   scripts/node.sh start     run it on 127.0.0.1:9944 (--dev --tmp), in the foreground
#   scripts/node.sh path      print the binary's path if it is installed (exit 1 if not)
# Idempotent. Its runtime is Wasm too, built with Debian's Rust like the contracts; see
# ../shared/TOOLCHAIN.md §4 for the pitfalls this script works around.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

NODE_VERSION="0.42.0"
NODE_BIN="$CARGO_HOME/bin/substrate-contracts-node"
NODE_SRC="$USOS_CACHE/contracts-node-$NODE_VERSION"
NODE_TOOLCHAIN="usos-node"
NODE_APT=(protobuf-compiler clang libclang-dev)

installed() { [ -x "$NODE_BIN" ] && "$NODE_BIN" --version 2>/dev/null | grep -q "$NODE_VERSION"; }

install_node() {
  if installed; then
    info "already installed: $("$NODE_BIN" --version)"
    return
  fi
  step "apt: ${NODE_APT[*]}"
  missing=()
  for p in "${NODE_APT[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get could not install ${missing[*]}"
  fi
  info "ok"

  step "rustup toolchain '$NODE_TOOLCHAIN': Debian's rustc, cargo that builds std for wasm32"
  local tc="$USOS_CACHE/toolchain-$NODE_TOOLCHAIN"
  mkdir -p "$tc/bin" "$tc/lib"
  for tool in rustc rustdoc; do ln -sf "/usr/bin/$tool" "$tc/bin/$tool"; done
  ln -sfn /usr/lib/rustlib "$tc/lib/rustlib"
  install -m 0755 "$USOS_ROOT/scripts/lib/cargo-wasm-std.sh" "$tc/bin/cargo"
  rustup toolchain list | grep -q "^$NODE_TOOLCHAIN" || rustup toolchain link "$NODE_TOOLCHAIN" "$tc"
  info "$(rustc +"$NODE_TOOLCHAIN" --version)"

  step "contracts-node $NODE_VERSION source, with sp-io 38.0.1 (38.0.0 fails on rustc >= 1.96)"
  if [ ! -f "$NODE_SRC/Cargo.toml" ]; then
    mkdir -p "$USOS_CACHE"
    curl -sSfL "https://static.crates.io/crates/contracts-node/contracts-node-$NODE_VERSION.crate" \
      | tar -xz -C "$USOS_CACHE" || die "cannot download contracts-node $NODE_VERSION"
  fi
  python3 - "$NODE_SRC/Cargo.lock" <<'PY'
import re, sys
path = sys.argv[1]
lock = open(path).read()
old = 'name = "sp-io"\nversion = "38.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "59ef7eb561bb4839cc8424ce58c5ea236cbcca83f26fcc0426d8decfe8aa97d4"'
new = 'name = "sp-io"\nversion = "38.0.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "a47cb95e32bd5f7e2d8d6cd222a14c207a8da05b3f5ab9699d338e99c791320d"'
if old in lock:
    open(path, "w").write(lock.replace(old, new))
    print("    sp-io raised to 38.0.1")
elif new in lock:
    print("    sp-io already 38.0.1")
else:
    sys.exit("unexpected sp-io entry in Cargo.lock")
PY

  step "building substrate-contracts-node (host: rustup stable; runtime Wasm: $NODE_TOOLCHAIN)"
  local started=$SECONDS
  WASM_BUILD_TOOLCHAIN="$NODE_TOOLCHAIN" \
  WASM_BUILD_WORKSPACE_HINT="$NODE_SRC" \
  WASM_BUILD_RUSTFLAGS="-C link-arg=--allow-undefined" \
    cargo +stable install --locked --path "$NODE_SRC" --root "$CARGO_HOME" \
      --target-dir "$USOS_CACHE/target-node" \
    || die "building contracts-node failed"
  info "built in $(( (SECONDS - started) / 60 )) min: $("$NODE_BIN" --version)"
}

case "${1:-install}" in
  install) install_node ;;
  start)
    installed || die "substrate-contracts-node is not installed: scripts/node.sh install"
    exec "$NODE_BIN" --dev --tmp --rpc-port 9944 --listen-addr /ip4/127.0.0.1/tcp/30333 \
      --no-mdns --no-prometheus --no-telemetry
    ;;
  path)
    installed || exit 1
    echo "$NODE_BIN"
    ;;
  *) die "usage: scripts/node.sh [install|start|path]" ;;
esac
