"""What an exercise notebook calls: ask a question, take a typed answer, check it.

The contract every exercise follows (see README, "Answer capture"):

* ``ex = Exercise("01-atrocity-crimes")`` at the top; the answer store is
  ``01-atrocity-crimes.answers.json`` in the notebook's folder.
* ``ex.ask("q1")`` shows the question. A click saves the choice at once.
* ``ex.answer("q1", "b")`` is the typed way, for analysts. Running it saves too.
* Test cells call ``ex.check_answered("q1")`` (visible: type, then shape) and,
  hidden, ``ex.check("q1", "b", why=...)`` (value).

Which answer counts: the last one the learner gave (``answers.counting_answer``).
A typed answer in the notebook counts unless the learner clicked another option
after running it.

During grading nbgrader sets ``NBGRADER_EXECUTION``: then nothing is displayed
or written, and each question prints as text with the saved answer. It never
changes a grade. Under ``warning-signs grade`` the test cells the kernel runs
carry no key: ``check_answered`` then also *records* the answer that counts (a
``RECORD_MIME`` output) and the grader scores it in its own process, against the
key it read from the source notebook. ``check`` (the hidden test) only runs under
plain ``nbgrader autograde``. The self-check (``ex.self_check()``) sends
``response(q)`` for every question to a separate process that scores it the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .answers import CLICK, NOT_TYPED, TYPED, AnswerStore, counting_answer
from .mode import being_graded
from .paths import exercises_dir
from .questions import Question, exercise_questions, is_right, normalize, plain_answer, shape_problem
from .visitors import in_voila, progress_folder

__all__ = ["RECORD_MIME", "AnswerProblem", "Exercise", "normalize", "store_folder"]

# What the kernel reports per question while graded: read by grading/trusted.py.
RECORD_MIME = "application/vnd.warning-signs.answer+json"


grading = being_graded  # kept for older notebooks; use warning_signs.mode.being_graded


class AnswerProblem(AssertionError):
    """A failed check: shown to the learner as one sentence, without a traceback."""

    def _render_traceback_(self):
        return [f"✗ {self}"]


class Exercise:
    def __init__(self, exercise_id: str, folder: str | Path | None = None):
        self.id = exercise_id
        self.questions = exercise_questions(exercise_id)
        # Beside the notebook; under Voila, the visitor's own folder (visitors never share answers).
        where = Path(folder) if folder else progress_folder()
        self.store = AnswerStore(exercise_id, store_folder(where, from_session=folder is None and not in_voila()))
        self._typed: dict[str, object] = {}
        self._widgets: dict[str, Any] = {}
        self._check_lines: dict[str, Any] = {}
        self.store.load()
        if self.store.problem:
            print("Note: " + self.store.problem)

    # --- giving answers -------------------------------------------------

    def ask(self, question_id: str):
        """Show a question: a widget for the learner, plain text while grading."""
        question = self._question(question_id)
        saved = self.response(question_id)
        if grading():
            print(f"Question {question.number}. {question.prompt}")
            print(f"Answer given: {question.describe(saved)}")
            return None
        from .widgets.factory import question_widget

        widget = question_widget(question, on_change=lambda v: self._clicked(question, v), value=saved)
        self._show_saved(widget, saved)
        self._widgets[question_id] = widget
        return widget

    def answer(self, question_id: str, value: object) -> None:
        """Give an answer in code, e.g. ``ex.answer("q3", ["a", "c"])``."""
        question = self._question(question_id)
        value = normalize(question, value)
        self._typed[question_id] = value
        if grading():
            return
        self.store.save(question_id, value, TYPED)
        widget = self._widgets.get(question_id)
        if widget is not None:
            widget.set_value(value, notify=False)
            self._show_saved(widget, value)
        print(f"Saved your answer to question {question.number}: {question.describe(value)}")

    def response(self, question_id: str) -> object:
        """The answer that counts for ``question_id`` (``None`` when none was given)."""
        entry = self.store.load().get(question_id)
        return counting_answer(entry, self._typed.get(question_id, NOT_TYPED))

    # --- checks used by the test cells ----------------------------------

    def check_answered(self, question_id: str) -> None:
        """Visible test: an answer was given and has the right type and shape.

        While the learner works it only prints a note, so Run All goes on to the
        next question; during grading a problem fails the test cell.
        """
        problem = self._shape_problem(question_id)
        if grading():
            self._record(question_id, problem)
            if problem:
                raise AnswerProblem(problem)
            return None
        from .widgets.factory import check_line

        line = check_line(self._check_line(question_id))
        self._check_lines[question_id] = line  # kept up to date as the learner clicks
        return line

    def _check_line(self, question_id: str) -> str:
        problem = self._shape_problem(question_id)
        if problem:
            return f"<p>⚠ {_escape(problem)}</p>"
        number = self._question(question_id).number
        return f"<p>✓ Question {number} is answered. <em>Check my answers</em>, at the end, scores it.</p>"

    def _shape_problem(self, question_id: str) -> str | None:
        """What is wrong with the answer's type or shape, in one sentence; None if nothing."""
        return shape_problem(self._question(question_id), self.response(question_id))

    def _record(self, question_id: str, problem: str | None) -> None:
        """While graded: report the answer that counts, for the grader to score outside this kernel."""
        from IPython.display import display

        typed = self._typed.get(question_id, NOT_TYPED)
        record = {
            "question": question_id,
            "answer": plain_answer(self.response(question_id)),
            "answered": problem is None,
        }
        if typed is not NOT_TYPED:
            record["typed"] = plain_answer(typed)
        display({RECORD_MIME: record, "text/plain": f"Answer recorded for question {question_id}."}, raw=True)

    def check(self, question_id: str, expected: object, why: str = "") -> None:
        """Hidden test: the answer is right; if not, say why in a sentence."""
        problem = self._shape_problem(question_id)
        if problem:
            raise AnswerProblem(problem)
        question = self._question(question_id)
        if not is_right(question, self.response(question_id), expected):
            raise AnswerProblem(f"Question {question.number}: not correct. {why}".strip())

    # --- self-check -------------------------------------------------------

    def self_check(self):
        """A button that grades this exercise on the learner's own machine."""
        if grading():
            return None
        from .widgets.selfcheck_button import SelfCheckButton

        return SelfCheckButton(self, self.store.folder / f"{self.id}.ipynb")

    # --- helpers -----------------------------------------------------------

    def _question(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            known = ", ".join(self.questions)
            raise AnswerProblem(f"There is no question '{question_id}' in this exercise (known: {known}).") from None

    def _clicked(self, question: Question, value: object) -> None:
        self._typed.pop(question.id, None)  # a click after a typed answer wins
        self.store.save(question.id, value, CLICK)
        self._show_saved(self._widgets[question.id], value)

    def _show_saved(self, widget, value: object) -> None:
        line = self._check_lines.get(widget.question.id)
        if line is not None:
            line.value = self._check_line(widget.question.id)
        if value is None or value == []:
            widget.show_status("<p><em>Not answered yet.</em></p>")
        else:
            text = widget.question.describe(value)
            widget.show_status(f'<p role="status">✓ Saved: {_escape(text)}</p>')


def store_folder(folder: Path, from_session: bool = True) -> Path:
    """Where answers are saved: the notebook's folder, except in the course's own
    source folder, where an author's answers would leak into the learners' release.

    jupyter_server tells a kernel its notebook's path (``JPY_SESSION_NAME``): that
    folder wins over the kernel's working folder, so clicks land next to the very
    notebook that is submitted. Never while graded (nbgrader's copy is elsewhere)."""
    session = os.environ.get("JPY_SESSION_NAME", "") if from_session else ""
    if session.endswith(".ipynb") and os.path.isabs(session) and not being_graded():
        if Path(session).parent.is_dir():
            folder = Path(session).parent
    try:
        inside_source = exercises_dir().resolve() in folder.resolve().parents
    except FileNotFoundError:
        inside_source = False
    if inside_source:
        return Path.home() / ".cache" / "warning-signs" / "author-answers" / folder.name
    return folder


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
