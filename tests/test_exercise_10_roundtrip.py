"""Exercise 10 (gender and atrocity prevention) through nbgrader's full round trip.

Release, then learners' submissions made as learners make them (clicks through the
widgets in a real kernel, Move up for the ordering; typed answers in the analysts'
cells; an empty notebook), autograded by nbgrader, and feedback generated. Here
also: the matching task's spare option and how the single-choice keys are spread.
"""

from __future__ import annotations

import pytest

from roundtrip import exercise_tests
from warning_signs.questions import exercise_questions

pytestmark = pytest.mark.slow

EXERCISE = "10-gender-and-prevention"
KEY = {"q1": "c", "q2": ["a", "b", "d"], "q3": "d", "q4": ["b", "d", "a", "c"], "q5": "d", "q6": "a", "q7": "e"}
POINTS = {"q1": 1, "q2": 2, "q3": 1, "q4": 2, "q5": 1, "q6": 1, "q7": 1}
# the gendered sign missed; the two riskiest reports swapped; one match crossed
WRONG = {**KEY, "q1": "a", "q4": ["b", "d", "c", "a"], "q6": "b"}
MEMO = "- Women held at checkpoints and girls kept home point to a risk of sexual violence."

globals().update(exercise_tests(EXERCISE, KEY, POINTS, WRONG, memo=MEMO))


def test_the_exercise_has_six_or_more_click_questions_of_at_least_three_kinds():
    questions = exercise_questions(EXERCISE)
    assert len(questions) >= 6
    kinds = {q.kind for q in questions.values()}
    assert {"single", "multiple", "ordering"} <= kinds
    matching = [questions[q] for q in ("q5", "q6", "q7")]  # a matching task: singles sharing their options
    assert all(q.options == matching[0].options for q in matching)
    assert len(matching[0].options) > len(matching), "more options than slots: no solving by elimination"
    assert sum(POINTS.values()) == 9


def test_single_choice_keys_are_spread_and_not_the_longest_option():
    questions = exercise_questions(EXERCISE)
    singles = [q for q in questions.values() if q.kind == "single"]
    keys = [KEY[q.id] for q in singles]
    assert max(keys.count(k) for k in set(keys)) / len(keys) <= 0.4
    longest = [
        q.id
        for q in singles
        if len(q.option(KEY[q.id]).text) == max(len(o.text) for o in q.options)
        and sum(len(o.text) == len(q.option(KEY[q.id]).text) for o in q.options) == 1
    ]
    assert len(longest) <= len(singles) / 3, longest


def test_the_graded_notebook_says_which_answers_were_not_correct(course):
    text = course.graded_text("wrong")
    assert "Question 1: not correct." in text and "Question 4: not correct." in text


def test_feedback_prints_the_answers_given_in_full(course):
    html, questions = course.feedback_html("wrong"), exercise_questions(EXERCISE)
    assert questions["q1"].option("a").text in html  # the answer given, as text
    assert questions["q4"].option("c").text[:40] in html
