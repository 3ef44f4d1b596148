"""A foreign ministry's prevention architecture, audited, and what its gaps cost in lead time.

Lesson 8's model, kept simple on purpose: a warning travels a chain (detect,
analyse, decide, act) and each element of the architecture (a strategy, a
focal point, an early-warning cell, ...) is rated in place, partial or
missing. A missing or partial element adds its months of delay between the
first clear warning and the first response. The months are the course's
teaching assumptions (``datasets/policy/architecture_elements.csv``), not
measured figures.

The gap report ties the delay to a Lesson 3 scenario: the expert's first
warning there (the first stage rated high or very high), the month the
ministry would respond, the stage the crisis has reached by then, and the
months left before the monitoring panel's onset where it has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from warning_signs.data import cached, load

from .scenario_calendar import month_name

STATUSES = ("in_place", "partial", "missing")
STATUS_LABELS = {"in_place": "In place", "partial": "Partial", "missing": "Missing"}
WARNING_LEVELS = ("high", "very_high")


@dataclass(frozen=True)
class Element:
    id: str
    number: int
    name: str
    step: str
    question: str
    in_place: str
    months_missing: int
    months_partial: int
    gap_cost: str
    example: str
    example_source_id: str

    def months(self, status: str | None) -> int:
        """Months of lead time this element costs at ``status`` (0 when in place or not rated)."""
        return {"missing": self.months_missing, "partial": self.months_partial}.get(status or "", 0)


@dataclass(frozen=True)
class AuditItem:
    element_id: str
    evidence: str
    status: str  # the expert's rating
    reason: str


@dataclass(frozen=True)
class Ministry:
    id: str
    name: str
    country: str
    summary: str
    fiction_note: str
    items: tuple[AuditItem, ...]

    def item(self, element_id: str) -> AuditItem:
        return next(i for i in self.items if i.element_id == element_id)

    @property
    def expert_ratings(self) -> dict[str, str]:
        return {i.element_id: i.status for i in self.items}


@dataclass(frozen=True)
class StagePoint:
    number: int
    month: str  # YYYY-MM
    title: str
    risk_level: str


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    stages: tuple[StagePoint, ...]
    onset: str | None  # the panel's onset month, if any

    @property
    def short_name(self) -> str:
        """'Republic of Veldora' -> 'Veldora', for sentences."""
        return self.name.rsplit(" of ", 1)[-1]

    @property
    def first_warning(self) -> StagePoint | None:
        return next((s for s in self.stages if s.risk_level in WARNING_LEVELS), None)

    def stage_at(self, month: str) -> StagePoint:
        """The latest stage reached by ``month`` (the first stage if earlier)."""
        reached = [s for s in self.stages if s.month <= month]
        return reached[-1] if reached else self.stages[0]


def rows_of(table) -> list[Any]:
    """A table's rows as named tuples (typed Any: pandas cannot say a column's type)."""
    return list(table.itertuples(index=False))


@cached
def elements() -> tuple[Element, ...]:
    rows = load("architecture_elements").fillna("").sort_values("number")
    return tuple(
        Element(
            r.id,
            int(r.number),
            r.name,
            r.step,
            r.question,
            r.in_place,
            int(r.months_missing),
            int(r.months_partial),
            r.gap_cost,
            r.example,
            r.example_source_id,
        )
        for r in rows_of(rows)
    )


@cached
def ministries() -> dict[str, Ministry]:
    audits = load("ministry_audits")
    order = {e.id: e.number for e in elements()}
    out: dict[str, Ministry] = {}
    for r in rows_of(load("ministries")):
        rows = rows_of(audits[audits["ministry_id"] == r.id])
        items = sorted(
            (AuditItem(a.element_id, a.evidence, a.status, a.reason) for a in rows), key=lambda i: order[i.element_id]
        )
        out[r.id] = Ministry(r.id, r.name, r.country, r.summary, r.fiction_note, tuple(items))
    return out


def ministry(ministry_id: str) -> Ministry:
    known = ministries()
    if ministry_id not in known:
        raise KeyError(f"There is no ministry '{ministry_id}'; choose one of: {', '.join(known)}.")
    return known[ministry_id]


@cached
def scenarios() -> dict[str, Scenario]:
    stages = load("stages").sort_values(["scenario_id", "stage"])
    names = load("scenarios").set_index("id")["name"]
    panel = load("panel")
    onsets = panel.loc[panel["onset"].fillna(False).astype(bool)].groupby("country_id")["month"].min()
    out: dict[str, Scenario] = {}
    for scenario_id, rows in stages.groupby("scenario_id", sort=False):
        points = tuple(StagePoint(int(r.stage), str(r.month), r.title, r.risk_level) for r in rows_of(rows))
        onset = onsets.get(scenario_id)
        out[scenario_id] = Scenario(scenario_id, str(names[scenario_id]), points, str(onset) if onset else None)
    return out


def scenario(scenario_id: str) -> Scenario:
    known = scenarios()
    if scenario_id not in known:
        raise KeyError(f"There is no scenario '{scenario_id}'; choose one of: {', '.join(known)}.")
    return known[scenario_id]


# --- months --------------------------------------------------------------------


def add_months(month: str, months: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - 1 + months
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def months_between(start: str, end: str) -> int:
    """Months from ``start`` to ``end`` (both YYYY-MM); negative when ``end`` is earlier."""
    return (int(end[:4]) - int(start[:4])) * 12 + int(end[5:7]) - int(start[5:7])


# --- the gap report ------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    element: Element
    status: str
    months: int


@dataclass(frozen=True)
class GapReport:
    rated: int
    total: int
    gaps: tuple[Gap, ...]  # elements rated partial or missing, costliest first
    delay: int  # months added between the first warning and the first response
    scenario: Scenario
    warning: StagePoint | None  # the expert's first warning in the scenario
    response_month: str | None
    stage_reached: StagePoint | None
    lead_expert: int | None  # months from the first warning to the onset
    lead_ministry: int | None  # months from the ministry's response to the onset (negative: after it)
    passed: tuple[StagePoint, ...]  # stages that go by, from the warning, before the ministry responds

    @property
    def complete(self) -> bool:
        return self.rated == self.total


def gap_report(ratings: Mapping[str, str | None], scenario_id: str = "norvane") -> GapReport:
    """What the rated architecture costs in lead time in the scenario ``scenario_id``."""
    unknown = [s for s in ratings.values() if s is not None and s not in STATUSES]
    if unknown:
        raise ValueError(f"A rating must be one of {', '.join(STATUSES)}, not {unknown[0]!r}.")
    all_elements = elements()
    gaps = [
        Gap(e, str(ratings[e.id]), e.months(ratings[e.id]))
        for e in all_elements
        if ratings.get(e.id) in ("partial", "missing")
    ]
    gaps.sort(key=lambda g: (-g.months, g.element.number))
    delay = sum(g.months for g in gaps)
    story = scenario(scenario_id)
    warning = story.first_warning
    response = add_months(warning.month, delay) if warning else None
    reached = story.stage_at(response) if response else None
    onset = story.onset
    lead_expert = months_between(warning.month, onset) if (warning and onset) else None
    lead_ministry = months_between(response, onset) if (response and onset) else None
    rated = sum(1 for e in all_elements if ratings.get(e.id) in STATUSES)
    passed = tuple(s for s in story.stages if warning and reached and warning.number <= s.number < reached.number)
    return GapReport(
        rated,
        len(all_elements),
        tuple(gaps),
        delay,
        story,
        warning,
        response,
        reached,
        lead_expert,
        lead_ministry,
        passed,
    )


def differences(ratings: Mapping[str, str | None], ministry_id: str) -> list[tuple[Element, str | None, AuditItem]]:
    """Elements where ``ratings`` differ from the expert's audit of ``ministry_id``, in audit order."""
    expert = ministry(ministry_id)
    return [
        (e, ratings.get(e.id), expert.item(e.id)) for e in elements() if ratings.get(e.id) != expert.item(e.id).status
    ]


