"""Checks that a build uses exactly the crate versions of the repository's Cargo.lock.

  lockcheck.py subset LOCK REFERENCE
      every registry package of LOCK (a build's trimmed lock) is in REFERENCE (the repository's
      Cargo.lock) with the same version and checksum; else lists what differs and exits 1.
  lockcheck.py closure < METADATA_JSON
      from `cargo metadata --filter-platform wasm32-unknown-unknown` of a build's workspace,
      the registry crates the root package builds with (normal and build dependencies, all the
      way down), as sorted `name version` lines.
  lockcheck.py compiled REFERENCE RECORD...
      every `name version` line of the RECORD files (written from `closure`) is pinned by
      REFERENCE; else lists what is not and exits 1.
"""
import json
import sys
import tomllib


def packages(path):
    with open(path, "rb") as f:
        lock = tomllib.load(f)
    return lock.get("package", [])


def registry_versions(path):
    """name -> {version: checksum} for the packages of a lock that come from a registry."""
    found = {}
    for p in packages(path):
        if "source" in p:
            found.setdefault(p["name"], {})[p["version"]] = p.get("checksum")
    return found


def subset(lock, reference):
    pinned = registry_versions(reference)
    problems = []
    for name, versions in sorted(registry_versions(lock).items()):
        for version, checksum in sorted(versions.items()):
            known = pinned.get(name, {})
            if version not in known:
                pins = ", ".join(sorted(known)) or "nothing"
                problems.append(f"{name} {version} (Cargo.lock pins {pins})")
            elif known[version] != checksum:
                problems.append(f"{name} {version}: checksum differs from Cargo.lock")
    return problems


def closure(metadata):
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    seen, todo = set(), [metadata["resolve"]["root"]]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds - {"dev"} and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    crates = {(packages[i]["name"], packages[i]["version"]) for i in seen if packages[i]["source"]}
    return sorted(crates)


def recorded(paths):
    crates = set()
    for path in paths:
        with open(path) as f:
            for line in f:
                if line.strip():
                    name, version = line.split()
                    crates.add((name, version))
    return sorted(crates)


def main(argv):
    if len(argv) >= 3 and argv[0] == "subset":
        problems = subset(argv[1], argv[2])
        for p in problems:
            print(f"  not the locked version: {p}", file=sys.stderr)
        return 1 if problems else 0
    if len(argv) == 1 and argv[0] == "closure":
        for name, version in closure(json.load(sys.stdin)):
            print(f"{name} {version}")
        return 0
    if len(argv) >= 3 and argv[0] == "compiled":
        pinned = registry_versions(argv[1])
        crates = recorded(argv[2:])
        if not crates:
            print("  no crate recorded by the build", file=sys.stderr)
            return 1
        bad = [(n, v) for n, v in crates if v not in pinned.get(n, {})]
        for name, version in bad:
            pins = ", ".join(sorted(pinned.get(name, {}))) or "nothing"
            print(f"  compiled {name} {version}, Cargo.lock pins {pins}", file=sys.stderr)
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
