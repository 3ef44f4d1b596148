"""How long lesson 12's read-twice activity takes to answer a click, on the full data.

Each case does what a learner's click does (tick a detail, press Done, press Compare,
switch report, start again) and times the whole callback: state, scoring and the
feedback HTML. The budget is p95 < 50 ms per click, so the widget feels instant.

    python benchmarks/bench_widgets_gender.py [--runs 200]
Writes benchmarks/results/widgets_gender.json.
"""

from __future__ import annotations

from itertools import cycle

from _timing import run, timed
from warning_signs.widgets.gender import gender_lens


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
    run(__doc__, cases, "widgets_gender")


if __name__ == "__main__":
    main()
