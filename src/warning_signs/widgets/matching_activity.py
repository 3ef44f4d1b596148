"""Matching (sorting) activities: several items, each matched to one of the same set of
choices, with instant feedback per item and a running score."""

from __future__ import annotations

import ipywidgets as widgets

from ..questions import Question, lesson_questions
from .base import CourseWidget
from .quiz import with_feedback


class MatchingActivity(CourseWidget):
    """Each item is a single-choice question; the score line counts the best fits."""

    def __init__(self, questions: list[Question], item_word: str = "Item", score_label: str = "Your matching so far"):
        super().__init__()
        self.score_label = score_label
        self.items = []
        for question in questions:
            item = with_feedback(question, heading=f"{item_word} {question.number}")
            item.on_change = self._also_score(item.on_change)
            self.items.append(item)
        self.score = widgets.HTML(self._score_text())
        self.children = [*self.items, self.score]

    def correct_count(self) -> int:
        return sum(1 for i in self.items if i.value and i.question.option(i.value).correct)

    def _also_score(self, show_feedback):
        def changed(value):
            show_feedback(value)
            self.score.value = self._score_text()

        return changed

    def _score_text(self) -> str:
        answered = sum(1 for i in self.items if i.value)
        return (
            f'<p role="status"><strong>{self.score_label}:</strong> {self.correct_count()} '
            f"of {len(self.items)} fit best ({answered} answered).</p>"
        )


def matching(lesson_id: str, question_ids: list[str], item_word: str = "Item") -> MatchingActivity:
    """A matching activity from single-choice lesson questions that share their choices."""
    bank = lesson_questions(lesson_id)
    return MatchingActivity([bank[q] for q in question_ids], item_word=item_word)
