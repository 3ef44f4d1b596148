"""The instructor's workflow, command by command, on the real exercise.

``warning-signs grade setup`` from a CSV, ``release``, ``collect`` from a
learning platform's zip (Moodle folders, Canvas flat files, a zip per learner,
nbgrader folders, one file nobody claims) and from the nbgrader exchange (a
learner who fetched and submitted there), ``autograde`` (as a separate
process), ``feedback`` (released back through the exchange), ``export`` and
``report``; then ``grading/report.ipynb`` headless, on this course and on an
empty one.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from traitlets.config import Config

from conftest import EXERCISE, ROOT
from submissions import KEY, NOTEBOOK, WRONG, click, released_copy, type_answers
from warning_signs.cli import main
from warning_signs.grading import policy
from warning_signs.grading.course import Course
from warning_signs.grading.selfcheck import self_check

pytestmark = pytest.mark.slow
STUDENTS = """id,first_name,last_name,email
alice,Alice,Smith,alice@example.org
bob,Bob,Jones,bob.j@example.org
carol,Carol,Díaz,carol@example.org
dana,Dana,Okafor,dana@example.org
erin,Erin,Lee,erin@example.org
frank,Frank,Moss,frank@example.org
"""


def grade(capsys, *args) -> list[str]:
    """Run ``warning-signs grade …`` in this process; its printed lines."""
    main(["grade", *args])
    return capsys.readouterr().out.strip().splitlines()


def student_exchange(course: Course, home: Path, student: str) -> Config:
    """What nbgrader's exchange sees on a learner's JupyterHub account."""
    c = Config()
    c.Exchange.root = str(course.root / "exchange")
    c.Exchange.cache = str(home / ".cache")
    c.Exchange.assignment_dir = str(home)
    c.CourseDirectory.course_id = "warning-signs"
    c.CourseDirectory.student_id = student
    c.CourseDirectory.assignment_id = EXERCISE
    return c


def exchange_step(kind: str, config: Config) -> None:
    from nbgrader import exchange
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    step = getattr(exchange.default, kind)(coursedir=CourseDirectory(config=config),
                                           authenticator=Authenticator(config=config), config=config)
    step.start()


def platform_download(release: Path, tmp: Path) -> Path:
    """A class download as Moodle/Canvas give it, zipped, with one learner's own zip inside."""
    made = tmp / "made"
    right, wrong = released_copy(release, made / "right"), released_copy(release, made / "wrong")
    click(right, KEY)
    click(wrong, WRONG)
    typed = released_copy(release, made / "typed")
    type_answers(typed, {"q1": KEY["q1"], "q2": KEY["q2"]})
    dl = tmp / "download"
    shutil.copytree(right, dl / "Alice Smith_1234_assignsubmission_file_" / EXERCISE)     # Moodle
    for name in (NOTEBOOK, f"{EXERCISE}.answers.json"):                                    # Canvas
        shutil.copy(wrong / name, dl / f"jonesbob_555_666_{name}")
    with zipfile.ZipFile(dl / "carol_submission.zip", "w") as one:                         # a zip of her folder
        for file in right.iterdir():
            one.write(file, f"{EXERCISE}/{file.name}")
    shutil.copytree(typed, dl / "erin" / EXERCISE)                                         # nbgrader layout
    (dl / "stranger.ipynb").write_text("{}")                                               # nobody's
    archive = tmp / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in dl.rglob("*"):
            bundle.write(file, file.relative_to(dl))
    return archive


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workflow")
    course = Course.at(tmp / "course", ROOT / "exercises")
    (tmp / "students.csv").write_text(STUDENTS)
    return tmp, course


def test_setup_adds_the_class_list(course, capsys):
    tmp, course_ = course
    lines = grade(capsys, "setup", "--students", str(tmp / "students.csv"), "--course", str(course_.root))
    assert lines[0] == "[1/6] adding alice … Alice Smith"
    assert lines[-1] == "added 6, failed 0, needing manual grading 0"
    assert (course_.root / "nbgrader_config.py").exists()


