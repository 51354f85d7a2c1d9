#!/usr/bin/env python3
"""Wall time of `handprop render` (the whole process: start, parse templates, compute, write).

Usage (after `cargo build --release`):  python3 benches/render_time.py [target/release/handprop] [RUNS]
Prints the median, mean and slowest wall time over RUNS runs (default 200) for the seed in zh and en,
and for examples/3-4-2.toml. The target for the seed is under 10 ms.
"""
import statistics
import subprocess
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/handprop"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
cases = {
    "seed, zh": [binary, "render"],
    "seed, en": [binary, "render", "--lang", "en"],
    "seed, json": [binary, "render", "-f", "json"],
    "3-4-2, zh": [binary, "render", "examples/3-4-2.toml"],
}
for name, command in cases.items():
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{name:12} median {statistics.median(times):6.2f} ms   mean {statistics.mean(times):6.2f} ms   "
          f"slowest {max(times):6.2f} ms   ({runs} runs)")
