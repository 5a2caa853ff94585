#!/usr/bin/env bash
# The `cargo` that cargo-contract runs (via $CARGO) for release Wasm and metadata builds.
#
# 1. cargo-contract 5.x passes -Zbuild-std-features=panic_immediate_abort, which `core` rejects
#    since Rust 1.92; the same behaviour is now spelled `-Zunstable-options -Cpanic=immediate-abort`.
#    Drop the old flag and add the new rustflags.
# 2. The repository's Cargo.lock, always. cargo-contract builds each contract from a temporary
#    workspace and copies the lock to that folder's top, while the manifest (and so cargo's
#    workspace root) sits in a subfolder: cargo would resolve every dependency afresh, and each new
#    release of a transitive crate would change the Wasm. So: a workspace without a lock gets a copy
#    of $USOS_LOCKFILE, cargo trims it to that workspace (keeping every locked version), the trimmed
#    lock is checked to hold only locked versions, and the command then runs with --locked.
# 3. One target dir for every contract. cargo-contract gives each workspace member its own
#    (<target>/ink/<name>), so core, alloc and ink would compile once per contract: the wrapper
#    builds in <target>/ink/shared instead and copies the contract's Wasm to where
#    cargo-contract reads it.
# 4. Overflow checks on. cargo-contract refuses `overflow-checks = true` in a contract's manifest
#    (it relies on clippy's arithmetic lint, which covers our code but not our dependencies),
#    and its temporary manifest leaves the release default (off). Cargo's environment override
#    turns them on for every crate in the Wasm: an overflow anywhere traps, it never wraps.
# Then Debian's cargo runs (it has the std source that -Zbuild-std needs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lockfile="${USOS_LOCKFILE:-$here/../../Cargo.lock}"
cargo=/usr/bin/cargo

args=()
immediate_abort=0
manifest=""
expect=""
own_target=""
for arg in "$@"; do
  case "$expect" in
    manifest) manifest="$arg" ;;
    target)
      if [[ "$arg" == */ink/* ]]; then
        own_target="$arg"
        arg="$(dirname "$arg")/shared"
      fi
      ;;
  esac
  expect=""
  case "$arg" in
    -Zbuild-std-features=panic_immediate_abort) immediate_abort=1; continue ;;
    --manifest-path=*) manifest="${arg#--manifest-path=}" ;;
    --manifest-path) expect=manifest ;;
    --target-dir=*/ink/*)
      own_target="${arg#--target-dir=}"
      arg="--target-dir=$(dirname "$own_target")/shared"
      ;;
    --target-dir) expect=target ;;
  esac
  args+=("$arg")
done
export CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true
if [ "$immediate_abort" = 1 ]; then
  sep=$'\x1f'
  flags="-Zunstable-options${sep}-Cpanic=immediate-abort"
  export CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$sep}$flags"
fi

# The subcommand: the first argument that is not an option.
subcommand=""
at=0
for arg in "${args[@]}"; do
  case "$arg" in -*) at=$((at + 1)) ;; *) subcommand="$arg"; break ;; esac
done

case "$subcommand" in
  build | check | run | rustc | metadata | clippy | test | tree)
    [ -f "$lockfile" ] || { echo "cargo-wasm: no lock file at $lockfile" >&2; exit 101; }
    [ -n "$manifest" ] || manifest="$PWD/Cargo.toml"
    root="$("$cargo" locate-project --workspace --message-format plain --manifest-path "$manifest")" \
      || { echo "cargo-wasm: cannot locate the workspace of $manifest" >&2; exit 101; }
    lock="$(dirname "$root")/Cargo.lock"
    if [ ! -f "$lock" ]; then
      cp "$lockfile" "$lock"
      # Resolving inside the copied lock keeps its versions and drops what this workspace does
      # not use; a version it had to change is a failure, never a silent re-resolution.
      "$cargo" metadata --format-version 1 --manifest-path "$root" >/dev/null \
        || { echo "cargo-wasm: cannot resolve $root inside $lockfile" >&2; exit 101; }
      python3 "$here/lockcheck.py" subset "$lock" "$lockfile" || {
        echo "cargo-wasm: the build of $root would not use the versions of $lockfile" >&2
        exit 101
      }
    fi
    # Right after the subcommand, so it never lands behind a `--`.
    args=("${args[@]:0:at+1}" --locked "${args[@]:at+1}")
    # The Wasm build: record the registry crates it compiles (scripts/build.sh checks them).
    if [ "$subcommand" = build ] && [[ " ${args[*]} " == *wasm32-unknown-unknown* ]] \
      && [ -n "${USOS_BUILD_RECORD:-}" ]; then
      mkdir -p "$USOS_BUILD_RECORD"
      record="$USOS_BUILD_RECORD/$(basename "$(dirname "$root")").crates"
      "$cargo" metadata --format-version 1 --locked --filter-platform wasm32-unknown-unknown \
        --manifest-path "$root" | python3 "$here/lockcheck.py" closure >"$record" \
        || { echo "cargo-wasm: cannot list the crates of $root" >&2; exit 101; }
      # And the overflow checks this build's profile has, as cargo resolves them.
      checks="$(cd "$(dirname "$root")" && "$cargo" -Zunstable-options config get \
        profile.release.overflow-checks --format json-value 2>/dev/null || echo unset)"
      echo "$checks" >"${record%.crates}.overflow-checks"
    fi
    ;;
esac
if [ -z "$own_target" ] || [ "$subcommand" != build ]; then
  exec "$cargo" "${args[@]}"
fi
"$cargo" "${args[@]}"
# cargo-contract reads <its target dir>/wasm32-unknown-unknown/release/<package>.wasm.
package="$(sed -n 's/^name = "\(.*\)"/\1/p' "$root" | head -n 1)"
built="$(dirname "$own_target")/shared/wasm32-unknown-unknown/release/$package.wasm"
if [ -f "$built" ]; then
  mkdir -p "$own_target/wasm32-unknown-unknown/release"
  cp "$built" "$own_target/wasm32-unknown-unknown/release/"
fi
