"""Notebooks that stop their own grading kernel still get their trusted score (issue 10).

Built from the real released exercise and graded in one jailed batch by ``autograde``
(``--jobs 2``), then ``feedback`` and ``export``: a kernel ended by ``os._exit`` at the
top or in the middle, by SIGKILL, by a segfault, by a loop deaf to interrupts (nbclient
gives up on it after one cell's timeout), by the CPU limit and by the wall-clock
watchdog (every later cell loops or sleeps) each gets exactly the score its saved
clicks (and literal typed answers) earn, in the gradebook, with one flag line the
grader wrote; its feedback page shows the trusted results; nothing the notebook printed
reaches the instructor. An honest submission in the same run is unchanged, and a
grader's own failure (no notebook) still fails. A kernel that dies before any of the
notebook's own code ran stays a failure of the grader.
"""

from __future__ import annotations

import io

import nbformat
import pytest

from conftest import EXERCISE, ROOT
from submissions import KEY, NOTEBOOK, POINTS, WRONG, click, released_copy, type_code, write_memo
from warning_signs.grading import incidents, results, sandbox
from warning_signs.grading.autograde import autograde
from warning_signs.grading.course import Course
from warning_signs.grading.export import rows
from warning_signs.grading.feedback import give_feedback
from warning_signs.grading.gradebook import grades
from warning_signs.questions import exercise_questions, is_right

pytestmark = pytest.mark.slow
TIMEOUT = 10  # seconds per cell: the CPU limit is 3x, the notebook's wall-clock limit 4x + 30 s
STOPPED = "the notebook's code stopped the grading kernel"
FORGED = "FORGED-8-of-8"  # what the notebooks print before they stop: never in the instructor's output
# The traceback is built when it runs, so that only its output (dropped: stderr) could carry it, not the source.
SAY = f"import sys\nprint({FORGED!r})\nsys.stderr.write('Trace' + 'back (most recent call last): {FORGED}\\n')\n"
MIDDLE_CLICKS = {"q1": KEY["q1"], "q3": KEY["q3"], "q4": "c"}  # q4 wrong


def _middle(folder):
    """Clicked q1, q3, q4; typed q2 (literal, runs), stops in q4's cell; q5 literal and q6 computed never run."""
    type_code(folder, "q2", f"ex.answer('q2', {KEY['q2']!r})")
    type_code(folder, "q4", SAY + "import os\nos._exit(0)")
    type_code(folder, "q5", f"ex.answer('q5', {KEY['q5']!r})")
    type_code(folder, "q6", "ex.answer('q6', chr(98))")  # right if it ran: it never does
    write_memo(folder)


SPIN = "def spin(q):\n    while True:\n        pass\nex.ask = ex.check_answered = spin"  # every later cell loops
WAIT = "import time\ndef wait(q):\n    time.sleep(3600)\nex.ask = ex.check_answered = wait"
DEAF = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"  # never interrupted

# student: (clicked answers, change, expected autograded points, what the flag says after "in cell N: ")
KINDS = {
    "honest": (KEY, None, 8, None),
    "exit_at_top": (KEY, lambda f: type_code(f, "q1", SAY + "import os\nos._exit(0)"), 8,
                    "it exited with status 0"),
    "exit_in_the_middle": (MIDDLE_CLICKS, _middle, 5, "it exited with status 0"),
    "sigkill": (WRONG, lambda f: type_code(f, "q3", SAY + "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"),
                5, "it was killed"),
    "segfault": (KEY, lambda f: type_code(f, "q2", SAY + "import ctypes\nctypes.string_at(0)"), 8,
                 "it crashed (segmentation fault)"),
    "loop_deaf_to_interrupts": (WRONG, lambda f: type_code(f, "q1", SAY + DEAF), 5,
                                f"a cell ran past its time limit ({TIMEOUT} s) and the kernel did not stop"),
    "missing_notebook": (KEY, lambda f: (f / NOTEBOOK).unlink(), None, None),
}
LOOPS = {  # only the jail has CPU and wall-clock limits
    "loop_past_the_cpu_limit": (KEY, lambda f: type_code(f, "q1", SAY + SPIN), 8,
                                ("it used more processor time than allowed", "the notebook ran longer than")),
    "loop_past_the_watchdog": (KEY, lambda f: type_code(f, "q1", SAY + WAIT), 8, "the notebook ran longer than"),
}
if not sandbox.unavailable_reason():
    KINDS.update(LOOPS)
