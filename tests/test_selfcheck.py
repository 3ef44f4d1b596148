"""The learner's self-check, headless and fast: the scorer, the policy, the page, the command.

The learner's folder holds the exercise as nbgrader releases it (solutions and hidden
tests cleared; made here from the source notebook with nbgrader's stubs, without
running nbgrader: the slow tests use nbgrader's own release). Answers are given
through the exercise API, as clicks and typed answers are. Keys and explanations are
read from the source notebook, as the grader reads them, to prove they are absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from conftest import ROOT
from warning_signs.answers import CLICK, AnswerStore
from warning_signs.exercise import Exercise
from warning_signs.grading import policy
from warning_signs.grading.config import CODE_STUB, TEXT_STUB
from warning_signs.grading.course import Course
from warning_signs.grading.selfcheck import fallback_hint, self_check, teaching_hints
from warning_signs.grading.selfcheck_page import inline_html
from warning_signs.grading.selfcheck_result import BY_INSTRUCTOR, NOT_ANSWERED, NOT_RIGHT, RIGHT
from warning_signs.questions import exercise_questions

EX = "02-reading-warning-signs"
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
# Every answer wrong, and no key option chosen anywhere (the matching task shares its options).
ALL_WRONG = {"q1": "d", "q2": ["d", "e"], "q3": ["a", "b", "c", "d"], "q4": "e", "q5": "e", "q6": "e", "q7": "e"}


def release_copy(folder: Path, exercise: str = EX) -> Path:
    """The student version of ``exercise`` in ``folder``: what nbgrader's generate step leaves."""
    nb = json.loads((ROOT / "exercises" / exercise / f"{exercise}.ipynb").read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            source = CODE_STUB if cell["cell_type"] == "code" else TEXT_STUB
        cell["source"] = HIDDEN.sub("", source)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{exercise}.ipynb"
    path.write_text(json.dumps(nb))
    return path


@pytest.fixture
def learner(tmp_path) -> Path:
    return release_copy(tmp_path / "exercises" / EX)


def keys() -> dict:
    return {q.question: q for q in Course.at(source=ROOT / "exercises").questions(EX) if q.question}


def key_texts() -> list[str]:
    """The option texts of every single- and multiple-choice key."""
    bank = exercise_questions(EX)
    texts = []
    for qid, info in keys().items():
        if bank[qid].kind != "ordering":
            chosen = info.key if isinstance(info.key, list) else [info.key]
            texts += [bank[qid].option(o).text for o in chosen]
    return texts


def assessed(folder: Path, attempts: int = 2) -> None:
    policy.write_policy_file(folder, EX, policy.Policy(policy.ASSESSED, attempts))


def rows(result) -> dict:
    return {r.grade_id: r for r in result.rows}


# --- practice: the default ---------------------------------------------------------------------


def test_practice_scores_each_question_and_gives_the_instructors_explanation(learner):
    ex = Exercise(EX, learner.parent)
    ex.answer("q1", "a")  # right
    ex.answer("q5", "b")  # wrong
    result = self_check(learner, {q: ex.response(q) for q in ex.questions})
    got = rows(result)
    assert result.mode == policy.PRACTICE and result.allowed is None
    assert got["q1"].verdict == RIGHT and got["q1"].score == 1 and got["q1"].explanation == ""
    assert got["q1"].answer_text == "a) A triggering factor (risk factor 8)"
    assert got["q5"].verdict == NOT_RIGHT and got["q5"].score == 0
    assert got["q5"].explanation == keys()["q5"].why  # the same text the instructor's feedback gives
    assert got["q2"].verdict == NOT_ANSWERED and "click" in got["q2"].explanation
    assert result.score == 1 and result.max_autograded == 9


def test_the_memo_is_marked_by_the_instructor_and_never_scored_zero(learner):
    result = self_check(learner, {})
    memo = rows(result)["q8-memo"]
    assert memo.verdict == BY_INSTRUCTOR and memo.score is None and memo.answer_text == "no answer written yet"
    assert result.max_autograded == 9  # its 3 points are not in the autograded total
    assert "Question 8 is marked by your instructor" in result.summary()
    nb = json.loads(learner.read_text())
    memo_cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q8-memo")
    memo_cell["source"] = "The risk is high: incitement, an armed militia and expelled witnesses."
    learner.write_text(json.dumps(nb))
    assert rows(self_check(learner, {}))["q8-memo"].answer_text == "answer written"


def test_practice_is_unlimited_and_counts_each_check(learner):
    for n in range(1, 5):
        result = self_check(learner, {"q1": "a"})
        assert result.used == n and not result.refused and result.left is None
    assert policy.attempts(learner.parent).used == 4


# --- assessed ----------------------------------------------------------------------------------


def test_assessed_counts_attempts_and_refuses_when_they_are_used_up(learner):
    assessed(learner.parent, attempts=2)
    first = self_check(learner, {"q1": "d"})
    assert (first.used, first.left) == (1, 1) and "Self-checks used: 1 of 2 (1 left)." in first.summary()
    second = self_check(learner, {"q1": "a"})
    assert (second.used, second.left) == (2, 0) and rows(second)["q1"].score == 1
    third = self_check(learner, {"q1": "a"})
    assert third.refused and third.rows == [] and third.used == 2
    assert third.summary().count(". ") == 0 and "used all 2 self-checks" in third.summary()
    assert policy.attempts(learner.parent).used == 2  # a refused check is not counted
    saved = json.loads((learner.parent / policy.ATTEMPTS_FILE).read_text())
    assert saved["allowed"] == 2 and [c["score"] for c in saved["checks"]] == [0, 1]


def test_assessed_never_returns_the_key_or_the_explanation_before_feedback(learner):
    assessed(learner.parent)
    done = subprocess.run(
        [sys.executable, "-m", "warning_signs", "check", str(learner), "--answers", "-", "--json"],
        input=json.dumps({"answers": ALL_WRONG}), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    page = (learner.parent / f"{EX}.selfcheck.html").read_text()
    for shown in (done.stdout, page):
        for why in (k.why for k in keys().values()):
            assert why and why not in shown
        for text in key_texts():
            assert json.dumps(text)[1:-1] not in shown and text not in page and escape(text) not in page
    result = json.loads(done.stdout)
    wrong = [r for r in result["rows"] if r["verdict"] == NOT_RIGHT]
    assert len(wrong) == 7 and all(r["explanation"] for r in wrong)
    hints = teaching_hints(EX)
    assert len(hints) == 7  # datasets/exercises/hints.csv: one per autograded question
    for r in wrong:
        assert r["explanation"] == hints[r["grade_id"]]
    assert all(r["score"] == 0 for r in wrong)  # a score per question


def test_full_explanations_once_the_instructor_has_released_feedback(learner):
    assessed(learner.parent)
    assert rows(self_check(learner, {"q5": "b"}))["q5"].explanation != keys()["q5"].why
    fetched = learner.parent / "feedback" / "2026-12-03 10:00:00.000000 UTC"
    fetched.mkdir(parents=True)
    (fetched / f"{EX}.html").write_text("<html>feedback</html>")  # where nbgrader's Fetch Feedback puts it
    after = self_check(learner, {"q5": "b"})
    assert after.released and rows(after)["q5"].explanation == keys()["q5"].why


def test_a_damaged_policy_file_is_named_and_the_check_still_runs(learner):
    (learner.parent / policy.POLICY_FILE).write_text("{not json")
    result = self_check(learner, {"q1": "a"})
    assert result.mode == policy.PRACTICE and result.score == 1
    assert len(result.notes) == 1 and "unreadable" in result.notes[0]


# --- from a terminal: the saved store and the typed answers of the saved notebook ---------------


def test_the_terminal_command_reads_clicks_and_typed_answers_and_prints_words(learner):
    AnswerStore(EX, learner.parent).save("q1", "a", CLICK)
    AnswerStore(EX, learner.parent).save("q4", "b", CLICK)
    nb = json.loads(learner.read_text())
    typed = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q5-typed")
    typed["source"] = 'ex.answer("q5", "b")\n'  # typed, never run: the saved notebook still counts it
    learner.write_text(json.dumps(nb))
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(learner.parent)],
                          capture_output=True, text=True, timeout=120)
    out = done.stdout
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Self-check of 02-reading-warning-signs: 2 of 9 autograded points." in out
    assert "✓ Question 1: right (1/1)." in out and "✓ Question 4: right (1/1)." in out
    assert "✗ Question 5: not right (0/1). " + keys()["q5"].why in out
    assert "Your answer: b) Degrade perpetrators' capacity" in out
    assert "✗ Question 2: not answered (0/2)." in out
    assert "Question 8: marked by your instructor (3 points; no answer written yet)." in out
    assert f"Full page: {learner.parent / (EX + '.selfcheck.html')}" in out
    assert "HIDDEN" not in out and "ex.check(" not in out


