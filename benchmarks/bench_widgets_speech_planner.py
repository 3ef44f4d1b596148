"""How long the speech assessment's and the response planner's callbacks take.

Each case sets a control's value, as a click does, and times the whole callback
(state, feedback text and, for the planner, the chart redrawn as a PNG). The
budget is p95 < 50 ms per click, so the widgets feel instant.

    python benchmarks/bench_widgets_speech_planner.py [--runs 200]
Writes benchmarks/results/widgets_speech_planner.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from itertools import cycle

from warning_signs.knowledge.speech import LEVELS
from warning_signs.paths import course_root
from warning_signs.widgets import response_planner, speech_assessment

RESULTS = course_root() / "benchmarks" / "results"
BUDGET_MS = 50.0


def timed(action, runs: int) -> dict:
    action()  # warm-up: first draws fill caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return {"runs": runs, "p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2),
            "max_ms": round(times[-1], 2), "within_budget": p95 < BUDGET_MS}


def speech_cases(runs: int) -> dict:
    widget = speech_assessment("s1")
    levels = cycle(LEVELS)
    toggle = widget.toggles["rabat_test.speaker"]
    out = {"speech: rate a part": timed(lambda: setattr(toggle, "value", next(levels)), runs)}
    widget.reveal()
    out["speech: rate a part, expert reading shown"] = timed(lambda: setattr(toggle, "value", next(levels)), runs)
    box = widget.hallmark_boxes["dehumanization"]
    out["speech: tick a hallmark, expert reading shown"] = timed(lambda: setattr(box, "value", not box.value), runs)
    samples = cycle(["s2", "s3", "s4", "s1"])
    out["speech: pick another sample"] = timed(lambda: setattr(widget.picker, "value", next(samples)), runs)
    return out


def planner_cases(runs: int) -> dict:
    planner = response_planner()
    planner.choose(["RO01", "RO10", "RO27"])
    box = planner.checklist.boxes["RO47"]
    out = {"planner: tick an option": timed(lambda: setattr(box, "value", not box.value), runs)}
    staged = response_planner(scenario="veldora", stage=3)
    staged.choose(["RO01", "RO04"])
    staged.compare()
    box = staged.checklist.boxes["RO28"]
    out["planner: tick an option, stage compared"] = timed(lambda: setattr(box, "value", not box.value), runs)
    strategies = cycle(["protect", "degrade", ""])
    out["planner: change a filter"] = timed(lambda: setattr(planner.strategy_filter, "value", next(strategies)), runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    cases = {**speech_cases(args.runs), **planner_cases(args.runs)}
    for name, row in cases.items():
        verdict = "ok" if row["within_budget"] else "OVER BUDGET"
        print(f"{name:48s} p50 {row['p50_ms']:6.2f} ms   p95 {row['p95_ms']:6.2f} ms   {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"budget_p95_ms": BUDGET_MS, "python": platform.python_version(), "machine": platform.machine(),
           "cases": cases}
    path = RESULTS / "widgets_speech_planner.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {path.relative_to(course_root())}.")


if __name__ == "__main__":
    main()
