"""Scenario stages and the expert's reading of each, and how a learner's reading compares.

Read from ``datasets/scenarios/``: scenarios (the country books), stages and
wrong_readings. A stage's month is a ``"2022-03"`` string throughout (the storage form of
the fictional calendar: learners read it through ``scenario_calendar.month_name``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data import cached, load, split_items
from ..paths import datasets_dir
from .framework import engaged, factor_of, framework
from .scenario_calendar import month_name

LEVELS = ("low", "moderate", "high", "very_high")
LEVEL_LABELS = {"low": "Low", "moderate": "Moderate", "high": "High", "very_high": "Very high"}


@dataclass(frozen=True)
class Stage:
    """One stage of a scenario and the expert's reading of it."""

    scenario_id: str
    number: int
    month: str
    title: str
    sitrep: str
    injects: tuple[str, ...]
    items: tuple[str, ...]  # indicators (or factors) present, as the expert reads them
    factors: tuple[str, ...]  # factors the expert sees engaged, in Framework order
    risk_level: str
    rationale: str
    responses: tuple[str, ...]
    outcome: str
    wrong: tuple[tuple[str, str], ...]  # (plausible reading, why it is wrong)
    risk_low: str = ""  # the expert's defensible range: lowest and highest level accepted
    risk_high: str = ""

    @property
    def risk_range(self) -> tuple[str, str]:
        """(lowest, highest) level the expert accepts; the expert's own level if the data gives none."""
        return (self.risk_low or self.risk_level, self.risk_high or self.risk_level)

    def in_range(self, level: str) -> bool:
        low, high = self.risk_range
        return LEVELS.index(low) <= LEVELS.index(level) <= LEVELS.index(high)

    @property
    def when(self) -> str:
        return month_name(self.month)


def months_between(first: str, later: str) -> int:
    """Whole months from ``first`` to ``later`` ('2022-01', '2022-05' -> 4)."""
    (y1, m1), (y2, m2) = (map(int, first.split("-")), map(int, later.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def scenario_ids() -> list[str]:
    return load("scenarios")["id"].tolist()


def country(scenario_id: str) -> dict:
    """A scenario's country book (a row of the scenarios table)."""
    rows = load("scenarios")
    return rows[rows["id"] == scenario_id].iloc[0].to_dict()


def scenario_stages(scenario_id: str) -> tuple[Stage, ...]:
    """The stages of a scenario, first to last; a one-sentence error for an unknown id."""
    known = scenario_ids()
    if scenario_id not in known:
        raise ValueError(f"There is no scenario '{scenario_id}'; the scenarios are: {', '.join(known)}.")
    return _stages(str(datasets_dir()), scenario_id)


@cached
def _stages(_root: str, scenario_id: str) -> tuple[Stage, ...]:
    rows = load("stages")
    rows = rows[rows["scenario_id"] == scenario_id].sort_values("stage")
    wrong = load("wrong_readings")
    order = framework().ordered
    stages = []
    for row in rows.itertuples(index=False):
        items = tuple(split_items(row.indicators_present))
        mine = wrong[(wrong["scenario_id"] == scenario_id) & (wrong["stage"] == row.stage)]
        stages.append(
            Stage(
                scenario_id,
                int(row.stage),
                row.month,
                row.title,
                row.sitrep,
                tuple(split_items(row.injects)),
                items,
                tuple(order(set(split_items(row.expert_factors)) | {factor_of(i) for i in items})),
                row.risk_level,
                row.rationale,
                tuple(split_items(row.recommended_responses)),
                "" if pd.isna(row.outcome_note) else str(row.outcome_note),  # blank at a last stage
                tuple((w.reading, w.why_wrong) for w in mine.itertuples(index=False)),
                row.risk_low,
                row.risk_high,
            )
        )
    return tuple(stages)


def stage_reading(scenario_id: str, stage: int) -> Stage:
    stages = scenario_stages(scenario_id)
    for candidate in stages:
        if candidate.number == int(stage):
            return candidate
    raise ValueError(f"Scenario '{scenario_id}' has stages 1 to {len(stages)}; there is no stage {stage}.")


# --- comparing a learner's reading with the expert's --------------------------


@dataclass(frozen=True)
class Comparison:
    agreed: tuple[str, ...]
    missed: tuple[str, ...]  # factors the expert sees and the learner did not mark
    extra: tuple[str, ...]  # factors the learner marked and the expert does not see
    unticked: tuple[str, ...]  # the expert's items, in factors both marked, the learner left out

    @property
    def verdict(self) -> str:
        return "Correct." if not self.missed and not self.extra else "Not quite."


def compare(marked, stage: Stage) -> Comparison:
    fw = framework()
    mine = set(engaged(marked, fw))
    expert = set(stage.factors)
    agreed = set(mine & expert)
    checkable = {item for f in agreed for item, _ in fw.factor(f).items}
    unticked = [i for i in stage.items if factor_of(i) in agreed and i in checkable and i not in set(marked)]
    return Comparison(
        tuple(fw.ordered(agreed)), tuple(fw.ordered(expert - mine)), tuple(fw.ordered(mine - expert)), tuple(unticked)
    )
