"""The timing loop the widget benchmarks share: time a callback as a click runs it, print, save.

A benchmark script builds its cases with :func:`timed` and hands them to :func:`run`,
which reads ``--runs``, prints one line a case and writes benchmarks/results/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable

from warning_signs.paths import course_root

RESULTS = course_root() / "benchmarks" / "results"
BUDGET_MS = 50.0  # p95 per click, so that the widgets feel instant


def timed(
    action: Callable[[], object], runs: int, before: Callable[[], object] | None = None, cpu: bool = False
) -> dict:
    """p50, p95 and max milliseconds of ``runs`` calls of ``action``, after one warm-up call
    (the first fills the data caches). ``before`` runs untimed before each call (setting up
    is not part of the click); ``cpu`` adds the p95 of this process's CPU time."""
    if before:
        before()
    action()
    times, cpu_times = [], []
    for _ in range(runs):
        if before:
            before()
        start_cpu = time.process_time()
        start = time.perf_counter()  # the wall clock counts the click alone
        action()
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    at95 = min(len(times) - 1, int(0.95 * len(times)))
    row = {
        "runs": runs,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[at95], 2),
        "max_ms": round(times[-1], 2),
    }
    if cpu:  # beside wall time: on a shared machine the wall clock also counts other processes' turns
        row["cpu_p95_ms"] = round(sorted(cpu_times)[at95], 2)
    return {**row, "within_budget": times[at95] < BUDGET_MS}


def show(cases: dict, width: int = 44) -> None:
    for name, row in cases.items():
        verdict = "ok" if row["within_budget"] else "OVER BUDGET"
        cpu = f"(CPU p95 {row['cpu_p95_ms']:6.2f} ms)   " if "cpu_p95_ms" in row else ""
        print(f"{name:{width}s} p50 {row['p50_ms']:6.2f} ms   p95 {row['p95_ms']:6.2f} ms   {cpu}{verdict}")


def run(doc: str, cases: Callable[[int], dict], name: str, width: int = 44, load: bool = False) -> None:
    """The script's main: ``cases(runs)`` timed, printed and written to results/``name``.json;
    ``load`` records the machine's load average and CPU count beside them."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    results = cases(parser.parse_args().runs)
    show(results, width)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"budget_p95_ms": BUDGET_MS, "python": platform.python_version(), "machine": platform.machine()}
    if load:
        out |= {"load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({**out, "cases": results}, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {path.relative_to(course_root())}.")
