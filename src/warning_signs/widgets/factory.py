"""The right widget for a question's kind."""

from __future__ import annotations

import ipywidgets as widgets

from ..questions import ORDERING, Question
from .choice import ChoiceWidget
from .ordering import OrderingWidget


def question_widget(question: Question, **options):
    """A ChoiceWidget (single or multiple choice) or an OrderingWidget; same interface."""
    kind = OrderingWidget if question.kind == ORDERING else ChoiceWidget
    return kind(question, **options)


def check_line(html: str) -> widgets.HTML:
    """The line a visible test cell shows; the exercise updates its value as the learner clicks."""
    return widgets.HTML(html)
