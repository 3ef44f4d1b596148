"""Questions as data: exercise and lesson questions read from ``datasets/``.

Exercise questions carry no answer key: the key lives only in the hidden tests
of the nbgrader source notebook, so a learner's copy of the course cannot leak it.
Lesson questions carry the key and an explanation per option, for instant feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .paths import datasets_dir

SINGLE = "single"
MULTIPLE = "multiple"
ORDERING = "ordering"  # the key is the order of the option ids: a, b, c, ...


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    explanation: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    kind: str  # SINGLE, MULTIPLE or ORDERING
    prompt: str
    options: tuple[Option, ...] = field(default_factory=tuple)

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def describe(self, value: object) -> str:
        """An answer in words, e.g. "b) Genocide" or "a) ...; c) ..."."""
        if value is None or value == []:
            return "no answer given"
        chosen = value if isinstance(value, list) else [value]
        known = [f"{v}) {self.option(v).text}" for v in chosen if v in self.option_ids]
        return "; ".join(known) if known else repr(value)


def _read(relative: str) -> pd.DataFrame:
    return pd.read_csv(datasets_dir() / relative, dtype=str, keep_default_na=False)


def _build(questions: pd.DataFrame, options: pd.DataFrame) -> dict[str, Question]:
    bank = {}
    for row in questions.itertuples(index=False):
        rows = options[options["question_id"] == row.question_id]
        opts = tuple(
            Option(
                id=o.option_id,
                text=o.text,
                correct=getattr(o, "correct", "") == "true",
                explanation=getattr(o, "explanation", ""),
            )
            for o in rows.itertuples(index=False)
        )
        bank[row.question_id] = Question(row.question_id, int(row.number), row.kind, row.prompt, opts)
    return bank


@lru_cache(maxsize=None)
def exercise_questions(exercise_id: str) -> dict[str, Question]:
    """The clickable questions of one exercise, by question id (no answer key)."""
    questions = _read("exercises/questions.csv")
    options = _read("exercises/options.csv")
    mine = questions[questions["exercise_id"] == exercise_id]
    if mine.empty:
        raise KeyError(f"No questions for exercise '{exercise_id}' in datasets/exercises/questions.csv.")
    return _build(mine, options[options["exercise_id"] == exercise_id])


@lru_cache(maxsize=None)
def lesson_questions(lesson_id: str) -> dict[str, Question]:
    """The check-your-understanding questions of one lesson, with keys and explanations."""
    questions = _read("lessons/questions.csv")
    options = _read("lessons/options.csv")
    mine = questions[questions["lesson_id"] == lesson_id]
    if mine.empty:
        raise KeyError(f"No questions for lesson '{lesson_id}' in datasets/lessons/questions.csv.")
    return _build(mine, options[options["lesson_id"] == lesson_id])
