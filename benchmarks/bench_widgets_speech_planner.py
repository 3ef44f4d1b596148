"""How long the speech assessment's and the response planner's callbacks take.

Each case sets a control's value, as a click does, and times the whole callback
(state, feedback text and, for the planner, the chart redrawn as a PNG). The
budget is p95 < 50 ms per click, so the widgets feel instant.

    python benchmarks/bench_widgets_speech_planner.py [--runs 200]
Writes benchmarks/results/widgets_speech_planner.json.
"""

from __future__ import annotations

from itertools import cycle

from _timing import run, timed
from warning_signs.knowledge.speech import LEVELS
from warning_signs.widgets import response_planner, speech_assessment


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
    run(__doc__, lambda runs: {**speech_cases(runs), **planner_cases(runs)}, "widgets_speech_planner", width=48)


if __name__ == "__main__":
    main()
