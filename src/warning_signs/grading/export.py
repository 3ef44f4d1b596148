"""Grades as CSV, with failed submissions marked apart from genuine zeros.

nbgrader's own export writes 0.0 both for a learner who earned nothing and for a
submission that could not be graded (damaged notebook, dead kernel). Here each
row has a ``status``: ``graded``, ``needs manual grading``, ``failed`` (score
left empty, ``reason`` says why), ``not graded yet`` or ``not submitted``.
``self_checks`` is the count of self-checks the learner's submission recorded
("2 of 2" in an assessed exercise; the learner's own file, see policy.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

from . import outcomes
from .course import Course
from .gradebook import grades, learners, needing_manual
from .policy import submitted_count

NEEDS_MANUAL = "needs manual grading"
NOT_SUBMITTED = "not submitted"
NOT_GRADED = "not graded yet"


def rows(course: Course, assignment: str) -> list[dict]:
    """One row per learner (class list, submissions and outcomes together)."""
    questions = course.questions(assignment)
    known = outcomes.load(course.exports_dir, assignment)
    people = {p.id: p for p in learners(course)}
    ids = sorted(set(people) | set(known) | set(course.students_with("submitted", assignment)))
    table = []
    for sid in ids:
        row = _person(sid, people.get(sid))
        row.update(_grading(course, assignment, sid, known.get(sid), questions))
        row["self_checks"] = submitted_count(course.folder("submitted", assignment, sid))
        table.append(row)
    return table


def _person(sid: str, person) -> dict:
    """The class-list columns of a row (blank for someone who submitted but is not on the list)."""
    return {
        "student_id": sid,
        "first_name": getattr(person, "first_name", ""),
        "last_name": getattr(person, "last_name", ""),
        "email": getattr(person, "email", ""),
    }


def _grading(course, assignment, sid, outcome, questions) -> dict:
    got = {name: (score, manual) for name, score, _, manual in grades(course, assignment, sid)}
    base = {"status": "", "reason": "", "score": "", "max_score": sum(q.points for q in questions)}
    if outcome is not None and outcome.failed:
        return {**base, "status": outcomes.FAILED, "reason": outcome.reason, **{q.grade_id: "" for q in questions}}
    if not got:
        waiting = course.folder("submitted", assignment, sid).is_dir()
        return {**base, "status": NOT_GRADED if waiting else NOT_SUBMITTED, **{q.grade_id: "" for q in questions}}
    manual = any(m for _, m in got.values())
    per_question = {q.grade_id: _points(got.get(q.grade_id)) for q in questions}
    return {
        **base,
        "status": NEEDS_MANUAL if manual else outcomes.GRADED,
        "reason": "; ".join(outcome.notes) if outcome else "",
        "score": sum(v for v in per_question.values() if v != ""),
        **per_question,
    }


def _points(entry) -> float | str:
    if entry is None or entry[0] is None:
        return ""
    return float(entry[0])


def export(course: Course, assignment: str, out=None, path: Path | None = None) -> int:
    table = rows(course, assignment)
    path = Path(path) if path else course.exports / f"{assignment}-grades.csv"
    columns = [
        "student_id",
        "first_name",
        "last_name",
        "email",
        "status",
        "reason",
        "score",
        "max_score",
        "self_checks",
        *[q.grade_id for q in course.questions(assignment)],
    ]
    progress = outcomes.Progress(len(table), "exporting", out)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in table:
            writer.writerow(row)
            progress.step(row["student_id"], f"{row['status']} {row['score']}".strip())
    print(f"Grades written to {path}", file=out)
    failures = [(r["student_id"], r["reason"]) for r in table if r["status"] == outcomes.FAILED]
    graded = sum(r["status"] in (outcomes.GRADED, NEEDS_MANUAL) for r in table)
    outcomes.summary_line("exported grades of", graded, failures, needing_manual(course, assignment), out)
    return 0


# --- the course total: every exercise, one row per learner ---------------------

COURSE_TOTAL = "all"  # ``warning-signs grade export all``


def course_rows(course: Course) -> tuple[list[str], list[dict]]:
    """(assignments, one row per learner): each exercise's score, the total and what is missing.

    A learner's total counts the points of graded submissions; an exercise that failed,
    waits for manual grading or was never submitted adds nothing and is named in ``missing``."""
    assignments = course.assignments()
    per = {a: {r["student_id"]: r for r in rows(course, a)} for a in assignments}
    people = {p.id: p for p in learners(course)}
    ids = sorted(set(people).union(*[set(table) for table in per.values()]))
    table = []
    for sid in ids:
        row = _person(sid, people.get(sid))
        total, max_total, missing = 0.0, 0.0, []
        for a in assignments:
            got = per[a].get(sid)
            max_total += sum(q.points for q in course.questions(a))
            status = got["status"] if got else NOT_SUBMITTED
            row[a] = got["score"] if got and got["score"] != "" else ""
            total += float(row[a] or 0)
            if status != outcomes.GRADED:
                missing.append(f"{a}: {status}")
        row.update(
            total=total, max_total=max_total, complete="yes" if not missing else "no", missing="; ".join(missing)
        )
        table.append(row)
    return assignments, table


def export_course_total(course: Course, out=None, path: Path | None = None) -> int:
    assignments, table = course_rows(course)
    path = Path(path) if path else course.exports / "course-total.csv"
    columns = [
        "student_id",
        "first_name",
        "last_name",
        "email",
        *assignments,
        "total",
        "max_total",
        "complete",
        "missing",
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(table)
    print(f"Course totals written to {path}", file=out)
    complete = sum(r["complete"] == "yes" for r in table)
    print(
        f"Done: {len(table)} learner(s) over {len(assignments)} exercise(s); {complete} complete, "
        f"{len(table) - complete} with an exercise missing, failed or waiting for manual grading.",
        file=out,
    )
    return 0