@pytest.mark.parametrize("sent", ["{not json", "[]", '{"answers": 3}', "x" * 300_000])
def test_unreadable_answers_get_one_sentence_and_no_traceback(learner, sent):
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(learner), "--answers", "-", "--json"],
                          input=sent, capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "not readable" in result["problem"] and not policy.attempts(learner.parent).used


def test_something_that_is_not_an_exercise_says_so(tmp_path):
    stray = tmp_path / "mine" / "notes.ipynb"
    stray.parent.mkdir()
    stray.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(stray)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "is not an exercise of this course" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_kernel_answers_are_taken_as_plain_data_for_known_questions_only(learner):
    sent = {"q1": {"not": "an answer"}, "q2": ["a", "b", "c"], "zz": "a", "q3": "x" * 10_000}
    got = rows(self_check(learner, sent))
    assert got["q1"].verdict == NOT_ANSWERED and got["q2"].verdict == RIGHT
    assert got["q3"].verdict == NOT_RIGHT and len(got["q3"].answer_text) < 400


# --- the readable result ------------------------------------------------------------------------


def test_the_table_has_a_caption_header_scopes_words_and_a_status(learner):
    result = self_check(learner, {"q1": "a", "q5": "b"})
    html = inline_html(result, "status-1", "x.selfcheck.html")
    assert "<caption" in html and "Exercise 2: Reading the warning signs" in html
    assert html.count('scope="col"') == 5 and html.count('scope="row"') == 8
    assert '<p role="status" id="status-1" tabindex="-1">' in html
    for word in ("Right", "Not right", "Not answered", "Marked by your instructor"):
        assert f"</span>{word}</td>" in html
    assert '<a href="x.selfcheck.html">' in html
    page = Path(result.page).read_text()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and "<caption" in page
    assert escape(exercise_questions(EX)["q1"].prompt) in page


