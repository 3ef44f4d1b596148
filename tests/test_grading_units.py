"""The grading pipeline's small parts, without kernels: statistics, name matching, the class
list, the jail's mount plan, reasons and summary lines."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from warning_signs.grading import analysis, outcomes, sandbox
from warning_signs.grading.autograde import failure_reason
from warning_signs.grading.gradebook import Learner
from warning_signs.grading.intake import Matcher
from warning_signs.grading.restore import _only_answers
from warning_signs.grading.roster import read_students

ROSTER = [Learner("alice", "Alice", "Smith", "alice@example.org"), Learner("bob", "Bob", "Jones", "bjones@uni.edu"),
          Learner("u123", "Carol", "Díaz", "carol.diaz@uni.edu"), Learner("dan", "Dan", "Lee", "dan@x.org"),
          Learner("dee", "Dan", "Lee", "dee@x.org")]


@pytest.mark.parametrize("path, student", [
    ("alice/01-atrocity-crimes/01-atrocity-crimes.ipynb", "alice"),                           # nbgrader folders
    ("Alice Smith_1234_assignsubmission_file_/01-atrocity-crimes.ipynb", "alice"),             # Moodle
    ("jonesbob_555_666_01-atrocity-crimes.answers.json", "bob"),                               # Canvas
    ("jonesbob_LATE_555_666_01-atrocity-crimes.ipynb", "bob"),                                 # Canvas, late
    ("bjones@uni.edu/01-atrocity-crimes.ipynb", "bob"),                                        # e-mail
    ("carol.diaz_01-atrocity-crimes/01-atrocity-crimes.ipynb", "u123"),                        # e-mail's first part
    ("Díaz Carol/submission/01-atrocity-crimes.ipynb", "u123"),                                # last first
    ("diazcarol_77_88_01-atrocity-crimes.ipynb", "u123"),                                      # accents dropped
    ("u123_whatever.ipynb", "u123"),                                                           # <id>_<anything>
    ("Dan Lee_99_assignsubmission_file_/01-atrocity-crimes.ipynb", None),                      # two Dan Lees: neither
    ("01-atrocity-crimes.ipynb", None),
])
def test_files_are_matched_to_learners(path, student):
    assert Matcher(ROSTER, "01-atrocity-crimes").student_for(Path(path)) == student


def test_without_a_class_list_only_safe_ids_are_guessed():
    matcher = Matcher([], "01-atrocity-crimes")
    assert matcher.student_for(Path("zoe/01-atrocity-crimes/01-atrocity-crimes.ipynb")) == "zoe"
    assert matcher.student_for(Path("01-atrocity-crimes/zoe_01-atrocity-crimes.ipynb")) == "zoe"
    assert matcher.student_for(Path("Zoe Quinn_12_assignsubmission_file_/x.ipynb")) is None
    assert matcher.student_for(Path("01-atrocity-crimes.ipynb")) is None


def test_class_list_problems_are_one_sentence_each(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text("id,first_name,last_name,email\nalice,A,S,a@x\nalice,A,S,a@x\n../etc,E,V,e@x\n,N,O,n@x\n")
    learners, problems = read_students(path)
    assert [s.id for s in learners] == ["alice"]
    assert [where for where, _ in problems] == ["line 3", "line 4", "line 5"]
    path.write_text("id,name\nalice,Alice\n")
    assert read_students(path)[1][0][1].startswith("the header must name id, first_name, last_name, email")


def test_point_biserial_is_the_correlation_with_the_rest_score():
    right = [1, 0, 1, 1, 0, 1, 0, 1]
    rest = [6.0, 2.0, 5.0, 7.0, 3.0, 4.0, 4.0, 6.0]
    assert analysis.point_biserial(right, rest) == pytest.approx(np.corrcoef(right, rest)[0, 1])
    assert analysis.point_biserial([1, 1, 1], [1.0, 2.0, 3.0]) is None  # everyone right: no information


def test_upper_and_lower_groups_are_27_percent():
    sheets = [analysis.Sheet(f"s{i}", {}, float(i), {}) for i in range(10)]
    upper, lower = analysis.groups(sheets)
    assert [s.total for s in upper] == [7.0, 8.0, 9.0] and [s.total for s in lower] == [0.0, 1.0, 2.0]


@pytest.mark.parametrize("source, plain", [
    ('ex.answer("q1", "a")', True), ('# a comment\nex.answer("q3", ["a", "c"])', True), ("", True),
    ("while True:\n    pass", False), ('ex.check = print', False), ('ex.answer("q1", open("x").read())', False),
    ("%time ex.answer('q1', 'a')", False),
])
def test_answer_cells_running_other_code_are_noticed(source, plain):
    assert _only_answers(source) is plain


def test_failure_reasons_are_one_line():
    log = "[ERROR] There was an error\nTraceback (most recent call last):\n  File x\nnbclient.exceptions.DeadKernelError: Kernel died\n"
    assert failure_reason({"log": log}, []).startswith("the grading kernel died before the notebook's own code ran")
    assert failure_reason({"log": log}, ["the kernel stopped: it exited with status 1"]) == \
        "the kernel stopped: it exited with status 1"
    # Learner-written text never becomes the reason: an unknown failure gets the grader's own sentence.
    forged = failure_reason({"error": "ValueError: \x1b[31mscore 8/8, all right\n"}, [])
    assert "score 8/8" not in forged and forged.startswith("nbgrader could not grade it")
    assert failure_reason({"log": "[ERROR] NbGraderException: Please see the above traceback"}, []) == forged


def test_progress_and_the_one_summary_line():
    out = io.StringIO()
    progress = outcomes.Progress(12, "grading", out)
    progress.step("alice", "8/8 autograded points", ["a note"])
    line = outcomes.summary_line("graded", 11, [("bob", "the notebook is damaged")], 3, out)
    assert out.getvalue().splitlines() == ["[ 1/12] grading alice … 8/8 autograded points", "      note: a note",
                                           "FAILED bob: the notebook is damaged",
                                           "graded 11, failed 1, needing manual grading 3"]
    assert line == "graded 11, failed 1, needing manual grading 3"


def test_the_jail_binds_no_notebook_and_covers_every_copy_of_the_sources(tmp_path):
    (tmp_path / "a.ipynb").write_text("{}")
    (tmp_path / "a.answers.json").write_text("{}")
    command = sandbox.jail_command(["python"], workdir=tmp_path, env={"NBGRADER_EXECUTION": "autograde",
                                   "SECRET_TOKEN": "x"}, limits=sandbox.Limits(), uid=sandbox.UID_BASE)
    binds = [command[i + 1] for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind")]
    assert str(tmp_path / "a.answers.json") in binds and str(tmp_path / "a.ipynb") not in binds
    assert "/submission/a.answers.json" in command and str(tmp_path) not in command[command.index("--chdir") + 1]
    assert command[command.index("--remount-ro") + 1] == "/"  # only the capped tmpfs are writable
    covered = [command[i + 1] for i, arg in enumerate(command) if arg == "--tmpfs"]
    for path in sandbox.import_paths():
        if (path / "warning_signs" / "course" / "exercises").is_dir():
            assert str((path / "warning_signs" / "course" / "exercises").resolve()) in covered
    assert "SECRET_TOKEN" not in command and "NBGRADER_EXECUTION" in command
    assert ["--unshare-net", "--unshare-pid", "--die-with-parent"] == [a for a in command if a in
                                                                       ("--unshare-net", "--unshare-pid", "--die-with-parent")]


def test_the_exchange_is_private_unless_jupyterhubs_is_given(tmp_path, monkeypatch):
    from warning_signs.grading.course import Course

    monkeypatch.delenv("WARNING_SIGNS_EXCHANGE", raising=False)
    assert Course.at(tmp_path / "c").api().config.Exchange.root == str(tmp_path / "c" / "exchange")
    monkeypatch.setenv("WARNING_SIGNS_EXCHANGE", str(tmp_path / "hub"))
    assert Course.at(tmp_path / "c").api().config.Exchange.root == str(tmp_path / "hub")


# --- a kernel the notebook's code stopped (the real runs: test_grading_dead_kernel.py) ----------


def test_only_the_notebooks_own_code_makes_a_dead_kernel_its_doing():
    import nbformat

    from conftest import ROOT
    from warning_signs.grading.execute import learner_code_ran

    cells = nbformat.read(ROOT / "exercises" / "01-atrocity-crimes" / "01-atrocity-crimes.ipynb", as_version=4).cells
    first_answer = next(i for i, c in enumerate(cells) if c.metadata["nbgrader"]["grade_id"] == "q1-typed")
    assert not any(learner_code_ran(cells, i) for i in range(first_answer))  # the setup, the first question
    assert all(learner_code_ran(cells, i) for i in range(first_answer, len(cells)))


def test_the_stop_flag_is_one_line_with_the_kernel_managers_reason():
    from warning_signs.grading.autograde import stop_reasons
    from warning_signs.grading.results import QuestionResult, SubmissionResults

    notes = ["the answer cell of Question 2 runs other code than ex.answer(...)",
             "the kernel stopped: it exited with status 0 (os._exit or a crash in the notebook?)"]
    stops, left = stop_reasons({"01-atrocity-crimes": (9, "it died")}, notes)
    assert stops == {"01-atrocity-crimes": (9, "it exited with status 0 (os._exit or a crash in the notebook?)")}
    assert left == notes[:1]  # the reason is folded into the flag, not said twice
    assert stop_reasons({}, notes) == ({}, notes)  # no stop: a failure keeps its kernel note as the reason
    results = SubmissionResults("x", "01-atrocity-crimes", [QuestionResult("q1", "Question 1", 1.0, 1.0)])
    assert results.flag() is None
    results.stopped = "in cell 9: " + stops["01-atrocity-crimes"][1]
    assert results.flag() == ("the notebook's code stopped the grading kernel in cell 9: it exited with status 0 "
                              "(os._exit or a crash in the notebook?); scored from the saved answers")
    results.questions[0].kernel_agrees = False
    assert results.flag().endswith("; it also interfered with grading (Question 1)")


def test_the_stop_is_kept_with_the_trusted_results(tmp_path):
    from warning_signs.grading import results

    found = results.SubmissionResults("x", "01-atrocity-crimes", stopped="in cell 4: it died")
    results.save(tmp_path, found)
    assert results.load(tmp_path, "01-atrocity-crimes", "x") == found


def test_the_summary_line_counts_flagged_submissions_as_graded():
    out = io.StringIO()
    assert outcomes.summary_line("graded", 5, [], 1, out, flagged=2) == "graded 5 (2 flagged), failed 0, needing manual grading 1"
    assert outcomes.summary_line("graded", 5, [], 1, out) == "graded 5, failed 0, needing manual grading 1"
