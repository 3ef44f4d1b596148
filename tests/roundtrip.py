"""nbgrader's full round trip on one real exercise, shared by every exercise's test.

An exercise's test module calls :func:`exercise_tests` with the key, the points
and a set of specific wrong answers, and puts the tests it returns in its own
namespace, so that each exercise's test stays a few lines long:

    globals().update(exercise_tests("03-historical-cases", KEY, POINTS, WRONG))

Submissions are made the way learners make them (``submissions.click`` goes
through the widgets in a real kernel; ``type_answers`` edits the analysts'
cells); nbgrader then generates, autogrades and writes feedback. What only one
exercise checks stays in its module as a test taking the ``course`` fixture (a
:class:`RoundTrip`); ``extra`` adds submissions, ``prepare`` acts in a learner's
copy before they answer (e.g. plays a simulation), ``memo`` is the text written.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from submissions import click, type_answers
from warning_signs.grading import config
from warning_signs.questions import ORDERING, exercise_questions
from warning_signs.widgets.ordering import starting_order

MEMO_TEXT = "A written answer: the warnings are clear and we recommend acting early with partners."


@dataclass
class RoundTrip:
    """A graded course in ``root``: what nbgrader recorded and wrote for each learner."""

    root: Path
    api: object
    exercise: str
    _feedback: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def notebook(self) -> str:
        return f"{self.exercise}.ipynb"

    def grades(self, student: str) -> list[tuple[str, float, bool, float]]:
        """(grade id, score, needs manual grading, max score) for each graded cell."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            nb = gb.find_submission_notebook(self.exercise, self.exercise, student)
            return [(g.name, g.score, g.needs_manual_grade, g.max_score) for g in nb.grades]

    def scores(self, student: str) -> dict[str, float]:
        return {name: score for name, score, _, _ in self.grades(student)}

    def max_scores(self, student: str) -> dict[str, float]:
        return {name: most for name, _, _, most in self.grades(student)}

    def needs_manual(self, student: str) -> set[str]:
        return {name for name, _, manual, _ in self.grades(student) if manual}

    def feedback_html(self, student: str) -> str:
        """nbgrader's feedback page for ``student``, generated once."""
        if student not in self._feedback:
            result = self.api.generate_feedback(self.exercise, student)
            assert result["success"], result.get("log")
            path = self.root / "feedback" / student / self.exercise / f"{self.exercise}.html"
            self._feedback[student] = path.read_text()
        return self._feedback[student]

    def graded_text(self, student: str) -> str:
        nb = nbformat.read(self.root / "autograded" / student / self.exercise / self.notebook, as_version=4)
        return "\n".join(str(o.get("text", "")) + " ".join(o.get("traceback", []))
                         for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def memo_id(exercise: str) -> str:
    nb = nbformat.read(ROOT / "exercises" / exercise / f"{exercise}.ipynb", as_version=4)
    return next(c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-memo"))


def write_memo(folder: Path, exercise: str, text: str = MEMO_TEXT) -> None:
    """The written answer, as a learner saves it in the memo's markdown cell."""
    path = folder / f"{exercise}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == memo_id(exercise):
            cell.source = text
    nbformat.write(nb, path)


Prepare = Callable[[str, Path], None]


def graded_course(root: Path, exercise: str, key: dict, wrong: dict, *, memo: str = MEMO_TEXT,
                  extra: dict[str, dict] | None = None, prepare: Prepare | None = None) -> RoundTrip:
    """Release ``exercise``; submissions clicked right, typed right, clicked wrong (with the
    ``memo``), blank, and each of ``extra`` ({student: answers}, clicked); all autograded.
    ``prepare(student, folder)`` runs in each learner's copy before they answer."""
    api = config.api(root, ROOT / "exercises")
    result = api.generate_assignment(exercise)
    assert result["success"], result.get("log")
    notebook = f"{exercise}.ipynb"

    def submission(student):
        folder = root / "submitted" / student / exercise
        shutil.copytree(root / "release" / exercise, folder)
        if prepare is not None:
            prepare(student, folder)
        return folder

    click(submission("clicker"), key, notebook)
    type_answers(submission("typist"), key, notebook)
    wrong_folder = submission("wrong")
    click(wrong_folder, wrong, notebook)
    write_memo(wrong_folder, exercise, memo)
    submission("blank")
    for student, answers in (extra or {}).items():
        click(submission(student), answers, notebook)
    for student in ("clicker", "typist", "wrong", "blank", *(extra or {})):
        result = api.autograde(exercise, student)
        assert result["success"], result.get("log")
    return RoundTrip(root, api, exercise)


def stated_points(exercise: str) -> tuple[int, int]:
    """(autograded, manual) points stated in the exercise's first cell."""
    nb = nbformat.read(ROOT / "exercises" / exercise / f"{exercise}.ipynb", as_version=4)
    found = re.search(r"\*\*Points:\*\* (\d+) autograded, (\d+) marked", nb.cells[0].source)
    assert found, "the first cell states the points"
    return int(found.group(1)), int(found.group(2))


def exercise_tests(exercise: str, key: dict, points: dict, wrong: dict, *, memo: str = MEMO_TEXT,
                   extra: dict[str, dict] | None = None, prepare: Prepare | None = None) -> dict:
    """The round-trip fixture and tests for ``exercise``, to put in a test module's namespace
    (``memo``, ``extra`` and ``prepare`` as for :func:`graded_course`)."""
    lost = {q for q in key if wrong.get(q) != key[q]}
    assert lost, "WRONG must change at least one answer"

    @pytest.fixture(scope="module")
    def course(tmp_path_factory):
        return graded_course(tmp_path_factory.mktemp(exercise), exercise, key, wrong,
                             memo=memo, extra=extra, prepare=prepare)

    def test_the_release_holds_no_key_and_no_hidden_test(course):
        text = (course.root / "release" / exercise / course.notebook).read_text()
        source = (ROOT / "exercises" / exercise / course.notebook).read_text()
        assert "BEGIN HIDDEN TESTS" in source and "BEGIN SOLUTION" in source
        assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert "ex.check(" not in text and "why=" not in text and "A model answer" not in text
        released = nbformat.reads(text, as_version=4)
        assert not [line for c in released.cells if c.cell_type == "code"
                    for line in c.source.splitlines() if line.startswith("ex.answer(")]
        assert not list((course.root / "release" / exercise).glob("*.answers.json*"))

    def test_points_add_up_to_the_stated_total(course):
        auto, manual = stated_points(exercise)
        nb = nbformat.read(ROOT / "exercises" / exercise / course.notebook, as_version=4)
        cells = [c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert sum(m["points"] for m in cells if not m.get("solution")) == auto == sum(points.values())
        assert sum(m["points"] for m in cells if m.get("solution")) == manual
        assert set(key) == set(exercise_questions(exercise)) == {m["grade_id"] for m in cells if not m.get("solution")}

    def test_correct_clicks_score_full_points(course):
        got = course.scores("clicker")
        assert {q: got[q] for q in points} == {q: float(p) for q, p in points.items()}

    def test_typed_answers_grade_the_same_as_clicks(course):
        assert course.scores("typist") == course.scores("clicker")

    def test_specific_wrong_answers_lose_exactly_their_points(course):
        got = course.scores("wrong")
        assert {q for q in points if got[q] == 0} == lost
        assert sum(got[q] for q in points) == sum(points.values()) - sum(points[q] for q in lost)
        assert course.needs_manual("wrong") == {memo_id(exercise)}

    def test_no_answer_scores_zero_with_no_answer_given(course):
        assert all(score == 0 for score in course.scores("blank").values())
        text = course.graded_text("blank")
        for qid, question in exercise_questions(exercise).items():
            assert f"Question {question.number}: no answer given." in text, qid
        assert "Traceback" not in text

    def test_feedback_shows_the_answers_given_and_no_hidden_test(course):
        html = course.feedback_html("wrong")
        questions = exercise_questions(exercise)
        for qid in lost:
            chosen = wrong[qid][0] if isinstance(wrong[qid], list) else wrong[qid]
            assert escape(questions[qid].option(chosen).text[:30], quote=False) in html, qid
            assert f"Question {questions[qid].number}: not correct." in html
        assert "HIDDEN" not in html and "ex.check(" not in html and "why=" not in html

    def test_orderings_do_not_start_in_the_key_nor_sort_into_it():
        for qid, question in exercise_questions(exercise).items():
            if question.kind == ORDERING:
                assert starting_order(question) != key[qid], qid
                assert sorted(key[qid]) != key[qid], qid

    return {name: value for name, value in locals().items()
            if name == "course" or name.startswith("test_")}
