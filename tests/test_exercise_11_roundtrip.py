"""Exercise 11 (capstone) through nbgrader: stage questions clicked and typed, graded exactly as given.

The learner also plays Kestria in the simulation before answering; the play is
saved beside the notebook, travels with the submission, and the facilitator's
view reads it from nbgrader's submitted folder.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from conftest import ROOT
from roundtrip import exercise_tests
from warning_signs.knowledge.capstone_room import gather

pytestmark = pytest.mark.slow

EXERCISE = "11-capstone"
NOTEBOOK = f"{EXERCISE}.ipynb"
KEY = {"q1": ["a", "b", "e"], "q2": "b", "q3": "c", "q4": ["a", "b", "c"], "q5": "c", "q6": "d", "q7": "a"}
POINTS = {"q1": 2, "q2": 1, "q3": 1, "q4": 2, "q5": 1, "q6": 1, "q7": 1}
WRONG = {**KEY, "q1": ["a", "b", "c", "e"], "q3": "b", "q6": "c"}  # a lively campaign ticked; false alarm ignored
MEMO = "The first warning was the 'weed' speech in week 0; we checked the convoy video."


def play_kestria(folder: Path, threaten_at_the_false_alarm: bool) -> None:
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


def play_first(student: str, folder: Path) -> None:
    """The clicker plays as the expert would; the typist threatens sanctions over the false alarm."""
    if student in ("clicker", "typist"):
        play_kestria(folder, threaten_at_the_false_alarm=student == "typist")


globals().update(exercise_tests(EXERCISE, KEY, POINTS, WRONG, memo=MEMO, prepare=play_first))


def test_the_release_has_no_key_and_the_simulation_to_play(course):
    nb = nbformat.read(course.root / "release" / EXERCISE / NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "ex.answer(\"q1\", ['a', 'b', 'e'])" not in text  # not even in a markdown cell
    assert 'capstone_simulation(scenario="kestria"' in text


def test_the_points_are_nine_and_the_memo_four_with_a_rubric(course):
    assert sum(POINTS.values()) == 9
    assert course.max_scores("wrong")["q8-memo"] == 4  # and it waits for the instructor (shared test)
    assert (ROOT / "grading" / "rubrics" / "11-capstone.md").is_file()


def test_the_facilitator_reads_the_plays_from_the_submitted_folder(course):
    room = gather(course.root / "submitted", "kestria")
    assert set(room.plays) == {"clicker (local)", "typist (local)"} and room.problems == []
    assert sum(room.endings().values()) == 2
    (stage, went, expert), *_ = room.divergences()  # the typist threatened sanctions over the false alarm
    assert stage == "k2" and went == {"k3a": 1, "k3c": 1} and expert == "k3a"
