"""How long the capstone simulation's callbacks take, headless, on the full course data.

* a decision: "Take the decision" for a team of five (rules, expert policy for
  unplayed roles, the atomic save, the next stage's report and radio buttons);
* the debrief: the path graph (only the two paths drawn over a background made
  once per scenario when the simulation opens), lead time, warnings, roles,
  turning points; timed at the endings of many different paths;
* the path walk of ``warning-signs scenario check`` (a command, no target).

Targets: a decision's p95 under 50 ms; the debrief's p95 under 300 ms.

    python benchmarks/bench_capstone.py [--plays 30]
Writes benchmarks/results/capstone.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from warning_signs.knowledge.capstone import scenario_ids
from warning_signs.knowledge.capstone_check import check, summary
from warning_signs.paths import course_root
from warning_signs.widgets import capstone_simulation

RESULTS = course_root() / "benchmarks" / "results"
TARGETS = {"decision": 50.0, "debrief": 300.0}


def stats(times: list[float], target: float | None) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "runs": len(times),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "target_ms": target,
        "meets_target": None if target is None else p95 < target,
    }


def play(scenario_id: str, plays: int, folder: Path) -> tuple[list[float], list[float], float]:
    """Team plays with random choices (seeded): every decision and every debrief timed."""
    rng = random.Random(13)
    decisions, debriefs = [], []
    start = time.perf_counter()
    sim = capstone_simulation(scenario_id, mode="team", team="bench", folder=folder)
    opened = (time.perf_counter() - start) * 1000
    for _ in range(plays):
        sim.restart()
        while not sim.play.finished:
            for radio in sim.radios.values():
                radio.value = rng.choice(radio.options)[1]
            start = time.perf_counter()
            sim.decide_button.click()
            decisions.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        sim.debrief_button.click()
        debriefs.append((time.perf_counter() - start) * 1000)
    return decisions, debriefs, opened


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plays", type=int, default=30)
    args = parser.parse_args()
    results: dict = {"machine": platform.platform(), "python": platform.python_version(), "scenarios": {}}
    # ignore_cleanup_errors: the simulation's save may still be replacing its file as the folder goes
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        for sid in scenario_ids():
            decisions, debriefs, opened = play(sid, args.plays, Path(tmp))
            start = time.perf_counter()
            problems = check(sid)
            walked = (time.perf_counter() - start) * 1000
            counts = summary(sid)
            results["scenarios"][sid] = {
                "decision_points": counts.decision_points,
                "endings": counts.endings,
                "paths": counts.paths,
                "check_problems": len(problems),
                "check_ms": round(walked, 1),
                "open_simulation_ms (cell run, no target)": round(opened, 1),
                "decision": stats(decisions, TARGETS["decision"]),
                "debrief": stats(debriefs, TARGETS["debrief"]),
            }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "capstone.json").write_text(json.dumps(results, indent=1))
    for sid, r in results["scenarios"].items():
        print(
            f"{sid}: {r['decision_points']} decision points, {r['endings']} endings, {r['paths']} paths; "
            f"decision p50 {r['decision']['p50_ms']} ms, p95 {r['decision']['p95_ms']} ms; "
            f"debrief p50 {r['debrief']['p50_ms']} ms, p95 {r['debrief']['p95_ms']} ms; check {r['check_ms']} ms"
        )
    met = all(r[k]["meets_target"] for r in results["scenarios"].values() for k in TARGETS)
    print("targets met" if met else "a target was missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
