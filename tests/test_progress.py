"""The start page's progress view, headless, on a real workspace in several states.

The workspace is made by ``Workspace.prepare`` (as ``make start`` makes it); a lesson
is run in a real kernel; answers are given through the exercise API; the self-check
is nbgrader's real pipeline. The view is read as a learner reads it: the table's text.
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape

import nbformat
import pytest

from conftest import ROOT, execute
from warning_signs import data
from warning_signs.exercise import Exercise
from warning_signs.grading.selfcheck import self_check
from warning_signs.knowledge import course_progress as progress
from warning_signs.knowledge.timing import stated_minutes
from warning_signs.widgets import CourseProgress, course_progress
from warning_signs.workspace import Workspace

EX = "03-historical-cases"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    ws = tmp_path_factory.mktemp("prepared") / "workspace"
    Workspace(ws).prepare()
    return ws


@pytest.fixture
def workspace(prepared, tmp_path):
    ws = tmp_path / "workspace"
    shutil.copytree(prepared, ws)
    return ws


def rows_text(view: CourseProgress) -> dict[str, list[str]]:
    """{title: [time, run, last self-check]} as the table shows them, tags stripped."""
    table = {}
    for row in re.findall(r"<tr>(.*?)</tr>", view.table.value, re.S):
        cells = [unescape(re.sub(r"<[^>]+>", " ", c)).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            table[" ".join(cells[0])] = [" ".join(c) for c in cells[1:]]
    return table


def title(item_id: str) -> str:
    return next(i.title for i in progress.course_items() if i.id == item_id)


def test_a_fresh_workspace_lists_every_lesson_and_exercise_with_its_time_and_nothing_done(workspace):
    view = course_progress(workspace)
    table = rows_text(view)
    lessons = sorted(p.stem for p in (ROOT / "lessons").glob("*.ipynb"))
    exercises = sorted(p.name for p in (ROOT / "exercises").iterdir() if (p / f"{p.name}.ipynb").exists())
    assert len(table) == len(lessons) + len(exercises)
    assert [i.id for i in progress.course_items() if i.kind == "lesson"] == lessons
    stated = stated_minutes(ROOT / "lessons" / "04-historical-cases.ipynb")
    assert table[title("04-historical-cases")] == [f"{stated} min", "not yet", ""]
    assert table[title(EX)] == ["30 min", "not yet", "not checked yet"]
    # Each exercise comes after the last lesson it asks for.
    order = list(table)
    assert order.index(title(EX)) == order.index(title("04-historical-cases")) + 1
    assert order.index(title("02-reading-warning-signs")) > order.index(title("07-response-planning"))
    summary = progress.summary(view.rows)
    assert summary.lessons_run == 0 and summary.lessons == len(lessons) and summary.exercises_checked == 0
    assert summary.minutes_total == sum(i.minutes or 0 for i in progress.course_items())
    assert "Lessons run: 0 of" in view.summary.value


@pytest.mark.slow
def test_a_run_lesson_and_started_exercise_show_as_such_and_refresh_reads_again(workspace):
    start = workspace / "lessons" / "00-start-here.ipynb"
    ran = execute(start, start.parent)  # the start page itself, run in a real kernel inside the workspace
    nbformat.write(ran, start)
    view = CourseProgress(workspace)
    assert rows_text(view)[title("00-start-here")][1] == "✓ run"
    shown = [o for c in ran.cells if c.cell_type == "code" and "course_progress" in c.source for o in c.outputs]
    assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]

    ex = Exercise(EX, workspace / "exercises" / EX)
    ex.answer("q1", "c")
    ex.answer("q3", ["b", "c"])
    assert rows_text(view)[title(EX)][1] == "not yet"  # not read again yet ...
    view.refresh.click()                                 # ... until the learner refreshes
    assert rows_text(view)[title(EX)][1:] == ["✓ started: 2 of 7 answered", "not checked yet"]
    assert "Lessons run: 1 of" in view.summary.value


@pytest.mark.slow
def test_the_last_self_check_score_is_saved_and_shown(workspace):
    folder = workspace / "exercises" / EX
    ex = Exercise(EX, folder)
    for qid, value in {"q1": "c", "q2": ["d", "b", "a", "c"], "q4": "a"}.items():
        ex.answer(qid, value)
    result = self_check(folder / f"{EX}.ipynb")
    assert result.score == 3 and result.max_autograded == 9, result.text()
    saved = json.loads((folder / f"{EX}.selfcheck.json").read_text())
    assert saved["score"] == 3 and saved["max_score"] == 9 and saved["questions"]["q4"] == 0
    text = rows_text(course_progress(workspace))[title(EX)][2]
    assert re.fullmatch(r"3 of 9 autograded points, on \d\d \w{3} \d{4} \d\d:\d\d UTC", text), text

    ex.answer("q4", "c")  # a better second try replaces the first score
    assert self_check(folder / f"{EX}.ipynb").score == 4
    assert rows_text(course_progress(workspace))[title(EX)][2].startswith("4 of 9")
    assert progress.summary(course_progress(workspace).rows).exercises_checked == 1


def test_damaged_files_are_named_in_one_sentence_and_the_backup_used(workspace):
    folder = workspace / "exercises" / EX
    record = folder / f"{EX}.selfcheck.json"
    progress.save_self_check(folder / f"{EX}.ipynb", 5, 9, {})
    progress.save_self_check(folder / f"{EX}.ipynb", 6, 9, {})
    record.write_text('{"score": ')  # a crash mid-write, as a damaged disk might leave it
    (folder / f"{EX}.answers.json").write_text("not json")
    cells = rows_text(course_progress(workspace))[title(EX)]
    assert cells[2].startswith("5 of 9")  # the previous good record
    assert "damaged" in cells[1] and "Traceback" not in cells[1]


def test_a_self_check_of_the_course_source_writes_nothing_into_it():
    notebook = ROOT / "exercises" / EX / f"{EX}.ipynb"
    assert progress.save_self_check(notebook, 1, 9, {}) is None
    assert not list((ROOT / "exercises" / EX).glob("*.selfcheck.json*"))


def test_outside_a_workspace_the_course_is_listed_and_the_page_says_why_there_is_no_progress(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = course_progress()
    assert view.workspace is None
    assert "not in your own workspace" in view.summary.value and "make start" in view.summary.value
    assert all(cells[1] == "—" for cells in rows_text(view).values())


def test_a_lesson_added_to_the_course_appears_with_its_time(tmp_path, monkeypatch, workspace):
    course = tmp_path / "course"
    course.mkdir()
    for name in ("datasets", "exercises"):
        (course / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "lessons", course / "lessons")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# Lesson 8: R2P in practice\n\n**Time:** about 55 minutes · **For:** everyone")])
    nbformat.write(nb, course / "lessons" / "08-r2p-in-practice.ipynb")
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(course))
    data.clear_cache()
    try:
        table = rows_text(course_progress(workspace))
        assert table["Lesson 8: R2P in practice"] == ["55 min", "not yet", ""]
        assert list(table).index("Lesson 8: R2P in practice") > list(table).index(title("07-response-planning"))
    finally:
        monkeypatch.undo()
        data.clear_cache()


def test_stated_times_are_read_in_minutes_and_hours():
    assert progress.minutes_stated("**Time:** about 45 minutes · **For:** all") == 45
    assert progress.minutes_stated("**Time:** about 60-75 minutes") == 75
    assert progress.minutes_stated("**Time:** about 2 hours") == 120
    assert progress.minutes_stated("no time here") is None
    assert progress.after_lesson("**For:** everyone who finished Lessons 2, 3 and 7 · **Points:** 9") == 7
    assert progress.after_lesson("**For:** everyone who finished Lesson 1 · x") == 1
