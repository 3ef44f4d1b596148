"""Feedback pages a learner who never wrote code can read, built from trusted results.

nbgrader's feedback step runs :data:`config.FEEDBACK_PREPROCESSORS` (the same
list for the instructor's pages and the learner's self-check):

* ``TrustedFeedback``: a first cell with a table (question, the answer given,
  points, the explanation for a wrong answer) from the grader's own results
  (results.py); each test cell's code becomes a plain sentence ("Checks your
  answer to Question 2") and its output the grader's verdict; each question
  cell shows the answer the grader read. Outputs of every other cell (the
  learner's own code) are reduced to escaped, capped plain text: no HTML, no
  script, no traceback. Nothing a test cell printed reaches the page.
* markdown a learner wrote (the memo, cells they added) is escaped: shown as text, never as HTML.

Without trusted results (plain ``nbgrader autograde``), a test cell shows the
last line of its error, stripped of escape codes and capped.

``give_feedback`` writes every graded learner's page, releases it through the
exchange where the learner submitted there, and zips all pages for a learning
platform's bulk upload.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from nbformat.v4 import new_markdown_cell, new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from . import outcomes, results
from .gradebook import needing_manual
from .outcomes import plain_line
from .release import last_line
from .results import label_for

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.|[\x00-\x08\x0b-\x1f\x7f]")
KEEP_MIME = ("text/plain", "image/png")


class TrustedFeedback(NbGraderPreprocessor):
    results_root = Unicode("", help="the course root whose exports/results hold the trusted results").tag(config=True)
    max_output_chars = Integer(2000, help="text kept per output of a learner's own cell").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        root = self.results_root or self.config.CourseDirectory.get("root", "")
        found = results.load(root, info["assignment"], info["student"]) if root else None
        mine = found.by_grade_id() if found else {}
        for cell in nb.cells:
            if cell.cell_type == "code":
                self._redact(cell, mine, found is not None)
            elif cell.cell_type == "markdown" and not cell.metadata.get("nbgrader", {}).get("locked"):
                cell.source = html.escape(cell.source, quote=False)  # a learner's text: shown, never run as HTML
        printed = {} if found else _printed_answers(nb)
        rows = [
            _row(cell, mine.get(_grade_id(cell)), printed.get(_grade_id(cell), ""))
            for cell in nb.cells
            if _graded(cell)
        ]
        stopped = (
            "Your notebook's code stopped the grading kernel before the end, so the cells after that point "
            "did not run: the answers you saved (and any typed out in the notebook) were scored.\n\n"
            if found and found.stopped
            else ""
        )
        intro = (
            f"## Your results: {info.get('score', 0):g} of {info.get('max_score', 0):g} points\n\n"
            f"{stopped}"
            "Each question, the answer you gave, your points and, where an answer was not right, why. "
            "Written answers are marked by your instructor.\n\n"
            "| Question | Your answer | Points | What to look at again |\n|---|---|---|---|\n"
        )
        nb.cells.insert(0, new_markdown_cell(intro + "\n".join(rows)))
        return nb, resources

    def _redact(self, cell, mine: dict, trusted: bool) -> None:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        if meta.get("grade") and not meta.get("solution"):
            cell.source = f"# Checks your answer to {label_for(grade_id)}."
            verdict = _verdict(mine.get(grade_id)) if trusted else _message(cell)
            cell.outputs = [_text(verdict)] if verdict else []
        elif grade_id.endswith("-ask") and trusted:
            result = mine.get(grade_id.removesuffix("-ask"))
            cell.outputs = [_text(f"Answer given: {result.answer_text}")] if result else []
        else:
            cell.outputs = [o for o in (self._plain(o) for o in cell.get("outputs", [])) if o is not None]

    def _plain(self, output):
        """A learner's output as escaped, capped plain text (or a PNG); None to drop it."""
        cap = self.max_output_chars
        kind = output.get("output_type")
        if kind == "stream":  # stderr (warnings, a hook's traceback) is dropped: it explains nothing to a learner
            if output.get("name") != "stdout":
                return None
            return new_output("stream", name="stdout", text=_capped(ANSI.sub("", str(output.get("text", ""))), cap))
        if kind == "error":
            return _text(
                plain_line(f"{output.get('ename', 'Error')}: {ANSI.sub('', str(output.get('evalue', '')))}", 200)
            )
        data = output.get("data", {})
        kept = {
            k: _capped(ANSI.sub("", str(v)), cap) if k == "text/plain" else v for k, v in data.items() if k in KEEP_MIME
        }
        if "image/png" in kept and len(str(kept["image/png"])) > 4 * cap * 100:
            kept.pop("image/png")  # a picture bigger than a chart is not feedback
        return new_output("display_data", data=kept) if kept else None


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def _graded(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("grade"))


def _text(line: str):
    return new_output("stream", name="stdout", text=line + "\n")


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\n[… cut: the output was longer]\n"


def _verdict(result) -> str:
    if result is None or result.manual:
        return ""
    mark = "✓" if result.score is not None and result.score >= result.max_score else "✗"
    tail = f" {result.message}" if result.message and mark == "✗" else ""
    return f"{mark} {result.label}: {result.score or 0:g} of {result.max_score:g}.{tail}"


def _message(cell) -> str:
    """Without trusted results: the one-sentence reason from a failed check, cleaned and capped."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            lines = output.get("traceback") or []
            text = lines[-1] if lines else output.get("evalue", "")
            return plain_line(ANSI.sub("", str(text)).lstrip("✗ "), 400)
    return ""


def _printed_answers(nb) -> dict[str, str]:
    """Without trusted results: the "Answer given:" line each question cell printed (plain nbgrader)."""
    given = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for line in str(output.get("text", "")).splitlines():
                if line.startswith("Answer given: "):
                    given[_grade_id(cell).removesuffix("-ask")] = plain_line(line.removeprefix("Answer given: "))
    return given


def _row(cell, result, printed: str = "") -> str:
    meta = cell.metadata["nbgrader"]
    label = label_for(meta["grade_id"])
    score, points = meta.get("score"), float(meta.get("points", 0))
    if meta.get("solution"):
        shown = "waiting for your instructor" if score is None else f"{score:g} of {points:g}"
        return f"| {label} | (written answer) | {shown} | |"
    shown = "not graded" if score is None else f"{score:g} of {points:g}"
    if result is not None:
        given, why = result.answer_text or "no answer given", result.message
    else:
        given, why = printed, _message(cell)
    why = "" if score is not None and score >= points else why.removeprefix(f"{label}: ").removeprefix(f"{label} ")
    why = why[:1].upper() + why[1:]
    return f"| {label} | {_cell_text(given or 'no answer given')} | {shown} | {_cell_text(why)} |"


def _cell_text(text: str) -> str:
    return plain_line(text, 600).replace("|", "\\|")


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
    students = [s for s in course.students_with("autograded", assignment) if not (s in known and known[s].failed)]
    api = course.api()
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
        print(
            f"Feedback pages: {course.root / 'feedback'}/<student>/{assignment}/; for a learning platform: "
            f"{feedback_zip(course, assignment, made)}",
            file=out,
        )
    outcomes.summary_line("feedback for", len(made), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0
