#!/usr/bin/env python3
"""Times `handprop grade` on 10,000 students: a set of VARIANTS variants of the seed's network, ten
students a variant, a third right everywhere, a third off by 0.0123 everywhere (every answer not right,
so each is recomputed from the student's own answers: the slowest case), a third answering every other
quantity. Prints the seconds without and with --feedback (two pages a student).

    python3 benches/grade_time.py target/release/handprop [VARIANTS] [TMPDIR]
"""
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time

handprop = sys.argv[1]
variants = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
base = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
feedback = "--no-feedback" not in sys.argv
students_per_variant = 10000 // variants

with tempfile.TemporaryDirectory(dir=base) as tmp:
    subprocess.run([handprop, "exercises", "--count", str(variants), "--seed", "7", "--lang", "en",
                    "--carry-rounded", "--out", f"{tmp}/set"], check=True)
    key = json.load(open(f"{tmp}/set/key.json"))
    quantities = key["quantities"]
    with open(f"{tmp}/responses.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["student", "variant"] + quantities)
        n = 0
        for v in key["variants"]:
            for s in range(students_per_variant):
                answers = [v["answers"][q] for q in quantities]
                if s % 3 == 1:
                    answers = [f"{float(a) + 0.0123:.4f}" for a in answers]
                elif s % 3 == 2:
                    answers = [a if i % 2 == 0 else "" for i, a in enumerate(answers)]
                out.writerow([f"student {n}", v["variant"]] + answers)
                n += 1
    for with_feedback in (False, True) if feedback else (False,):
        times = []
        for run in range(runs):
            extra = ["--feedback", f"{tmp}/feedback{run}"] if with_feedback else []
            start = time.perf_counter()
            subprocess.run([handprop, "grade", f"{tmp}/set", f"{tmp}/responses.csv", "-o",
                            f"{tmp}/grades.csv"] + extra,
                           check=True, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        what = "with --feedback" if with_feedback else "grades only"
        each = ", ".join(f"{t:.2f}" for t in times)
        print(f"{n} students of {variants} variants, {what}: median {seconds:.2f} s of {runs} runs "
              f"({n / seconds:,.0f} students/s; runs: {each})")
