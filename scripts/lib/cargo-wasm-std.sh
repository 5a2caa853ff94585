#!/usr/bin/env bash
# The `cargo` of the rustup toolchain `usos-node`, used only by substrate-wasm-builder while
# building substrate-contracts-node's runtime. Debian's rustc ships the std *source* for wasm32,
# not a prebuilt std, so wasm32 builds get `-Zbuild-std` (the builder's own probe crate
# included); everything else passes through untouched.
set -euo pipefail
args=("$@")
if [[ " $* " == *wasm32* && " $* " != *-Zbuild-std* ]]; then
  case "${1:-}" in
    build | check | rustc)
      args=("$1" -Zbuild-std=std,panic_abort "${@:2}")
      export RUSTC_BOOTSTRAP=1
      ;;
  esac
fi
exec /usr/bin/cargo "${args[@]}"
