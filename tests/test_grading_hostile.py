"""Hostile submissions, one or more per class of attack (issue 10), built from the real released
exercise and graded through ``warning-signs grade autograde --jobs 2`` in one jailed batch.

For each: the trusted score, the flag "the notebook's code interfered with grading" where
the kernel's view was tampered with, no answer key anywhere the learner's code or the
feedback page could show it, an honest peer's grade and files unchanged, and every
reason and note one plain line the grader wrote.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from conftest import EXERCISE, ROOT
from submissions import KEY, NOTEBOOK, POINTS, edit, released_copy, submit_kinds, type_code
from warning_signs.answers import AnswerStore
from warning_signs.cli import main
from warning_signs.grading import outcomes as outcome_file
from warning_signs.grading import results
from warning_signs.grading.course import Course
from warning_signs.grading.gradebook import grades
from warning_signs.questions import exercise_questions, is_right

pytestmark = pytest.mark.slow
SOURCE = ROOT / "exercises" / EXERCISE / NOTEBOOK
STORE = f"{EXERCISE}.answers.json"
FLAG = "the notebook's code interfered with grading"

TRANSFORMER = '''
ip = get_ipython()
seen = []
def answer_from_the_test(lines):
    source = "".join(lines)
    if "check" in source:
        seen.append(source)
        return ["pass\\n"]  # the test cell never runs
    return lines
ip.input_transformers_post.append(answer_from_the_test)
'''
HOOKS = '''
from IPython.display import HTML, display
ip = get_ipython()
ip.events.register("pre_run_cell", lambda info: print("NEXT CELL:", info.raw_cell))
display(HTML("<script>alert('pwned')</script><b>bold</b>"))
print(In, _ih)
'''
RAISES = ("ex.check_answered = lambda q: (_ for _ in ()).throw("
          "RuntimeError('\\x1b[31mTraceback: score 8/8 for ' + q))")
SNOOP = '''
import os, glob
print("CWD", os.getcwd())
print(open("/proc/self/mountinfo").read())
for pid in glob.glob("/proc/[0-9]*"):
    try:
        print("CMD", open(pid + "/cmdline").read().replace("\\0", " "))
        print("ENV", open(pid + "/environ").read().replace("\\0", " "))
    except OSError:
        pass
print("TMP", glob.glob("/tmp/*"), glob.glob("/tmp/wsk-*/*"))
'''
FILLER = '''
import os
for place in [".", "/tmp", os.path.expanduser("~"), "/", "/etc"] + [p for p in os.listdir("/tmp")]:
    for i in range(20):
        try:
            with open(os.path.join(place, f"fill{i}.bin"), "wb") as f:
                f.write(b"x" * 4 * 1024 * 1024)
        except OSError:
            break
'''


def _peer_link(folder):
    (folder / STORE).unlink(missing_ok=True)
    os.symlink(f"../../honest_right/{EXERCISE}/{STORE}", folder / STORE)


def _hard_link(folder):
    (folder / STORE).unlink(missing_ok=True)
    os.link(folder.parent.parent / "honest_right" / EXERCISE / STORE, folder / STORE)


def _gradebook_link(folder):
    os.symlink(folder.parent.parent.parent / "gradebook.db", folder / "notes.txt")
    type_code(folder, "q1", "print('GRADEBOOK', open('notes.txt', 'rb').read(16))")


def _damage(kind):
    def change(folder):
        type_code(folder, "q7", f'ex.answer("q7", {KEY["q7"]!r})')  # a typed answer: still graded
        path = folder / STORE
        path.unlink()
        if kind == "folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "list":
            path.write_text("[1, 2]")
        elif kind == "huge":
            path.write_text('{"answers": {"q1": {"value": "' + "a" * (9 * 1024 * 1024) + '"}}}')
        elif kind == "nested":
            path.write_text("[" * 50_000 + "]" * 50_000)
    return change


def _shadow(folder):
    """Modules beside the notebook that would shadow the course's own, if the kernel saw them."""
    (folder / "warning_signs").mkdir()
    (folder / "warning_signs" / "__init__.py").write_text("")
    (folder / "warning_signs" / "exercise.py").write_text(
        "class Exercise:\n    def __init__(self, *a): pass\n    def __getattr__(self, name): return lambda *a, **k: None\n")
    (folder / "pandas.py").write_text("raise SystemExit('shadowed')\n")


