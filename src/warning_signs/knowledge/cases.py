"""Historical cases: their events in date order, and the gap between the first warning and the first response.

Read from ``datasets/cases/`` (cases, events) with the risk factors and
sources they cite. Dates known only to the month are marked as such, and
every gap computed from one is given as approximate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..data import cached, enum, load, split_items
from ..paths import datasets_dir

# Words for the controls and read-outs (one, many); the types and their order come from the schema.
TYPE_WORDS = {
    "warning": ("warning", "warnings"),
    "trigger": ("trigger", "triggers"),
    "response": ("response", "responses"),
    "failure": ("failure to respond", "failures to respond"),
    "violence": ("violent event", "violent events"),
}
TYPE_LABELS = {
    "warning": "Warnings",
    "trigger": "Triggers",
    "response": "Responses",
    "failure": "Failures to respond",
    "violence": "Violence",
}
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Event:
    number: int  # 1, 2, ... in date order within the case
    date: date
    precision: str  # "day" or "month"
    type: str
    title: str
    description: str
    risk_factors: tuple[str, ...]
    source_id: str


@dataclass(frozen=True)
class Gap:
    """The first warning, the first response on or after it, and the first violence."""

    warning: Event | None
    response: Event | None
    violence: Event | None

    @property
    def days(self) -> int | None:
        """Days from the first warning to the first response after it (None without both)."""
        return (self.response.date - self.warning.date).days if self.warning and self.response else None

    @property
    def months(self) -> int | None:
        return None if self.days is None else round(self.days / DAYS_PER_MONTH)

    @property
    def approximate(self) -> bool:
        """True when either date is known only to the month."""
        return any(e is not None and e.precision != "day" for e in (self.warning, self.response))


# --- data ---------------------------------------------------------------------------


def event_types() -> list[str]:
    """The event types in the schema's order."""
    return enum("events", "event_type")


@cached
def _tables(_root: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        load("cases").set_index("id"),
        load("events"),
        load("risk_factors").set_index("id"),
        load("sources").set_index("id"),
    )


def tables():
    """Cases, events, risk factors and sources, read once per course folder."""
    return _tables(str(datasets_dir()))


def case_events(case_id: str) -> list[Event]:
    cases, events, _, _ = tables()
    if case_id not in cases.index:
        raise KeyError(f"No case '{case_id}'; the cases are: {', '.join(cases.index)}.")
    rows = events[events["case_id"] == case_id].sort_values("date", kind="stable")
    return [
        Event(
            n,
            row.date.date(),
            row.date_precision,
            row.event_type,
            row.title,
            row.description,
            tuple(split_items(row.risk_factors)),
            row.source_id,
        )
        for n, row in enumerate(rows.itertuples(index=False), start=1)
    ]


def warning_gap(events: list[Event]) -> Gap:
    """The first warning, the first response on or after its date, and the first violence."""
    warning = next((e for e in events if e.type == "warning"), None)
    response = next((e for e in events if e.type == "response" and warning and e.date >= warning.date), None)
    violence = next((e for e in events if e.type == "violence"), None)
    return Gap(warning, response, violence)


def case_gaps() -> pd.DataFrame:
    """One row per case: first warning, first response after it, the gap, and whether escalation was averted."""
    cases = tables()[0]
    rows = []
    for case_id, case in cases.iterrows():
        gap = warning_gap(case_events(case_id))
        rows.append(
            {
                "case": case["name"],
                "first warning": date_words(gap.warning) if gap.warning else "none recorded",
                "first response after it": date_words(gap.response) if gap.response else "none recorded",
                "days between": gap.days,
                "months between": gap.months,
                "dates": "to the month, so about" if gap.approximate else "to the day",
                "escalation averted": "yes" if case["escalation_averted"] else "no",
            }
        )
    return pd.DataFrame(rows).astype({"days between": "Int64", "months between": "Int64"})


# --- words ---------------------------------------------------------------------------


def type_words(event_type: str, count: int) -> str:
    """'1 warning', '3 violent events'."""
    one, many = TYPE_WORDS.get(event_type, (event_type, event_type))
    return f"{count} {one if count == 1 else many}"


def date_words(event: Event) -> str:
    """'4 August 1993', or 'March 1993' for a date known to the month."""
    if event.precision == "day":
        return f"{event.date.day} {event.date:%B %Y}"
    return f"{event.date:%B %Y}"


def duration_words(days: int, approximate: bool) -> str:
    """'the same day', '3 days', 'about 156 days (about 5 months)'."""
    about = "about " if approximate else ""
    if days == 0 and not approximate:
        return "the same day"
    text = f"{about}{days:,} day{'' if days == 1 else 's'}"
    if days >= 45:
        months = round(days / DAYS_PER_MONTH)
        text += f" (about {months} months)" if months < 24 else f" (about {days / 365.25:.1f} years)"
    return text


def gap_words(gap: Gap, cite=lambda event: "") -> str:
    """The gap between the first warning and the first response after it, in words."""
    if gap.warning is None:
        return "No warning is recorded in this case's timeline."
    text = f"First warning on record: {date_words(gap.warning)}, {gap.warning.title}{cite(gap.warning)}. "
    if gap.response is None:
        text += "No response is recorded after it."
    else:
        days = (gap.response.date - gap.warning.date).days
        text += (
            f"First response after it: {date_words(gap.response)}, {gap.response.title}{cite(gap.response)}. "
            f"Time between them: {duration_words(days, gap.approximate)}."
        )
    return text + violence_words(gap)


def violence_words(gap: Gap) -> str:
    if gap.violence is None or gap.warning is None:
        return ""
    days = (gap.violence.date - gap.warning.date).days
    approximate = gap.violence.precision != "day" or gap.warning.precision != "day"
    when = "after" if days >= 0 else "before"
    return (
        f" The first violence in this record ({date_words(gap.violence)}) came "
        f"{duration_words(abs(days), approximate)} {when} the first warning."
    )
