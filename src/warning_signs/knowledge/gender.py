"""Lesson 12's knowledge: fictional situation reports read twice, with and without a gender lens.

Each report (``datasets/gender/sitreps.csv``) has details a learner can flag
(``datasets/gender/details.csv``). The expert reads every detail one of three ways:

* ``gendered_sign``: a warning sign that a gender-blind reading tends to miss;
* ``sign``: a warning sign any careful reading catches;
* ``not_a_sign``: noise; flagging it is a false alarm.

:func:`compare` scores the learner's two readings against the expert's and says,
per detail, what happened. Plain Python: no ipywidgets, no matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from warning_signs.data import cached, load, split_items

GENDERED = "gendered_sign"
SIGN = "sign"
NOISE = "not_a_sign"

READING_WORDS = {
    GENDERED: "a gendered warning sign (a gender-blind reading tends to miss it)",
    SIGN: "a warning sign any careful reading catches",
    NOISE: "not a warning sign",
}


@dataclass(frozen=True)
class Detail:
    id: str
    number: int
    text: str
    reading: str
    indicator_ids: tuple[str, ...]
    explanation: str
    source_ids: tuple[str, ...]

    @property
    def is_sign(self) -> bool:
        return self.reading != NOISE


@dataclass(frozen=True)
class SitRep:
    id: str
    number: int
    title: str
    setting: str
    text: str
    details: tuple[Detail, ...]

    def detail(self, detail_id: str) -> Detail:
        return next(d for d in self.details if d.id == detail_id)

    def ids(self, reading: str) -> set[str]:
        return {d.id for d in self.details if d.reading == reading}


@dataclass(frozen=True)
class LensQuestion:
    id: str
    number: int
    question: str
    look_for: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    id: str
    symbol: str
    year: int
    track: str
    what_it_does: str
    use_it_when: str
    source_id: str


def _text(value) -> str:
    return "" if value is None or str(value) == "<NA>" else str(value)


@cached
def sitreps() -> dict[str, SitRep]:
    """Every report, in order, with its details in order."""
    details = load("gender_details").sort_values(["sitrep_id", "number"])
    reports = {}
    for row in load("gender_sitreps").sort_values("number").itertuples(index=False):
        mine = details[details["sitrep_id"] == row.id]
        reports[row.id] = SitRep(
            row.id,
            int(row.number),
            row.title,
            row.setting,
            row.text,
            tuple(
                Detail(
                    d.id,
                    int(d.number),
                    d.text,
                    d.reading,
                    tuple(split_items(_text(d.indicator_ids))),
                    d.explanation,
                    tuple(split_items(d.source_ids)),
                )
                for d in mine.itertuples(index=False)
            ),
        )
    return reports


@cached
def lens_questions() -> tuple[LensQuestion, ...]:
    table = load("gender_lens").sort_values("number")
    return tuple(
        LensQuestion(r.id, int(r.number), r.question, r.look_for, tuple(split_items(r.source_ids)))
        for r in table.itertuples(index=False)
    )


@cached
def resolutions() -> tuple[Resolution, ...]:
    table = load("gender_resolutions").sort_values("year")
    return tuple(
        Resolution(r.id, r.symbol, int(r.year), r.track, r.what_it_does, r.use_it_when, r.source_id)
        for r in table.itertuples(index=False)
    )


@dataclass(frozen=True)
class Reading:
    """One reading's counts against the expert's."""

    gendered_found: int
    gendered_total: int
    signs_found: int
    signs_total: int
    false_alarms: int

    def sentence(self) -> str:
        alarms = "1 false alarm" if self.false_alarms == 1 else f"{self.false_alarms} false alarms"
        return (
            f"{self.gendered_found} of {self.gendered_total} gendered warning signs, "
            f"{self.signs_found} of {self.signs_total} other warning signs, {alarms}"
        )


def score_reading(report: SitRep, flagged: Iterable[str]) -> Reading:
    chosen = set(flagged)
    unknown = chosen - {d.id for d in report.details}
    if unknown:
        raise KeyError(f"{sorted(unknown)} are not details of report {report.id}.")
    return Reading(
        gendered_found=len(chosen & report.ids(GENDERED)),
        gendered_total=len(report.ids(GENDERED)),
        signs_found=len(chosen & report.ids(SIGN)),
        signs_total=len(report.ids(SIGN)),
        false_alarms=len(chosen & report.ids(NOISE)),
    )


@dataclass(frozen=True)
class DetailVerdict:
    detail: Detail
    in_first: bool
    in_second: bool

    @property
    def outcome(self) -> str:
        """What happened to this detail across the two readings, in words."""
        if self.detail.reading == NOISE:
            return "flagged: a false alarm" if self.in_second else "left out, as the expert did"
        if self.in_first and self.in_second:
            return "found in both readings"
        if self.in_second:
            return "found with the gender lens"
        if self.in_first:
            return "found in the first reading, then dropped"
        return "missed in both readings"


@dataclass(frozen=True)
class Comparison:
    report: SitRep
    first: Reading
    second: Reading
    verdicts: tuple[DetailVerdict, ...]

    @property
    def found_by_the_lens(self) -> int:
        return sum(1 for v in self.verdicts if v.detail.is_sign and v.in_second and not v.in_first)

    def summary(self) -> str:
        lens = self.found_by_the_lens
        gained = (
            "The gender lens found 1 warning sign your first reading missed."
            if lens == 1
            else f"The gender lens found {lens} warning signs your first reading missed."
        )
        return (
            f"First reading, as written: {self.first.sentence()}. "
            f"Second reading, with the gender lens: {self.second.sentence()}. {gained}"
        )


def compare(report: SitRep, first: Iterable[str], second: Iterable[str]) -> Comparison:
    """The learner's two readings of ``report`` set against the expert's reading."""
    first, second = set(first), set(second)
    verdicts = tuple(DetailVerdict(d, d.id in first, d.id in second) for d in report.details)
    return Comparison(report, score_reading(report, first), score_reading(report, second), verdicts)
