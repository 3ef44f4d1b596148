"""``warning-signs grade export all``: the course total across every exercise, per learner."""

from __future__ import annotations

import csv
import shutil

import nbformat
import pytest

from conftest import ROOT
from roundtrip import write_memo
from submissions import KEY as KEY_01
from submissions import POINTS as POINTS_01
from submissions import click
from test_exercise_03_roundtrip import KEY as KEY_03
from test_exercise_03_roundtrip import POINTS as POINTS_03
from warning_signs.cli import main
from warning_signs.grading.course import Course

pytestmark = pytest.mark.slow

EX1, EX3 = "01-atrocity-crimes", "03-historical-cases"
STUDENTS = "id,first_name,last_name,email\nalice,Alice,Smith,a@example.org\nbob,Bob,Jones,b@example.org\n" \
           "carol,Carol,Díaz,c@example.org\ndan,Dan,Lee,d@example.org\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("total")
    for name in (EX1, EX3):  # a course of two exercises
        shutil.copytree(ROOT / "exercises" / name, tmp / "source" / name)
    course = Course.at(tmp / "course", tmp / "source")
    (tmp / "students.csv").write_text(STUDENTS)
    main(["grade", "setup", "--students", str(tmp / "students.csv"), "--course", str(course.root),
          "--source", str(course.source)])
    api = course.api()
    for name in (EX1, EX3):
        assert api.generate_assignment(name)["success"]

    def submit(student, name, answers, memo=False):
        folder = course.folder("submitted", name, student)
        shutil.copytree(course.folder("release", name), folder)
        click(folder, answers, f"{name}.ipynb")
        if memo:
            write_memo(folder, name)
        assert api.autograde(name, student)["success"]

    submit("alice", EX1, KEY_01)
    submit("alice", EX3, KEY_03)
    submit("bob", EX1, {**KEY_01, "q2": "c"})   # one point lost; exercise 3 never submitted
    submit("carol", EX3, KEY_03, memo=True)     # a memo waiting for the instructor
    return course


def cell_points(name: str) -> float:
    nb = nbformat.read(ROOT / "exercises" / name / f"{name}.ipynb", as_version=4)
    return sum(c.metadata["nbgrader"]["points"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


def totals(course, capsys, *extra):
    main(["grade", "export", "all", "--course", str(course.root), "--source", str(course.source), *extra])
    lines = capsys.readouterr().out.strip().splitlines()
    with open(course.exports / "course-total.csv", newline="", encoding="utf-8") as handle:
        return lines, {row["student_id"]: row for row in csv.DictReader(handle)}


def test_the_course_total_adds_every_exercise_per_learner(course, capsys):
    lines, table = totals(course, capsys)
    full = sum(POINTS_01.values()) + sum(POINTS_03.values())
    max_total = sum(cell_points(name) for name in (EX1, EX3))  # with each exercise's memo
    assert set(table) == {"alice", "bob", "carol", "dan"}
    alice = table["alice"]
    assert float(alice[EX1]) == sum(POINTS_01.values()) and float(alice[EX3]) == sum(POINTS_03.values())
    assert float(alice["total"]) == full and float(alice["max_total"]) == max_total
    assert alice["complete"] == "yes" and alice["missing"] == ""
    assert lines[-1].startswith("Done: 4 learner(s) over 2 exercise(s); 1 complete")


def test_missing_failed_and_unmarked_work_is_named_not_hidden(course, capsys):
    _, table = totals(course, capsys)
    bob, carol, dan = table["bob"], table["carol"], table["dan"]
    assert float(bob["total"]) == sum(POINTS_01.values()) - 1 and bob[EX3] == ""
    assert bob["missing"] == f"{EX3}: not submitted" and bob["complete"] == "no"
    assert float(carol["total"]) == sum(POINTS_03.values())  # the memo is not marked yet
    assert carol["missing"] == f"{EX1}: not submitted; {EX3}: needs manual grading"
    assert float(dan["total"]) == 0 and dan["missing"].count("not submitted") == 2


def test_the_per_exercise_export_is_unchanged(course, capsys):
    main(["grade", "export", EX1, "--course", str(course.root), "--source", str(course.source)])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("exported grades of 2")
    assert (course.exports / f"{EX1}-grades.csv").exists()
