"""Checking a capstone scenario's graph, and enumerating every path through it.

:func:`check` returns one sentence per problem (``warning-signs scenario check``
prints them): unknown ids, stages that cannot be reached, decisions that lead
nowhere (dead ends), loops without an exit, and options, risk factors or
lessons that are not in the course data.

:func:`enumerate_paths` walks every combined decision the roles could take at
every stage (all combinations of the open options, grouped where they cannot
make a difference) and returns each distinct path of stages from the start to
an ending, with one decision sequence that produces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import load
from ..paths import lessons_dir
from .capstone import OUTCOME_LABELS, Scenario, ScenarioError, load_scenario
from .capstone_rules import parse_condition
from .capstone_walk import Path, edges, enumerate_paths, walk

# --- static checks --------------------------------------------------------------------


def check(scenario_id: str) -> list[str]:
    """Every problem of one scenario, one sentence each (empty when it is sound)."""
    try:
        scenario = load_scenario(scenario_id)
    except ScenarioError as exc:
        return [str(exc)]
    except (KeyError, ValueError) as exc:
        return [f"Scenario '{scenario_id}' cannot be read: {exc}."]
    problems = _check_refs(scenario) + _check_choices(scenario) + _check_transitions(scenario)
    problems += _check_graph(scenario)
    if not problems:  # the walk needs sound references and a sound graph
        paths, walk_problems = walk(scenario)
        problems = walk_problems + _unreached(scenario, paths)
    return problems


def _lesson_ok(lesson: str) -> bool:
    return (lessons_dir() / f"{lesson}.ipynb").is_file()


def _check_refs(s: Scenario) -> list[str]:
    problems = []
    if s.start not in s.stages:
        problems.append(f"Scenario '{s.id}': its start stage '{s.start}' is not among its stages.")
    known = set(load("indicators")["id"]) | set(load("risk_factors")["id"])
    toolbox = set(load("response_options")["id"])
    for stage in s.stages.values():
        problems += [
            f"Stage '{stage.id}': risk factor or indicator '{i}' is not in the course's framework data."
            for i in stage.indicators
            if i not in known
        ]
        problems += [
            f"Stage '{stage.id}': lesson '{lesson}' is not in lessons/ (write its file name without .ipynb)."
            for lesson in stage.lessons
            if not _lesson_ok(lesson)
        ]
        if stage.signal != "none" and not stage.acts_on:
            problems.append(
                f"Stage '{stage.id}' has a {stage.signal.replace('_', ' ')} but no 'acts_on' options "
                "or tags: list what counts as acting on it."
            )
        problems += [
            f"Stage '{stage.id}': acts_on '{a}' is neither an option nor a tag of one."
            for a in stage.acts_on
            if a not in s.options and a not in s.tags()
        ]
    for option in s.options.values():
        if option.response_option and option.response_option not in toolbox:
            problems.append(
                f"Option '{option.id}': response option '{option.response_option}' is not in "
                "frameworks/response_options.csv."
            )
        if option.role_id not in s.roles:
            problems.append(f"Option '{option.id}': role '{option.role_id}' is not in capstone/roles.csv.")
    for ending in s.endings.values():
        if ending.outcome not in OUTCOME_LABELS:
            problems.append(
                f"Ending '{ending.id}': outcome '{ending.outcome}' is not one of {', '.join(OUTCOME_LABELS)}."
            )
        problems += [
            f"Ending '{ending.id}': lesson '{lesson}' is not in lessons/."
            for lesson in ending.lessons
            if not _lesson_ok(lesson)
        ]
    clash = set(s.stages) & set(s.endings)
    problems += [f"'{c}' is both a stage and an ending: give one of them another id." for c in sorted(clash)]
    return problems


def _check_choices(s: Scenario) -> list[str]:
    problems = []
    for stage in s.stages.values():
        for role in s.role_ids():
            choice = stage.choices.get(role)
            if choice is None:
                problems.append(
                    f"Stage '{stage.id}' gives role '{role}' no options: add a row to capstone/choices.csv."
                )
                continue
            for option in choice.options:
                if option not in s.options:
                    problems.append(
                        f"Stage '{stage.id}', role '{role}': option '{option}' is not in capstone/options.csv."
                    )
                elif s.options[option].role_id != role:
                    problems.append(
                        f"Stage '{stage.id}', role '{role}': option '{option}' belongs to role "
                        f"'{s.options[option].role_id}'."
                    )
            if choice.expert not in choice.options:
                problems.append(
                    f"Stage '{stage.id}', role '{role}': the expert's option '{choice.expert}' is not "
                    "among the options listed."
                )
            if not any(s.options[o].holds and s.options[o].cost == 0 for o in choice.options if o in s.options):
                problems.append(
                    f"Stage '{stage.id}', role '{role}': no free 'hold' option, so a role with no "
                    "capital left could have nothing to choose."
                )
    return problems


def _check_transitions(s: Scenario) -> list[str]:
    problems = []
    atoms = set(s.options) | s.tags()
    for source, transitions in s.transitions.items():
        if source not in s.stages:
            problems.append(f"Transitions start from '{source}', which is not a stage of scenario '{s.id}'.")
            continue
        for t in transitions:
            where = f"Stage '{source}', transition {t.rank}"
            if t.target not in s.stages and t.target not in s.endings:
                problems.append(f"{where} leads to '{t.target}', which is neither a stage nor an ending.")
            if t.lesson and not _lesson_ok(t.lesson):
                problems.append(f"{where}: lesson '{t.lesson}' is not in lessons/.")
            try:
                terms = parse_condition(t.when)
            except ValueError as exc:
                problems.append(f"{where}: {exc}.")
                continue
            for term in terms:
                if term.kind == "visited" and term.atom not in s.stages:
                    problems.append(f"{where} tests a visit to '{term.atom}', which is not a stage.")
                elif term.kind != "visited" and term.atom not in atoms:
                    problems.append(f"{where} tests '{term.atom}', which is neither an option nor a tag of one.")
                if term.stage and term.stage not in s.stages:
                    problems.append(f"{where} tests 'by' stage '{term.stage}', which is not a stage.")
    return problems


def _check_graph(s: Scenario) -> list[str]:
    graph = edges(s)
    problems = [
        f"Stage '{sid}' is a dead end: it has no transitions; add one with a blank condition."
        for sid, out in graph.items()
        if not out
    ]
    seen, todo = {s.start}, [s.start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    problems += [
        f"Stage '{sid}' cannot be reached from the start: no transition leads to it."
        for sid in s.stages
        if sid not in seen
    ]
    problems += [
        f"Ending '{eid}' cannot be reached: no transition leads to it." for eid in s.endings if eid not in seen
    ]
    for loop in _closed_loops(graph):
        problems.append(f"Stages {', '.join(sorted(loop))} form a loop without exit: add a transition out of it.")
    return problems


def _reach(graph: dict[str, set[str]], node: str) -> set[str]:
    seen, todo = set(), [node]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _closed_loops(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of stages (with a cycle) that no transition leaves."""
    reach = {node: _reach(graph, node) for node in graph}
    loops = []
    for node in graph:
        if node not in reach[node]:
            continue
        group = {n for n in reach[node] if node in reach.get(n, set())}
        if all(graph.get(n, set()) <= group for n in group) and group not in loops:
            loops.append(group)
    return loops


