"""Exercise 10 (gender and atrocity prevention) through nbgrader's full round trip.

Release, then learners' submissions made as learners make them (clicks through the
widgets in a real kernel, Move up for the ordering; typed answers in the analysts'
cells; an empty notebook), autograded by nbgrader, and feedback generated.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from conftest import ROOT
from submissions import click, type_answers
from warning_signs.grading import config
from warning_signs.questions import exercise_questions
from warning_signs.widgets.ordering import starting_order

pytestmark = pytest.mark.slow

EXERCISE = "10-gender-and-prevention"
NOTEBOOK = f"{EXERCISE}.ipynb"
KEY = {"q1": "c", "q2": ["a", "b", "d"], "q3": "d", "q4": ["b", "d", "a", "c"], "q5": "d", "q6": "a", "q7": "e"}
POINTS = {"q1": 1, "q2": 2, "q3": 1, "q4": 2, "q5": 1, "q6": 1, "q7": 1}
# the gendered sign missed; the two riskiest reports swapped; one match crossed
WRONG = {**KEY, "q1": "a", "q4": ["b", "d", "c", "a"], "q6": "b"}
LOST = {"q1": 1, "q4": 2, "q6": 1}


def write_memo(folder, text="- Women held at checkpoints and girls kept home point to a risk of sexual violence."):
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q8-memo":
            cell.source = text
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course10")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(root / "release" / EXERCISE, folder)
        return folder

    click(submission("clicker"), KEY, NOTEBOOK)
    type_answers(submission("typist"), KEY, NOTEBOOK)
    wrong = submission("wrong")
    click(wrong, WRONG, NOTEBOOK)
    write_memo(wrong)
    submission("blank")
    for student in ("clicker", "typist", "wrong", "blank"):
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api


def grades(root, student) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name: (g.score, g.needs_manual_grade) for g in notebook.grades}


def scores(root, student) -> dict:
    return {name: score for name, (score, _) in grades(root, student).items()}


def graded_text(root, student) -> str:
    nb = nbformat.read(root / "autograded" / student / EXERCISE / NOTEBOOK, as_version=4)
    return "\n".join(
        str(o.get("text", "")) + " ".join(o.get("traceback", []))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def test_the_exercise_has_six_or_more_click_questions_of_at_least_three_kinds():
    questions = exercise_questions(EXERCISE)
    assert set(questions) == set(KEY) and len(questions) >= 6
    kinds = {q.kind for q in questions.values()}
    assert {"single", "multiple", "ordering"} <= kinds
    matching = [questions[q] for q in ("q5", "q6", "q7")]  # a matching task: singles sharing their options
    assert all(q.options == matching[0].options for q in matching)
    assert len(matching[0].options) > len(matching), "more options than slots: no solving by elimination"
    assert sum(POINTS.values()) == 9


def test_the_ordering_gives_the_key_away_neither_by_its_start_nor_by_its_letters():
    question = exercise_questions(EXERCISE)["q4"]
    assert starting_order(question) != KEY["q4"]
    assert sorted(KEY["q4"]) != KEY["q4"]


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


def test_the_release_has_no_key_no_hidden_test_and_no_model_answer(course):
    root, _ = course
    text = (root / "release" / EXERCISE / NOTEBOOK).read_text()
    source = (ROOT / "exercises" / EXERCISE / NOTEBOOK).read_text()
    assert "BEGIN HIDDEN TESTS" in source and "BEGIN SOLUTION" in source
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert "ex.check(" not in text and "why=" not in text and "A model answer" not in text
    released = nbformat.reads(text, as_version=4)
    lines = [line for c in released.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert not [line for line in lines if line.startswith("ex.answer(")], "a typed solution leaked"
    assert not list((root / "release" / EXERCISE).glob("*.answers.json*"))


def test_correct_clicks_score_full_points_and_the_memo_waits_for_the_instructor(course):
    root, _ = course
    got = scores(root, "clicker")
    assert {q: got[q] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert grades(root, "wrong")["q8-memo"][1] is True  # written: needs manual grading


def test_clicked_and_typed_answers_grade_the_same(course):
    root, _ = course
    assert scores(root, "clicker") == scores(root, "typist")


def test_specific_wrong_answers_lose_exactly_their_points(course):
    root, _ = course
    got = scores(root, "wrong")
    for q, points in POINTS.items():
        assert got[q] == (0 if q in LOST else points), q
    assert sum(got[q] for q in POINTS) == sum(POINTS.values()) - sum(LOST.values())
    text = graded_text(root, "wrong")
    assert "Question 1: not correct." in text and "Question 4: not correct." in text


def test_no_answer_scores_zero_with_no_answer_given(course):
    root, _ = course
    assert all(score == 0 for score in scores(root, "blank").values())
    text = graded_text(root, "blank")
    assert "Question 1: no answer given." in text and "Question 4: no answer given." in text
    assert "Traceback" not in text


def test_feedback_shows_the_answers_given_and_no_hidden_test(course):
    root, api = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    questions = exercise_questions(EXERCISE)
    assert questions["q1"].option("a").text in html  # the answer given, as text
    assert questions["q4"].option("c").text[:40] in html
    assert "Question 1: not correct." in html
    assert "ex.check(" not in html and "HIDDEN TESTS" not in html and "why=" not in html