def test_release_makes_the_student_version_and_a_zip(course, capsys):
    _, course_ = course
    lines = grade(capsys, "policy", EXERCISE, "assessed", "--attempts", "2", "--course", str(course_.root))
    assert lines[0] == f"Self-check policy of {EXERCISE}: assessed: 2 self-checks, hints until feedback is released."
    lines = grade(capsys, "release", EXERCISE, "--course", str(course_.root))
    assert lines[-1] == "released 1, failed 0, needing manual grading 0"
    assert any("adding the self-check policy to" in line and "assessed" in line for line in lines)
    outbound = course_.root / "exchange" / "warning-signs" / "outbound" / EXERCISE
    assert (outbound / NOTEBOOK).exists() and (outbound / policy.POLICY_FILE).exists()
    with zipfile.ZipFile(course_.exports / f"{EXERCISE}-student.zip") as bundle:
        assert bundle.namelist() == [f"{EXERCISE}/{policy.POLICY_FILE}", f"{EXERCISE}/{NOTEBOOK}"]
    assert (course_.exports / ".gitignore").read_text().splitlines()[-1] == "*"


def test_collect_from_a_platform_zip_maps_every_learner(course, capsys):
    tmp, course_ = course
    archive = platform_download(course_.folder("release", EXERCISE), tmp)
    lines = grade(capsys, "collect", EXERCISE, "--from", str(archive), "--course", str(course_.root))
    assert [line.split(" … ")[0] for line in lines if line.startswith("[")] == [
        "[1/4] collecting alice", "[2/4] collecting bob", "[3/4] collecting carol", "[4/4] collecting erin"]
    assert lines[-2] == "FAILED stranger.ipynb: unknown layout: no student id in its folder or file name"
    assert lines[-1] == "collected 4, failed 1, needing manual grading 0"
    for student in ("alice", "bob", "carol", "erin"):
        folder = course_.folder("submitted", EXERCISE, student)
        assert (folder / NOTEBOOK).exists() and (folder / f"{EXERCISE}.answers.json").exists() == (student != "erin")
    assert any("clicked answers are missing" in line for line in lines)  # erin typed, and sent no store


def test_collect_from_the_exchange(course, capsys):
    tmp, course_ = course
    home = tmp / "dana-home"
    config = student_exchange(course_, home, "dana")
    exchange_step("ExchangeFetchAssignment", config)
    # The policy came with the fetched exercise: dana's self-check counts, and gives hints only.
    assert policy.learner_policy(home / EXERCISE) == (policy.Policy(policy.ASSESSED, 2), "")
    click(home / EXERCISE, WRONG)
    before = self_check(home / EXERCISE / NOTEBOOK)
    assert before.used == 1 and not before.released and before.score < 8
    click(home / EXERCISE, KEY)
    exchange_step("ExchangeSubmit", config)
    lines = grade(capsys, "collect", EXERCISE, "--course", str(course_.root))
    assert lines[0] == "[1/1] collecting dana … from the exchange"
    # nbgrader's ownership check reaches the instructor: here the test runs as one account for everyone
    owner = __import__("pwd").getpwuid(os.getuid()).pw_name
    assert lines[1:] == [f"      note: the exchange folder is owned by '{owner}', not by dana (nbgrader's "
                         "ownership check: a cheating attempt?)", "collected 1, failed 0, needing manual grading 0"]


