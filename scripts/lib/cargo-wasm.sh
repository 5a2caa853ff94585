#!/usr/bin/env bash
# The `cargo` that cargo-contract runs (via $CARGO) for release Wasm builds.
# cargo-contract 5.x passes -Zbuild-std-features=panic_immediate_abort, which `core` rejects
# since Rust 1.92; the same behaviour is now spelled `-Zunstable-options -Cpanic=immediate-abort`.
# Drop the old flag, add the new rustflags, and run Debian's cargo (it has the std source).
set -euo pipefail
args=()
immediate_abort=0
for arg in "$@"; do
  if [ "$arg" = "-Zbuild-std-features=panic_immediate_abort" ]; then
    immediate_abort=1
  else
    args+=("$arg")
  fi
done
if [ "$immediate_abort" = 1 ]; then
  sep=$'\x1f'
  flags="-Zunstable-options${sep}-Cpanic=immediate-abort"
  export CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$sep}$flags"
fi
exec /usr/bin/cargo "${args[@]}"
