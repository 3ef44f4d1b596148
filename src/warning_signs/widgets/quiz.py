"""Check-your-understanding questions with instant feedback and an explanation."""

from __future__ import annotations

from html import escape

from ..questions import MULTIPLE, Question, lesson_questions
from .choice import ChoiceWidget


def feedback(question: Question, value: object) -> str:
    """Feedback in words for a choice: starts with "Correct." or "Not quite.", then why."""
    if value is None or value == []:
        return ""
    if question.kind == MULTIPLE:
        return _feedback_multiple(question, set(value))
    option = question.option(value)
    verdict = "Correct." if option.correct else "Not quite."
    return f"{verdict} {option.explanation}".strip()


def _feedback_multiple(question: Question, chosen: set[str]) -> str:
    wrong = [o for o in question.options if (o.id in chosen) != o.correct]
    if not wrong:
        return "Correct. " + " ".join(o.explanation for o in question.options if o.correct)
    notes = [f"{o.id}) {o.explanation}" for o in wrong]
    return "Not quite. Look again at: " + " ".join(notes)


def with_feedback(question: Question, heading: str | None = None) -> ChoiceWidget:
    """A choice widget whose status line explains each choice as it is made."""
    widget = ChoiceWidget(question, heading=heading)

    def show(value):
        text = feedback(question, value)
        widget.status.value = f'<p role="status">{escape(text)}</p>' if text else ""

    widget.on_change = show
    return widget


def check_understanding(lesson_id: str, question_id: str) -> ChoiceWidget:
    """The lesson's question ``question_id``, ready to display."""
    question = lesson_questions(lesson_id)[question_id]
    return with_feedback(question, heading="Check your understanding")
