"""The instructor's report on one assignment, as data: item statistics, distractors, totals.

The tables come from the gradebook (``analysis``); how they are written, printed and
drawn is ``warning_signs.class_report`` (grading never draws a chart itself).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import pandas as pd

from ..palette import summarize
from . import analysis, outcomes
from .course import Course


@dataclass
class Report:
    assignment: str
    items: pd.DataFrame
    options: pd.DataFrame
    totals: list[float]
    max_total: float
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.totals

    def summary(self) -> str:
        if self.empty:
            return summarize(f"Nothing to report yet for {self.assignment}: no graded submissions.")
        failed = f"; {len(self.failed)} could not be graded (not shown)" if self.failed else ""
        return summarize(
            f"{len(self.totals)} graded submissions of {self.assignment}: mean {statistics.mean(self.totals):.1f} "
            f"of {self.max_total:g} autograded points, median {statistics.median(self.totals):g}, "
            f"lowest {min(self.totals):g}, highest {max(self.totals):g}{failed}."
        )


def build(course: Course, assignment: str) -> Report:
    found = analysis.sheets(course, assignment)
    known = outcomes.load(course.exports_dir, assignment)
    return Report(
        assignment,
        pd.DataFrame(analysis.item_table(course, assignment, found)),
        pd.DataFrame(analysis.option_table(course, assignment, found)),
        [s.total for s in found],
        sum(q.points for q in course.questions(assignment) if not q.manual),
        [(s, o.reason) for s, o in sorted(known.items()) if o.failed],
    )
