"""Writes a script with N functions, each with its own hot loop (N traces), that keeps calling
all of them for SECONDS: the monitor's 10,000-trace load (BENCHMARKS.md).

Usage: python3 bench/monitor/many_loops.py N SECONDS > /tmp/many.py
"""
import sys

n = int(sys.argv[1])
seconds = float(sys.argv[2])
out = ["import time", ""]
for k in range(n):
    out += [f"def f{k}(n):", "    s = 0", "    for i in range(n):", f"        s += i ^ {k}", "    return s", ""]
out += ["fs = [" + ", ".join(f"f{k}" for k in range(n)) + "]", ""]
out += [
    "end = time.time() + %r" % seconds,
    "t = 0",
    "while time.time() < end:",
    "    for f in fs:",
    "        t += f(100)",
    "print(t > 0)",
]
print("\n".join(out))
