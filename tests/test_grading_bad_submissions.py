"""Bad submissions, each made from the real released exercise, graded in one parallel, jailed batch.

Every kind is either graded (with the score it deserves) or flagged with a
one-line reason; none stops the batch or costs another learner a point; the
feedback never shows hidden test code; the export tells failures from zeros.
"""

from __future__ import annotations

import io
import re
import shutil

import nbformat
import pytest

from conftest import EXERCISE, ROOT
from submissions import (
    NOTEBOOK,
    delete_cells,
    edit,
    set_metadata,
    submit_kinds,
    type_code,
    write_memo,
)
from warning_signs.grading import sandbox
from warning_signs.grading.autograde import autograde
from warning_signs.grading.course import Course
from warning_signs.grading.export import rows
from warning_signs.grading.feedback import give_feedback

pytestmark = pytest.mark.slow
TIMEOUT = 6  # seconds per cell: short, so loops cost little, with room for a busy machine
SOURCE = ROOT / "exercises" / EXERCISE / NOTEBOOK
SITE_COPY = [p for p in sandbox.import_paths() if (p / "warning_signs" / "course").is_dir()]


def _snoop_code() -> str:
    targets = ["../../../gradebook.db", str(SOURCE), "01-atrocity-crimes.ipynb",
               "../../../submitted/correct/01-atrocity-crimes/01-atrocity-crimes.ipynb",
               *[str(p / "warning_signs/course/exercises" / EXERCISE / NOTEBOOK) for p in SITE_COPY]]
    return ("import glob, os\n"
            f"for path in {targets!r}:\n"
            "    try:\n        open(path, 'rb').read(10); print('READ', path)\n"
            "    except OSError as e:\n        print('DENIED', path, type(e).__name__)\n"
            f"print('SOURCES', glob.glob({str(SOURCE.parent.parent)!r} + '/*/*'))\n"
            "print(In)  # the hidden test of question 1 ran before this cell\n")


NOISY = ("import warnings\n{filters}_check = ex.check\n"
         "def noisy(*args, **kwargs):\n    warnings.warn('this API is old', {kind})\n    return _check(*args, **kwargs)\n"
         "ex.check = noisy\n")

# student: (based on, change to the copy). Based on "right" = clicked KEY, "wrong" = clicked WRONG.
KINDS = {
    "correct": ("right", write_memo),
    "wrong": ("wrong", None),
    "blank": (None, None),
    "corrupt_json": ("right", lambda f: (f / NOTEBOOK).write_text((f / NOTEBOOK).read_text()[:400])),
    "renamed": ("right", lambda f: (f / NOTEBOOK).rename(f / "01-atrocity-crimes (1).ipynb")),
    "missing_notebook": ("right", lambda f: (f / NOTEBOOK).unlink()),
    "deleted_tests": ("right", lambda f: delete_cells(f, "q3", "q5", "setup")),
    "edited_test": ("wrong", lambda f: edit(f, lambda nb: [c.__setitem__("source", "pass") for c in nb.cells
                                                           if c.metadata.get("nbgrader", {}).get("grade_id") == "q2"])),
    "changed_metadata": ("right", lambda f: (set_metadata(f, "q1", points=100), set_metadata(f, "q4", grade=False),
                                             set_metadata(f, "q6", grade_id="mine"),
                                             set_metadata(f, "q7", locked=False, solution=True))),
    "loop_top_level": ("right", lambda f: type_code(f, "q1", "while True:\n    pass")),
    # 14 cells loop (7 tests, 7 questions): the CPU or the notebook's wall-clock limit stops the kernel.
    "loop_in_tested_function": ("right", lambda f: type_code(f, "q1", "ex.check_answered = ex.ask = "
                                                                      "lambda q: [0 for _ in iter(int, 1)]")),
    "memory_bomb": ("right", lambda f: type_code(f, "q1", "hog = bytearray(16 * 1024**3)")),
    "output_flood": ("right", lambda f: type_code(f, "q1", "while True:\n    print('x' * 10000)")),
    "sys_exit": ("right", lambda f: type_code(f, "q1", "import sys\nsys.exit(3)")),
    "os_exit": ("right", lambda f: type_code(f, "q1", "import os\nos._exit(1)")),
    "fork_bomb": ("right", lambda f: type_code(f, "q1", "import os\nwhile True:\n    os.fork()")),
    "snoop": ("right", lambda f: type_code(f, "q2", _snoop_code())),
    "network": ("right", lambda f: type_code(f, "q1", "import socket\nfor host in ['1.1.1.1', '127.0.0.1']:\n"
                                                      "    try:\n        socket.create_connection((host, 80), timeout=2)"
                                                      "; print('CONNECTED', host)\n"
                                                      "    except OSError as e:\n        print('BLOCKED', host, e)")),
    "warnings_on": ("right", lambda f: type_code(f, "q1", NOISY.format(filters="warnings.simplefilter('always')\n",
                                                                       kind="DeprecationWarning"))),
    "warnings_default": ("right", lambda f: type_code(f, "q1", NOISY.format(filters="", kind="UserWarning"))),
}
FAILED = {"corrupt_json": "the notebook 01-atrocity-crimes.ipynb is damaged: it is not valid JSON",
          "missing_notebook": "no notebook named 01-atrocity-crimes.ipynb was submitted"}
