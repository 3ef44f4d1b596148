"""Walking every combined decision through a capstone scenario: each distinct path, and the dead ends.

:func:`walk` tries every combination of the roles' open options at every stage
(grouped where they cannot make a difference) and returns each distinct path of
stages from the start to an ending, with one decision sequence that produces it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .capstone import Scenario, load_scenario
from .capstone_rules import parse_condition

MAX_VISITS = 2  # a stage seen this often on one path: the walk stops exploring a loop there
MAX_PATHS = 5000
HISTORY_TERMS = {"by", "ready", "never", "visited"}


def edges(s: Scenario) -> dict[str, set[str]]:
    return {sid: {t.target for t in s.transitions.get(sid, ())} for sid in s.stages}


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]  # stage ids, then the ending id
    decisions: tuple[tuple[tuple[str, str], ...], ...]  # one sorted (role, option) tuple per stage

    @property
    def ending(self) -> str:
        return self.nodes[-1]

    def decision_dicts(self) -> list[dict[str, str]]:
        return [dict(d) for d in self.decisions]


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
                    problems.setdefault(
                        head, f"{head} (for example {shown}): add a last transition with a blank condition."
                    )
                    continue
                after = _after(s, stage, state, decision, roles, marks, ceiling.get(target), watched)
                frontier.setdefault(nodes + (target,), {}).setdefault(
                    after, decisions + (tuple(sorted(decision.items())),)
                )
    paths = sorted((Path(nodes, decisions) for nodes, decisions in found.items()), key=lambda p: p.nodes)
    return paths, list(problems.values())


def _undominated(states: dict[_State, tuple]) -> dict[_State, tuple]:
    """The states that no other with the same facts beats on capital for every role."""
    kept: dict[_State, tuple] = {}
    for state in sorted(states, key=lambda st: -sum(st.left)):
        if not any(
            k.facts == state.facts
            and k.visited == state.visited
            and all(a >= b for a, b in zip(k.left, state.left, strict=False))
            for k in kept
        ):
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
        own = [
            max((s.options[o].cost for o in here[r].options if o in s.options), default=0) if r in here else 0
            for r in roles
        ]
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


def _after(
    s: Scenario,
    stage,
    state: _State,
    decision: dict[str, str],
    roles: list[str],
    marks: dict[str, tuple[list[int], list[int]]],
    ceiling: tuple[int, ...] | None = None,
    watched: frozenset[str] = frozenset(),
) -> _State:
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