def test_learner_text_in_the_result_is_escaped(learner):
    result = self_check(learner, {"q1": "<script>alert(1)</script>"})
    html = inline_html(result, "s", None) + Path(result.page).read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


# --- the instructor's side ---------------------------------------------------------------------


def test_grade_policy_sets_stores_and_sends_the_policy(tmp_path, capsys):
    course = Course.at(tmp_path / "course", ROOT / "exercises", tmp_path / "exchange")
    released = course.folder("release", EX)
    released.mkdir(parents=True)
    assert policy.set_policy(course, EX, "assessed", 3) == 0
    assert policy.course_policies(course.root)[EX] == policy.Policy(policy.ASSESSED, 3)
    assert policy.learner_policy(released) == (policy.Policy(policy.ASSESSED, 3), "")
    assert "assessed: 3 self-checks" in capsys.readouterr().out
    assert policy.set_policy(course, EX, None, None) == 0
    assert "assessed: 3 self-checks" in capsys.readouterr().out
    assert policy.set_policy(course, EX, "practice", 2) == 1
    assert capsys.readouterr().out.startswith("Not set: practice means unlimited")
    assert policy.set_policy(course, "99-nothing", "practice", None) == 1
    assert "no assignment '99-nothing'" in capsys.readouterr().out
    assert policy.set_policy(course, EX, "assessed", None) == 0  # the default number of attempts
    assert policy.course_policies(course.root)[EX].attempts == policy.DEFAULT_ATTEMPTS
    assert policy.release_step(course, "01-atrocity-crimes")["path"].startswith("practice")


def test_the_instructor_sees_the_count_that_was_submitted(tmp_path):
    from warning_signs.grading.intake import place

    course = Course.at(tmp_path / "course", ROOT / "exercises")
    upload = release_copy(tmp_path / "upload" / EX).parent
    assessed(upload, attempts=2)
    AnswerStore(EX, upload).save("q1", "a", CLICK)
    self_check(upload / f"{EX}.ipynb", {"q1": "a"})
    kept, _ = place(course, EX, "alice", sorted(p for p in upload.iterdir() if p.is_file()))
    submitted = course.folder("submitted", EX, "alice")
    assert (submitted / policy.ATTEMPTS_FILE).exists()
    assert policy.submitted_count(submitted) == "1 of 2"
    assert policy.submitted_count(course.folder("submitted", EX, "bob")) == ""


