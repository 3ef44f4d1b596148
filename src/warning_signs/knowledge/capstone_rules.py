"""How a capstone scenario moves: conditions, constraints, the expert policy, one step.

A transition's ``when`` is a ``;``-list of terms that must all hold (blank:
"otherwise"). ``X`` is an option id or a tag of options:

====================  ==========================================================
``X``                 some role chose X at this stage
``!X``                no role chose X at this stage
``X>=N``              at least N of this stage's choices carry X
``by:S:X``            X was chosen at a stage no later than stage S (by its week)
``ready:X``           X was chosen early enough to have taken effect by now
                      (its week plus the option's ``weeks`` is at most this week)
``never:X``           X has not been chosen at any stage so far, this one included
``visited:S``         the path went through stage S
====================  ==========================================================

Constraints on a role's options: each costs political capital from the role's
budget for the whole scenario; one that ``needs_consent`` is closed while the
host government refuses consent at a stage; ``weeks`` delay its effect
(``ready:``). No randomness: the same decisions always give the same path.

The expert policy (solo mode plays the other roles by it): at each stage each
role takes the expert's choice for that stage in ``capstone/choices.csv``; if
that option is closed (no consent, not enough capital left) it takes the first
open option listed for the role there, and holding is always open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .capstone import Option, Scenario, Stage, Transition

TERM = re.compile(
    r"^(?:(?P<neg>!)|(?P<fn>by|ready|never|visited):(?:(?P<stage>[\w-]+):)?)?(?P<atom>[\w-]+)"
    r"(?:>=(?P<count>\d+))?$"
)


@dataclass(frozen=True)
class Term:
    kind: str  # now, not, atleast, by, ready, never, visited
    atom: str
    stage: str | None = None
    count: int = 1


def parse_condition(when: str) -> list[Term]:
    """The terms of a condition; ValueError with one sentence for a term that is not in the language."""
    terms = []
    for raw in (t.strip() for t in when.split(";")):
        if not raw:
            continue
        m = TERM.match(raw)
        if not m or (m["fn"] == "by") != bool(m["stage"]) or (m["count"] and (m["fn"] or m["neg"])):
            raise ValueError(
                f"'{raw}' is not a condition term (write X, !X, X>=2, by:STAGE:X, ready:X, never:X or visited:STAGE)"
            )
        if m["neg"]:
            terms.append(Term("not", m["atom"]))
        elif m["fn"]:
            terms.append(Term(m["fn"], m["atom"], m["stage"]))
        elif m["count"]:
            terms.append(Term("atleast", m["atom"], count=int(m["count"])))
        else:
            terms.append(Term("now", m["atom"]))
    return terms


@dataclass
class History:
    """What has happened on a path: stages visited, choices made, capital spent."""

    visited: list[str] = field(default_factory=list)
    decisions: list[dict[str, str]] = field(default_factory=list)  # one {role: option} per visited stage
    spent: dict[str, int] = field(default_factory=dict)

    def copy(self) -> History:
        return History(list(self.visited), [dict(d) for d in self.decisions], dict(self.spent))


def _has(option: Option, atom: str) -> bool:
    return atom == option.id or atom in option.tags


def holds(term: Term, scenario: Scenario, stage: Stage, decision: dict[str, str], history: History) -> bool:
    """Does one term hold for ``decision`` at ``stage`` after ``history``?"""
    now = [scenario.options[o] for o in decision.values()]
    if term.kind in ("now", "not", "atleast"):
        count = sum(_has(o, term.atom) for o in now)
        return count >= term.count if term.kind != "not" else count == 0
    if term.kind == "visited":
        return term.atom in history.visited or term.atom == stage.id
    past = [
        (scenario.stages[s].week, scenario.options[o])
        for s, d in zip(history.visited, history.decisions, strict=False)
        for o in d.values()
    ]
    past += [(stage.week, o) for o in now]
    if term.kind == "by":
        limit = scenario.stages[term.stage].week if term.stage in scenario.stages else -1
        return any(week <= limit and _has(o, term.atom) for week, o in past)
    if term.kind == "ready":
        return any(_has(o, term.atom) and week + o.weeks <= stage.week for week, o in past)
    return not any(_has(o, term.atom) for _, o in past)  # never


def matches(transition: Transition, scenario: Scenario, decision: dict[str, str], history: History) -> bool:
    stage = scenario.stages[transition.source]
    return all(holds(t, scenario, stage, decision, history) for t in parse_condition(transition.when))


def next_transition(scenario: Scenario, stage_id: str, decision: dict[str, str], history: History) -> Transition | None:
    """The first transition (by rank) whose condition holds; None is a dead end."""
    return next((t for t in scenario.transitions.get(stage_id, ()) if matches(t, scenario, decision, history)), None)


# --- constraints and the expert policy -------------------------------------------


def closed_reason(scenario: Scenario, stage: Stage, option_id: str, history: History) -> str | None:
    """Why an option is closed at this stage (one sentence), or None if it is open."""
    option = scenario.options[option_id]
    if option.needs_consent and not stage.consent:
        return "closed: it needs the host government's consent, which is refused at this stage"
    left = remaining(scenario, option.role_id, history)
    if option.cost > left:
        return f"closed: it costs {option.cost} political capital and {left} is left"
    return None


def remaining(scenario: Scenario, role_id: str, history: History) -> int:
    return scenario.roles[role_id].capital - history.spent.get(role_id, 0)


def open_options(scenario: Scenario, stage: Stage, role_id: str, history: History) -> list[str]:
    choice = stage.choices.get(role_id)
    if choice is None:
        return []
    return [o for o in choice.options if closed_reason(scenario, stage, o, history) is None]


def expert_choice(scenario: Scenario, stage: Stage, role_id: str, history: History) -> str:
    """The documented expert policy for one role at one stage (see the module docstring)."""
    choice = stage.choices[role_id]
    if closed_reason(scenario, stage, choice.expert, history) is None:
        return choice.expert
    opened = open_options(scenario, stage, role_id, history)
    holding = [o for o in choice.options if scenario.options[o].holds]
    return (opened or holding or list(choice.options))[0]


def expert_decision(scenario: Scenario, stage: Stage, history: History) -> dict[str, str]:
    return {r: expert_choice(scenario, stage, r, history) for r in scenario.role_ids() if r in stage.choices}


def combine(
    scenario: Scenario, stage: Stage, history: History, chosen: dict[str, str | None], players: set[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The team's decision: players' choices, the expert policy for the rest; and problems, one sentence each.

    ``players`` are the roles people play (None: all roles, team mode). A player's choice
    that is missing, unknown or closed is a problem and the decision is not taken.
    """
    players = set(scenario.role_ids()) if players is None else players
    decision, problems = {}, []
    for role in scenario.role_ids():
        if role not in stage.choices:
            continue
        if role not in players:
            decision[role] = expert_choice(scenario, stage, role, history)
            continue
        option = chosen.get(role)
        name = scenario.roles[role].name
        if option is None:
            problems.append(f"The {name} has not chosen yet: pick one of the role's options.")
        elif option not in stage.choices[role].options:
            problems.append(f"'{option}' is not open to the {name} at this stage: pick one of the listed options.")
        elif (reason := closed_reason(scenario, stage, option, history)) is not None:
            problems.append(f"The {name}'s choice '{scenario.options[option].name}' is {reason}; pick another.")
        else:
            decision[role] = option
    return decision, problems


def step(scenario: Scenario, stage_id: str, decision: dict[str, str], history: History) -> tuple[History, Transition]:
    """Take a decision at a stage: the new history and the transition taken (ValueError at a dead end)."""
    transition = next_transition(scenario, stage_id, decision, history)
    if transition is None:
        raise ValueError(f"Stage '{stage_id}' has no transition for this decision (a dead end in the data).")
    after = history.copy()
    after.visited.append(stage_id)
    after.decisions.append(dict(decision))
    for option in decision.values():
        role = scenario.options[option].role_id
        after.spent[role] = after.spent.get(role, 0) + scenario.options[option].cost
    return after, transition


def expert_path(scenario: Scenario) -> tuple[History, list[Transition]]:
    """Every role playing the expert policy from the start to an ending."""
    history, node = History(), scenario.start
    taken: list[Transition] = []
    while not scenario.is_ending(node) and len(taken) <= 2 * len(scenario.stages):
        decision = expert_decision(scenario, scenario.stages[node], history)
        history, transition = step(scenario, node, decision, history)
        taken.append(transition)
        node = transition.target
    return history, taken
