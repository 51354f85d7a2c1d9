#!/usr/bin/env python3
"""Issue 15's table: how far handprop is from the floor, each row a ratio measured in this one run.

Usage (after `cargo build --release`):
    python3 benches/near_floor.py [--only md|html|site|steps] [target/release/handprop] [RUNS] [PARENT]

`--only ROW` runs that one row of the table (all four without it).

Everything is written on a tmpfs (PARENT, default /dev/shm), so the floor is the cost of making the files,
not the disk's writeback. Each row runs handprop and its floor alternately RUNS times (default 3) and
compares the medians:

- `exercises --count 10000` (Markdown), `exercises --count 3000 -f html` and `site --exercises 1000`,
  each against `cp -r` of the folder that same run wrote;
- `render --steps 10000000` (the seed) against a plain C loop (gcc -O2, compiled here) doing the same
  forward pass, total error, backward pass (with the weights before the update) and update per step.

The targets (issue 15): md <= 2x, html <= 3x, site <= 5x, --steps <= 3x. No figure here is a test.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LOOP_C = r"""
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
/* The seed's 2-2-2 sigmoid network, one step of gradient descent a loop, as handprop trains it:
   forward, E_total, backward with the weights before the update, update of the weights (biases kept). */
static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
int main(int argc, char **argv) {
    long steps = argc > 1 ? atol(argv[1]) : 10000000;
    double i[2] = {0.05, 0.10}, t[2] = {0.01, 0.99}, eta = 0.5;
    double w1[2][2] = {{0.15, 0.20}, {0.25, 0.30}}, b1 = 0.35;
    double w2[2][2] = {{0.40, 0.45}, {0.50, 0.55}}, b2 = 0.60;
    double error = 0, h[2], o[2], d2[2], d1[2];
    for (long step = 0; step <= steps; step++) {
        for (int j = 0; j < 2; j++) h[j] = sigmoid(w1[j][0] * i[0] + w1[j][1] * i[1] + b1);
        for (int j = 0; j < 2; j++) o[j] = sigmoid(w2[j][0] * h[0] + w2[j][1] * h[1] + b2);
        error = 0.5 * (t[0] - o[0]) * (t[0] - o[0]) + 0.5 * (t[1] - o[1]) * (t[1] - o[1]);
        if (step == steps) break;
        for (int j = 0; j < 2; j++) d2[j] = -(t[j] - o[j]) * o[j] * (1 - o[j]);
        for (int k = 0; k < 2; k++) d1[k] = (d2[0] * w2[0][k] + d2[1] * w2[1][k]) * h[k] * (1 - h[k]);
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 2; k++) {
                w2[j][k] -= eta * d2[j] * h[k];
                w1[j][k] -= eta * d1[j] * i[k];
            }
    }
    printf("%.17g\n", error);
    return 0;
}
"""


def timed(command, **kwargs):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return seconds


def row(name, runs, make, floor, per=None):
    """Runs make() and floor() alternately; prints the medians and their ratio."""
    ours, floors = [], []
    for run in range(runs):
        ours.append(make(run))
        floors.append(floor(run))
    mine, base = statistics.median(ours), statistics.median(floors)
    rate = f"  {per / mine:8.0f} a second" if per else ""
    print(f"{name:34} {mine:7.3f} s  floor {base:7.3f} s  ratio {mine / base:5.1f}x{rate}", flush=True)


def folder_row(binary, parent, name, runs, arguments, per):
    """A handprop command writing --out DIR against `cp -r DIR`."""
    def make(run):
        out = os.path.join(parent, f"out{run}")
        shutil.rmtree(out, ignore_errors=True)
        return timed([binary, *arguments, "--seed", str(run + 1), "--out", out])

    def floor(run):
        out, copy = os.path.join(parent, f"out{run}"), os.path.join(parent, f"copy{run}")
        seconds = timed(["cp", "-r", out, copy])
        shutil.rmtree(copy)
        shutil.rmtree(out)
        return seconds

    row(name, runs, make, floor, per)


ROWS = ("md", "html", "site", "steps")


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        at = args.index("--only")
        only = args[at + 1] if at + 1 < len(args) else None
        if only not in ROWS:
            sys.exit(f"--only takes one of {', '.join(ROWS)}")
        del args[at:at + 2]
    wanted = lambda name: only in (None, name)  # noqa: E731
    binary = os.path.abspath(args[0] if len(args) > 0 else "target/release/handprop")
    runs = int(args[1]) if len(args) > 1 else 3
    parent = tempfile.mkdtemp(prefix="handprop-floor-", dir=args[2] if len(args) > 2 else "/dev/shm")
    try:
        print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, medians of {runs} interleaved runs, "
              f"on {parent}")
        if wanted("md"):
            folder_row(binary, parent, "exercises --count 10000 (md)", runs,
                       ["exercises", "--count", "10000"], 10000)
        if wanted("html"):
            folder_row(binary, parent, "exercises --count 3000 -f html", runs,
                       ["exercises", "--count", "3000", "-f", "html"], 3000)
        if wanted("site"):
            folder_row(binary, parent, "site --exercises 1000", runs,
                       ["site", "--exercises", "1000"], 1000)
        if not wanted("steps"):
            return
        source, loop = os.path.join(parent, "loop.c"), os.path.join(parent, "loop")
        with open(source, "w") as file:
            file.write(LOOP_C)
        subprocess.run(["gcc", "-O2", "-o", loop, source, "-lm"], check=True)
        steps = "10000000"
        row("render --steps 10000000 (seed)", runs,
            lambda _: timed([binary, "render", "--steps", steps]),
            lambda _: timed([loop, steps]))
    finally:
        shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    main()
