"""One verdict per question: the rule the instructor's grader and the learner's self-check share.

The key and the explanation come from the course's SOURCE notebook
(:meth:`Course.questions`); the answer is plain JSON data. Nothing here imports
nbgrader or nbformat, so the self-check can judge in a fraction of a second.
"""

from __future__ import annotations

from ..questions import Question, is_right, shape_problem
from .course import QuestionInfo
from .results import QuestionResult


def verdict(info: QuestionInfo, question: Question, answer: object) -> QuestionResult:
    """Score ``answer`` against the key: full points or none, and the one sentence a learner reads
    (the shape problem, or "not correct." and the source's explanation; empty when right)."""
    problem = shape_problem(question, answer)
    right = problem is None and is_right(question, answer, info.key)
    if problem:
        message = problem
    elif not right:
        message = f"{info.label}: not correct. {info.why}".strip()
    else:
        message = ""
    given = "no answer given" if answer in (None, [], "") else question.describe(answer)
    return QuestionResult(
        info.grade_id,
        info.label,
        info.points if right else 0.0,
        info.points,
        message,
        answer=answer,
        answer_text=given,
    )


def explanation(result: QuestionResult) -> str:
    """The result's sentence without the "Question N:" it starts with, capitalised."""
    text = result.message.removeprefix(result.label + ": ").removeprefix(result.label + " ")
    return text[:1].upper() + text[1:]
