"""Reading nbgrader's gradebook (never writing it: nbgrader does that)."""

from __future__ import annotations

from dataclasses import dataclass

from .course import Course


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def learners(course: Course) -> list[Learner]:
    """The learners in the gradebook (after ``grade setup``), sorted by id."""
    if not course.db_path.exists():
        return []
    with course.gradebook() as gb:
        return sorted(
            (Learner(s.id, s.first_name or "", s.last_name or "", s.email or "") for s in gb.students),
            key=lambda s: s.id,
        )


def grades(course: Course, assignment: str, student: str) -> list[tuple[str, float | None, float, bool]]:
    """(grade id, score, max score, needs manual grading) for each graded cell of a submission."""
    from nbgrader.api import MissingEntry

    if not course.db_path.exists():
        return []
    rows = []
    with course.gradebook() as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return []
        for notebook in submission.notebooks:
            rows += [(g.name, g.score, float(g.max_score), bool(g.needs_manual_grade)) for g in notebook.grades]
    return rows


def needing_manual(course: Course, assignment: str | None = None) -> int:
    """How many graded submissions (of one assignment, or of all) wait for manual grading.

    A submission that failed to grade also shows as "needs manual grading" in the
    gradebook (its cells have no score): it is counted as failed instead.
    """
    from nbgrader.api import MissingEntry

    from . import outcomes

    if not course.db_path.exists():
        return 0
    with course.gradebook() as gb:
        names = [assignment] if assignment else [a.name for a in gb.assignments]
        count = 0
        for name in names:
            failed = {s for s, o in outcomes.load(course.exports_dir, name).items() if o.failed}
            try:
                count += sum(
                    1 for s in gb.assignment_submissions(name) if s.needs_manual_grade and s.student.id not in failed
                )
            except MissingEntry:
                pass
        return count
