"""Feedback pages a learner who never wrote code can read, and that never show hidden tests.

nbgrader's feedback step gets three more preprocessors (after GetGrades and
ClearHiddenTests, see config.py):

* ``RedactFeedback``: each test cell's code becomes a plain sentence ("Checks
  your answer to Question 2"), so no test code is shown however the cell was
  restored; outputs of the learner's own code cells are dropped (they could
  print what the kernel saw, e.g. ``In``); any other output that contains a line
  of the hidden tests is replaced by a note.
* ``ResultsSummary``: a first cell with a table: question, the answer given,
  points, and the explanation for a wrong answer.

``give_feedback`` writes every graded learner's page, releases it through the
exchange where the learner submitted there, and zips all pages for a learning
platform's bulk upload.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from nbformat.v4 import new_markdown_cell, new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from . import outcomes
from .gradebook import needing_manual
from .release import last_line
from .selfcheck import _message, label_for

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
REMOVED = "[Removed from this feedback page: it repeated the hidden tests.]"


def hidden_lines(db_url: str, assignment: str, notebook: str) -> list[str]:
    """Every line of the hidden tests of one notebook, from the gradebook (outside the kernel)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        cells = gb.find_notebook(notebook, assignment).source_cells
        sources = [c.source or "" for c in cells]
    return [line.strip() for src in sources for block in HIDDEN.findall(src)
            for line in block.splitlines() if len(line.strip()) >= 12]


def _squash(text: str) -> str:
    """Compare text whatever its quoting or escaping (``repr`` of a list of cells, JSON, …)."""
    return re.sub(r"[\s'\"\\]", "", text)


class RedactFeedback(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        secrets = [_squash(line) for line in hidden_lines(info["db_url"], info["assignment"], info["notebook"])]
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code":
                continue
            if meta.get("grade") and not meta.get("solution"):
                cell.source = f"# Checks your answer to {label_for(meta['grade_id'])}."
            elif not meta.get("locked"):
                cell.outputs = []  # the learner's own code: its output is theirs, and a way to leak
            cell.outputs = [o if not _leaks(o, secrets) else _note() for o in cell.get("outputs", [])]
        return nb, resources


def _leaks(output, secrets: list[str]) -> bool:
    text = _squash(str(output.get("text", "")) + str(output.get("data", "")) + str(output.get("evalue", ""))
                   + "".join(output.get("traceback", [])))
    return any(secret in text for secret in secrets)


def _note():
    return new_output("stream", name="stdout", text=REMOVED + "\n")


class ResultsSummary(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        rows, answers = [], {}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            given = _answer_given(cell)
            if given:
                answers[meta.get("grade_id", "").removesuffix("-ask")] = given
            if meta.get("grade"):
                rows.append(_row(cell, meta, answers.get(meta["grade_id"], "")))
        info = resources["nbgrader"]
        intro = (f"## Your results: {info.get('score', 0):g} of {info.get('max_score', 0):g} points\n\n"
                 "Each question, the answer you gave, your points and, where an answer was not right, why. "
                 "Written answers are marked by your instructor.\n\n"
                 "| Question | Your answer | Points | What to look at again |\n|---|---|---|---|\n")
        nb.cells.insert(0, new_markdown_cell(intro + "\n".join(rows)))
        return nb, resources


def _answer_given(cell) -> str:
    for output in cell.get("outputs", []):
        for line in str(output.get("text", "")).splitlines():
            if line.startswith("Answer given: "):
                return line.removeprefix("Answer given: ")
    return ""


def _row(cell, meta: dict, given: str) -> str:
    label = label_for(meta["grade_id"])
    score, points = meta.get("score"), float(meta.get("points", 0))
    if meta.get("solution"):
        shown = "waiting for your instructor" if score is None else f"{score:g} of {points:g}"
        return f"| {label} | (written answer) | {shown} | |"
    shown = "not graded" if score is None else f"{score:g} of {points:g}"
    why = "" if score is not None and score >= points else _message(cell).removeprefix(f"{label}: ")
    why = why[:1].upper() + why[1:]
    return f"| {label} | {_cell_text(given or 'no answer given')} | {shown} | {_cell_text(why)} |"


def _cell_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "warning_signs.grading.feedback.RedactFeedback",
    "warning_signs.grading.feedback.ResultsSummary",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def feedback_zip(course, assignment: str, students: list[str]) -> Path:
    """All feedback pages in one zip, ``<student>_<notebook>.html``, for a learning platform's bulk upload."""
    path = course.exports / f"{assignment}-feedback.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for student in students:
            for page in sorted(course.folder("feedback", assignment, student).glob("*.html")):
                bundle.write(page, f"{student}_{page.name}")
    return path


def give_feedback(course, assignment: str, out=None) -> int:
    """Generate every graded learner's page; release it through the exchange where they submitted
    there, and zip them all for a learning platform."""
    known = outcomes.load(course.exports_dir, assignment)
    students = [s for s in course.students_with("autograded", assignment)
                if not (s in known and known[s].failed)]
    api = course.api(GenerateFeedback__preprocessors=FEEDBACK_PREPROCESSORS)
    progress = outcomes.Progress(len(students), "writing feedback for", out)
    made, failures = [], [(s, "not graded: " + o.reason) for s, o in sorted(known.items()) if o.failed]
    for student in students:
        result = api.generate_feedback(assignment, student)
        if not result.get("success"):
            failures.append((student, last_line(result)))
            progress.step(student, "FAILED")
            continue
        made.append(student)
        via = "page written"
        if (course.folder("submitted", assignment, student) / "submission_secret.txt").exists():
            released = api.release_feedback(assignment, student)
            via = "released to the exchange" if released.get("success") else "page written (exchange release FAILED)"
        progress.step(student, via)
    if made:
        print(f"Feedback pages: {course.root / 'feedback'}/<student>/{assignment}/; for a learning platform: "
              f"{feedback_zip(course, assignment, made)}", file=out)
    outcomes.summary_line("feedback for", len(made), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0
