"""The learner's workspace: generated from the course, never overwriting their changes."""

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from conftest import EXERCISE, ROOT
from warning_signs.workspace import Workspace, fingerprint

pytestmark = pytest.mark.slow


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A private copy of the course, so the test can 'release an update'."""
    copy = tmp_path / "course"
    for folder in ("lessons", "exercises", "datasets"):
        shutil.copytree(ROOT / folder, copy / folder)
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(copy))
    return copy


def edit_first_cell(path, text):
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += text
    nbformat.write(nb, path)


def test_prepare_copies_lessons_and_generates_student_exercises(course, tmp_path):
    ws = tmp_path / "ws"
    report = Workspace(ws).prepare()
    assert (ws / "lessons" / "00-start-here.ipynb").exists()
    student = (ws / "exercises" / EXERCISE / f"{EXERCISE}.ipynb").read_text()
    assert "BEGIN SOLUTION" not in student and "HIDDEN TESTS" not in student
    assert len(report.written) == len(list((course / "lessons").glob("*.ipynb"))) + len(list((course / "exercises").glob("*/*.ipynb")))


def test_second_run_changes_nothing(course, tmp_path):
    ws = tmp_path / "ws"
    Workspace(ws).prepare()
    again = Workspace(ws).prepare()
    assert again.written == [] and again.kept == [] and again.unchanged > 0


def test_running_a_lesson_is_not_a_change(tmp_path):
    lesson = ROOT / "lessons" / "00-start-here.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", text="hello")]
    ran = tmp_path / "ran.ipynb"
    nbformat.write(nb, ran)
    assert fingerprint(ran) == fingerprint(lesson)


def test_course_update_replaces_untouched_notebooks_and_keeps_changed_ones(course, tmp_path):
    ws = tmp_path / "ws"
    Workspace(ws).prepare()
    mine = ws / "lessons" / "00-start-here.ipynb"
    edit_first_cell(mine, "\n\nMy own notes.")
    for name in ("00-start-here.ipynb", "01-what-are-atrocity-crimes.ipynb"):
        edit_first_cell(course / "lessons" / name, "\n\nUpdated by the course.")
    edit_first_cell(course / "exercises" / EXERCISE / f"{EXERCISE}.ipynb", "\n\nExercise updated.")

    report = Workspace(ws).prepare()
    assert "My own notes." in mine.read_text() and "Updated by the course." not in mine.read_text()
    beside = ws / "lessons" / "00-start-here (course update).ipynb"
    assert "Updated by the course." in beside.read_text()
    assert "Updated by the course." in (ws / "lessons" / "01-what-are-atrocity-crimes.ipynb").read_text()
    assert "Exercise updated." in (ws / "exercises" / EXERCISE / f"{EXERCISE}.ipynb").read_text()
    assert report.kept == ["lessons/00-start-here.ipynb"]
    assert "kept your version" in report.text()


def test_saved_answers_survive_a_course_update(course, tmp_path):
    ws = tmp_path / "ws"
    Workspace(ws).prepare()
    answers = ws / "exercises" / EXERCISE / f"{EXERCISE}.answers.json"
    answers.write_text(json.dumps({"answers": {"q1": {"value": "a"}}}))
    edit_first_cell(course / "exercises" / EXERCISE / f"{EXERCISE}.ipynb", "\n\nExercise updated.")
    Workspace(ws).prepare()
    assert json.loads(answers.read_text())["answers"]["q1"]["value"] == "a"


def test_self_check_command_scores_each_question(student_copy):
    from warning_signs.answers import CLICK, AnswerStore

    store = AnswerStore(EXERCISE, student_copy)
    for qid, value in {"q1": "c", "q2": "c", "q3": ["a", "c", "e"]}.items():  # right, wrong, right
        store.save(qid, value, CLICK)
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(student_copy)],
                          capture_output=True, text=True, timeout=300)
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "Self-check of 01-atrocity-crimes: 3 of 8 autograded points." in out
    assert "✓ Question 1: right (1/1)." in out and "✓ Question 3: right (2/2)." in out
    assert "✗ Question 2: not right (0/1)." in out
    assert "✗ Question 4: not answered (0/1)." in out
    assert "Question 8: marked by your instructor" in out
    assert "HIDDEN" not in out and "ex.check(" not in out
    html = (student_copy / f"{EXERCISE}.selfcheck.html").read_text()
    assert "HIDDEN" not in html and "ex.check(" not in html and "3 of 8 autograded points" in html
    assert done.stderr == ""  # no log lines are shown to a learner


def test_self_check_of_something_that_is_not_an_exercise_says_so(tmp_path):
    stray = tmp_path / "mine" / "notes.ipynb"
    stray.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), stray)
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(stray)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "is not an exercise of this course" in done.stdout


def test_make_refuses_an_old_python_with_a_clear_message(tmp_path):
    fake = tmp_path / "python3.8"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.8.10'\nexit 1\n")
    fake.chmod(0o755)
    done = subprocess.run(["make", "-s", "check-python", f"PYTHON={fake}"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "needs Python 3.10 or newer" in done.stdout and "Python 3.8.10" in done.stdout
