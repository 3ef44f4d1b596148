"""The "which crime is this?" sorting activity of lesson 01.

Each fictional vignette is sorted into the crime it fits best. The vignettes and
an explanation for every choice live in ``datasets/lessons/crime_vignettes.csv``.
"""

from __future__ import annotations

from ..data import load
from ..questions import SINGLE, Option, Question
from .matching_activity import MatchingActivity

CATEGORIES = {
    "genocide": "Genocide",
    "crimes_against_humanity": "Crimes against humanity",
    "war_crimes": "War crimes",
    "ethnic_cleansing": "Ethnic cleansing",
    "not_atrocity": "Serious, but not an atrocity crime",
}


def vignette_questions() -> list[Question]:
    """One question per vignette, its options the five categories."""
    table = load("crime_vignettes").fillna("")
    questions = []
    for number, row in enumerate(table.itertuples(index=False), start=1):
        options = tuple(
            Option(key, label, correct=(row.best_fit == key), explanation=getattr(row, f"why_{key}"))
            for key, label in CATEGORIES.items()
        )
        prompt = f"{row.title}: {row.text} Which crime does this fit best?"
        questions.append(Question(row.id, number, SINGLE, prompt, options))
    return questions


def crime_sorting() -> MatchingActivity:
    """The sorting activity, ready to display."""
    return MatchingActivity(vignette_questions(), item_word="Situation", score_label="Your sorting so far")
