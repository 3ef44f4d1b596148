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

import itertools
from dataclasses import dataclass

from ..data import load
from ..paths import lessons_dir
from .capstone import OUTCOME_LABELS, Scenario, ScenarioError, load_scenario
from .capstone_rules import parse_condition

MAX_VISITS = 2  # a stage seen this often on one path: the walk stops exploring a loop there
MAX_PATHS = 5000
HISTORY_TERMS = {"by", "ready", "never", "visited"}


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]  # stage ids, then the ending id
    decisions: tuple[tuple[tuple[str, str], ...], ...]  # one sorted (role, option) tuple per stage

    @property
    def ending(self) -> str:
        return self.nodes[-1]

    def decision_dicts(self) -> list[dict[str, str]]:
        return [dict(d) for d in self.decisions]


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
        problems += [f"Stage '{stage.id}': risk factor or indicator '{i}' is not in the course's framework data."
                     for i in stage.indicators if i not in known]
        problems += [f"Stage '{stage.id}': lesson '{lesson}' is not in lessons/ (write its file name without .ipynb)."
                     for lesson in stage.lessons if not _lesson_ok(lesson)]
        if stage.signal != "none" and not stage.acts_on:
            problems.append(f"Stage '{stage.id}' has a {stage.signal.replace('_', ' ')} but no 'acts_on' options "
                            "or tags: list what counts as acting on it.")
        problems += [f"Stage '{stage.id}': acts_on '{a}' is neither an option nor a tag of one."
                     for a in stage.acts_on if a not in s.options and a not in s.tags()]
    for option in s.options.values():
        if option.response_option and option.response_option not in toolbox:
            problems.append(f"Option '{option.id}': response option '{option.response_option}' is not in "
                            "frameworks/response_options.csv.")
        if option.role_id not in s.roles:
            problems.append(f"Option '{option.id}': role '{option.role_id}' is not in capstone/roles.csv.")
    for ending in s.endings.values():
        if ending.outcome not in OUTCOME_LABELS:
            problems.append(f"Ending '{ending.id}': outcome '{ending.outcome}' is not one of "
                            f"{', '.join(OUTCOME_LABELS)}.")
        problems += [f"Ending '{ending.id}': lesson '{lesson}' is not in lessons/." for lesson in ending.lessons
                     if not _lesson_ok(lesson)]
    clash = set(s.stages) & set(s.endings)
    problems += [f"'{c}' is both a stage and an ending: give one of them another id." for c in sorted(clash)]
    return problems


def _check_choices(s: Scenario) -> list[str]:
    problems = []
    for stage in s.stages.values():
        for role in s.role_ids():
            choice = stage.choices.get(role)
            if choice is None:
                problems.append(f"Stage '{stage.id}' gives role '{role}' no options: add a row to capstone/choices.csv.")
                continue
            for option in choice.options:
                if option not in s.options:
                    problems.append(f"Stage '{stage.id}', role '{role}': option '{option}' is not in "
                                    "capstone/options.csv.")
                elif s.options[option].role_id != role:
                    problems.append(f"Stage '{stage.id}', role '{role}': option '{option}' belongs to role "
                                    f"'{s.options[option].role_id}'.")
            if choice.expert not in choice.options:
                problems.append(f"Stage '{stage.id}', role '{role}': the expert's option '{choice.expert}' is not "
                                "among the options listed.")
            if not any(s.options[o].holds and s.options[o].cost == 0 for o in choice.options if o in s.options):
                problems.append(f"Stage '{stage.id}', role '{role}': no free 'hold' option, so a role with no "
                                "capital left could have nothing to choose.")
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


def edges(s: Scenario) -> dict[str, set[str]]:
    return {sid: {t.target for t in s.transitions.get(sid, ())} for sid in s.stages}