# The notebook's code stopped the kernel: scored from the saved answers, with one flag line.
STOPPED = {"loop_in_tested_function": ("it used more processor time than allowed", "the notebook ran longer than"),
           "os_exit": "it exited with status 1"}
NOTES = {"renamed": "the notebook was renamed '01-atrocity-crimes (1).ipynb'",
         "deleted_tests": "the test cell of Question 3 had been deleted: put back and graded",
         "changed_metadata": "the test cell of Question 1 had its grading settings changed: put back",
         "output_flood": "output flood: cell 5 printed more than 1 MB",
         "snoop": "the answer cell of Question 2 runs other code than ex.answer(...)"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """All kinds submitted, autograded in parallel (jailed where possible), feedback written."""
    tmp = tmp_path_factory.mktemp("bad")
    course = Course.at(tmp / "course", ROOT / "exercises")
    assert course.api().generate_assignment(EXERCISE)["success"]
    submit_kinds(course, KINDS, tmp)
    log = io.StringIO()
    outcomes = autograde(course, EXERCISE, jobs=2, timeout=TIMEOUT, out=log)
    feedback_log = io.StringIO()
    give_feedback(course, EXERCISE, out=feedback_log)
    print(log.getvalue(), feedback_log.getvalue())
    return course, outcomes, log.getvalue()


def points(course, student) -> dict:
    from warning_signs.grading.gradebook import grades

    return {name: score for name, score, _, _ in grades(course, EXERCISE, student)}


def autograded_outputs(course, student) -> str:
    nb = nbformat.read(course.folder("autograded", EXERCISE, student) / NOTEBOOK, as_version=4)
    return "\n".join(str(o.get("text", "")) + str(o.get("ename", "")) for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)


def test_one_summary_line_with_the_failures_listed_above_it(batch):
    _, outcomes, log = batch
    lines = log.strip().splitlines()
    flagged = sum(o.flagged for o in outcomes.values() if not o.failed)
    assert flagged >= len(STOPPED) and all(outcomes[s].flagged for s in STOPPED)
    assert lines[-1] == (f"graded {len(KINDS) - len(FAILED)} ({flagged} flagged), failed {len(FAILED)}, "
                         "needing manual grading 1")
    listed = {line.split(":")[0].removeprefix("FAILED ") for line in lines if line.startswith("FAILED ")}
    assert listed == set(FAILED)
    assert re.search(rf"\[ ?\d+/{len(KINDS)}\] grading correct … 8/8 autograded points", log)


@pytest.mark.parametrize("student", sorted(FAILED))
def test_flagged_with_a_one_line_reason(batch, student):
    _, outcomes, _ = batch
    assert outcomes[student].failed
    assert outcomes[student].reason.startswith(FAILED[student]) and "\n" not in outcomes[student].reason


GRADED = {"correct": 8, "wrong": 5, "blank": 0, "renamed": 8, "deleted_tests": 8, "edited_test": 5,
          "changed_metadata": 8, "loop_top_level": 8, "memory_bomb": 8, "output_flood": 8, "sys_exit": 8,
          "fork_bomb": 8, "snoop": 8, "network": 8, "warnings_on": 8, "warnings_default": 8,
          "loop_in_tested_function": 8, "os_exit": 8}


@pytest.mark.parametrize("student", sorted(GRADED))
def test_graded_with_the_score_it_deserves(batch, student):
    course, outcomes, _ = batch
    assert not outcomes[student].failed, outcomes[student].reason
    assert outcomes[student].score == GRADED[student]
    assert outcomes[student].max_score == 8  # edited points never count
    autograded = {k: v for k, v in points(course, student).items() if k != "q8-memo"}
    assert sum(autograded.values()) == GRADED[student]
    if student in NOTES:
        assert any(note.startswith(NOTES[student]) for note in outcomes[student].notes), outcomes[student].notes
    if student in STOPPED:
        flag = "the notebook's code stopped the grading kernel in cell "
        lines = [n.split(": ", 1)[1] for n in outcomes[student].notes if n.startswith(flag)]
        assert len(lines) == 1 and lines[0].startswith(STOPPED[student]), outcomes[student].notes


def test_a_deleted_test_cell_is_restored_not_left_for_manual_grading(batch):
    course, outcomes, _ = batch
    from warning_signs.grading.gradebook import grades

    manual = {name for name, _, _, needs in grades(course, EXERCISE, "deleted_tests") if needs}
    assert manual == set() and points(course, "deleted_tests")["q3"] == 2
    assert not outcomes["deleted_tests"].manual


def test_the_jail_held(batch):
    course, _, _ = batch
    if sandbox.unavailable_reason():
        pytest.skip("no sandbox on this machine")
    snoop = autograded_outputs(course, "snoop").splitlines()
    assert not [line for line in snoop if line.startswith("READ ")]
    assert len([line for line in snoop if line.startswith("DENIED ")]) == 4 + len(SITE_COPY)
    assert "SOURCES []" in snoop
    network = autograded_outputs(course, "network").splitlines()
    assert [line.split(" ", 2)[:2] for line in network if line.startswith(("BLOCKED", "CONNECTED"))] == [
        ["BLOCKED", "1.1.1.1"], ["BLOCKED", "127.0.0.1"]]
    assert "MemoryError" in autograded_outputs(course, "memory_bomb")
    assert "[Output stopped: this cell printed more than 1 MB.]" in autograded_outputs(course, "output_flood")


@pytest.mark.filterwarnings("ignore")  # SQLAlchemy's notices from nbgrader's own autograde
def test_warnings_do_not_zero_a_correct_answer_which_plain_nbgrader_would(batch, tmp_path):
    course, _, _ = batch
    plain = Course.at(tmp_path / "plain", ROOT / "exercises")
    api = plain.api()
    assert api.generate_assignment(EXERCISE)["success"]
    shutil.copytree(course.folder("submitted", EXERCISE, "warnings_on"), plain.folder("submitted", EXERCISE, "x"))
    assert api.autograde(EXERCISE, "x")["success"]
    zeroed = {k for k, v in points(plain, "x").items() if v == 0 and k != "q8-memo"}
    assert zeroed == {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}  # stderr in every test cell
    assert points(course, "warnings_on") == points(course, "correct") | {"q8-memo": 0.0}


def hidden_lines() -> list[str]:
    """Every line of the source notebook's hidden tests (the key and the explanations)."""
    nb = nbformat.read(SOURCE, as_version=4)
    return [line.strip() for c in nb.cells for line in c.source.splitlines() if line.startswith("ex.check(")]


def test_feedback_never_shows_hidden_tests(batch):
    course, outcomes, _ = batch
    secrets = hidden_lines()
    assert len(secrets) == 7
    pages = {s: (course.folder("feedback", EXERCISE, s) / f"{EXERCISE}.html") for s in outcomes if not outcomes[s].failed}
    assert all(page.exists() for page in pages.values())
    for student, page in pages.items():
        html = page.read_text()
        assert "HIDDEN TESTS" not in html and "ex.check(" not in html and "why=" not in html, student
        assert not any(line.split("why=")[0] in html for line in secrets), student
    # The kernel never saw them: what it printed of its own input (In) has no hidden test at all.
    printed = autograded_outputs(course, "snoop")
    assert "check_answered" in printed and "why=" not in printed and "ex.check(" not in printed


def test_feedback_is_readable_without_code(batch):
    course, _, _ = batch
    html = (course.folder("feedback", EXERCISE, "wrong") / f"{EXERCISE}.html").read_text()
    assert "Your results: 5 of 12 points" in html
    assert "c) Both are genocide, because both are organised mass killings" in html  # the answer given
    assert "Genocide is defined by a specific intent" in html  # why it was not right
    assert "# Checks your answer to Question 2." in html


def test_export_marks_failures_apart_from_genuine_zeros(batch):
    course, _, _ = batch
    table = {row["student_id"]: row for row in rows(course, EXERCISE)}
    assert table["blank"]["status"] == "graded" and table["blank"]["score"] == 0
    for student in FAILED:
        assert table[student]["status"] == "failed" and table[student]["score"] == ""
        assert table[student]["reason"].startswith(FAILED[student])
    assert table["correct"]["status"] == "needs manual grading"  # the written memo
