"""Release an assignment: the student version, into the exchange and as a zip for a learning platform."""

from __future__ import annotations

import zipfile
from pathlib import Path

from . import outcomes
from .course import Course
from .gradebook import needing_manual
from .policy import release_step


def release(course: Course, assignment: str, out=None) -> int:
    if not (course.source / assignment).is_dir():
        known = ", ".join(course.assignments()) or "none"
        outcomes.summary_line(
            "released", 0, [(assignment, f"no such assignment in {course.source} (known: {known})")], 0, out
        )
        return 1
    api = course.api()
    steps = [
        ("making the student version of", lambda: api.generate_assignment(assignment)),
        ("adding the self-check policy to", lambda: release_step(course, assignment)),
        ("releasing to the nbgrader exchange", lambda: api.release_assignment(assignment)),
        ("zipping for a learning platform", lambda: {"success": True, "path": student_zip(course, assignment)}),
    ]
    progress = outcomes.Progress(len(steps), "", out)
    failures, made = [], False
    for what, step in steps:
        result = step()
        if result.get("success"):
            made = made or what.startswith("making")
            progress.step(f"{what} {assignment}", str(result.get("path", "")))
        else:
            failures.append((what, last_line(result)))
            progress.step(f"{what} {assignment}", "FAILED")
            if what.startswith("making"):
                break  # nothing to release without a student version
    outcomes.summary_line("released", int(made), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0


def student_zip(course: Course, assignment: str) -> Path:
    """``exports/<assignment>-student.zip``: the folder a learner unpacks and opens in JupyterLab."""
    folder = course.folder("release", assignment)
    path = course.exports / f"{assignment}-student.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            bundle.write(file, f"{assignment}/{file.relative_to(folder)}")
    return path


def last_line(result: dict) -> str:
    """The last meaningful line nbgrader logged: its own one-line reason."""
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("[ERROR]")]
    lines = lines or [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1].removeprefix("[ERROR] ")[:200] if lines else "nbgrader reported an error"
