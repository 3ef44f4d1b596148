"""How long the callbacks of Lessons 8 and 9 take: the architecture audit and the actor-and-tool map.

Each case changes a control as a click does and times the whole callback: the
gap report (or the map's reading), its words, and the chart redrawn as a PNG.
The budget is p95 < 50 ms per click.

    python benchmarks/bench_widgets_policy.py [--runs 200]
Writes benchmarks/results/widgets_policy.json.
"""

from __future__ import annotations

from functools import partial
from itertools import cycle

from _timing import run
from _timing import timed as timed_wall
from warning_signs.widgets import actor_tool_map, architecture_audit

timed = partial(timed_wall, cpu=True)  # CPU time beside wall time: other processes' turns inflate the wall clock


def audit_cases(runs: int) -> dict:
    audit = architecture_audit("brenvald", scenario="norvane")
    statuses = cycle(["in_place", "partial", "missing"])
    toggle = audit.toggles["early_warning_cell"]
    out = {"audit: rate an element": timed(lambda: setattr(toggle, "value", next(statuses)), runs)}
    for element_id, status in audit.ministry.expert_ratings.items():
        audit.rate(element_id, status)
    audit.compare()
    out["audit: rate an element, expert compared"] = timed(lambda: setattr(toggle, "value", next(statuses)), runs)
    scenarios = cycle(["veldora", "sarimba", "norvane"])
    out["audit: change the scenario"] = timed(lambda: setattr(audit.scenario_picker, "value", next(scenarios)), runs)
    return out


def map_cases(runs: int) -> dict:
    amap = actor_tool_map()
    for stage, actor_id, tool_id in [(2, "special_adviser", "alert"), (2, "embassies", "good_offices"),
                                     (4, "local_cso", "speech_reading"), (6, "hrc", "inquiry")]:
        amap.add(actor_id, tool_id, stage=stage)

    def add_or_remove():  # one callback per call: Add, then Remove on the next call
        if (2, "humanitarian", "access") in amap.actions:
            amap.remove(amap.actions.index((2, "humanitarian", "access")))
        else:
            amap.add("humanitarian", "access")

    out = {"map: add or remove an action": timed(add_or_remove, runs)}
    out["map: a pair the actor cannot use"] = timed(lambda: amap.add("icc", "statement"), runs)
    amap.compare()
    stages = cycle([4, 6, 8, 2])
    out["map: change the moment, one compared"] = timed(lambda: setattr(amap.moment_picker, "value", next(stages)),
                                                        runs)
    return out


def main() -> None:
    run(__doc__, lambda runs: {**audit_cases(runs), **map_cases(runs)}, "widgets_policy", width=48, load=True)


if __name__ == "__main__":
    main()
