#!/usr/bin/env python3
"""Wall time of `handprop site` with exercise pages (the whole process, files written).

Usage (after `cargo build --release`):  python3 benches/site_time.py [target/release/handprop] [RUNS] [VARIANTS]
Builds a site of the seed's network (both languages) and VARIANTS exercise pages (default 100) RUNS times
(default 10) into a temporary folder and prints the median and slowest wall time. The target for 100
variants is under 2 s.
"""
import statistics
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/handprop"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
variants = sys.argv[3] if len(sys.argv) > 3 else "100"
times = []
with tempfile.TemporaryDirectory() as folder:
    for run in range(runs):
        out = f"{folder}/site{run}"
        start = time.perf_counter()
        subprocess.run([binary, "site", "--exercises", variants, "--seed", "1", "--out", out],
                       check=True, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
print(f"site with {variants} exercise pages: median {statistics.median(times):.3f} s, "
      f"slowest {max(times):.3f} s ({runs} runs)")
