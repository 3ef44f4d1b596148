"""Self-check: a learner scores their own exercise in about a second, by the instructor's rules.

Who does what:

* the learner's kernel (the *Check my answers* button) gathers the answers that count,
  ``ex.response(q)`` for every question (clicks and typed answers alike), and sends them as
  JSON on stdin to ``python -m warning_signs check NOTEBOOK --answers - --json``. The key
  never enters the kernel;
* this process reads the key and the explanations from the course's SOURCE notebook
  (:meth:`Course.questions`, as the instructor's grader does), judges every answer with
  :func:`judge.verdict` (the grader's own rule), applies the exercise's policy
  (:mod:`policy`), counts the self-check, writes the full page beside the notebook, and
  returns only what the policy allows: in an assessed exercise, before the instructor
  releases feedback, a hint instead of the explanation, never the key;
* from a terminal, ``warning-signs check NOTEBOOK`` reads the saved answers store and the
  literal typed answers of the saved notebook, with the grader's rule for which counts.

No nbgrader round trip and no kernel: nothing of the learner's code runs here. Written
answers (the memo) are never scored: "marked by your instructor".
"""

from __future__ import annotations

import re
from pathlib import Path

from ..answers import NOT_TYPED, AnswerStore, counting_answer
from ..paths import exercises_dir
from ..questions import Question, exercise_questions, plain_answer, shape_problem
from . import policy as policies
from .calls import typed_answers
from .config import TEXT_STUB
from .course import Course, QuestionInfo, notebook_cells
from .judge import explanation, verdict
from .selfcheck_result import BY_INSTRUCTOR, NOT_ANSWERED, NOT_RIGHT, RIGHT, Row, SelfCheckResult

PAGE_SUFFIX = ".selfcheck.html"
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")  # an exercise folder's name, never a path


def self_check(
    notebook: str | Path, answers: dict | None = None, exercise: str | None = None, folder: str | Path | None = None
) -> SelfCheckResult:
    """Score ``notebook``'s exercise against the course's source version, under its policy.

    ``answers``: the answers that count, by question id, as the learner's kernel sent them;
    None reads the saved answers store and the typed answers of the saved notebook.
    ``folder``: where the answers, the policy and the count are (default: the notebook's)."""
    notebook = Path(notebook).resolve()
    folder = Path(folder).resolve() if folder else notebook.parent
    exercise = exercise or _exercise_of(notebook)
    source = exercises_dir() / exercise
    if not SAFE_ID.match(exercise) or not (source / f"{exercise}.ipynb").exists():
        return SelfCheckResult(
            exercise, problem=f"{notebook.name} is not an exercise of this course (looked in {exercises_dir()})."
        )
    if answers is None and not notebook.exists():
        return SelfCheckResult(exercise, problem=f"the notebook {notebook} does not exist.")
    rule, note = policies.learner_policy(folder)
    used = policies.attempts(folder).used
    result = SelfCheckResult(exercise, mode=rule.mode, allowed=rule.attempts, used=used, notes=[note] if note else [])
    if rule.assessed and used >= (rule.attempts or 0):
        result.refused = f"{policies.used_up(rule.attempts)}, and your instructor's feedback will explain every answer."
        return result
    result.released = policies.feedback_released(folder, exercise)
    result.title = exercise_title(exercise)
    infos = [q for q in Course.at(source=exercises_dir()).questions(exercise) if q.notebook == exercise]
    given = (
        _from_kernel(answers, exercise)
        if answers is not None
        else _from_files(notebook, folder, exercise, result.notes)
    )
    cells = _saved_cells(notebook)
    full = not rule.assessed or result.released
    hints = teaching_hints(exercise) if not full else {}
    result.rows = [_row(info, exercise, given, cells, full, hints) for info in infos]
    if not _in_source(folder):  # an author's run writes nothing into the course's source
        try:
            result.used = policies.record_attempt(folder, exercise, rule, result.score, result.max_autograded)
        except OSError:
            if rule.assessed:  # a check that cannot be counted is not given
                return SelfCheckResult(
                    exercise,
                    problem=f"the folder {folder} cannot be written to, so this "
                    "check cannot be counted; ask your instructor.",
                )
        result.page = _write_page(folder, exercise, result)
        _remember(folder, exercise, result)
    return result


# --- answers ---------------------------------------------------------------------------


def _exercise_of(notebook: Path) -> str:
    """The exercise a notebook belongs to: its folder's name (nbgrader's layout), else its own."""
    if (exercises_dir() / notebook.parent.name).is_dir():
        return notebook.parent.name
    return notebook.stem


def _from_kernel(answers: dict, exercise: str) -> dict[str, object]:
    """What the kernel sent, as plain data, for this exercise's questions only."""
    known = exercise_questions(exercise)
    return {q: plain_answer(v) for q, v in answers.items() if isinstance(q, str) and q in known}