def test_autograde_command(course):
    _, course_ = course
    done = subprocess.run([sys.executable, "-m", "warning_signs", "grade", "autograde", EXERCISE,
                           "--course", str(course_.root), "--jobs", "2"], capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stderr
    assert sorted(line.split(" … ")[0].split("] ")[1] for line in lines if line.startswith("[")) == [
        "grading alice", "grading bob", "grading carol", "grading dana", "grading erin"]
    assert lines[-1] == "graded 5, failed 0, needing manual grading 0"


def test_feedback_is_written_zipped_and_released_through_the_exchange(course, capsys):
    tmp, course_ = course
    lines = grade(capsys, "feedback", EXERCISE, "--course", str(course_.root))
    assert "[" in lines[0] and any(line.endswith("dana … released to the exchange") for line in lines)
    assert lines[-1] == "feedback for 5, failed 0, needing manual grading 0"
    with zipfile.ZipFile(course_.exports / f"{EXERCISE}-feedback.zip") as bundle:
        assert sorted(bundle.namelist()) == [f"{s}_{EXERCISE}.html" for s in ("alice", "bob", "carol", "dana", "erin")]
    home = tmp / "dana-home"
    exchange_step("ExchangeFetchFeedback", student_exchange(course_, home, "dana"))
    fetched = list((home / EXERCISE / "feedback").rglob("*.html"))
    assert len(fetched) == 1 and "Your results: 8 of 12 points" in fetched[0].read_text()
    after = self_check(home / EXERCISE / NOTEBOOK)  # the learner's side now sees feedback released
    assert after.released and after.used == 2 and after.score == 8


def test_export_writes_a_row_per_learner(course, capsys):
    _, course_ = course
    lines = grade(capsys, "export", EXERCISE, "--course", str(course_.root))
    assert lines[-1] == "exported grades of 5, failed 0, needing manual grading 0"
    with open(course_.exports / f"{EXERCISE}-grades.csv", newline="") as handle:
        table = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert {s: (table[s]["status"], table[s]["score"]) for s in table} == {
        "alice": ("graded", "8.0"), "bob": ("graded", "5.0"), "carol": ("graded", "8.0"),
        "dana": ("graded", "8.0"), "erin": ("graded", "2.0"), "frank": ("not submitted", "")}
    assert table["carol"]["last_name"] == "Díaz" and table["bob"]["q3"] == "0.0"
    # The count of self-checks each submission carried (dana checked once before submitting).
    assert {s: table[s]["self_checks"] for s in table} == {
        "alice": "", "bob": "", "carol": "", "dana": "1 of 2", "erin": "", "frank": ""}


def test_report_writes_tables_and_a_plot(course, capsys):
    _, course_ = course
    lines = grade(capsys, "report", EXERCISE, "--course", str(course_.root))
    assert lines[-1] == "reported on 5, failed 0, needing manual grading 0"
    assert lines[-3] == "Self-checks used, as submitted: dana 1 of 2."
    assert lines[-2] == ("Summary: 5 graded submissions of 01-atrocity-crimes: mean 6.2 of 8 autograded points, "
                         "median 8, lowest 2, highest 8.")
    with open(course_.exports / f"{EXERCISE}-items.csv", newline="") as handle:
        items = {row["question"]: row for row in csv.DictReader(handle)}
    assert items["q2"]["percent_correct"] == "80.0" and items["q3"]["percent_correct"] == "60.0"
    with open(course_.exports / f"{EXERCISE}-options.csv", newline="") as handle:
        options = {(row["question"], row["option"]): row for row in csv.DictReader(handle)}
    assert options[("q2", "c")]["chosen"] == "1" and options[("q2", KEY["q2"])]["key"] == "True"
    assert options[("q3", "(none)")]["chosen"] == "1"  # erin typed only q1 and q2
    assert (course_.exports / f"{EXERCISE}-distribution.png").read_bytes()[:4] == b"\x89PNG"


def run_report_notebook(root: Path, folder: Path) -> str:
    nb = nbformat.read(ROOT / "grading" / "report.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")  # committed without outputs
    os.environ["WARNING_SIGNS_GRADING_ROOT"] = str(root)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        del os.environ["WARNING_SIGNS_GRADING_ROOT"]
    return "\n".join(str(o.get("text", "")) + str(o.get("data", "")) for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)


def test_report_notebook_shows_everything(course):
    _, course_ = course
    shown = run_report_notebook(course_.root, course_.root)
    assert "percent_correct" in shown and "point_biserial" in shown and "percent_upper" in shown
    assert "image/png" in shown and "Summary: 5 graded submissions" in shown


def test_report_notebook_on_an_empty_course(tmp_path):
    shown = run_report_notebook(tmp_path / "empty", tmp_path)
    assert f"Nothing to report yet for {EXERCISE}: no graded submissions" in shown