def _script_memo(folder):
    edit(folder, lambda nb: [c.__setitem__("source", "My memo <script>alert('memo')</script><img src=x onerror=alert(2)>")
                             for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q8-memo"])
    type_code(folder, "q2", HOOKS)


def _late(folder):
    (folder / "timestamp.txt").write_text("2030-01-02 12:00:00.000000 UTC")


def _forged_exit(folder):
    type_code(folder, "q1", "import os, sys\nsys.stderr.write('bwrap: \\x1b[32mgraded 8/8, all right\\n')\n"
                            "sys.stderr.flush()\nos._exit(1)")


def _escape_name(folder):
    (folder / NOTEBOOK).rename(folder / "\x1b[2J\x1b[31mgraded 8 of 8 (1).ipynb")


# student: (base submission, change). Bases: "right" = KEY clicked, "wrong" = WRONG clicked, None = blank.
KINDS = {
    "honest_right": ("right", None),
    "honest_wrong": ("wrong", None),
    # 1. full marks without answering: the checker replaced, the class patched, test cells read and skipped
    "checker_replaced": (None, lambda f: type_code(f, "q1", "ex.check = ex.check_answered = lambda *a, **k: None")),
    "class_patched": (None, lambda f: type_code(f, "q1", "import warning_signs.exercise as m\n"
                                                         "m.Exercise.check_answered = lambda self, q: None\n"
                                                         "m.Exercise.check = lambda *a, **k: None")),
    "input_transformer": (None, lambda f: type_code(f, "q1", TRANSFORMER)),
    "response_forged": (None, lambda f: type_code(f, "q1", "ex.response = lambda q: 'a'")),
    "right_and_tampering": ("right", lambda f: type_code(f, "q1", "ex.check_answered = lambda q: None")),
    "computed_answers": (None, lambda f: (type_code(f, "q3", 'ex.answer("q3", [chr(c) for c in (97, 99, 101)])'),
                                          type_code(f, "q1", 'ex.answer("q1", "c")'))),
    # 2. links reach what the sandbox hides; /proc
    "link_to_peer": (None, _peer_link),
    "hard_link_to_peer": (None, _hard_link),
    "link_to_gradebook": ("right", _gradebook_link),
    "proc_snoop": ("right", lambda f: type_code(f, "q2", SNOOP)),
    # 3. the key reaches the feedback page: printed inputs, hooks, HTML, exceptions with escape codes
    "prints_inputs": ("wrong", _script_memo),
    "shadow_modules": ("right", _shadow),
    "raises_in_tests": ("wrong", lambda f: type_code(f, "q1", RAISES)),
    # 4. the grader's disk
    "disk_filler": ("right", lambda f: type_code(f, "q1", FILLER)),
    # 6. forged reasons
    "forged_exit": ("right", _forged_exit),
    "escape_name": ("right", _escape_name),
    # 7. damaged answers files of every shape, with a backup and a typed answer
    **{f"damaged_{kind}": ("right", _damage(kind)) for kind in ("folder", "pipe", "list", "huge", "nested")},
    # 8. nbgrader's late warning
    "late": ("right", _late),
}
INTERFERING = {"checker_replaced", "class_patched", "input_transformer", "response_forged", "right_and_tampering",
               "raises_in_tests"}
LINKS = {"link_to_peer": "a link", "hard_link_to_peer": "is a hard link", "link_to_gradebook": "a link 'notes.txt'"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    course = Course.at(tmp / "course", ROOT / "exercises")
    assert main(["grade", "release", EXERCISE, "--course", str(course.root)]) == 0
    with course.gradebook() as gb:  # a due date, so that a late submission is late
        gb.update_or_create_assignment(EXERCISE, duedate=datetime(2030, 1, 1))
    bases = submit_kinds(course, KINDS, tmp)
    peer = course.folder("submitted", EXERCISE, "honest_right") / STORE
    before = hashlib.sha256(peer.read_bytes()).hexdigest()
    exit_code = main(["grade", "autograde", EXERCISE, "--course", str(course.root), "--jobs", "2", "--timeout", "20"])
    assert main(["grade", "feedback", EXERCISE, "--course", str(course.root)]) in (0, 1)
    return course, bases, before, exit_code


def found(course):
    return outcome_file.load(course.exports_dir, EXERCISE)


def trusted(course, student):
    return results.load(course.root, EXERCISE, student)


def autograded_text(course, student) -> str:
    nb = nbformat.read(course.folder("autograded", EXERCISE, student) / NOTEBOOK, as_version=4)
    return "\n".join(str(c.source) + str(o.get("text", "")) + str(o.get("data", "")) + str(o.get("evalue", ""))
                     + "".join(o.get("traceback", [])) for c in nb.cells for o in (c.get("outputs") or [{}]))


def feedback_html(course, student) -> str:
    return (course.folder("feedback", EXERCISE, student) / f"{EXERCISE}.html").read_text()


def key_lines() -> list[str]:
    nb = nbformat.read(SOURCE, as_version=4)
    lines = [line for c in nb.cells for line in c.source.splitlines() if line.startswith("ex.check(")]
    assert len(lines) == 7
    return lines


def score_of(answers: dict) -> float:
    bank = exercise_questions(EXERCISE)
    return sum(POINTS[q] for q, v in answers.items() if q in KEY and is_right(bank[q], v, KEY[q]))


def autograded_points(course, student) -> float:
    return sum(s or 0 for name, s, _, _ in grades(course, EXERCISE, student) if name != "q8-memo")


# --- 1. the trusted score, and the flag ------------------------------------------------

EXPECTED = {"honest_right": 8, "honest_wrong": 5, "checker_replaced": 0, "class_patched": 0, "input_transformer": 0,
            "response_forged": 0, "right_and_tampering": 8, "computed_answers": 3, "link_to_peer": 0,
            "hard_link_to_peer": 0, "link_to_gradebook": 8, "proc_snoop": 8, "prints_inputs": 5, "raises_in_tests": 5,
            "disk_filler": 8, "escape_name": 8, "late": 8, "shadow_modules": 8}


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_the_trusted_score_stands_in_the_gradebook(batch, student):
    course, _, _, _ = batch
    outcome = found(course)[student]
    assert not outcome.failed, outcome.reason
    assert outcome.score == EXPECTED[student] == autograded_points(course, student)  # what Formgrader/export show
    assert outcome.flagged == (student in INTERFERING)
    flags = [n for n in outcome.notes if n.startswith(FLAG)]
    assert len(flags) == (student in INTERFERING) and all("\n" not in n for n in outcome.notes)


def test_code_written_answers_still_count_for_analysts(batch):
    course, _, _, _ = batch
    mine = trusted(course, "computed_answers").by_grade_id()
    assert mine["q3"].score == 2 and mine["q3"].answer == ["a", "c", "e"] and mine["q3"].kernel_agrees


def test_the_key_never_reached_the_kernel(batch):
    course, _, _, _ = batch
    keys = key_lines()
    for student in KINDS:
        folder = course.folder("autograded", EXERCISE, student)
        if not (folder / NOTEBOOK).exists():
            continue
        text = autograded_text(course, student)
        assert "why=" not in text and "ex.check(" not in text and "HIDDEN TESTS" not in text, student
        assert not any(line.split("why=")[1][:60] in text for line in keys), student
    assert "ex.check_answered('q2')" in autograded_text(course, "input_transformer")  # what it saw instead


# --- 2. links and /proc --------------------------------------------------------------------

@pytest.mark.parametrize("student", sorted(LINKS))
def test_links_never_cross_into_grading(batch, student):
    course, _, before, _ = batch
    notes = found(course)[student].notes
    assert any(LINKS[student] in n and "removed before grading" in n for n in notes), notes
    peer = course.folder("submitted", EXERCISE, "honest_right") / STORE
    assert hashlib.sha256(peer.read_bytes()).hexdigest() == before  # the peer's answers untouched
    assert found(course)["honest_right"].score == 8


def test_the_gradebook_link_was_not_followed(batch):
    course, _, _, _ = batch
    text = autograded_text(course, "link_to_gradebook")
    assert "SQLite" not in text and "FileNotFoundError" in text


def test_no_course_path_is_visible_in_the_jail(batch):
    course, _, _, _ = batch
    text = autograded_text(course, "proc_snoop")
    assert "CWD /submission" in text
    # The course's library and data are readable (read-only, by design); the course root with the
    # gradebook, the submissions and the source notebooks' contents are not even named.
    for secret in (str(course.root), "gradebook", "honest_right", "autograded/", "submitted/"):
        assert secret not in text, secret


def test_code_beside_the_notebook_never_reaches_the_kernel(batch):
    course, _, _, _ = batch
    notes = found(course)["shadow_modules"].notes
    assert any("not shown to the notebook while graded" in n and "pandas.py" in n for n in notes), notes


# --- 3. feedback built from trusted results ------------------------------------------------

def test_feedback_is_built_from_trusted_results_only(batch):
    course, _, _, _ = batch
    keys = key_lines()
    for student in EXPECTED:
        html = feedback_html(course, student)
        assert "ex.check(" not in html and "why=" not in html and "HIDDEN" not in html, student
        for bad in ("Traceback (most recent", "\x1b", "<script>alert"):
            where = html.find(bad)
            assert where < 0, (student, html[max(0, where - 400):where + 100])
        assert "<img src=x onerror" not in html, student  # shown as text, never as HTML
    html = feedback_html(course, "prints_inputs")
    assert "NEXT CELL" not in html or "check_answered" not in html.split("NEXT CELL")[1][:200]
    assert "Your results: 5 of 12 points" in html and "c) Both are genocide, because both are organised mass killings" in html
    wrong = feedback_html(course, "raises_in_tests")
    assert "score 8/8 for q1" not in wrong and "Your results: 5 of 12 points" in wrong  # its exception never shown
    assert keys[1].split("why=")[1][1:40] in wrong  # the explanation of the wrong answer, from the grader


# --- 4. the grader's disk ------------------------------------------------------------------

def test_the_jail_wrote_nothing_on_the_graders_disk(batch):
    course, _, _, _ = batch
    assert found(course)["disk_filler"].score == 8
    biggest = max(p.stat().st_size for p in course.root.rglob("*") if p.is_file() and not p.is_symlink())
    assert biggest < 32 * 1024 * 1024
    assert not list(course.root.rglob("fill*.bin"))
    leftovers = [p for p in Path("/tmp").glob("wsk-*") if any(p.rglob("fill*"))]
    assert not leftovers


# --- 6. reasons are one plain line the grader wrote -------------------------------------------

def test_reasons_and_notes_are_grader_written_plain_lines(batch):
    course, _, _, exit_code = batch
    assert exit_code == 0  # no failure: the kernel that exited is scored from the saved answers
    outcome = found(course)["forged_exit"]
    assert not outcome.failed and outcome.flagged and outcome.score == 8
    stops = [n for n in outcome.notes if n.startswith("the notebook's code stopped the grading kernel in cell 5: "
                                                      "it exited with status 1")]
    assert len(stops) == 1 and not any("8/8" in n or "bwrap" in n for n in outcome.notes)
    for student, o in found(course).items():
        for line in [o.reason, *o.notes]:
            assert not re.search(r"[\x00-\x1f\x7f]", line), (student, line)
            assert len(line) <= 240
    renamed = found(course)["escape_name"].notes
    assert any("the notebook was renamed" in n and "graded 8 of 8" in n for n in renamed)


# --- 7. damaged answers: one sentence, the backup and the typed answers graded ------------------

@pytest.mark.parametrize("kind", ["folder", "pipe", "list", "huge", "nested"])
def test_a_damaged_answers_file_of_any_shape(batch, kind):
    course, bases, _, _ = batch
    student = f"damaged_{kind}"
    outcome = found(course)[student]
    assert not outcome.failed, outcome.reason
    from warning_signs.answers import entries_of
    from warning_signs.jsonfile import parse_json

    saved = {q: e.value for q, e in entries_of(parse_json(bases["right"] / f"{STORE}.bak")[0]).items()}
    expected = score_of({**saved, "q7": KEY["q7"]})  # the backup's answers and the typed one
    assert saved and outcome.score == expected > 0
    sentences = [n for n in outcome.notes if "answers file" in n]
    assert len(sentences) == 1 and "backup" in sentences[0] and sentences[0].count(". ") == 0


# --- 8. nbgrader's own warnings --------------------------------------------------------------

def test_the_late_warning_reaches_the_instructor(batch):
    course, _, _, _ = batch
    notes = found(course)["late"].notes
    assert any("after the due date" in n for n in notes), notes
    late = timedelta(days=1, hours=12)
    assert any(f"{late.total_seconds() / 60:.0f} minutes" in n for n in notes)


# --- 9. the learner's self-check runs the same trusted pipeline ---------------------------------

def test_the_self_check_cannot_be_gamed_either(tmp_path):
    import subprocess
    import sys

    from warning_signs.answers import CLICK
    from warning_signs.grading import config

    course = Course.at(tmp_path / "course", ROOT / "exercises")
    assert course.api().generate_assignment(EXERCISE)["success"]
    mine = released_copy(course.folder("release", EXERCISE), tmp_path / "learner" / EXERCISE)
    AnswerStore(EXERCISE, mine).save("q1", KEY["q1"], CLICK)
    type_code(mine, "q2", "ex.check = ex.check_answered = lambda *a, **k: None\n"
                          "import warning_signs.exercise as m\nm.Exercise.check = lambda *a, **k: None")
    done = subprocess.run([sys.executable, "-m", "warning_signs", "check", str(mine)], capture_output=True,
                          text=True, timeout=300)
    assert "Self-check of 01-atrocity-crimes: 1 of 8 autograded points." in done.stdout, done.stdout
    html = (mine / f"{EXERCISE}.selfcheck.html").read_text()
    assert "ex.check(" not in html and "why=" not in html and "You scored 1 of 8 autograded points" in html
    # The instructor's feedback pipeline stays trusted (the self-check shares its scoring rule: judge.verdict).
    assert course.api().config.GenerateFeedback.preprocessors == config.FEEDBACK_PREPROCESSORS
    assert "warning_signs.grading.feedback.TrustedFeedback" in config.FEEDBACK_PREPROCESSORS
