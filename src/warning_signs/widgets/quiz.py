"""Check-your-understanding questions with instant feedback and an explanation."""

from __future__ import annotations

from html import escape
from typing import Any

from ..questions import MULTIPLE, ORDERING, Question, lesson_questions
from .factory import question_widget


def feedback(question: Question, value: Any) -> str:
    """Feedback in words for a choice: starts with "Correct." or "Not quite.", then why."""
    if value is None or value == []:
        return ""
    if question.kind == MULTIPLE:
        return _feedback_multiple(question, set(value))
    if question.kind == ORDERING:
        return _feedback_ordering(question, list(value))
    option = question.option(value)
    verdict = "Correct." if option.correct else "Not quite."
    return f"{verdict} {option.explanation}".strip()


def _feedback_multiple(question: Question, chosen: set[str]) -> str:
    wrong = [o for o in question.options if (o.id in chosen) != o.correct]
    if not wrong:
        return "Correct. " + " ".join(o.explanation for o in question.options if o.correct)
    notes = [f"{o.id}) {o.explanation}" for o in wrong]
    return "Not quite. Look again at: " + " ".join(notes)


def _feedback_ordering(question: Question, order: list[str]) -> str:
    key = question.option_ids
    if order == key:
        return "Correct. " + " ".join(question.option(o).explanation for o in key)
    misplaced = [o for position, o in enumerate(order) if key[position] != o]
    notes = [f"{question.option(o).text}: {question.option(o).explanation}" for o in misplaced]
    right = len(key) - len(misplaced)
    return f"Not quite: {right} of {len(key)} are in the right place. Look again at: " + " ".join(notes)


def with_feedback(question: Question, heading: str | None = None):
    """A question widget whose status line explains each answer as it is given."""
    widget = question_widget(question, heading=heading)

    def show(value):
        text = feedback(question, value)
        widget.status.value = f'<p role="status">{escape(text)}</p>' if text else ""

    widget.on_change = show
    return widget


def check_understanding(lesson_id: str, question_id: str):
    """The lesson's question ``question_id``, ready to display."""
    question = lesson_questions(lesson_id)[question_id]
    return with_feedback(question, heading="Check your understanding")
