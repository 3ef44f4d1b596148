"""Lesson 11's field-report triage as data and rules.

A learner rates a fictional field report on four marks (targeting, scale,
system, intent: none, some or strong), routes it (programme review,
human-rights reporting, early-warning escalation), then compares with the
expert's reading. The tables are in datasets/field/.
"""

from __future__ import annotations

from dataclasses import dataclass

from warning_signs import data

LEVELS = ("none", "some", "strong")
LEVEL_NAMES = {"none": "no sign", "some": "some signs", "strong": "strong signs"}


@dataclass(frozen=True)
class Dimension:
    id: str
    number: int
    name: str
    question: str
    why_it_matters: str


@dataclass(frozen=True)
class Route:
    id: str
    number: int
    name: str
    description: str


@dataclass(frozen=True)
class Report:
    id: str
    number: int
    title: str
    reporter: str
    text: str


@dataclass(frozen=True)
class ExpertReading:
    report_id: str
    ratings: dict  # dimension id -> (level, reason)
    route: str
    reading: str
    explanation: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """How a learner's triage of one report compares with the expert's."""

    agreed: tuple[str, ...]  # dimension ids rated as the expert did
    off: tuple[tuple[str, str | None, str], ...]  # (dimension id, learner's level or None, expert's level)
    route_given: str | None
    expert: ExpertReading

    @property
    def route_agrees(self) -> bool:
        return self.route_given == self.expert.route

    @property
    def verdict(self) -> str:
        """'Agreed.', 'Close.' (route right, at most one mark one step off) or 'Different.'."""
        if self.route_agrees and not self.off:
            return "Agreed."
        one_step = [d for d, mine, theirs in self.off if mine is not None and abs(step(mine) - step(theirs)) == 1]
        if self.route_agrees and len(self.off) == 1 and one_step:
            return "Close."
        return "Different."


def step(level: str) -> int:
    return LEVELS.index(level)


@data.cached
def dimensions() -> tuple[Dimension, ...]:
    rows = data.load("field_dimensions").sort_values("number")
    return tuple(
        Dimension(r.id, int(r.number), r.name, r.question, r.why_it_matters) for r in rows.itertuples(index=False)
    )


@data.cached
def routes() -> tuple[Route, ...]:
    rows = data.load("field_routes").sort_values("number")
    return tuple(Route(r.id, int(r.number), r.name, r.description) for r in rows.itertuples(index=False))


@data.cached
def reports() -> dict[str, Report]:
    rows = data.load("field_reports").sort_values("number")
    return {r.id: Report(r.id, int(r.number), r.title, r.reporter, r.text) for r in rows.itertuples(index=False)}


def report(report_id: str) -> Report:
    known = reports()
    if report_id not in known:
        raise ValueError(f"There is no field report '{report_id}'; the reports are: {', '.join(known)}.")
    return known[report_id]


def expert_reading(report_id: str) -> ExpertReading:
    report(report_id)  # one clear sentence for an unknown id
    return _readings()[report_id]


@data.cached
def _readings() -> dict[str, ExpertReading]:
    ratings = data.load("field_ratings")
    out = {}
    for r in data.load("field_expert_routes").itertuples(index=False):
        mine = ratings[ratings["report_id"] == r.report_id]
        levels = {m.dimension_id: (m.rating, m.reason) for m in mine.itertuples(index=False)}
        rid = str(r.report_id)
        out[rid] = ExpertReading(
            rid, levels, str(r.route), str(r.reading), str(r.explanation), tuple(data.split_items(r.source_ids))
        )
    return out


def route_name(route_id: str | None) -> str:
    names = {r.id: r.name for r in routes()}
    return names.get(route_id or "", "no route")


def compare(report_id: str, ratings: dict, route: str | None) -> Comparison:
    """Compare a learner's ratings ({dimension id: level}) and route with the expert's."""
    expert = expert_reading(report_id)
    agreed, off = [], []
    for dim in dimensions():
        theirs = expert.ratings[dim.id][0]
        mine = ratings.get(dim.id)
        if mine == theirs:
            agreed.append(dim.id)
        else:
            off.append((dim.id, mine, theirs))
    return Comparison(tuple(agreed), tuple(off), route, expert)


def feedback_lines(comparison: Comparison) -> list[str]:
    """The comparison in plain sentences: each difference with the expert's reason, then the route."""
    names = {d.id: d.name for d in dimensions()}
    expert = comparison.expert
    lines = []
    for dim, mine, theirs in comparison.off:
        said = f"you saw {LEVEL_NAMES[mine]}" if mine else "you left it unrated"
        lines.append(f"{names[dim]}: {said}; the expert sees {LEVEL_NAMES[theirs]}. {expert.ratings[dim][1]}")
    if comparison.agreed:
        lines.append(f"You agree on {len(comparison.agreed)} of the {len(names)} marks.")
    given = route_name(comparison.route_given)
    if comparison.route_agrees:
        lines.append(f"Route: {given}, as the expert. {expert.explanation}")
    else:
        chose = f"You chose {given}" if comparison.route_given else "You chose no route"
        lines.append(f"Route: {chose}; the expert chooses {route_name(expert.route)}. {expert.explanation}")
    lines.append(f"The expert's reading: {expert.reading}.")
    return lines