def test_the_self_check_and_the_instructors_grader_judge_alike(learner):
    """One rule: for every question and several answers, the self-check's score and explanation are the
    trusted grader's (trusted._judge, what the gradebook and the feedback page get)."""
    from warning_signs.grading.judge import explanation
    from warning_signs.grading.trusted import _judge

    bank = exercise_questions(EX)
    infos = {i.question: i for i in Course.at(source=ROOT / "exercises").questions(EX) if i.question}
    for answers in (ALL_WRONG, {q: i.key for q, i in infos.items()}, {"q1": "z", "q2": "a"}):
        got = rows(self_check(learner, answers))
        for qid, info in infos.items():
            graded = _judge(info, bank[qid], answers.get(qid), None, None)
            mine = got[info.grade_id]
            assert mine.score == graded.score and mine.answer_text == graded.answer_text
            if graded.score == 0 and answers.get(qid) not in (None, [], ""):
                assert mine.explanation in (info.why, explanation(graded))


def test_a_hint_that_would_give_the_key_away_is_replaced_by_the_lessons_to_revisit(learner, monkeypatch):
    from warning_signs.grading import selfcheck

    key_text = exercise_questions(EX)["q1"].option("a").text
    monkeypatch.setattr(selfcheck, "teaching_hints", lambda _: {"q1": f"Think of it as {key_text}."})
    assessed(learner.parent)
    row = rows(self_check(learner, {"q1": "d"}))["q1"]
    assert row.explanation == fallback_hint(EX) and key_text not in row.explanation
    assert row.explanation.startswith("Revisit Lessons 2, 3 and 7")


def test_the_report_line_lists_the_submitted_counts(tmp_path):
    from warning_signs.grading.intake import place

    course = Course.at(tmp_path / "course", ROOT / "exercises")
    assert policy.self_checks_line(course, EX) == ""
    for student, checks in (("alice", 2), ("bob", 0)):
        upload = release_copy(tmp_path / student / EX).parent
        assessed(upload, attempts=3)
        for _ in range(checks):
            self_check(upload / f"{EX}.ipynb", {})
        place(course, EX, student, sorted(p for p in upload.iterdir() if p.is_file()))
    assert policy.self_checks_line(course, EX) == "Self-checks used, as submitted: alice 2 of 3."


def test_a_damaged_answers_file_is_named_and_the_backup_used_from_a_terminal(learner):
    store = AnswerStore(EX, learner.parent)
    store.save("q1", "a", CLICK)
    store.save("q4", "b", CLICK)
    store.path.write_text('{"answers": ')  # a crash mid-write
    result = self_check(learner)
    assert rows(result)["q1"].verdict == RIGHT and len(result.notes) == 1 and "backup" in result.notes[0]
    assert "Note: " in result.text() and "Traceback" not in result.text()


@pytest.mark.parametrize("exercise", ["../02-reading-warning-signs", "/etc/passwd", ""])
def test_an_exercise_id_is_a_name_never_a_path(learner, exercise):
    result = self_check(learner, {}, exercise=exercise or None)
    assert (result.problem != "") == bool(exercise)


def test_the_policy_command_from_the_cli(tmp_path, capsys):
    from warning_signs.cli import main

    root = str(tmp_path / "course")
    assert main(["grade", "policy", EX, "assessed", "--attempts", "2", "--course", root]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Self-check policy of {EX}: assessed: 2 self-checks, hints until feedback is released."
    assert out[1] == f"`warning-signs grade release {EX}` will send it with the exercise."
    assert main(["grade", "policy", EX, "assessed", "--attempts", "0", "--course", root]) == 1
    assert capsys.readouterr().out.strip() == "Not set: an assessed exercise needs --attempts between 1 and 20."
    assert main(["grade", "policy", EX, "practice", "--course", root]) == 0
    assert policy.course_policies(Path(root))[EX] == policy.Policy()