STOPPING = {s for s, (_, _, points, why) in KINDS.items() if why}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("deadkernel")
    course = Course.at(tmp / "course", ROOT / "exercises")
    assert course.api().generate_assignment(EXERCISE)["success"]
    release = course.folder("release", EXERCISE)
    clicked = {}
    for student, (answers, change, _, _) in KINDS.items():
        key = repr(answers)
        if key not in clicked:
            clicked[key] = released_copy(release, tmp / f"clicked{len(clicked)}")
            click(clicked[key], answers)
        folder = released_copy(release, course.folder("submitted", EXERCISE, student), like=clicked[key])
        if change:
            change(folder)
    log, feedback_log = io.StringIO(), io.StringIO()
    found = autograde(course, EXERCISE, jobs=2, timeout=TIMEOUT, out=log)
    feedback_code = give_feedback(course, EXERCISE, out=feedback_log)
    print(log.getvalue(), feedback_log.getvalue())
    return course, found, log.getvalue(), feedback_code, feedback_log.getvalue()


def earned(answers: dict) -> float:
    bank = exercise_questions(EXERCISE)
    return sum(POINTS[q] for q, v in answers.items() if q in KEY and is_right(bank[q], v, KEY[q]))


def gradebook_points(course, student) -> float:
    return sum(s or 0 for name, s, _, _ in grades(course, EXERCISE, student) if name != "q8-memo")


def feedback_html(course, student) -> str:
    return (course.folder("feedback", EXERCISE, student) / f"{EXERCISE}.html").read_text()


@pytest.mark.parametrize("student", sorted(STOPPING | {"honest"}))
def test_a_stopped_kernel_still_gets_the_score_its_saved_answers_earn(batch, student):
    course, found, _, _, _ = batch
    answers, _, expected, why = KINDS[student]
    outcome = found[student]
    assert not outcome.failed, outcome.reason
    if student != "exit_in_the_middle":
        assert expected == earned(answers)  # the clicks alone, nothing typed
    assert outcome.score == expected == gradebook_points(course, student)  # what Formgrader and export show
    assert outcome.max_score == 8
    flags = [n for n in outcome.notes if n.startswith(STOPPED)]
    assert outcome.flagged == (why is not None) and len(flags) == (why is not None), outcome.notes
    if why:
        assert flags[0].split(": ", 1)[1].startswith(why) and flags[0].endswith("scored from the saved answers")
        assert flags[0].startswith(f"{STOPPED} in cell ")
        assert not any(n.startswith("the kernel") for n in outcome.notes)  # one line, not two
        assert results.load(course.root, EXERCISE, student).stopped


def test_typed_answers_count_when_literal_and_a_computed_one_that_never_ran_does_not(batch):
    course, found, _, _, _ = batch
    mine = results.load(course.root, EXERCISE, "exit_in_the_middle").by_grade_id()
    assert {q: mine[q].score for q in KEY} == {"q1": 1, "q2": 1, "q3": 2, "q4": 0, "q5": 1, "q6": 0, "q7": 0}
    assert mine["q5"].answer == KEY["q5"] and mine["q6"].answer is None and mine["q6"].answer_text == "no answer given"
    assert all(q.kernel_agrees for q in mine.values())  # q1-q3 ran and agreed; the rest never ran: no interference
    assert STOPPED + " in cell 17: " in " ".join(found["exit_in_the_middle"].notes)  # q4's answer cell


def test_written_answers_still_wait_for_the_instructor(batch):
    course, found, log, _, _ = batch
    memo = {name: needs for name, _, _, needs in grades(course, EXERCISE, "exit_in_the_middle")}["q8-memo"]
    assert memo and found["exit_in_the_middle"].manual
    assert not found["exit_at_top"].manual  # an untouched memo: nbgrader scored it 0, as for anyone


