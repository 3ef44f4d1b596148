"""Exercise 6 (after Lessons 8 and 9) through nbgrader's full round trip.

Generate the release, submit by clicking (an ordering made with the Move up
buttons, a matching task of four single-choice questions sharing five options)
and by typing, autograde each submission in a fresh kernel, and build feedback.
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from conftest import ROOT
from submissions import click, type_answers
from warning_signs.grading import config
from warning_signs.questions import exercise_questions
from warning_signs.widgets.ordering import starting_order

pytestmark = pytest.mark.slow

EXERCISE = "06-r2p-and-actors"
NOTEBOOK = f"{EXERCISE}.ipynb"
KEY = {"q1": "c", "q2": ["a", "b", "d"], "q3": ["c", "d", "b", "a"], "q4": "b", "q5": "c", "q6": "a", "q7": "d",
       "q8": "a", "q9": "b"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1, "q8": 1, "q9": 1}
# Specific mistakes: a gap missed (q2), the two slowest actions swapped (q3), an inquiry thought to need the
# Security Council (q5), and local partners exposed by name (q8).
WRONG = {**KEY, "q2": ["a", "b"], "q3": ["c", "d", "a", "b"], "q5": "b", "q8": "b"}
LOST = {"q2": 2, "q3": 2, "q5": 1, "q8": 1}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course6")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(root / "release" / EXERCISE, folder)
        return folder

    click(submission("clicker"), KEY, NOTEBOOK)
    type_answers(submission("typist"), KEY, NOTEBOOK)
    click(submission("wrong"), WRONG, NOTEBOOK)
    submission("blank")
    for student in ("clicker", "typist", "wrong", "blank"):
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api


def grades(root, student) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in notebook.grades}


def scores(root, student) -> dict:
    return {name: score for name, (score, _max, _manual) in grades(root, student).items()}


def graded_text(root, student) -> str:
    nb = nbformat.read(root / "autograded" / student / EXERCISE / NOTEBOOK, as_version=4)
    return "\n".join(str(o.get("text", "")) + " ".join(o.get("traceback", []))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_the_exercise_has_the_stated_points_and_at_least_three_kinds_of_question():
    questions = exercise_questions(EXERCISE)
    assert sorted(questions) == sorted(KEY)
    kinds = {q.kind for q in questions.values()}
    assert {"single", "multiple", "ordering"} <= kinds
    matching = [questions[q] for q in ("q4", "q5", "q6", "q7")]
    assert all(m.option_ids == matching[0].option_ids for m in matching)  # one set of choices, shared
    assert len(matching[0].option_ids) > len(matching)  # more choices than items: no finishing by elimination
    text = (ROOT / "exercises" / EXERCISE / NOTEBOOK).read_text()
    assert "11 autograded, 4 marked by your instructor (15 in all)" in text
    assert sum(POINTS.values()) == 11
    rubric = (ROOT / "grading" / "rubrics" / f"{EXERCISE}.md").read_text()
    assert "4 points" in rubric and "15 points" in rubric


def test_the_ordering_gives_the_key_away_neither_by_its_start_nor_by_its_letters():
    question = exercise_questions(EXERCISE)["q3"]
    assert starting_order(question) != KEY["q3"]
    assert sorted(KEY["q3"]) != KEY["q3"]


def test_the_release_holds_no_key_and_no_hidden_test(course):
    root, _api = course
    text = (root / "release" / EXERCISE / NOTEBOOK).read_text()
    source = (ROOT / "exercises" / EXERCISE / NOTEBOOK).read_text()
    assert "BEGIN HIDDEN TESTS" in source and "BEGIN SOLUTION" in source
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert "ex.check(" not in text and "why=" not in text and "A model answer" not in text
    released = nbformat.reads(text, as_version=4)
    lines = [line for c in released.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert not [line for line in lines if line.startswith("ex.answer(")]
    assert not list((root / "release" / EXERCISE).glob("*.answers.json*"))


def test_correct_clicks_score_full_points_and_the_cable_waits_for_the_instructor(course):
    root, _api = course
    got = grades(root, "clicker")
    assert {q: got[q][0] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert {q: got[q][1] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert got["q10-memo"][1] == 4


def test_clicked_and_typed_answers_grade_the_same(course):
    root, _api = course
    assert scores(root, "clicker") == scores(root, "typist")


def test_specific_wrong_answers_lose_exactly_their_points(course):
    root, _api = course
    got = scores(root, "wrong")
    assert all(got[q] == 0 for q in LOST)
    assert all(got[q] == POINTS[q] for q in POINTS if q not in LOST)
    assert sum(got[q] for q in POINTS) == sum(POINTS.values()) - sum(LOST.values())
    assert "Question 5: not correct." in graded_text(root, "wrong")


def test_no_answer_scores_zero_with_no_answer_given(course):
    root, _api = course
    assert all(score == 0 for score in scores(root, "blank").values())
    text = graded_text(root, "blank")
    assert "Question 1: no answer given." in text and "Question 9: no answer given." in text
    assert "Traceback" not in text


def test_feedback_shows_the_answers_given_and_no_hidden_test(course):
    root, api = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    questions = exercise_questions(EXERCISE)
    assert questions["q8"].option("b").text[:40] in html  # the answer given, printed as text
    assert questions["q3"].option("a").text[:40] in html  # the order given
    assert "Question 3: not correct." in html
    assert "ex.check(" not in html and "HIDDEN TESTS" not in html
    assert not re.search(r"why=", html)
