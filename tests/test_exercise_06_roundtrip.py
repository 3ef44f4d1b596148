"""Exercise 6 (after Lessons 8 and 9) through nbgrader's full round trip.

Generate the release, submit by clicking (an ordering made with the Move up
buttons, a matching task of four single-choice questions sharing five options)
and by typing, autograde each submission in a fresh kernel, and build feedback.
Here also: the points stated in the text and the rubric, the matching task's
spare option, and the maximum points nbgrader records.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from roundtrip import exercise_tests
from warning_signs.questions import exercise_questions

pytestmark = pytest.mark.slow

EXERCISE = "06-r2p-and-actors"
KEY = {"q1": "c", "q2": ["a", "b", "d"], "q3": ["c", "d", "b", "a"], "q4": "b", "q5": "c", "q6": "a", "q7": "d",
       "q8": "a", "q9": "b"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1, "q8": 1, "q9": 1}
# Specific mistakes: a gap missed (q2), the two slowest actions swapped (q3), an inquiry thought to need the
# Security Council (q5), and local partners exposed by name (q8).
WRONG = {**KEY, "q2": ["a", "b"], "q3": ["c", "d", "a", "b"], "q5": "b", "q8": "b"}

globals().update(exercise_tests(EXERCISE, KEY, POINTS, WRONG))


def test_the_exercise_has_the_stated_points_and_at_least_three_kinds_of_question():
    questions = exercise_questions(EXERCISE)
    kinds = {q.kind for q in questions.values()}
    assert {"single", "multiple", "ordering"} <= kinds
    matching = [questions[q] for q in ("q4", "q5", "q6", "q7")]
    assert all(m.option_ids == matching[0].option_ids for m in matching)  # one set of choices, shared
    assert len(matching[0].option_ids) > len(matching)  # more choices than items: no finishing by elimination
    text = (ROOT / "exercises" / EXERCISE / f"{EXERCISE}.ipynb").read_text()
    assert "11 autograded, 4 marked by your instructor (15 in all)" in text
    assert sum(POINTS.values()) == 11
    rubric = (ROOT / "grading" / "rubrics" / f"{EXERCISE}.md").read_text()
    assert "4 points" in rubric and "15 points" in rubric


def test_nbgrader_records_each_question_out_of_its_points_and_the_cable_out_of_four(course):
    most = course.max_scores("clicker")
    assert {q: most[q] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert most["q10-memo"] == 4


def test_the_graded_notebook_says_which_answer_was_not_correct(course):
    assert "Question 5: not correct." in course.graded_text("wrong")


def test_feedback_prints_the_answer_and_the_order_given(course):
    html, questions = course.feedback_html("wrong"), exercise_questions(EXERCISE)
    assert questions["q8"].option("b").text[:40] in html  # the answer given, printed as text
    assert questions["q3"].option("a").text[:40] in html  # the order given
