"""Item analysis of one assignment: how hard each question was, how well it told
stronger from weaker learners, and which wrong options drew whom.

* **Percent correct**: share of graded learners with full points on the question.
* **Discrimination**, two ways: the point-biserial correlation between getting the
  question right and the rest of the autograded score (the question itself left
  out), and the upper-lower index: percent correct among the top 27% of learners
  by autograded score minus that among the bottom 27%. Around 0.3 or more is
  good; near 0 or negative means the question does not separate (or the key is off).
* **Distractors**: for each choice question, how many chose each option, overall
  and in the top and bottom groups; an option nobody picks does no work, one
  the top group picks more than the key deserves a second look.

The answer that counts is the one the trusted scorer read (results.py), by the
rule exercise.py follows too (``answers.counting_answer``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..questions import exercise_questions, normalize
from . import outcomes, results
from .course import Course
from .gradebook import grades

GROUP = 0.27


@dataclass
class Sheet:
    """One graded learner: points per question, autograded total, answers given."""

    student: str
    points: dict[str, float]
    total: float
    answers: dict[str, object]


def sheets(course: Course, assignment: str) -> list[Sheet]:
    known = outcomes.load(course.exports_dir, assignment)
    autograded = [q for q in course.questions(assignment) if not q.manual]
    found = []
    for student in course.students_with("submitted", assignment):
        if student in known and known[student].failed:
            continue
        got = {name: score for name, score, _, _ in grades(course, assignment, student)}
        if not got:
            continue
        points = {q.grade_id: float(got.get(q.grade_id) or 0) for q in autograded}
        found.append(Sheet(student, points, sum(points.values()), answers_given(course, assignment, student)))
    return found


def answers_given(course: Course, assignment: str, student: str) -> dict[str, object]:
    """The answer that counted per question, as the trusted scorer read it."""
    found = results.load(course.root, assignment, student)
    if found is None:
        return {}
    infos = {q.grade_id: q for q in course.questions(assignment)}
    given = {}
    for result in found.questions:
        info = infos.get(result.grade_id)
        if info is None or info.manual or not info.question:
            continue
        try:
            question = exercise_questions(info.notebook)[info.question]
        except KeyError:
            continue
        given[info.question] = normalize(question, result.answer)
    return given


# --- statistics -------------------------------------------------------------------


def groups(found: list[Sheet]) -> tuple[list[Sheet], list[Sheet]]:
    """The top and bottom 27% by autograded total (at least one each)."""
    ranked = sorted(found, key=lambda s: (s.total, s.student))
    size = max(1, math.ceil(GROUP * len(ranked))) if ranked else 0
    return ranked[-size:] if size else [], ranked[:size]


def point_biserial(right: list[int], rest: list[float]) -> float | None:
    """Correlation of a 0/1 item with the rest score; None when either does not vary."""
    n = len(right)
    if n < 3:
        return None
    mx, my = sum(right) / n, sum(rest) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in right))
    sy = math.sqrt(sum((y - my) ** 2 for y in rest))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(right, rest, strict=True)) / (sx * sy)


def item_table(course: Course, assignment: str, found: list[Sheet]) -> list[dict]:
    upper, lower = groups(found)
    table = []
    for q in (q for q in course.questions(assignment) if not q.manual):
        right = [int(s.points[q.grade_id] >= q.points) for s in found]
        rest = [s.total - s.points[q.grade_id] for s in found]
        pbis = point_biserial(right, rest)
        table.append(
            {
                "question": q.grade_id,
                "label": q.label,
                "points": q.points,
                "learners": len(found),
                "percent_correct": _percent(sum(right), len(found)),
                "point_biserial": None if pbis is None else round(pbis, 2),
                "upper_lower_index": _index(q, upper, lower),
            }
        )
    return table


def _index(q, upper: list[Sheet], lower: list[Sheet]) -> float | None:
    if not upper or not lower:
        return None
    share = lambda group: sum(s.points[q.grade_id] >= q.points for s in group) / len(group)  # noqa: E731
    return round(share(upper) - share(lower), 2)


def option_table(course: Course, assignment: str, found: list[Sheet]) -> list[dict]:
    """Per choice question and option: how many chose it, overall and in the top and bottom groups."""
    upper, lower = groups(found)
    keys = {q.grade_id: q.key for q in course.questions(assignment)}
    table = []
    for name in course.notebook_names(assignment):
        try:
            bank = exercise_questions(name.removesuffix(".ipynb"))
        except KeyError:
            continue
        for qid, question in bank.items():
            key = keys.get(qid)
            key = set(key) if isinstance(key, list) else {key}
            for option in question.options:

                def chose(group: list[Sheet], qid: str = qid, option_id: str = option.id) -> int:
                    return sum(_chose(s.answers.get(qid), option_id) for s in group)

                table.append(
                    {
                        "question": qid,
                        "option": option.id,
                        "text": option.text,
                        "key": option.id in key,
                        "chosen": chose(found),
                        "percent": _percent(chose(found), len(found)),
                        "percent_upper": _percent(chose(upper), len(upper)),
                        "percent_lower": _percent(chose(lower), len(lower)),
                    }
                )
            table.append(
                {
                    "question": qid,
                    "option": "(none)",
                    "text": "no answer given",
                    "key": False,
                    "chosen": sum(s.answers.get(qid) in (None, []) for s in found),
                    "percent": _percent(sum(s.answers.get(qid) in (None, []) for s in found), len(found)),
                    "percent_upper": None,
                    "percent_lower": None,
                }
            )
    return table


def _chose(answer: object, option_id: str) -> bool:
    return option_id in answer if isinstance(answer, list) else answer == option_id


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
