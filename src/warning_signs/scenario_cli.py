"""``warning-signs scenario check|draw|list``: for authors of capstone scenarios.

warning-signs scenario list              every capstone scenario, with its counts
warning-signs scenario check ID          one line per problem in the scenario's graph (exit 1 if any)
warning-signs scenario draw ID [--out F] the graph as a PNG (default: capstone-ID.png)
"""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    scenario = sub.add_parser("scenario", help="authors: check or draw a capstone scenario's graph")
    steps = scenario.add_subparsers(dest="step", required=True)
    steps.add_parser("list", help="the capstone scenarios with their decision points, endings and paths")
    check = steps.add_parser("check", help="validate a scenario's graph: one line per problem")
    check.add_argument("scenario_id")
    draw = steps.add_parser("draw", help="write a scenario's graph as a picture")
    draw.add_argument("scenario_id")
    draw.add_argument("--out", type=Path, default=None, help="PNG file (default: capstone-<id>.png here)")
    scenario.set_defaults(handler=run)


def run(args) -> int:
    from .data import TableReadError
    from .knowledge.capstone import ScenarioError, scenario_ids
    from .knowledge.capstone_check import check, summary

    try:
        if args.step == "list":
            for sid in scenario_ids():
                print(_counts(summary(sid)))
            return 0
        if args.step == "check":
            problems = check(args.scenario_id)
            for line in problems:
                print(line)
            if problems:
                print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in scenario '{args.scenario_id}'.")
                return 1
            print(f"Scenario '{args.scenario_id}' is sound: {_counts(summary(args.scenario_id))}")
            return 0
        from .charts.capstone_graph import draw_for_authors

        out = args.out or Path(f"capstone-{args.scenario_id}.png")
        print(draw_for_authors(args.scenario_id, str(out)))
        return 0
    except (ScenarioError, TableReadError) as exc:
        print(exc)
        return 2


def _counts(s) -> str:
    return f"{s.scenario_id}: {s.decision_points} decision points, {s.endings} endings, {s.paths} distinct paths."
