"""Exercise 8 through nbgrader: single, multiple, ordering and matching, clicked and typed, graded.

Submissions are made as learners make them (clicks in a real kernel, typed
answers in the analysts' cells); nbgrader generates, autogrades and writes
feedback on the real source notebook. Here also: the matching task cannot be
finished by elimination, and an empty note scores 0 without waiting for the instructor.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from roundtrip import exercise_tests
from warning_signs.questions import exercise_questions

pytestmark = pytest.mark.slow

EXERCISE = "08-platforms-and-field-reports"
KEY = {
    "q1": "b",
    "q2": ["a", "c", "e"],
    "q3": "a",
    "q4": ["b", "d", "a", "c"],
    "q5": "c",
    "q6": "a",
    "q7": "b",
    "q8": "c",
    "q9": ["a", "b", "d"],
}
POINTS = {"q1": 1, "q2": 2, "q3": 1, "q4": 2, "q5": 1, "q6": 1, "q7": 1, "q8": 1, "q9": 2}
# A plausible wrong answer per kind: a single, a tick too many, two rows swapped, a crossed match.
WRONG = {**KEY, "q1": "c", "q2": ["a", "c", "d", "e"], "q4": ["b", "a", "d", "c"], "q6": "b"}
NOTE = "Strong targeting of the Brin and signs of intent; I escalate to early warning today."

globals().update(exercise_tests(EXERCISE, KEY, POINTS, WRONG, memo=NOTE))


def test_the_exercise_has_six_or_more_click_questions_of_at_least_three_kinds():
    bank = exercise_questions(EXERCISE)
    assert len(bank) >= 6 and sum(POINTS.values()) == 12
    kinds = {q.kind for q in bank.values()}
    matching = [q for q in ("q5", "q6", "q7", "q8") if bank[q].option_ids == bank["q5"].option_ids]
    assert {"single", "multiple", "ordering"} <= kinds and len(matching) == 4
    # the matching task cannot be finished by elimination: more routes than needed, one used twice
    assert len(bank["q5"].options) > len({KEY[q] for q in matching})


def test_the_source_holds_a_model_answer_for_the_instructor():
    assert "A model answer" in (ROOT / "exercises" / EXERCISE / f"{EXERCISE}.ipynb").read_text()


def test_an_empty_note_scores_zero_without_waiting_and_the_graded_notebook_names_the_wrong_order(course):
    assert not course.needs_manual("clicker")  # the note is written only by "wrong", who waits (4 points)
    assert course.max_scores("wrong")["q10-memo"] == 4
    assert "Question 4: not correct." in course.graded_text("wrong")


def test_feedback_prints_the_answer_and_the_order_given(course):
    html, bank = course.feedback_html("wrong"), exercise_questions(EXERCISE)
    assert bank["q1"].option("c").text[:40] in html  # the wrong single choice, printed as text
    assert bank["q4"].option("a").text[:40] in html  # the order given