def test_one_summary_line_counts_them_graded_with_a_flag(batch):
    _, found, log, _, _ = batch
    lines = log.strip().splitlines()
    graded = len(KINDS) - 1
    assert lines[-1] == f"graded {graded} ({len(STOPPING)} flagged), failed 1, needing manual grading 1"
    failed = [line for line in lines if line.startswith("FAILED ")]
    assert len(failed) == 1 and failed[0].startswith("FAILED missing_notebook: no notebook named")
    assert found["missing_notebook"].failed  # a failure of the grader's own stays a failure


def test_nothing_the_notebook_printed_reaches_the_instructor(batch):
    course, found, log, _, feedback_log = batch
    assert FORGED not in log and "Traceback" not in log and FORGED not in feedback_log
    export = rows(course, EXERCISE)
    assert not any(FORGED in str(row) for row in export)
    for row in export:
        if row["student_id"] in STOPPING:
            assert row["status"] in ("graded", "needs manual grading") and row["reason"].count(STOPPED) == 1
            assert float(row["score"]) == KINDS[row["student_id"]][2]


@pytest.mark.parametrize("student", sorted(STOPPING))
def test_feedback_shows_the_trusted_results(batch, student):
    course, _, _, feedback_code, _ = batch
    assert feedback_code == 1  # the missing notebook, listed as not graded; every other page written
    html = feedback_html(course, student)
    assert f"Your results: {KINDS[student][2]} of 12 points" in html
    assert "stopped the grading kernel before the end" in html
    assert "| Question 7 |" in html or "Question 7</td>" in html
    assert "Traceback (most recent" not in html and "ex.check(" not in html and "why=" not in html
    if student not in LOOPS:  # a looping kernel stops in a later cell, a grading cell that shows its verdict
        assert "The grading kernel stopped while this cell ran" in html  # where it stopped, for the learner


def test_the_honest_peer_is_unchanged(batch):
    course, found, _, _, _ = batch
    assert found["honest"].score == 8 and not found["honest"].flagged and not found["honest"].notes
    html = feedback_html(course, "honest")
    assert "Your results: 8 of 12 points" in html and "stopped the grading kernel" not in html


# --- the grader's own failure: the kernel dies before the notebook's code ran -------------------

def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    for source, locked in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"locked": locked, "solution": not locked, "grade": False,
                                     "grade_id": f"c{len(nb.cells)}", "schema_version": 3}
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_a_kernel_dying_before_the_notebooks_code_ran_is_the_graders_failure(tmp_path):
    from nbclient.exceptions import DeadKernelError

    from warning_signs.grading.execute import STOPPED_HERE, GuardedExecute

    resources = {"unique_key": "nb", "metadata": {"path": str(tmp_path)}}
    incidents.take_stops()
    executor = GuardedExecute(timeout=30, shutdown_kernel="immediate")
    with pytest.raises(DeadKernelError):
        executor.preprocess(_notebook(("import os\nos._exit(0)", True), ("print('mine')", False)), resources)
    assert incidents.take_stops() == {}
    nb, _ = GuardedExecute(timeout=30, shutdown_kernel="immediate").preprocess(
        _notebook(("x = 1", True), ("print('mine')\nimport os\nos._exit(0)", False), ("print('after')", False)),
        resources)
    assert incidents.take_stops() == {"nb": (2, "it died")}
    assert STOPPED_HERE in nb.cells[1].outputs[-1]["text"] and not nb.cells[2].outputs


def test_the_self_check_scores_a_notebook_that_would_stop_its_kernel(tmp_path):
    """The self-check runs no kernel at all: code that would stop one changes nothing it scores."""
    import subprocess
    import sys

    from warning_signs.answers import CLICK, AnswerStore

    course = Course.at(tmp_path / "course", ROOT / "exercises")
    assert course.api().generate_assignment(EXERCISE)["success"]
    mine = released_copy(course.folder("release", EXERCISE), tmp_path / "learner" / EXERCISE)
    AnswerStore(EXERCISE, mine).save("q1", KEY["q1"], CLICK)
    type_code(mine, "q2", SAY + "import os\nos._exit(0)")
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(mine)], capture_output=True,
                          text=True, timeout=300)
    assert "Self-check of 01-atrocity-crimes: 1 of 8 autograded points." in done.stdout, done.stdout + done.stderr
    assert FORGED not in done.stdout and "Traceback" not in done.stdout
