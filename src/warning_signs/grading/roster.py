"""The class list: ``students.csv`` (id, first_name, last_name, email) into the gradebook."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from . import outcomes
from .course import Course
from .gradebook import Learner, needing_manual

COLUMNS = ["id", "first_name", "last_name", "email"]
# Ids become folder names (submitted/<id>/…): letters, digits and . _ - @ only.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")


def read_students(path: Path) -> tuple[list[Learner], list[tuple[str, str]]]:
    """(learners, problems): each problem is (where, one sentence)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return [], [(path.name, f"the header must name {', '.join(COLUMNS)}; missing: {', '.join(missing)}")]
        learners, problems, seen = [], [], set()
        for line, row in enumerate(reader, start=2):
            sid = (row["id"] or "").strip()
            if not SAFE_ID.match(sid):
                problems.append(
                    (
                        f"line {line}",
                        f"the id {sid!r} is empty or has characters other than letters, digits and . _ - @",
                    )
                )
            elif sid in seen:
                problems.append((f"line {line}", f"the id {sid!r} appears twice"))
            else:
                seen.add(sid)
                learners.append(Learner(sid, *((row[c] or "").strip() for c in COLUMNS[1:])))
        return learners, problems


def setup(course: Course, students_csv: Path, out=None) -> int:
    """Create the course root if needed and add (or update) every learner in the gradebook."""
    course.root.mkdir(parents=True, exist_ok=True)
    _write_config(course)
    learners, problems = read_students(Path(students_csv))
    progress = outcomes.Progress(len(learners), "adding", out)
    with course.gradebook() as gb:
        for learner in learners:
            gb.update_or_create_student(
                learner.id, first_name=learner.first_name, last_name=learner.last_name, email=learner.email
            )
            progress.step(learner.id, f"{learner.first_name} {learner.last_name}".strip())
    outcomes.summary_line("added", len(learners), problems, needing_manual(course), out)
    return 1 if problems else 0


def _write_config(course: Course) -> None:
    """A course root of one's own gets an nbgrader_config.py, so plain ``nbgrader`` works there too."""
    path = course.root / "nbgrader_config.py"
    if not path.exists():
        path.write_text(
            '"""nbgrader configuration written by `warning-signs grade setup`."""\n'
            "from warning_signs.grading.config import apply\n\n"
            f"c = get_config()  # noqa: F821\napply(c, root={str(course.root)!r}, source={str(course.source)!r})\n"
        )
