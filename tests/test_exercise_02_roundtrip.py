"""Exercise 2 through nbgrader: an ordering and a matching task, clicked and typed, graded.

The ordering is made with the Move up buttons in a real kernel; the matching
task is four single-choice questions that share the four strategies as options.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from submissions import click, type_answers
from warning_signs.grading import config
from warning_signs.questions import exercise_questions
from warning_signs.widgets.ordering import starting_order

pytestmark = pytest.mark.slow

EXERCISE = "02-reading-warning-signs"
NOTEBOOK = f"{EXERCISE}.ipynb"
KEY = {"q1": "a", "q2": ["a", "b", "c"], "q3": ["c", "a", "d", "b"], "q4": "b", "q5": "a", "q6": "c", "q7": "d"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1}
WRONG = {**KEY, "q3": ["c", "a", "b", "d"], "q4": "a", "q5": "b"}  # the two riskiest swapped; two matches crossed


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course2")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(root / "release" / EXERCISE, folder)
        return folder

    click(submission("clicker"), KEY, NOTEBOOK)
    type_answers(submission("typist"), KEY, NOTEBOOK)
    click(submission("wrong"), WRONG, NOTEBOOK)
    click(submission("unmoved"), {"q3": []}, NOTEBOOK)  # saved the shuffled starting order as it was
    for student in ("clicker", "typist", "wrong", "unmoved"):
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api


def scores(root, student) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name: g.score for g in notebook.grades}


def test_the_ordering_gives_the_key_away_neither_by_its_start_nor_by_its_letters():
    question = exercise_questions(EXERCISE)["q3"]
    assert starting_order(question) != KEY["q3"]
    assert sorted(KEY["q3"]) != KEY["q3"]  # learners see the letters in the "Saved" line


def test_clicked_and_typed_answers_both_score_full_marks(course):
    root, _api = course
    for student in ("clicker", "typist"):
        got = scores(root, student)
        assert {q: got[q] for q in POINTS} == POINTS, student
        assert sum(POINTS.values()) == 9


def test_a_wrong_order_and_crossed_matches_lose_exactly_those_points(course):
    root, _api = course
    got = scores(root, "wrong")
    assert got["q3"] == 0 and got["q4"] == 0 and got["q5"] == 0
    assert got["q1"] == 1 and got["q2"] == 2 and got["q6"] == 1 and got["q7"] == 1


def test_saving_the_starting_order_unchanged_is_an_answer_and_it_is_wrong(course):
    root, _api = course
    got = scores(root, "unmoved")
    assert got["q3"] == 0 and got["q1"] == 0  # q1 was never answered


def test_feedback_shows_the_order_given_and_why_but_no_hidden_tests(course):
    root, api = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    question = exercise_questions(EXERCISE)["q3"]
    assert question.option("b").text[:40] in html  # the learner's order is printed as text
    assert "Question 3: not correct." in html
    assert "ex.check(" not in html and "HIDDEN TESTS" not in html