def _from_files(notebook: Path, folder: Path, exercise: str, notes: list[str]) -> dict[str, object]:
    """The answers that count, read from disk: the saved store, and the literal typed answers of the
    saved notebook's answer cells, with the grader's rule (answers.counting_answer)."""
    store = AnswerStore(exercise, folder)
    entries = store.load()
    if store.problem:
        notes.append(store.problem)
    typed: dict[str, object] = {}
    for cell in _saved_cells(notebook):
        if cell.get("cell_type") == "code" and cell["metadata"].get("nbgrader", {}).get("solution"):
            typed.update(typed_answers(cell["source"]))
    return {
        q: plain_answer(counting_answer(entries.get(q), plain_answer(typed[q]) if q in typed else NOT_TYPED))
        for q in exercise_questions(exercise)
    }


def _saved_cells(notebook: Path) -> list[dict]:
    try:
        return notebook_cells(notebook)
    except (OSError, ValueError, AttributeError):
        return []  # not saved yet, or not a notebook: no typed answers, no memo


# --- one row ---------------------------------------------------------------------------


def _row(info: QuestionInfo, exercise: str, given: dict, cells: list[dict], full: bool, hints: dict) -> Row:
    bank = exercise_questions(exercise)
    if info.manual or not info.trusted or info.question not in bank:
        return Row(info.label, BY_INSTRUCTOR, info.points, answer_text=_memo_state(info, cells), grade_id=info.grade_id)
    question = bank[info.question]
    answer = given.get(info.question)
    judged = verdict(info, question, answer)
    problem = shape_problem(question, answer)
    if judged.score == info.points:
        shown, why = RIGHT, ""
    elif answer in (None, [], ""):
        shown, why = NOT_ANSWERED, "Choose an option in the question above; a click saves it."
    elif problem:  # the shape of the answer (an unknown letter, a list for one choice): names no key
        shown, why = NOT_RIGHT, explanation(judged)
    else:
        shown = NOT_RIGHT
        why = info.why if full else _safe_hint(hints.get(info.question, ""), question, info) or fallback_hint(exercise)
    return Row(info.label, shown, info.points, judged.score, judged.answer_text, why, question.prompt, info.grade_id)


def _memo_state(info: QuestionInfo, cells: list[dict]) -> str:
    cell = next((c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == info.grade_id), None)
    if cell is None:
        return "save the notebook (Ctrl+S) so the self-check can see whether you wrote it"
    text = cell["source"].strip()
    return "answer written" if text and text != TEXT_STUB.strip() else "no answer written yet"


# --- teaching hints ------------------------------------------------------------------------


def teaching_hints(exercise: str) -> dict[str, str]:
    """Per question, a hint that teaches without naming the answer (datasets/exercises/hints.csv)."""
    from ..knowledge.hints import exercise_hints

    try:
        return dict(exercise_hints(exercise))
    except (KeyError, ValueError, OSError):
        return {}


def _safe_hint(hint: str, question: Question, info: QuestionInfo) -> str:
    """The hint, unless it would give the key away (the hints' own test forbids that; a hint edited
    since is checked again here, where the key is known): then none."""
    from ..knowledge.hints import leaks

    options = {o.id: o.text for o in question.options}
    return "" if not hint or leaks(hint, question.prompt, options, info.key, question.kind) else hint


def _intro(exercise: str) -> str:
    try:
        return next((c["source"] for c in notebook_cells(exercises_dir() / exercise / f"{exercise}.ipynb")), "")
    except (OSError, ValueError):
        return ""


def exercise_title(exercise: str) -> str:
    found = re.search(r"^#\s+(.+)$", _intro(exercise), re.M)
    return found.group(1).strip() if found else exercise


_LESSONS = re.compile(r"\*\*For:\*\*[^·\n]*?finished\s+(Lessons?\s+[\d ,and]+\d)", re.I)


def fallback_hint(exercise: str) -> str:
    """Without a written hint: send the learner back to the lessons the exercise builds on."""
    found = _LESSONS.search(_intro(exercise))
    where = found.group(1) if found else "the lessons this exercise builds on"
    return f"Revisit {where}, then read the situation in the question again, one detail at a time."


# --- what stays on disk --------------------------------------------------------------------


def _in_source(folder: Path) -> bool:
    try:
        return folder == exercises_dir().resolve() or exercises_dir().resolve() in folder.parents
    except FileNotFoundError:
        return False


def _write_page(folder: Path, exercise: str, result: SelfCheckResult) -> str:
    from .selfcheck_page import page_html

    path = folder / f"{exercise}{PAGE_SUFFIX}"
    try:
        path.write_text(page_html(result), encoding="utf-8")
    except OSError:
        return ""
    return str(path)


def _remember(folder: Path, exercise: str, result: SelfCheckResult) -> None:
    """Keep the last score beside the notebook, for the start page's progress view."""
    from ..knowledge.course_progress import save_self_check

    scores = {r.grade_id: r.score for r in result.rows if not r.manual}
    save_self_check(folder / f"{exercise}.ipynb", result.score, result.max_autograded, scores)
