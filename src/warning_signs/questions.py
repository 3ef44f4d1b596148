"""Questions as data: exercise and lesson questions read from ``datasets/``.

Exercise questions carry no answer key: the key lives only in the hidden tests
of the nbgrader source notebook, so a learner's copy of the course cannot leak it.
Lesson questions carry the key and an explanation per option, for instant feedback.

The rules on an answer live here, once, for the learner's kernel and the trusted
grader alike: :func:`normalize` tidies it, :func:`shape_problem` says what is
wrong with its type or shape, :func:`is_right` compares it with a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .data import cached, load

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


def _read(table: str) -> pd.DataFrame:
    """A question table through data.load (one reader, one cache), as plain text cells."""
    return load(table).astype(object).fillna("").astype(str)


def _build(questions: pd.DataFrame, options: pd.DataFrame) -> dict[str, Question]:
    bank: dict[str, Question] = {}
    for row in questions.itertuples(index=False):
        rows = options[options["question_id"] == row.question_id]
        opts = tuple(
            Option(
                id=o.option_id,
                text=o.text,
                correct=str(getattr(o, "correct", "")).lower() == "true",
                explanation=getattr(o, "explanation", ""),
            )
            for o in rows.itertuples(index=False)
        )
        qid = str(row.question_id)
        bank[qid] = Question(qid, int(str(row.number)), str(row.kind), str(row.prompt), opts)
    return bank


@cached
def exercise_questions(exercise_id: str) -> dict[str, Question]:
    """The clickable questions of one exercise, by question id (no answer key)."""
    return _bank("exercise", exercise_id, "datasets/exercises/questions.csv")


@cached
def lesson_questions(lesson_id: str) -> dict[str, Question]:
    """The check-your-understanding questions of one lesson, with keys and explanations."""
    return _bank("lesson", lesson_id, "datasets/lessons/questions.csv")


def _bank(kind: str, owner: str, where: str) -> dict[str, Question]:
    """The questions of one lesson or exercise (``kind``), from the tables ``<kind>_questions`` and ``_options``."""
    questions, options, column = _read(f"{kind}_questions"), _read(f"{kind}_options"), f"{kind}_id"
    mine = questions[questions[column] == owner]
    if mine.empty:
        raise KeyError(f"No questions for {kind} '{owner}' in {where}.")
    return _build(mine, options[options[column] == owner])


# --- rules on an answer (kernel and grader share them) -----------------------

MAX_ANSWER_CHARS = 200  # a letter, or a list of a few letters: anything longer is not an answer


def normalize(question: Question, value: object) -> object:
    """Tidy a typed answer: letters lower-cased; a multiple choice as a sorted list,
    an ordering as a list in the learner's order."""
    if question.kind == ORDERING:
        parts = value.replace(";", ",").split(",") if isinstance(value, str) else value
        if isinstance(parts, (list, tuple)):
            return [p.strip().lower() if isinstance(p, str) else p for p in parts if p != ""]
        return value
    if question.kind == MULTIPLE:
        if isinstance(value, str):
            value = list(value.replace(";", ",").split(","))
        if isinstance(value, (list, tuple, set)):
            return sorted({v.strip().lower() if isinstance(v, str) else v for v in value if v != ""}, key=str)
        return value
    if isinstance(value, str):
        return value.strip().lower().rstrip(")")
    return value


def shape_problem(question: Question, value: object) -> str | None:
    """What is wrong with an answer's type or shape, in one sentence; None if nothing."""
    label = f"Question {question.number}"
    if value is None or value == [] or value == "":
        return f"{label}: no answer given. Choose an option above; a click saves it."
    if question.kind == ORDERING:
        if not isinstance(value, list) or sorted(map(str, value)) != sorted(question.option_ids):
            letters = ", ".join(f'"{o}"' for o in question.option_ids)
            return f"{label} takes every option letter once, in your order, e.g. [{letters}] rearranged."
        unknown: list[object] = []
    elif question.kind == MULTIPLE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f'{label} takes a list of option letters, such as ["a", "c"].'
        unknown = [v for v in value if v not in question.option_ids]
    else:
        if not isinstance(value, str):
            return f'{label} takes one option letter in quotes, such as "b".'
        unknown = [] if value in question.option_ids else [value]
    if unknown:
        letters = ", ".join(question.option_ids)
        shown = ", ".join(repr(u)[:20] for u in unknown[:5])
        return f"{label}: {shown} is not one of the options ({letters})."
    return None


def is_right(question: Question, value: object, expected: object) -> bool:
    """True when ``value`` has the right shape and equals the key ``expected``."""
    return shape_problem(question, value) is None and normalize(question, value) == normalize(question, expected)


def plain_answer(value: object) -> object:
    """An answer as plain JSON data (text, a number, or a short list of them), capped;
    anything else (an object, a dict, a long or nested list) becomes None.

    What the kernel reports and what an answers file holds pass through this, so no
    object, huge string or nested structure a notebook makes reaches the grader's rules."""
    if isinstance(value, str):
        return value[:MAX_ANSWER_CHARS]
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple)) and len(value) <= 26:
        items = [plain_answer(v) for v in value]
        if all(isinstance(v, (str, bool, int, float)) for v in value):
            return items
    return None