def _unreached(s: Scenario, paths: list[Path]) -> list[str]:
    reached = {n for p in paths for n in p.nodes}
    problems = [
        f"Stage '{sid}' is never reached by any decision: check the conditions of the transitions to it."
        for sid in s.stages
        if sid not in reached
    ]
    problems += [
        f"Ending '{eid}' is never reached by any decision: check the conditions of the transitions to it."
        for eid in s.endings
        if eid not in reached
    ]
    taken = {(a, b) for p in paths for a, b in zip(p.nodes, p.nodes[1:], strict=False)}
    for source, transitions in s.transitions.items():
        for t in transitions:
            if (source, t.target) not in taken and source in reached:
                problems.append(
                    f"Stage '{source}', transition {t.rank} (to '{t.target}') is never taken: an "
                    "earlier transition always comes first, or its condition cannot hold."
                )
    return problems


@dataclass(frozen=True)
class Summary:
    scenario_id: str
    decision_points: int
    endings: int
    paths: int
    endings_reached: dict[str, int]


def summary(scenario_id: str) -> Summary:
    s = load_scenario(scenario_id)
    paths = enumerate_paths(scenario_id)
    counts: dict[str, int] = {}
    for p in paths:
        counts[p.ending] = counts.get(p.ending, 0) + 1
    return Summary(scenario_id, len(s.stages), len(s.endings), len(paths), counts)
