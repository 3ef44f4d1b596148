"""The "which crime is this?" sorting activity of lesson 01.

Each fictional vignette is sorted into the crime it fits best. The vignettes and
an explanation for every choice live in ``datasets/lessons/crime_vignettes.csv``.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..paths import datasets_dir
from ..questions import SINGLE, Option, Question
from .quiz import with_feedback

CATEGORIES = {
    "genocide": "Genocide",
    "crimes_against_humanity": "Crimes against humanity",
    "war_crimes": "War crimes",
    "ethnic_cleansing": "Ethnic cleansing",
    "not_atrocity": "Serious, but not an atrocity crime",
}


def vignette_questions() -> list[Question]:
    """One question per vignette, its options the five categories."""
    table = pd.read_csv(datasets_dir() / "lessons/crime_vignettes.csv", dtype=str, keep_default_na=False)
    questions = []
    for number, row in enumerate(table.itertuples(index=False), start=1):
        options = tuple(
            Option(key, label, correct=(row.best_fit == key), explanation=getattr(row, f"why_{key}"))
            for key, label in CATEGORIES.items()
        )
        prompt = f"{row.title}: {row.text} Which crime does this fit best?"
        questions.append(Question(row.id, number, SINGLE, prompt, options))
    return questions


class CrimeSorting:
    """All vignettes, each with instant feedback, and a running score line."""

    def __init__(self):
        self.items = [with_feedback(q, heading=f"Situation {q.number}") for q in vignette_questions()]
        self.score = widgets.HTML(self._score_text())
        for item in self.items:
            item.radio.observe(lambda _change: self._update_score(), names="value")
        self.box = widgets.VBox([item.box for item in self.items] + [self.score])

    def correct_count(self) -> int:
        return sum(1 for i in self.items if i.value and i.question.option(i.value).correct)

    def _score_text(self) -> str:
        answered = sum(1 for i in self.items if i.value)
        return (f'<p role="status"><strong>Your sorting so far:</strong> {self.correct_count()} '
                f"of {len(self.items)} fit best ({answered} answered).</p>")

    def _update_score(self) -> None:
        self.score.value = self._score_text()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def crime_sorting() -> CrimeSorting:
    """The sorting activity, ready to display."""
    return CrimeSorting()
