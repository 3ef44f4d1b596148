"""nbgrader's own round trip on the real exercise: generate, submit, autograde, feedback.

Submissions are made the way learners make them: clicks go through the widgets in
a real kernel (the same trait change a browser sends), typed answers are edits to
the answer cells. Each is then graded by nbgrader in a fresh kernel.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import EXERCISE, ROOT
from submissions import KEY, POINTS, click, type_answers, write_memo
from warning_signs.grading import config

pytestmark = pytest.mark.slow

NOTEBOOK = f"{EXERCISE}.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course root with the exercise released and six learners' submissions autograded."""
    root = tmp_path_factory.mktemp("course")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]
    release = root / "release" / EXERCISE

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(release, folder)
        return folder

    wrong = {**KEY, "q2": "c", "q3": ["a", "b", "e"]}
    click(submission("clicker"), KEY)
    type_answers(submission("typist"), KEY)
    click(submission("mixed"), {"q1": "d"})           # clicked a wrong answer ...
    type_answers(root / "submitted" / "mixed" / EXERCISE, {"q1": KEY["q1"]})  # ... typed but never ran the right one
    click(submission("wrong"), wrong)
    write_memo(root / "submitted" / "wrong" / EXERCISE)
    submission("blank")
    damaged = submission("damaged")
    type_answers(damaged, {"q1": KEY["q1"]})
    (damaged / f"{EXERCISE}.answers.json").write_text('{"answers": {"q2": ')

    students = ["clicker", "typist", "mixed", "wrong", "blank", "damaged"]
    for student in students:
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api, students


def grades(root: Path, student: str) -> list:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return [(g.name, g.score, g.needs_manual_grade) for g in notebook.grades]


def scores(root: Path, student: str) -> dict:
    return {name: score for name, score, _ in grades(root, student)}


def needs_manual(root: Path, student: str) -> set:
    return {name for name, _, manual in grades(root, student) if manual}


def graded_text(root: Path, student: str) -> str:
    nb = nbformat.read(root / "autograded" / student / EXERCISE / NOTEBOOK, as_version=4)
    return "\n".join(str(o.get("text", "")) + " ".join(o.get("traceback", []))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_student_version_has_no_solutions_and_no_hidden_tests(course):
    root, _, _ = course
    text = (root / "release" / EXERCISE / NOTEBOOK).read_text()
    source = (ROOT / "exercises" / EXERCISE / NOTEBOOK).read_text()
    assert "BEGIN SOLUTION" in source and "BEGIN HIDDEN TESTS" in source  # the source has both ...
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text   # ... the release neither
    assert "ex.check(" not in text and "why=" not in text
    assert "A model answer" not in text
    released = nbformat.reads(text, as_version=4)
    code_lines = [line for c in released.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert not [line for line in code_lines if line.startswith("ex.answer(")], "a typed solution leaked"
    assert "raise NotImplementedError" not in text  # Run All must not stop a learner
    assert not list((root / "release" / EXERCISE).glob("*.answers.json*"))


def test_correct_clicks_score_full_points(course):
    root, _, _ = course
    got = scores(root, "clicker")
    assert {q: got[q] for q in POINTS} == {q: float(p) for q, p in POINTS.items()}
    assert got["q8-memo"] == 0 and not needs_manual(root, "clicker")  # the memo was left empty


def test_click_path_grades_the_same_as_the_typed_path(course):
    root, _, _ = course
    assert scores(root, "clicker") == scores(root, "typist")


def test_a_later_click_beats_a_typed_answer_that_was_never_run(course):
    root, _, _ = course
    assert scores(root, "mixed")["q1"] == 0


def test_wrong_answers_get_the_right_partial_score(course):
    root, _, _ = course
    got = scores(root, "wrong")
    assert got["q2"] == 0 and got["q3"] == 0
    assert sum(got[q] for q in POINTS) == sum(POINTS.values()) - 3
    assert needs_manual(root, "wrong") == {"q8-memo"}  # written: waits for the instructor
    assert "Question 2: not correct." in graded_text(root, "wrong")


def test_no_answer_scores_zero_with_a_sentence_not_a_traceback(course):
    root, _, _ = course
    assert all(score == 0 for score in scores(root, "blank").values())
    text = graded_text(root, "blank")
    assert "Question 1: no answer given." in text
    assert "Traceback" not in text and "File \"" not in text


def test_a_damaged_answer_store_is_reported_and_the_rest_still_graded(course):
    root, _, _ = course
    got = scores(root, "damaged")
    assert got["q1"] == 1 and got["q2"] == 0
    assert re.search(r"answers file .* is damaged", graded_text(root, "damaged"))


def test_feedback_shows_scores_but_never_hidden_tests(course):
    root, api, _ = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    assert "Question 2: not correct." in html
    assert "HIDDEN" not in html and "ex.check(" not in html and "why=" not in html
    assert "Score" in html
