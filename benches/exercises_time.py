#!/usr/bin/env python3
"""Variants per second of `handprop exercises --count 10000` (the whole process: question, answer and
network of every variant, the combined sheets and the key, written to disk).

Usage (after `cargo build --release`):
    python3 benches/exercises_time.py [target/release/handprop] [RUNS] [COUNT] [PARENT]

Each run writes a new set into its own folder under PARENT (default: a new temporary folder), with its
own seed; the sets are removed only after the last run, because on ext4 creating files soon after tens of
thousands were deleted is slow (the kernel skips recently freed inodes), which would time the
filesystem rather than handprop (a run's system time then jumps from about 1 s to 5-30 s; give a
tmpfs such as /dev/shm as PARENT to time handprop alone). Prints each run's wall time, variants per
second and CPU time, then the median and the best. The target is 5,000 variants per second or more on a 2-core machine.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/handprop"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
parent = tempfile.mkdtemp(prefix="handprop-bench-", dir=sys.argv[4] if len(sys.argv) > 4 else None)

rates = []
try:
    for run in range(runs):
        out = os.path.join(parent, f"set{run}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binary, "exercises", "--count", str(count), "--seed", str(run + 1), "--out", out],
                       check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
        rates.append(count / seconds)
        print(f"run {run + 1}: {count} variants in {seconds:6.3f} s = {count / seconds:8.0f} variants/s   "
              f"(cpu: {user:5.2f} s user, {system:5.2f} s system)")
    print(f"median {statistics.median(rates):8.0f} variants/s   best {max(rates):8.0f} variants/s   "
          f"({runs} runs of --count {count}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
finally:
    shutil.rmtree(parent, ignore_errors=True)