def _check_graph(s: Scenario) -> list[str]:
    graph = edges(s)
    problems = [f"Stage '{sid}' is a dead end: it has no transitions; add one with a blank condition."
                for sid, out in graph.items() if not out]
    seen, todo = {s.start}, [s.start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    problems += [f"Stage '{sid}' cannot be reached from the start: no transition leads to it."
                 for sid in s.stages if sid not in seen]
    problems += [f"Ending '{eid}' cannot be reached: no transition leads to it." for eid in s.endings if eid not in seen]
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


# --- the walk over every decision ---------------------------------------------------
# The walk does not replay histories: a state holds only what can still change the
# story (capital left per role; for each atom tested under by:/ready:/never:, the first
# week it was chosen and the first week it took effect; stages tested by visited:),
# and each stage's transitions are compiled once. Capital is only ever a limit, so a
# state with at least as much capital left for every role (and the same facts) can do
# all another can: per path prefix only the states no other one beats are expanded, and
# of two options alike for the story the cheaper stands for both.


@dataclass(frozen=True)
class _State:
    left: tuple[int, ...]
    facts: tuple[tuple[str, int, int], ...]
    visited: tuple[str, ...]


def walk(s: Scenario) -> tuple[list[Path], list[str]]:
    """Every distinct path (stages to an ending) and the dead ends met on the way."""
    tested = _tested_atoms(s)
    roles = s.role_ids()
    compiled = {sid: [(t.target, parse_condition(t.when)) for t in s.transitions.get(sid, ())] for sid in s.stages}
    ceiling = _most_spent(s, roles)
    marks = _marks(s)
    watched = frozenset(a for a in tested if a in s.stages)
    problems: dict[str, str] = {}
    found: dict[tuple, tuple] = {}
    start = _State(tuple(s.roles[r].capital for r in roles), (), ())
    frontier: dict[tuple, dict[_State, tuple]] = {(s.start,): {start: ()}}  # nodes so far -> states -> decisions
    while frontier and len(found) < MAX_PATHS:
        nodes, states = frontier.popitem()
        node = nodes[-1]
        if s.is_ending(node):
            found.setdefault(nodes, next(iter(states.values())))
            continue
        if nodes.count(node) > MAX_VISITS:
            continue
        stage = s.stages[node]
        for state, decisions in _undominated(states).items():
            for decision in _decisions(s, stage, state, roles, tested):
                target = _first(s, stage, compiled[node], decision, state)
                if target is None:
                    shown = ", ".join(f"{r} {o}" for r, o in sorted(decision.items()))
                    head = f"Stage '{node}' is a dead end for some decisions"
                    problems.setdefault(head, f"{head} (for example {shown}): add a last transition with a blank "
                                              "condition.")
                    continue
                after = _after(s, stage, state, decision, roles, marks, ceiling.get(target), watched)
                frontier.setdefault(nodes + (target,), {}).setdefault(
                    after, decisions + (tuple(sorted(decision.items())),))
    paths = sorted((Path(nodes, decisions) for nodes, decisions in found.items()), key=lambda p: p.nodes)
    return paths, list(problems.values())


def _undominated(states: dict[_State, tuple]) -> dict[_State, tuple]:
    """The states that no other with the same facts beats on capital for every role."""
    kept: dict[_State, tuple] = {}
    for state in sorted(states, key=lambda st: -sum(st.left)):
        if not any(k.facts == state.facts and k.visited == state.visited
                   and all(a >= b for a, b in zip(k.left, state.left, strict=False)) for k in kept):
            kept[state] = states[state]
    return kept


def _first(s: Scenario, stage, transitions: list, decision: dict[str, str], state: _State) -> str | None:
    """The target of the first transition whose condition holds (the rules of capstone_rules, from a state)."""
    chosen = [s.options[o] for o in decision.values()]
    counts: dict[str, int] = {}
    instant: set[str] = set()  # atoms of options chosen now that take effect at once
    for o in chosen:
        for atom in o.atoms:
            counts[atom] = counts.get(atom, 0) + 1
        if o.weeks == 0:
            instant |= o.atoms
    facts = {atom: (first, effect) for atom, first, effect in state.facts}

    def holds(term) -> bool:
        kind, atom, now = term.kind, term.atom, counts.get(term.atom, 0)
        if kind == "now":
            return now >= 1
        if kind == "atleast":
            return now >= term.count
        if kind == "not":
            return now == 0
        if kind == "visited":
            return atom in state.visited or atom == stage.id
        if kind == "by":
            limit = s.stages[term.stage].week
            return (atom in facts and facts[atom][0] <= limit) or (stage.week <= limit and now > 0)
        if kind == "ready":
            return (atom in facts and facts[atom][1] <= stage.week) or atom in instant
        return atom not in facts and now == 0  # never

    return next((target for target, terms in transitions if all(holds(t) for t in terms)), None)


def _most_spent(s: Scenario, roles: list[str]) -> dict[str, tuple[int, ...]]:
    """Per stage, the most each role could still spend from there on (capital beyond it never matters)."""
    graph, most = edges(s), {}  # type: dict[str, set[str]], dict[str, tuple[int, ...]]

    def spend(node: str, trail: frozenset) -> tuple[int, ...]:
        if node in most:
            return most[node]
        here = s.stages[node].choices
        own = [max((s.options[o].cost for o in here[r].options if o in s.options), default=0) if r in here else 0
               for r in roles]
        later = [spend(n, trail | {node}) for n in graph.get(node, ()) if n in s.stages and n not in trail]
        result = tuple(own[i] + max((lt[i] for lt in later), default=0) for i in range(len(roles)))
        if not any(n in trail for n in graph.get(node, ())):
            most[node] = result  # not cut short by a loop: safe to reuse
        return result

    for node in s.stages:
        spend(node, frozenset())
    return most


def _marks(s: Scenario) -> dict[str, tuple[list[int], list[int]]]:
    """Per tested atom, the weeks its conditions compare with: by: limits, and weeks of stages testing ready:."""
    marks: dict[str, tuple[list[int], list[int]]] = {}
    for source, transitions in s.transitions.items():
        for t in transitions:
            for term in parse_condition(t.when):
                if term.kind in ("by", "ready", "never"):
                    by, ready = marks.setdefault(term.atom, ([], []))
                    if term.kind == "by" and term.stage in s.stages:
                        by.append(s.stages[term.stage].week)
                    if term.kind == "ready" and source in s.stages:
                        ready.append(s.stages[source].week)
    return marks


def _mark(week: int, weeks: list[int]) -> int:
    """The first compared week at or after ``week`` (comparisons with those weeks give the same answers)."""
    return min((w for w in weeks if w >= week), default=10**6)


def _after(s: Scenario, stage, state: _State, decision: dict[str, str], roles: list[str],
           marks: dict[str, tuple[list[int], list[int]]], ceiling: tuple[int, ...] | None = None,
           watched: frozenset[str] = frozenset()) -> _State:
    left = list(state.left)
    facts = {atom: (first, effect) for atom, first, effect in state.facts}
    for i, role in enumerate(roles):
        if role not in decision:
            continue
        o = s.options[decision[role]]
        left[i] -= o.cost
        for atom in o.atoms & marks.keys():
            by, ready = marks[atom]
            first, effect = _mark(stage.week, by), _mark(stage.week + o.weeks, ready)
            was = facts.get(atom, (first, effect))
            facts[atom] = (min(was[0], first), min(was[1], effect))
    if ceiling is not None:  # ending: None; loops: a cut-short ceiling is never used
        left = [min(a, c) for a, c in zip(left, ceiling, strict=False)] if ceiling else left
    visited = state.visited + ((stage.id,) if stage.id in watched else ())
    return _State(tuple(left), tuple(sorted((a, f, e) for a, (f, e) in facts.items())), visited)


def enumerate_paths(scenario_id: str) -> list[Path]:
    return walk(load_scenario(scenario_id))[0]


def _tested_atoms(s: Scenario) -> set[str]:
    """Atoms whose past choice can matter later: those under by:, ready:, never: (and visited stages)."""
    atoms = set()
    for transitions in s.transitions.values():
        for t in transitions:
            atoms |= {term.atom for term in parse_condition(t.when) if term.kind in HISTORY_TERMS}
    return atoms


def _now_atoms(s: Scenario, stage_id: str) -> set[str]:
    return {term.atom for t in s.transitions.get(stage_id, ()) for term in parse_condition(t.when)}


def _decisions(s: Scenario, stage, state: _State, roles: list[str], tested: set[str]):
    """One representative of every class of combined decisions that could differ for the story.

    Two options of a role are alike here when they carry the same atoms this stage's
    transitions test and leave the same tested facts for later; the cheaper one stands for both.
    """
    relevant = _now_atoms(s, stage.id) | tested
    per_role = []
    for i, role in enumerate(roles):
        choice = stage.choices.get(role)
        classes: dict[tuple, str] = {}
        for option in choice.options if choice else ():
            o = s.options[option]
            if (o.needs_consent and not stage.consent) or o.cost > state.left[i]:
                continue
            key = (o.atoms & relevant, o.weeks if o.atoms & tested else 0)
            if key not in classes or o.cost < s.options[classes[key]].cost:
                classes[key] = option
        per_role.append([(role, o) for o in classes.values()])
    for combo in itertools.product(*per_role):
        yield dict(combo)


def _unreached(s: Scenario, paths: list[Path]) -> list[str]:
    reached = {n for p in paths for n in p.nodes}
    problems = [f"Stage '{sid}' is never reached by any decision: check the conditions of the transitions to it."
                for sid in s.stages if sid not in reached]
    problems += [f"Ending '{eid}' is never reached by any decision: check the conditions of the transitions to it."
                 for eid in s.endings if eid not in reached]
    taken = {(a, b) for p in paths for a, b in zip(p.nodes, p.nodes[1:], strict=False)}
    for source, transitions in s.transitions.items():
        for t in transitions:
            if (source, t.target) not in taken and source in reached:
                problems.append(f"Stage '{source}', transition {t.rank} (to '{t.target}') is never taken: an "
                                "earlier transition always comes first, or its condition cannot hold.")
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
