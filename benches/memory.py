#!/usr/bin/env python3
"""What a set keeps per variant: the peak memory of `handprop exercises --count N` for growing N, and the
slope between the smallest and largest N in KB a variant (issue 15: keep it near 0.35 KB).

Usage (after `cargo build --release`):
    python3 benches/memory.py [target/release/handprop] [RUNS] [PARENT] [--counts 20000,40000,80000]
        [--rerun]

Each N is run RUNS times (default 3) into a fresh folder on a tmpfs (PARENT, default /dev/shm) and the
median peak resident memory is printed. `--rerun` also runs each N again into the folder it just wrote
(the set replaced: the old one is surveyed, checked and removed) and prints that row too. The peak is
the child's own (wait4), so runs do not see each other. No figure here is a test.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def peak(command):
    """Runs `command`; returns (peak resident KB, wall seconds)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    errors = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed: {errors.strip()}")
    return usage.ru_maxrss, wall


def main():
    args = sys.argv[1:]
    counts = [20000, 40000, 80000]
    rerun = "--rerun" in args
    args = [a for a in args if a != "--rerun"]
    if "--counts" in args:
        i = args.index("--counts")
        counts = [int(c) for c in args[i + 1].split(",")]
        del args[i : i + 2]
    binary = args[0] if len(args) > 0 else "target/release/handprop"
    runs = int(args[1]) if len(args) > 1 else 3
    parent = args[2] if len(args) > 2 else "/dev/shm"
    if len(counts) < 2 or min(counts) <= 0:
        sys.exit("--counts needs two or more positive counts, such as 20000,80000")
    rows = {"fresh": {}, "rerun": {}}
    with tempfile.TemporaryDirectory(prefix="handprop-memory-", dir=parent) as work:
        out = os.path.join(work, "set")
        for n in counts:
            fresh, again = [], []
            for _ in range(runs):
                shutil.rmtree(out, ignore_errors=True)
                command = [binary, "exercises", "--count", str(n), "--seed", "1", "--out", out]
                fresh.append(peak(command))
                if rerun:
                    again.append(peak(command))
            rows["fresh"][n] = fresh
            if rerun:
                rows["rerun"][n] = again
    print(f"peak memory of `exercises --count N` (md), medians of {runs} runs on {parent}")
    for name, row in rows.items():
        if not row:
            continue
        medians = {n: statistics.median(kb for kb, _ in runs_) for n, runs_ in row.items()}
        for n, runs_ in row.items():
            wall = statistics.median(s for _, s in runs_)
            print(f"  {name:5} N = {n:>7}: {medians[n] / 1024:8.1f} MB  {wall:7.2f} s")
        low, high = min(counts), max(counts)
        slope = (medians[high] - medians[low]) / (high - low)
        print(f"  {name:5} slope {low}..{high}: {slope:.2f} KB a variant")


if __name__ == "__main__":
    main()
