"""Exercise 11 (capstone) through nbgrader: stage questions clicked and typed, graded exactly as given.

The learner also plays Kestria in the simulation before answering; the play is
saved beside the notebook, travels with the submission, and the facilitator's
view reads it from nbgrader's submitted folder.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from conftest import ROOT
from submissions import click, type_answers
from warning_signs.grading import config
from warning_signs.knowledge.capstone_room import gather

pytestmark = pytest.mark.slow

EXERCISE = "11-capstone"
NOTEBOOK = f"{EXERCISE}.ipynb"
KEY = {"q1": ["a", "b", "e"], "q2": "b", "q3": "c", "q4": ["a", "b", "c"], "q5": "c", "q6": "d", "q7": "a"}
POINTS = {"q1": 2, "q2": 1, "q3": 1, "q4": 2, "q5": 1, "q6": 1, "q7": 1}
WRONG = {**KEY, "q1": ["a", "b", "c", "e"], "q3": "b", "q6": "c"}  # a lively campaign ticked; false alarm ignored


def play_kestria(folder, threaten_at_the_false_alarm: bool) -> None:
    """Run the notebook's simulation cell and play Kestria to its ending by setting the radio buttons."""
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    script = "\n".join(
        [
            "from warning_signs.widgets import capstone_simulation",
            "sim = capstone_simulation(scenario='kestria', mode='solo', role='ambassador')",
            "s = sim.play.scenario",
            "while not sim.play.finished:",
            f"    threaten = {threaten_at_the_false_alarm!r} and sim.play.node == 'k2'",
            "    option = 'amb-sanctions' if threaten else s.stages[sim.play.node].choices['ambassador'].expert",
            "    offered = [value for _, value in sim.radios['ambassador'].options]",
            "    sim.radios['ambassador'].value = option if option in offered else offered[0]  # closed: first open",
            "    sim.decide_button.click()",
            "sim.show_debrief()",
            "sim.flush()",
        ]
    )
    with client.setup_kernel():
        client.execute_cell(new_code_cell(script), 0)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course11")
    api = config.api(root, ROOT / "exercises")
    assert api.generate_assignment(EXERCISE)["success"]

    def submission(student):
        folder = root / "submitted" / student / EXERCISE
        shutil.copytree(root / "release" / EXERCISE, folder)
        return folder

    clicker = submission("clicker")
    play_kestria(clicker, threaten_at_the_false_alarm=False)
    click(clicker, KEY, NOTEBOOK)
    write_memo(clicker)
    typist = submission("typist")
    play_kestria(typist, threaten_at_the_false_alarm=True)
    type_answers(typist, KEY, NOTEBOOK)
    click(submission("wrong"), WRONG, NOTEBOOK)
    for student in ("clicker", "typist", "wrong"):
        result = api.autograde(EXERCISE, student)
        assert result["success"], result.get("log")
    return root, api


def write_memo(folder) -> None:
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q8-memo":
            cell.source = "The first warning was the 'weed' speech in week 0; we checked the convoy video."
    nbformat.write(nb, path)


def scores(root, student) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, student)
        return {g.name: g.score for g in notebook.grades}


def test_the_release_has_no_key_and_a_memo_to_write(course):
    root, _api = course
    nb = nbformat.read(root / "release" / EXERCISE / NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "ex.check(" not in text and "ex.answer(\"q1\", ['a', 'b', 'e'])" not in text
    assert 'capstone_simulation(scenario="kestria"' in text


def test_clicked_and_typed_answers_both_score_full_marks(course):
    root, _api = course
    for student in ("clicker", "typist"):
        got = scores(root, student)
        assert {q: got[q] for q in POINTS} == POINTS, student
    assert sum(POINTS.values()) == 9


def test_wrong_clicks_lose_exactly_those_points(course):
    root, _api = course
    got = scores(root, "wrong")
    assert got["q1"] == 0 and got["q3"] == 0 and got["q6"] == 0
    assert got["q2"] == 1 and got["q4"] == 2 and got["q5"] == 1 and got["q7"] == 1


def test_the_memo_waits_for_the_instructor(course):
    root, _api = course
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(EXERCISE, EXERCISE, "clicker")
        memo = next(g for g in notebook.grades if g.name == "q8-memo")
        assert memo.max_score == 4 and memo.needs_manual_grade
    assert (ROOT / "grading" / "rubrics" / "11-capstone.md").is_file()


def test_feedback_shows_why_but_no_hidden_tests(course):
    root, api = course
    assert api.generate_feedback(EXERCISE, "wrong")["success"]
    html = (root / "feedback" / "wrong" / EXERCISE / f"{EXERCISE}.html").read_text()
    assert "Question 3: not correct." in html
    assert "ex.check(" not in html and "HIDDEN TESTS" not in html


def test_the_facilitator_reads_the_plays_from_the_submitted_folder(course):
    root, _api = course
    room = gather(root / "submitted", "kestria")
    assert set(room.plays) == {"clicker (local)", "typist (local)"} and room.problems == []
    assert sum(room.endings().values()) == 2
    (stage, went, expert), *_ = room.divergences()  # the typist threatened sanctions over the false alarm
    assert stage == "k2" and went == {"k3a": 1, "k3c": 1} and expert == "k3a"