def report_lines(report: GapReport) -> list[str]:
    """The gap report's timeline in plain sentences (the widget and the exercise both use them)."""
    story, warning = report.scenario, report.warning
    name = story.short_name
    if warning is None:
        return [f"The expert never rated {name}'s risk high, so there is no warning to lose time on."]
    m = report.delay
    reached, response = report.stage_reached or warning, report.response_month or warning.month
    lines = [f"The expert first rated {name}'s risk high at stage {warning.number}, {month_name(warning.month)}."]
    if m == 0:
        lines.append("With no gaps, the ministry responds in the same month: it keeps all the lead time.")
    else:
        lines.append(
            f"With these gaps the ministry's first response comes {m} month{'s' if m != 1 else ''} later, "
            f"in {month_name(response)}: by then the crisis is at stage {reached.number}, "
            f"“{reached.title}”."
        )
        if report.passed:
            went_by = "; ".join(f"{s.number} (“{s.title}”)" for s in report.passed)
            lines.append(f"Stages that go by with no response: {went_by}.")
    if story.onset and report.lead_expert is not None and report.lead_ministry is not None:
        left = report.lead_ministry
        if left >= 0:
            lines.append(
                f"The monitoring panel records the onset of mass violence in {month_name(story.onset)}: "
                f"the ministry acts {left} month{'s' if left != 1 else ''} before it"
                + (f", instead of {report.lead_expert}." if m else ", as early as the expert's warning.")
            )
        else:
            lines.append(
                f"The monitoring panel records the onset of mass violence in {month_name(story.onset)}: "
                f"the ministry acts {-left} month{'s' if left != -1 else ''} after it began."
            )
    else:
        lines.append(
            f"{name} has no onset of mass violence in the panel; the months lost are months in which "
            "quiet, cheap options were still open."
        )
    return lines
