"""Mirrors parts of a source tree into a build folder by content.

  mirror.py SOURCE TARGET PATH...

Each PATH (a file or a folder of SOURCE) ends up in TARGET with the same content. A file whose
content differs is written anew (so it gets a new modification time), a file that is the same is
left alone (it keeps its time), a file that is gone is removed. cargo decides what to rebuild by
modification times: copying with the originals' times (`cp -a`) could hand it an older file than
the one it last built from another checkout, and it would reuse a stale artifact.
"""
import filecmp
import os
import shutil
import sys


def files_under(root, path):
    full = os.path.join(root, path)
    if os.path.isfile(full):
        return {path}
    found = set()
    for top, dirs, files in os.walk(full):
        dirs[:] = [d for d in dirs if d not in ("target", ".git")]
        for name in files:
            found.add(os.path.relpath(os.path.join(top, name), root))
    return found


def mirror(source, target, paths):
    wanted = set()
    for path in paths:
        wanted |= files_under(source, path)
    for rel in sorted(wanted):
        src, dst = os.path.join(source, rel), os.path.join(target, rel)
        if os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)
    present = set()
    for path in paths:
        if os.path.exists(os.path.join(target, path)):
            present |= files_under(target, path)
    for rel in sorted(present - wanted):
        os.remove(os.path.join(target, rel))


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    mirror(sys.argv[1], sys.argv[2], sys.argv[3:])
