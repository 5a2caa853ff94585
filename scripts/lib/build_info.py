"""What a set of artifacts was built from, and why two sets differ.

  build_info.py write OUT_DIR SOURCES_DIR RECORD_DIR
      writes OUT_DIR/build-info.txt: the Debian rustc-web package, rustc, cargo-contract, a hash
      of the sources the Wasm is built from, and every crate the Wasm builds compiled (the
      `*.crates` records the cargo wrapper wrote to RECORD_DIR).
  build_info.py explain COMMITTED FRESH
      says which of those differ between two build-info files (toolchain, a dependency, the
      sources), so a stale artifact check explains itself.
"""
import hashlib
import os
import subprocess
import sys


def command(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def sources_hash(root):
    """sha256 over the paths and bytes of Cargo.toml, Cargo.lock and contracts/ (sorted)."""
    digest = hashlib.sha256()
    paths = [os.path.join(root, "Cargo.toml"), os.path.join(root, "Cargo.lock")]
    for top, dirs, files in os.walk(os.path.join(root, "contracts")):
        dirs.sort()
        paths.extend(os.path.join(top, f) for f in sorted(files))
    for path in paths:
        digest.update(os.path.relpath(path, root).encode() + b"\0")
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def overflow_checks(records):
    seen = set()
    for name in os.listdir(records):
        if name.endswith(".overflow-checks"):
            with open(os.path.join(records, name)) as f:
                seen.add(f.read().strip())
    return " ".join(sorted(seen)) or "unknown"


def write(out, sources, records):
    crates = set()
    for name in sorted(os.listdir(records)):
        if name.endswith(".crates"):
            with open(os.path.join(records, name)) as f:
                crates.update(line.strip() for line in f if line.strip())
    lines = [
        "# What these artifacts were built from (scripts/build.sh). scripts/test.sh compares a",
        "# fresh build with them byte for byte, and this file with the fresh build's to say why",
        "# they differ. Crates: everything the Wasm builds compiled, from Cargo.lock.",
        f"rustc-web {command('dpkg-query', '-W', '-f=${Version}', 'rustc-web')}",
        f"rustc {command('rustc', '+debian', '--version')}",
        f"cargo-contract {command('cargo-contract', '--version')}",
        f"sources {sources_hash(sources)}",
        f"overflow-checks {overflow_checks(records)}",
    ]
    lines.extend(f"crate {c}" for c in sorted(crates))
    with open(os.path.join(out, "build-info.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def parse(path):
    fields, crates = {}, {}
    if not os.path.exists(path):
        return fields, crates
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, _, value = line.strip().partition(" ")
            if key == "crate":
                name, _, version = value.partition(" ")
                crates.setdefault(name, set()).add(version)
            else:
                fields[key] = value
    return fields, crates


def explain(committed, fresh):
    (old, old_crates), (new, new_crates) = parse(committed), parse(fresh)
    if not old:
        print(f"  {committed} is missing: the artifacts' toolchain and dependencies are unknown")
        return
    reasons = []
    for key, what in [("rustc-web", "the Debian rustc-web package"), ("rustc", "rustc"),
                      ("cargo-contract", "cargo-contract")]:
        if old.get(key) != new.get(key):
            reasons.append(f"toolchain: {what} was {old.get(key)}, this build used {new.get(key)}")
    for name in sorted(set(old_crates) | set(new_crates)):
        was, now = old_crates.get(name, set()), new_crates.get(name, set())
        if was != now:
            reasons.append(
                f"dependency: {name} was {', '.join(sorted(was)) or 'absent'}, "
                f"this build compiled {', '.join(sorted(now)) or 'nothing'}"
            )
    if old.get("overflow-checks") != new.get("overflow-checks"):
        reasons.append(f"profile: overflow-checks was {old.get('overflow-checks')}, this build had "
                       f"{new.get('overflow-checks')} (scripts/lib/cargo-wasm.sh sets them)")
    if old.get("sources") != new.get("sources"):
        reasons.append("source: contracts/, Cargo.toml or Cargo.lock changed since the artifacts "
                       "were built (run scripts/build.sh and commit frontend-abi/)")
    if not reasons:
        reasons.append("same toolchain, dependencies and sources, yet different bytes: the build "
                       "is not reproducible on this machine (a different path or CARGO_HOME?)")
    for reason in reasons:
        print(f"  {reason}")


def main(argv):
    if len(argv) == 4 and argv[0] == "write":
        write(argv[1], argv[2], argv[3])
        return 0
    if len(argv) == 3 and argv[0] == "explain":
        explain(argv[1], argv[2])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
