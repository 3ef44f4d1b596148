"""Fair scoring of a scenario path: defensible ranges, the cost of false alarms, calibration.

Lead time alone rewards crying wolf: a learner who rates every stage "very high"
warns first. So the debrief also counts what over-alarming spends. The rule:

* Each stage has the expert's defensible range (``risk_low`` to ``risk_high`` in
  ``datasets/scenarios/stages.csv``). A reading inside it is accepted.
* Each level asks something of others (``datasets/scenarios/alarm_costs.csv``), in
  points of credibility, political capital and attention. A reading above the range
  spends, on each budget, what it asks minus what the range's top asks: the cost of
  a false alarm. A reading below the range leaves unasked what the range's bottom
  asks minus what it asks: the cost of a missed warning.
* The overall reading is ``IN_RANGE_POINTS`` per stage read within range, minus both
  costs, out of ``IN_RANGE_POINTS`` per stage played.
* Calibration: a learner also says how confident they are. High confidence in a
  reading outside the range is flagged; low confidence in one inside it is noted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import cached, load
from ..paths import datasets_dir
from .scenarios import LEVEL_LABELS, LEVELS, Stage

BUDGETS = ("credibility", "political_capital", "attention")
BUDGET_LABELS = {"credibility": "credibility", "political_capital": "political capital", "attention": "attention"}
CONFIDENCE = ("low", "medium", "high")
CONFIDENCE_LABELS = {"low": "Not sure", "medium": "Fairly sure", "high": "Very sure"}  # unlike the risk levels' labels
IN_RANGE_POINTS = 10
NOTE_LIMIT = 500  # characters kept of a "what would change my mind" note


def asks() -> dict[str, dict]:
    """level -> {"asks_of_others": ..., "credibility": n, ...} from the alarm-costs table."""
    return _asks(str(datasets_dir()))


@cached
def _asks(_root: str) -> dict[str, dict]:
    table = load("alarm_costs").set_index("level")
    return {level: table.loc[level].to_dict() for level in LEVELS}


def _spend(upper: str, lower: str) -> dict[str, int]:
    """Points on each budget that a rating at ``upper`` asks beyond one at ``lower``."""
    table = asks()
    return {b: max(0, int(table[upper][b]) - int(table[lower][b])) for b in BUDGETS}


@dataclass(frozen=True)
class StageScore:
    stage: Stage
    level: str
    confidence: str | None
    false_alarm: dict[str, int]  # points spent above the range, per budget (all 0 if not above)
    missed: dict[str, int]  # points left unasked below the range, per budget

    @property
    def in_range(self) -> bool:
        return self.stage.in_range(self.level)

    @property
    def above(self) -> bool:
        return LEVELS.index(self.level) > LEVELS.index(self.stage.risk_range[1])

    @property
    def false_alarm_cost(self) -> int:
        return sum(self.false_alarm.values())

    @property
    def missed_cost(self) -> int:
        return sum(self.missed.values())

    @property
    def overconfident(self) -> bool:
        """High confidence in a reading outside the expert's range."""
        return self.confidence == "high" and not self.in_range

    @property
    def underconfident(self) -> bool:
        return self.confidence == "low" and self.in_range


def score_stage(level: str, stage: Stage, confidence: str | None = None) -> StageScore:
    low, high = stage.risk_range
    above = LEVELS.index(level) > LEVELS.index(high)
    below = LEVELS.index(level) < LEVELS.index(low)
    zero = dict.fromkeys(BUDGETS, 0)
    return StageScore(
        stage,
        level,
        confidence if confidence in CONFIDENCE else None,
        _spend(level, high) if above else zero,
        _spend(low, level) if below else zero,
    )


@dataclass(frozen=True)
class PathScore:
    stages: tuple[StageScore, ...]

    @property
    def in_range(self) -> int:
        return sum(s.in_range for s in self.stages)

    @property
    def false_alarms(self) -> tuple[StageScore, ...]:
        return tuple(s for s in self.stages if s.false_alarm_cost)

    @property
    def false_alarm_cost(self) -> int:
        return sum(s.false_alarm_cost for s in self.stages)

    def spent(self, budget: str) -> int:
        return sum(s.false_alarm[budget] for s in self.stages)

    @property
    def missed_cost(self) -> int:
        return sum(s.missed_cost for s in self.stages)

    @property
    def overall(self) -> int:
        return IN_RANGE_POINTS * self.in_range - self.false_alarm_cost - self.missed_cost

    @property
    def possible(self) -> int:
        return IN_RANGE_POINTS * len(self.stages)

    @property
    def overconfident(self) -> tuple[StageScore, ...]:
        return tuple(s for s in self.stages if s.overconfident)


def score_path(answers: dict[int, dict], stages: tuple[Stage, ...]) -> PathScore:
    """Score the submitted stages (``{number: answer}``, each with ``risk`` and maybe ``confidence``)."""
    return PathScore(
        tuple(
            score_stage(answers[s.number]["risk"], s, answers[s.number].get("confidence"))
            for s in stages
            if s.number in answers
        )
    )


def range_text(stage: Stage) -> str:
    """'moderate or high' / 'moderate': the expert's defensible range in words."""
    low, high = stage.risk_range
    levels = LEVELS[LEVELS.index(low) : LEVELS.index(high) + 1]
    words = [LEVEL_LABELS[lv].lower() for lv in levels]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def clean_confidence(value) -> str | None:
    return value if value in CONFIDENCE else None


def clean_note(value) -> str:
    return value.strip()[:NOTE_LIMIT] if isinstance(value, str) else ""
