"""Prints the size table of built contracts: Wasm bytes and the messages a wallet can call."""
import json
import os
import sys

out, contracts = sys.argv[1], sys.argv[2:]
rows = []
for name in contracts:
    wasm = os.path.getsize(os.path.join(out, f"{name}.wasm"))
    with open(os.path.join(out, f"{name}.json")) as f:
        spec = json.load(f)["spec"]
    rows.append((name, wasm, len(spec["messages"]), len(spec["events"])))

print(f"| {'contract':<12} | {'wasm bytes':>10} | {'KiB':>6} | {'messages':>8} | {'events':>6} |")
print(f"|{'-' * 14}|{'-' * 12}|{'-' * 8}|{'-' * 10}|{'-' * 8}|")
for name, wasm, messages, events in rows:
    print(f"| {name:<12} | {wasm:>10,} | {wasm / 1024:>6.1f} | {messages:>8} | {events:>6} |")
