#!/usr/bin/env python3
"""Where a contract's Wasm bytes are: code size per function and per module.

Reads a Wasm built with names kept (`cargo contract build --release --keep-debug-symbols`):
the `name` section gives each function's (mangled) name, the code section its body size.
Prints the modules, then the largest functions, as Markdown tables.

    wasm_sizes.py CONTRACT.wasm [TOP]
"""
import re
import subprocess
import sys


def leb(data, pos):
    """An unsigned LEB128 at `pos`: (value, next position)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def sections(data):
    pos = 8  # magic and version
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size


def imported_functions(body):
    count, pos = leb(body, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            length, pos = leb(body, pos)
            pos += length
        kind = body[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(body, pos)
            functions += 1
        elif kind == 1:  # table: element type, limits
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:  # global: type, mutability
            pos += 2
    return functions


def body_sizes(body):
    count, pos = leb(body, 0)
    sizes = []
    for _ in range(count):
        size, start = leb(body, pos)
        sizes.append(start - pos + size)
        pos = start + size
    return sizes


def function_names(body):
    name_length, pos = leb(body, 0)
    if body[pos:pos + name_length] != b"name":
        return None
    pos += name_length
    names = {}
    while pos < len(body):
        sub = body[pos]
        size, pos = leb(body, pos + 1)
        if sub == 1:
            count, p = leb(body, pos)
            for _ in range(count):
                index, p = leb(body, p)
                length, p = leb(body, p)
                names[index] = body[p:p + length].decode("utf-8", "replace")
                p += length
        pos += size
    return names


def demangle_all(names):
    """Rust symbols to paths with binutils' c++filt (it reads v0 and legacy manglings), without
    the crate hashes; the names as they are if c++filt is missing."""
    try:
        out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True,
                             text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return list(names)
    return [re.sub(r"\[[0-9a-f]{1,16}\]", "", line) for line in out[:len(names)]]


def module_of(name):
    """Where a function's code comes from: the first two segments of its path (for a generic
    instance, of the generic's path: `ink_storage::lazy` holds the Mapping getters)."""
    text = name.lstrip("<&* ")
    parts = re.split(r"::|<|>| |,", text)
    parts = [p for p in parts if p]
    return "::".join(parts[:2]) if parts else name


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    data = open(path, "rb").read()
    imports, sizes, names = 0, [], {}
    for kind, body in sections(data):
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            sizes = body_sizes(body)
        elif kind == 0:
            names = function_names(body) or names
    if not names:
        sys.exit(f"{path} has no name section: build it with --keep-debug-symbols")
    raw = [names.get(imports + i, f"func[{imports + i}]") for i in range(len(sizes))]
    functions = list(zip(sizes, demangle_all(raw)))
    code = sum(size for size, _ in functions)
    per_module = {}
    for size, name in functions:
        per_module[module_of(name)] = per_module.get(module_of(name), 0) + size
    print(f"{path}: {len(functions)} functions, {code} bytes of code\n")
    print("| module | code bytes | share |\n|---|---:|---:|")
    for crate, size in sorted(per_module.items(), key=lambda item: -item[1])[:top]:
        print(f"| `{crate}` | {size} | {100 * size / code:.1f}% |")
    print("\n| function | bytes |\n|---|---:|")
    for size, name in sorted(functions, reverse=True)[:top]:
        shown = name if len(name) <= 110 else name[:107] + "..."
        print(f"| `{shown}` | {size} |")


if __name__ == "__main__":
    main()
