"""What a capstone debrief says, as plain data: path, lead time, warnings, roles, turning points.

The widget renders it; a test or the facilitator view can read it without a display.

* **Lead time** is counted in weeks to the scenario's ``onset_week`` (when mass
  violence begins on the unchecked path): the week the team first acted on a real
  warning, against the week the expert policy did.
* A warning is **acted on** when some role chose an option (or a tag) in the stage's
  ``acts_on``. A **false alarm** is handled well when the team checked it (acts_on)
  without coercion, over-read when it answered with a coercive step, and ignored otherwise.
* A **turning point** is a stage where the expert's decision, with the team's history,
  would have led somewhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from .capstone import Scenario
from .capstone_rules import History, expert_decision, expert_path, next_transition


@dataclass(frozen=True)
class SignalRead:
    stage_id: str
    week: int
    kind: str  # warning or false_alarm
    verdict: str  # acted on, missed, checked, over-read, ignored
    note: str


@dataclass(frozen=True)
class TurningPoint:
    stage_id: str
    taken: str  # where the team went
    expert: str  # where the expert's decision would have gone
    consequence: str
    lesson: str | None


@dataclass(frozen=True)
class RoleRecord:
    role_id: str
    choices: tuple[tuple[str, str], ...]  # (stage id, option id)
    as_expert: int  # choices equal to the expert's
    acted: int  # choices that acted on the stage's signal
    spent: int


@dataclass(frozen=True)
class Debrief:
    nodes: tuple[str, ...]
    expert_nodes: tuple[str, ...]
    ending: str | None
    unreached: tuple[str, ...]  # endings not reached
    first_action: int | None  # week the team first acted on a real warning
    expert_first_action: int | None
    onset_week: int
    signals: tuple[SignalRead, ...]
    roles: tuple[RoleRecord, ...]
    turning_points: tuple[TurningPoint, ...]

    @property
    def lead_weeks(self) -> int | None:
        """Weeks between the team's first action on a warning and the onset (None: never acted)."""
        return None if self.first_action is None else self.onset_week - self.first_action

    @property
    def gained(self) -> int | None:
        """Weeks earlier (positive) or later (negative) than the expert's first action."""
        if self.first_action is None or self.expert_first_action is None:
            return None
        return self.expert_first_action - self.first_action


def _acts(scenario: Scenario, option_id: str, acts_on: tuple[str, ...]) -> bool:
    return bool(scenario.options[option_id].atoms & set(acts_on))


def read_signal(scenario: Scenario, stage_id: str, decision: dict[str, str]) -> SignalRead | None:
    stage = scenario.stages[stage_id]
    if stage.signal == "none":
        return None
    acted = any(_acts(scenario, o, stage.acts_on) for o in decision.values())
    if stage.signal == "warning":
        verdict = "acted on" if acted else "missed"
    else:
        coercive = any("coercive" in scenario.options[o].tags for o in decision.values())
        verdict = "over-read" if coercive else ("checked" if acted else "ignored")
    return SignalRead(stage_id, stage.week, stage.signal, verdict, stage.signal_note)


def first_action(scenario: Scenario, history: History) -> int | None:
    for sid, decision in zip(history.visited, history.decisions, strict=True):
        read = read_signal(scenario, sid, decision)
        if read and read.kind == "warning" and read.verdict == "acted on":
            return read.week
    return None


def debrief(scenario: Scenario, history: History, ending: str | None) -> Debrief:
    """The debrief of a (finished or unfinished) play; ``ending`` is None while it goes on."""
    expert_history, expert_taken = expert_path(scenario)
    expert_nodes = (*expert_history.visited, expert_taken[-1].target) if expert_taken else ()
    nodes = (*history.visited, ending) if ending else tuple(history.visited)
    signals = tuple(
        r for sid, d in zip(history.visited, history.decisions, strict=True) if (r := read_signal(scenario, sid, d))
    )
    return Debrief(
        nodes,
        expert_nodes,
        ending,
        tuple(e for e in scenario.endings if e != ending),
        first_action(scenario, history),
        first_action(scenario, expert_history),
        scenario.onset_week,
        signals,
        _roles(scenario, history),
        _turning_points(scenario, history, nodes),
    )


def _roles(scenario: Scenario, history: History) -> tuple[RoleRecord, ...]:
    records = []
    replay = History()
    per_role: dict[str, list] = {r: [] for r in scenario.role_ids()}
    for sid, decision in zip(history.visited, history.decisions, strict=True):
        expert = expert_decision(scenario, scenario.stages[sid], replay)
        stage = scenario.stages[sid]
        for role, option in decision.items():
            per_role[role].append((sid, option, option == expert.get(role), _acts(scenario, option, stage.acts_on)))
        replay = History(replay.visited + [sid], replay.decisions + [decision], _spent(scenario, replay, decision))
    for role, rows in per_role.items():
        records.append(
            RoleRecord(
                role,
                tuple((s, o) for s, o, _, _ in rows),
                sum(r[2] for r in rows),
                sum(r[3] for r in rows),
                history.spent.get(role, 0),
            )
        )
    return tuple(records)


def _spent(scenario: Scenario, history: History, decision: dict[str, str]) -> dict[str, int]:
    spent = dict(history.spent)
    for option in decision.values():
        role = scenario.options[option].role_id
        spent[role] = spent.get(role, 0) + scenario.options[option].cost
    return spent


def _turning_points(scenario: Scenario, history: History, nodes: tuple[str, ...]) -> tuple[TurningPoint, ...]:
    points = []
    replay = History()
    for i, (sid, decision) in enumerate(zip(history.visited, history.decisions, strict=True)):
        taken = next_transition(scenario, sid, decision, replay)
        expert = next_transition(scenario, sid, expert_decision(scenario, scenario.stages[sid], replay), replay)
        if taken and expert and i + 1 < len(nodes) and taken.target != expert.target:
            points.append(TurningPoint(sid, taken.target, expert.target, taken.consequence, taken.lesson))
        replay = History(replay.visited + [sid], replay.decisions + [decision], _spent(scenario, replay, decision))
    return tuple(points)
