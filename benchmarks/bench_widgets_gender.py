"""How long lesson 12's read-twice activity takes to answer a click, on the full data.

Each case does what a learner's click does (tick a detail, press Done, press Compare,
switch report, start again) and times the whole callback: state, scoring and the
feedback HTML. The budget is p95 < 50 ms per click, so the widget feels instant.

    python benchmarks/bench_widgets_gender.py [--runs 200]
Writes benchmarks/results/widgets_gender.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from itertools import cycle

from warning_signs.paths import course_root
from warning_signs.widgets.gender import gender_lens

RESULTS = course_root() / "benchmarks" / "results"
BUDGET_MS = 50.0


def timed(action, runs: int, before=None) -> dict:
    if before:
        before()
    action()  # warm-up: the first call fills the data caches
    times = []
    for _ in range(runs):
        if before:
            before()  # setting up is not part of the click
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return {
        "runs": runs,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(times[-1], 2),
        "within_budget": p95 < BUDGET_MS,
    }


def cases(runs: int) -> dict:
    widget = gender_lens("gs3")
    box = widget.boxes["gs3-d3"]
    out = {"gender lens: tick a detail": timed(lambda: setattr(box, "value", not box.value), runs)}

    def fresh_first():
        widget.show_report("gs3")
        widget.boxes["gs3-d2"].value = True

    out["gender lens: press Done (first reading)"] = timed(widget.to_second.click, runs, before=fresh_first)

    def fresh_second():
        fresh_first()
        widget.to_second.click()
        for detail_id in ("gs3-d1", "gs3-d3", "gs3-d4", "gs3-d5"):
            widget.boxes[detail_id].value = True

    out["gender lens: compare with the expert"] = timed(widget.to_compare.click, runs, before=fresh_second)
    reports = cycle(["gs1", "gs2", "gs3"])
    out["gender lens: switch report"] = timed(lambda: setattr(widget.picker, "value", next(reports)), runs)
    out["gender lens: start this report again"] = timed(widget.restart.click, runs, before=fresh_second)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    results = cases(args.runs)
    for name, row in results.items():
        verdict = "ok" if row["within_budget"] else "OVER BUDGET"
        print(f"{name:44s} p50 {row['p50_ms']:6.2f} ms   p95 {row['p95_ms']:6.2f} ms   {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "budget_p95_ms": BUDGET_MS,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cases": results,
    }
    path = RESULTS / "widgets_gender.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {path.relative_to(course_root())}.")


if __name__ == "__main__":
    main()
