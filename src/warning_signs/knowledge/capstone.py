"""The capstone crisis simulation as plain data: scenarios, roles, options, stages, endings.

A capstone scenario is a graph. Each *stage* (a decision point) has a situation
report, injects, the risk factors an expert sees, and, for each of the five
roles, the options open to it and the expert's choice. Ordered *transitions*
lead from a stage to the next stage or to an *ending*; each transition has a
condition on the decisions taken now and earlier (see ``capstone_rules``).

Everything comes from ``datasets/capstone/`` through :func:`warning_signs.data.load`,
so an author adds a scenario by adding rows. Nothing here draws or displays.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from ..data import cached, load, split_items

LEVELS = ("low", "moderate", "high", "very_high")
LEVEL_LABELS = {"low": "Low", "moderate": "Moderate", "high": "High", "very_high": "Very high"}
OUTCOME_LABELS = {
    "averted": "Averted",
    "contained": "Contained",
    "late_response": "Mass atrocity, late response",
    "mass_atrocity": "Mass atrocity",
    "frozen": "Frozen crisis",
}


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    brief: str
    constraints: str
    capital: int  # political capital to spend over the whole scenario
    order: int


@dataclass(frozen=True)
class Option:
    id: str
    role_id: str
    name: str
    response_option: str | None  # id in the course's response toolbox, or None (role-specific)
    needs_consent: bool
    cost: int  # political capital it spends
    weeks: int  # weeks before it takes effect
    tags: tuple[str, ...]
    description: str

    @functools.cached_property
    def atoms(self) -> frozenset[str]:
        """What a condition can test about this option: its id and its tags."""
        return frozenset((self.id, *self.tags))

    @property
    def holds(self) -> bool:
        return "hold" in self.tags


@dataclass(frozen=True)
class Choice:
    """The options open to one role at one stage, and what the expert does there."""

    role_id: str
    options: tuple[str, ...]
    expert: str
    why: str


@dataclass(frozen=True)
class Stage:
    id: str
    week: int
    title: str
    sitrep: str
    injects: tuple[str, ...]
    indicators: tuple[str, ...]
    risk_level: str
    signal: str  # none, warning or false_alarm
    acts_on: tuple[str, ...]  # options or tags that count as acting on the signal
    signal_note: str
    consent: bool  # does the host government consent to outside presence now?
    lessons: tuple[str, ...]
    choices: dict[str, Choice] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Ending:
    id: str
    name: str
    outcome: str
    narrative: str
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class Transition:
    source: str
    rank: int
    when: str  # the condition as written; blank means "otherwise"
    target: str
    consequence: str
    lesson: str | None


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    country: str
    fiction_note: str
    summary: str
    start: str
    onset_week: int  # when mass violence begins on the unchecked path: lead time is counted to it
    stages: dict[str, Stage]
    endings: dict[str, Ending]
    transitions: dict[str, tuple[Transition, ...]]  # source stage -> its transitions by rank
    roles: dict[str, Role]
    options: dict[str, Option]

    def node(self, node_id: str) -> Stage | Ending:
        return self.stages.get(node_id) or self.endings[node_id]

    def is_ending(self, node_id: str) -> bool:
        return node_id in self.endings

    def role_ids(self) -> list[str]:
        return sorted(self.roles, key=lambda r: self.roles[r].order)

    def tags(self) -> set[str]:
        return {t for o in self.options.values() for t in o.tags}

    def week(self, node_id: str) -> int:
        return self.stages[node_id].week if node_id in self.stages else max(s.week for s in self.stages.values()) + 4


class ScenarioError(ValueError):
    """A scenario id that the data does not have (one sentence)."""


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _bool(value) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


@cached
def roles() -> dict[str, Role]:
    rows = load("capstone_roles")
    return {
        str(r.id): Role(str(r.id), str(r.name), str(r.brief), str(r.constraints), _int(r.capital), _int(r.order))
        for r in rows.itertuples(index=False)
    }


@cached
def options() -> dict[str, Option]:
    rows = load("capstone_options")
    return {
        str(r.id): Option(
            str(r.id),
            str(r.role_id),
            str(r.name),
            _text(r.response_option_id) or None,
            _bool(r.needs_consent),
            _int(r.capital_cost),
            _int(r.weeks),
            tuple(split_items(r.tags)),
            _text(r.description),
        )
        for r in rows.itertuples(index=False)
    }


def scenario_ids() -> list[str]:
    return [str(i) for i in load("capstone_scenarios")["id"]]


@cached
def load_scenario(scenario_id: str) -> Scenario:
    """One scenario with its stages, choices, transitions and endings; one sentence for an unknown id."""
    known = scenario_ids()
    if scenario_id not in known:
        raise ScenarioError(
            f"There is no capstone scenario '{scenario_id}'; the capstone scenarios are: {', '.join(known)}."
        )
    head = load("capstone_scenarios").set_index("id").loc[scenario_id]
    return Scenario(
        scenario_id,
        head["title"],
        head["country"],
        head["fiction_note"],
        head["summary"],
        head["start_stage"],
        _int(head["onset_week"]),
        _stages(scenario_id),
        _endings(scenario_id),
        _transitions(scenario_id),
        roles(),
        options(),
    )


def _mine(name: str, scenario_id: str):
    rows = load(name)
    return rows[rows["scenario_id"] == scenario_id]


def _stages(scenario_id: str) -> dict[str, Stage]:
    choices: dict[str, dict[str, Choice]] = {}
    for r in _mine("capstone_choices", scenario_id).itertuples(index=False):
        choices.setdefault(r.stage_id, {})[r.role_id] = Choice(
            r.role_id, tuple(split_items(r.options)), _text(r.expert_option), _text(r.expert_why)
        )
    stages = {}
    for r in _mine("capstone_stages", scenario_id).sort_values("week", kind="stable").itertuples(index=False):
        stages[r.stage_id] = Stage(
            r.stage_id,
            _int(r.week),
            r.title,
            r.sitrep,
            tuple(split_items(r.injects)),
            tuple(split_items(r.indicators)),
            r.risk_level,
            _text(r.signal) or "none",
            tuple(split_items(r.acts_on)),
            _text(r.signal_note),
            _bool(r.host_consent),
            tuple(split_items(r.lessons)),
            choices.get(r.stage_id, {}),
        )
    return stages


def _endings(scenario_id: str) -> dict[str, Ending]:
    return {
        r.ending_id: Ending(r.ending_id, r.name, r.outcome, r.narrative, tuple(split_items(r.lessons)))
        for r in _mine("capstone_endings", scenario_id).itertuples(index=False)
    }


def _transitions(scenario_id: str) -> dict[str, tuple[Transition, ...]]:
    found: dict[str, list[Transition]] = {}
    for r in _mine("capstone_transitions", scenario_id).itertuples(index=False):
        found.setdefault(r.from_stage, []).append(
            Transition(
                r.from_stage, _int(r.rank), _text(r.when).strip(), r.to, _text(r.consequence), _text(r.lesson) or None
            )
        )
    return {k: tuple(sorted(v, key=lambda t: t.rank)) for k, v in found.items()}
