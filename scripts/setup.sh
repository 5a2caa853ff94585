#!/usr/bin/env bash
# Installs everything usOS needs to build Wasm contracts and run its tests, idempotently:
# Debian's Wasm-capable Rust (rustc-web + std source), linked into rustup as `debian`,
# and cargo-contract. Anything already present is skipped.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

need_cmd() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"; }
need_cmd rustup "install rustup (the machine's Rust toolchain manager)"
need_cmd cargo "install a Rust toolchain with rustup"

step "Debian Rust toolchain for wasm32 (${APT_PACKAGES[*]})"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  info "already installed"
else
  need_cmd apt-get "the packages ${missing[*]} come from Debian's apt"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  info "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}"
fi

step "rustup toolchain '$DEBIAN_TOOLCHAIN' -> /usr"
if rustup toolchain list | grep -q "^$DEBIAN_TOOLCHAIN"; then
  info "already linked"
else
  rustup toolchain link "$DEBIAN_TOOLCHAIN" /usr
fi
info "$(rustc +"$DEBIAN_TOOLCHAIN" --version)"
info "rustc-web $(dpkg-query -W -f='${Version}' rustc-web) (recorded in frontend-abi/build-info.txt by build.sh)"
core_src="$(rustc +"$DEBIAN_TOOLCHAIN" --print sysroot)/lib/rustlib/src/rust/library/core"
[ -d "$core_src" ] || die "std source missing at $core_src (package rust-web-src)"
info "std source: $core_src"
[ -x /usr/bin/rust-lld ] && /usr/bin/rust-lld -flavor wasm --version >/dev/null 2>&1 \
  || die "rust-lld does not run (package lld-22)"

step "rustfmt and clippy for host checks"
for c in rustfmt clippy; do
  if rustup component list --installed 2>/dev/null | grep -q "^$c"; then
    info "$c present"
  else
    rustup component add "$c" || die "rustup component $c is missing and could not be added"
  fi
done

step "cargo-contract $CARGO_CONTRACT_VERSION"
if command -v cargo-contract >/dev/null 2>&1 \
  && cargo-contract --version | grep -q "$CARGO_CONTRACT_VERSION"; then
  info "already installed: $(cargo-contract --version)"
else
  info "building from crates.io (about 15 minutes cold on 2 cores: binaryen is C++)"
  cargo +stable install cargo-contract --version "$CARGO_CONTRACT_VERSION" --locked --quiet \
    --target-dir "$USOS_CACHE/target-tools" \
    || die "cargo install cargo-contract $CARGO_CONTRACT_VERSION failed"
  info "installed: $(cargo-contract --version)"
fi

step "node and npm (the TypeScript ABI tests)"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  info "node $(node --version), npm $(npm --version)"
else
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null \
    || die "apt-get could not install nodejs npm"
  info "installed node $(node --version)"
fi

step "setup complete"
