"""A learner's progress through a scenario, and the rules that score it.

Progress is a plain dict (``{"scenario", "current", "stages": {"1": answer}}``),
saved by the scenario player in ``scenario-<id>.answers.json`` and read back
by the class view: :func:`clean_progress` is the one reader both use, so
anything unknown in a file is dropped the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .framework import framework
from .responses import response_options
from .scenarios import LEVEL_LABELS, LEVELS, Stage, months_between
from .scoring import clean_confidence, clean_note, range_text

WARNING = {"high", "very_high"}  # a rating at these levels counts as a warning
PROGRESS_KEY = "progress"


def progress_id(scenario_id: str) -> str:
    """The answer-store id of a scenario; its file is ``scenario-<id>.answers.json``."""
    return f"scenario-{scenario_id}"


def new_progress(scenario_id: str) -> dict:
    return {"scenario": scenario_id, "current": 1, "stages": {}}


def blank_answer() -> dict:
    return {
        "marked": [],
        "notes": {},
        "risk": None,
        "confidence": None,  # how sure the learner is of the risk level: low, medium, high
        "change_mind": "",  # what would change the learner's mind
        "responses": [],
        "submitted": False,
    }


def clean_progress(value, scenario_id: str, stages: tuple[Stage, ...]) -> dict | None:
    """Saved progress with anything unknown dropped; None if it is not progress at all."""
    if not isinstance(value, dict) or not isinstance(value.get("stages", {}), dict):
        return None
    items = framework().item_ids
    options = set(response_options().index)
    progress = new_progress(scenario_id)
    for stage in stages:
        raw = value["stages"].get(str(stage.number))
        if not isinstance(raw, dict):
            continue
        notes = raw["notes"] if isinstance(raw.get("notes"), dict) else {}
        progress["stages"][str(stage.number)] = {
            "marked": sorted(i for i in _strings(raw.get("marked")) if i in items),
            "notes": {str(k): str(v) for k, v in notes.items() if str(v).strip()},
            "risk": raw.get("risk") if raw.get("risk") in LEVELS else None,
            "confidence": clean_confidence(raw.get("confidence")),
            "change_mind": clean_note(raw.get("change_mind")),
            "responses": sorted(r for r in _strings(raw.get("responses")) if r in options),
            "submitted": raw.get("submitted") is True and raw.get("risk") in LEVELS,
        }
    current = value.get("current")
    progress["current"] = min(current if isinstance(current, int) and current >= 1 else 1, reachable(progress, stages))
    return progress


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def reachable(progress: dict, stages: tuple[Stage, ...]) -> int:
    """The furthest stage open to the learner: the first not yet submitted."""
    for stage in stages:
        if not progress["stages"].get(str(stage.number), {}).get("submitted"):
            return stage.number
    return stages[-1].number


def risk_feedback(chosen: str, stage: Stage) -> str:
    gap = LEVELS.index(chosen) - LEVELS.index(stage.risk_level)
    expert = LEVEL_LABELS[stage.risk_level].lower()
    accepted = f"The expert accepts {range_text(stage)} as a defensible reading of this stage."
    if gap == 0:
        return f"Correct. You rated the risk {expert}, as the expert did. {accepted}"
    steps = f"{abs(gap)} level{'s' if abs(gap) > 1 else ''} {'lower' if gap > 0 else 'higher'}"
    verdict = "Defensible." if stage.in_range(chosen) else "Not quite."
    return (
        f"{verdict} You rated the risk {LEVEL_LABELS[chosen].lower()}; the expert rated it {expert}, "
        f"{steps}. {accepted}"
    )


# --- lead time: the learner's first warning against the expert's and the onset ---------


@dataclass(frozen=True)
class LeadTime:
    learner: Stage | None  # the first stage the learner rated high or very high
    expert: Stage | None
    onset: str | None  # the panel's onset month, if any

    @property
    def months(self) -> int | None:
        """Months the learner's warning came before the expert's (negative: after)."""
        if self.learner is None or self.expert is None:
            return None
        return months_between(self.learner.month, self.expert.month)

    def before_onset(self, who: Stage | None) -> int | None:
        return months_between(who.month, self.onset) if (who and self.onset) else None


def lead_time(ratings: dict[int, str], stages: tuple[Stage, ...], onset: str | None) -> LeadTime:
    """First warnings of the learner and the expert among the stages the learner rated."""
    played = [s for s in stages if s.number in ratings]
    learner = next((s for s in played if ratings[s.number] in WARNING), None)
    expert = next((s for s in played if s.risk_level in WARNING), None)
    return LeadTime(learner, expert, onset)
