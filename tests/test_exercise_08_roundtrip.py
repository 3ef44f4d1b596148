"""Exercise 8 through nbgrader: single, multiple, ordering and matching, clicked and typed, graded.

Submissions are made as learners make them (clicks in a real kernel, typed
answers in the analysts' cells); nbgrader generates, autogrades and writes
feedback on the real source notebook.
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

EXERCISE = "08-platforms-and-field-reports"
NOTEBOOK = f"{EXERCISE}.ipynb"
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
LOST = {"q1", "q2", "q4", "q6"}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course8")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(root / "release" / EXERCISE, folder)
        return folder

    click(submission("clicker"), KEY, NOTEBOOK)
    type_answers(submission("typist"), KEY, NOTEBOOK)
    click(submission("wrong"), WRONG, NOTEBOOK)
    write_note(root / "submitted" / "wrong" / EXERCISE / NOTEBOOK)
    submission("blank")
    for student in ("clicker", "typist", "wrong", "blank"):
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api


def write_note(path) -> None:
    """The written answer, as a learner saves it in the markdown cell."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q10-memo":
            cell.source = "Strong targeting of the Brin and signs of intent; I escalate to early warning today."
    nbformat.write(nb, path)


def needs_manual(root, student) -> set:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name for g in notebook.grades if g.needs_manual_grade}


def scores(root, student) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name: g.score for g in notebook.grades}


def graded_text(root, student) -> str:
    nb = nbformat.read(root / "autograded" / student / EXERCISE / NOTEBOOK, as_version=4)
    return "\n".join(
        str(o.get("text", "")) + " ".join(o.get("traceback", []))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def test_the_exercise_has_six_or_more_click_questions_of_at_least_three_kinds():
    bank = exercise_questions(EXERCISE)
    assert set(bank) == set(KEY) and len(bank) >= 6
    kinds = {q.kind for q in bank.values()}
    matching = [q for q in ("q5", "q6", "q7", "q8") if bank[q].option_ids == bank["q5"].option_ids]
    assert {"single", "multiple", "ordering"} <= kinds and len(matching) == 4
    # the matching task cannot be finished by elimination: more routes than needed, one used twice
    assert len(bank["q5"].options) > len({KEY[q] for q in matching})


def test_the_ordering_gives_the_key_away_neither_by_its_start_nor_by_its_letters():
    question = exercise_questions(EXERCISE)["q4"]
    assert starting_order(question) != KEY["q4"]
    assert sorted(KEY["q4"]) != KEY["q4"]


def test_release_holds_no_key_no_hidden_test_and_no_model_answer(course):
    root, _api = course
    text = (root / "release" / EXERCISE / NOTEBOOK).read_text()
    source = (ROOT / "exercises" / EXERCISE / NOTEBOOK).read_text()
    assert "BEGIN HIDDEN TESTS" in source and "A model answer" in source
    assert "HIDDEN TESTS" not in text and "ex.check(" not in text and "why=" not in text
    assert "BEGIN SOLUTION" not in text and "A model answer" not in text
    released = nbformat.reads(text, as_version=4)
    lines = [line for c in released.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert not [line for line in lines if line.startswith("ex.answer(")]
    assert not list((root / "release" / EXERCISE).glob("*.answers.json*"))


def test_correct_clicks_and_typed_answers_score_full_and_the_same(course):
    root, _api = course
    clicked, typed = scores(root, "clicker"), scores(root, "typist")
    assert {q: clicked[q] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert sum(POINTS.values()) == 12
    assert clicked == typed


def test_specific_wrong_answers_lose_exactly_their_points(course):
    root, _api = course
    got = scores(root, "wrong")
    assert {q for q in POINTS if got[q] == 0} == LOST
    assert all(got[q] == POINTS[q] for q in POINTS if q not in LOST)
    assert sum(got[q] for q in POINTS) == 12 - sum(POINTS[q] for q in LOST)
    assert "Question 4: not correct." in graded_text(root, "wrong")
    assert needs_manual(root, "wrong") == {"q10-memo"}  # the note waits for the instructor (4 points)
    assert not needs_manual(root, "clicker")  # an empty note scores 0 without waiting


def test_no_answer_scores_zero_with_a_sentence(course):
    root, _api = course
    assert all(score == 0 for score in scores(root, "blank").values())
    text = graded_text(root, "blank")
    assert "Question 1: no answer given." in text and "Question 9: no answer given." in text
    assert "Traceback" not in text


def test_feedback_shows_the_answers_given_but_no_hidden_test(course):
    root, api = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    bank = exercise_questions(EXERCISE)
    assert bank["q1"].option("c").text[:40] in html  # the wrong single choice, printed as text
    assert bank["q4"].option("a").text[:40] in html  # the order given
    assert "Question 2: not correct." in html
    assert "HIDDEN" not in html and "ex.check(" not in html and "why=" not in html
