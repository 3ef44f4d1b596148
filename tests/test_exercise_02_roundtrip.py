"""Exercise 2 through nbgrader: an ordering and a matching task, clicked and typed, graded.

The ordering is made with the Move up buttons in a real kernel; the matching
task is four single-choice questions that share the four strategies as options.
Besides the shared round trip, a learner saves the shuffled starting order
unmoved: that is an answer, and it is wrong.
"""

from __future__ import annotations

import pytest

from roundtrip import exercise_tests
from warning_signs.questions import exercise_questions

pytestmark = pytest.mark.slow

EXERCISE = "02-reading-warning-signs"
KEY = {"q1": "a", "q2": ["a", "b", "c"], "q3": ["c", "a", "d", "b"], "q4": "b", "q5": "a", "q6": "c", "q7": "d"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1}
WRONG = {**KEY, "q3": ["c", "a", "b", "d"], "q4": "a", "q5": "b"}  # the two riskiest swapped; two matches crossed
UNMOVED = {"q3": []}  # saved the shuffled starting order as it was

globals().update(exercise_tests(EXERCISE, KEY, POINTS, WRONG, extra={"unmoved": UNMOVED}))


def test_the_points_are_nine():
    assert sum(POINTS.values()) == 9


def test_saving_the_starting_order_unchanged_is_an_answer_and_it_is_wrong(course):
    got = course.scores("unmoved")
    assert got["q3"] == 0 and got["q1"] == 0  # q1 was never answered


def test_feedback_prints_the_whole_order_given(course):
    question = exercise_questions(EXERCISE)["q3"]
    assert question.option("b").text[:40] in course.feedback_html("wrong")  # the learner's order, as text
