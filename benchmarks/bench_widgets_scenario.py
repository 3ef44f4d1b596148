"""How long the scenario widgets' callbacks take, headless, on the full course data.

Each callback is what runs in the kernel after a learner's click: ticking a sign
(the heat strip and summary redrawn), ticking in the player (plus the atomic save),
advancing a stage (report, charts, saved answers shown), submitting, the debrief,
and the instructor's class view (rescan and redraw, or redraw only). A stage's
charts are drawn at every change: only their lines and y axes, over a background
drawn once per scenario when the first player opens (measured apart: that is a
cell run, not a click). Target: p95 under 50 ms.

    python benchmarks/bench_widgets_scenario.py [--runs 200]
Writes benchmarks/results/widgets_scenario.json.
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

from warning_signs.charts import panelcharts
from warning_signs.knowledge.scenarios import scenario_stages
from warning_signs.paths import course_root
from warning_signs.widgets import RiskAssessment, ScenarioPlayer, class_view

RESULTS = course_root() / "benchmarks" / "results"
TARGET_MS = 50.0
SCENARIOS = ("veldora", "norvane", "sarimba")


def timed(action, runs: int, before=None) -> list[float]:
    """Milliseconds per call of ``action``; ``before`` runs untimed before each call."""
    times = []
    for n in range(runs):
        if before is not None:
            before(n)
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return times


def stats(times: list[float], callback: bool = True) -> dict:
    """Median, p95 and max; ``callback=False`` for work done in a cell run, which has no target."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(times), "p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ordered[-1], 2), "meets_target": (p95 < TARGET_MS) if callback else None}


def tick_items(widget: RiskAssessment) -> list[str]:
    return sorted(widget.checklist.boxes)


def bench_assessment(runs: int) -> dict:
    widget = RiskAssessment("veldora", 4)
    items = tick_items(widget)
    toggle = lambda n: setattr(widget.checklist.boxes[items[n % len(items)]], "value",  # noqa: E731
                               not widget.checklist.boxes[items[n % len(items)]].value)
    plain = timed(toggle, runs)
    widget.compare()
    compared = timed(toggle, runs)
    return {"assessment: tick a sign, redraw strip and summary": stats(plain),
            "assessment: tick a sign after comparing (feedback too)": stats(compared)}


def bench_player(runs: int, folder: Path) -> dict:
    player = ScenarioPlayer("norvane", folder / "player")
    items = tick_items(player.assessment)
    ticks = timed(lambda n: setattr(player.assessment.checklist.boxes[items[n % len(items)]], "value",
                                    not player.assessment.checklist.boxes[items[n % len(items)]].value), runs)
    for _ in scenario_stages("norvane"):  # open every stage, so the player can move freely
        player.risk.value = "high"
        player.submit()
        player.show(player.current + 1)
    numbers = [s.number for s in scenario_stages("norvane")]
    advance = timed(lambda n: player.show(numbers[n % len(numbers)]), runs)
    month = scenario_stages("norvane")[0].month
    first = timed(lambda n: panelcharts.PanelCharts("norvane").stage(month), max(runs // 8, 10))
    debrief = timed(lambda n: player.show_debrief(), max(runs // 4, 10))
    fresh = [ScenarioPlayer(SCENARIOS[n % 3], folder / f"submit{n}") for n in range(max(runs // 8, 10))]
    for p in fresh:
        p.risk.value = "moderate"
        p.responses.boxes["RO01"].value = True
    submit = timed(lambda n: fresh[n].submit(), len(fresh))
    return {"player: tick a sign and save progress": stats(ticks),
            "player: go to another stage (report, charts, answers)": stats(advance),
            "player opens: a scenario's first charts (cell run, not a click)": stats(first, callback=False),
            "player: submit a stage (feedback and save)": stats(submit),
            "player: debrief (text and chart)": stats(debrief)}


def make_room(folder: Path, learners: int) -> Path:
    """A submitted/<learner>/<assignment>/ tree of real progress files, written by the player."""
    random.seed(7)
    root = folder / "submitted"
    for n in range(learners):
        player = ScenarioPlayer("veldora", root / f"learner{n:02d}" / "03-scenario-practice")
        items = tick_items(player.assessment)
        for _stage in range(3):
            for item in random.sample(items, 5):
                player.assessment.checklist.boxes[item].value = True
            player.risk.value = random.choice(["low", "moderate", "high", "very_high"])
            player.submit()
            player.show(player.current + 1)
    return root


def bench_classview(runs: int, folder: Path, learners: int) -> dict:
    view = class_view(make_room(folder, learners), "veldora", stage=2)
    refresh = timed(lambda n: view.refresh(), runs)
    stage = timed(lambda n: setattr(view.stage, "value", 1 + n % 3), runs)
    return {f"class view: refresh ({learners} submissions rescanned, redrawn)": stats(refresh),
            "class view: change stage (redraw only)": stats(stage)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--learners", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {**bench_assessment(args.runs), **bench_player(args.runs, Path(tmp)),
                   **bench_classview(args.runs, Path(tmp), args.learners)}
    print(f"{'callback':62} {'p50 ms':>8} {'p95 ms':>8}  target p95 < {TARGET_MS:.0f} ms")
    for name, row in results.items():
        verdict = {True: "ok", False: "OVER", None: "(no target)"}[row["meets_target"]]
        print(f"{name:62} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f}  {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"target_p95_ms": TARGET_MS, "machine": {"python": platform.python_version(),
                                                      "processor": platform.machine()},
              "callbacks": results}
    (RESULTS / "widgets_scenario.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
