"""How long the callbacks of Lesson 10's and Lesson 11's widgets take, on the full data.

Each case changes a control as a click does and times the whole callback: the
simulator counts the 900-post stream, rewrites its text and redraws its chart
as a PNG; the triage widget updates its state, feedback and board. Budget:
p95 under 50 ms per click.

    python benchmarks/bench_widgets_digital_field.py [--runs 200]
Writes benchmarks/results/widgets_digital_field.json.
"""

from __future__ import annotations

from itertools import cycle

from _timing import run, timed
from warning_signs.knowledge import moderation
from warning_signs.widgets import digital_sorting, field_triage, moderation_simulator


def simulator_cases(runs: int) -> dict:
    sim = moderation_simulator()
    thresholds = cycle(range(0, 101, 5))
    out = {"simulator: move the threshold": timed(lambda: setattr(sim.threshold, "value", next(thresholds)), runs)}
    box = sim.language_boxes["oskan"]
    out["simulator: tick a reviewers' language"] = timed(lambda: setattr(box, "value", not box.value), runs)
    out["simulator: tick preserve"] = timed(lambda: setattr(sim.preserve, "value", not sim.preserve.value), runs)
    posts = moderation.stream()
    settings = moderation.Settings(60, frozenset({"dorran"}))
    out["rules only: simulate 900 posts"] = timed(lambda: moderation.simulate(posts, settings), runs)
    return out


def sorting_cases(runs: int) -> dict:
    activity = digital_sorting()
    item = activity.items[0]
    choices = cycle(["protect", "degrade"])
    return {"sorting: choose a strategy": timed(lambda: setattr(item.radio, "value", next(choices)), runs)}


def triage_cases(runs: int) -> dict:
    widget = field_triage()
    levels = cycle(["none", "some", "strong"])
    toggle = widget.toggles["targeting"]
    out = {"triage: rate a mark": timed(lambda: setattr(toggle, "value", next(levels)), runs)}
    widget.compare()
    out["triage: rate a mark, comparison shown"] = timed(lambda: setattr(toggle, "value", next(levels)), runs)
    routes = cycle(["programme_review", "human_rights_reporting", "early_warning"])
    out["triage: choose a route"] = timed(lambda: setattr(widget.route, "value", next(routes)), runs)
    out["triage: compare"] = timed(widget.compare, runs)
    reports = cycle(["r2", "r3", "r4", "r5", "r6", "r1"])
    out["triage: pick another report"] = timed(lambda: setattr(widget.picker, "value", next(reports)), runs)
    return out


def main() -> None:
    run(__doc__, lambda runs: {**simulator_cases(runs), **sorting_cases(runs), **triage_cases(runs)},
        "widgets_digital_field")


if __name__ == "__main__":
    main()
