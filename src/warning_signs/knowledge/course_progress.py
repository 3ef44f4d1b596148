"""A learner's progress through the course, read from their own workspace only.

The course's lessons and exercises are read from the course folders (their first
cell gives the title and "**Time:** about N minutes"), so a new lesson appears
here as soon as its notebook lands. What the learner did is read from their
workspace (``warning-signs start`` makes it; ``.warning-signs/`` marks it):

* a lesson or exercise **has been run** when its saved copy holds a cell that
  was executed (JupyterLab saves a notebook's outputs; autosave does it every
  two minutes);
* an exercise is **started** when its answers file holds an answer;
* its **last self-check** is the file ``<exercise>.selfcheck.json`` beside the
  notebook, written by :func:`save_self_check` each time *Check my answers* runs.

Nothing is sent anywhere, and nothing here imports ipywidgets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..data import cached
from ..jsonfile import read_json, write_json
from ..paths import exercises_dir, lessons_dir

LESSON, EXERCISE = "lesson", "exercise"
STATE = ".warning-signs"  # the folder that marks a workspace (see workspace.py)
SELF_CHECK_SUFFIX = ".selfcheck.json"

_TIME = re.compile(r"\*\*Time:\*\*\s*about\s+(\d+)(?:\s*(?:-|to|–)\s*(\d+))?\s*(minutes|hours?)", re.I)
_TITLE = re.compile(r"^#\s+(.+)$", re.M)
_FOR = re.compile(r"\*\*For:\*\*[^·\n]*?finished\s+Lessons?\s+([\d ,and to]+)", re.I)


@dataclass(frozen=True)
class Item:
    """A lesson or an exercise of the course."""

    kind: str  # LESSON or EXERCISE
    id: str  # the notebook's stem, e.g. "04-historical-cases"
    title: str
    minutes: int | None
    path: str  # relative to a workspace, e.g. "exercises/03-historical-cases/03-historical-cases.ipynb"


@dataclass(frozen=True)
class SelfCheck:
    score: float
    max_score: float
    checked_at: str  # ISO 8601, UTC

    @property
    def text(self) -> str:
        return f"{self.score:g} of {self.max_score:g}"


@dataclass(frozen=True)
class ItemProgress:
    item: Item
    run: bool = False
    answered: int = 0  # exercises: questions with a saved answer
    questions: int = 0
    self_check: SelfCheck | None = None
    note: str = ""  # one sentence, e.g. a damaged file read from its backup

    @property
    def status(self) -> str:
        if self.self_check is not None:
            return "self-checked"
        if self.run or self.answered:
            return "started" if self.item.kind == EXERCISE else "run"
        return "not yet"


# --- the course's lessons and exercises ----------------------------------------------------


def _first_markdown(notebook: Path) -> str:
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return ""
    return next(("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"), "")


def _heading(notebook: Path) -> tuple[str, int | None]:
    """(title, minutes) from a notebook's first markdown cell."""
    text = _first_markdown(notebook)
    title = _TITLE.search(text)
    return (title.group(1).strip() if title else notebook.stem), minutes_stated(text)


def minutes_stated(text: str) -> int | None:
    """The minutes in "**Time:** about 45 minutes" (a range counts its upper end; hours become minutes)."""
    found = _TIME.search(text)
    if not found:
        return None
    amount = int(found.group(2) or found.group(1))
    return amount * 60 if found.group(3).lower().startswith("hour") else amount


def after_lesson(text: str) -> int | None:
    """The last lesson an exercise's "**For:** everyone who finished Lessons 2, 3 and 7" names."""
    found = _FOR.search(text)
    numbers = [int(n) for n in re.findall(r"\d+", found.group(1))] if found else []
    return max(numbers) if numbers else None


@cached
def _items(lessons: str, exercises: str) -> tuple[Item, ...]:
    found: list[tuple[float, Item]] = []
    for notebook in sorted(Path(lessons).glob("*.ipynb")):
        title, minutes = _heading(notebook)
        found.append((_number(notebook.stem), Item(LESSON, notebook.stem, title, minutes, f"lessons/{notebook.name}")))
    for folder in sorted(p for p in Path(exercises).iterdir() if p.is_dir()):
        notebook = folder / f"{folder.name}.ipynb"
        if notebook.exists():
            title, minutes = _heading(notebook)
            lesson = after_lesson(_first_markdown(notebook))
            place = lesson + 0.5 if lesson is not None else 1000 + _number(folder.name)
            found.append(
                (place, Item(EXERCISE, folder.name, title, minutes, f"exercises/{folder.name}/{notebook.name}"))
            )
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))


def _number(stem: str) -> int:
    head = stem.split("-", 1)[0]
    return int(head) if head.isdigit() else 999


def course_items() -> list[Item]:
    """Every lesson, each exercise after the last lesson it asks for, in the course's order."""
    return list(_items(str(lessons_dir()), str(exercises_dir())))


# --- the learner's workspace ----------------------------------------------------------------


def find_workspace(start: str | Path | None = None) -> Path | None:
    """The workspace holding ``start`` (default: the current folder), or None outside one."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / STATE).is_dir():
            return folder
    return None


def was_run(notebook: Path) -> bool:
    """True when the saved notebook holds a code cell that was executed."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return False
    return any(c.get("cell_type") == "code" and (c.get("execution_count") or c.get("outputs")) for c in cells)


def _answered(folder: Path, exercise_id: str) -> tuple[int, str]:
    from ..answers import AnswerStore

    store = AnswerStore(exercise_id, folder)
    given = [e for e in store.load().values() if e.value not in (None, [], "")]
    return len(given), store.problem or ""


def progress(workspace: str | Path | None) -> list[ItemProgress]:
    """Each lesson and exercise with what the learner did (nothing, outside a workspace)."""
    from ..questions import exercise_questions

    rows = []
    for item in course_items():
        count = len(exercise_questions(item.id)) if item.kind == EXERCISE else 0
        if workspace is None:
            rows.append(ItemProgress(item, questions=count))
            continue
        copy = Path(workspace) / item.path
        answered, note = (0, "")
        check = None
        if item.kind == EXERCISE:
            answered, note = _answered(copy.parent, item.id)
            check, check_note = last_self_check(copy.parent, item.id)
            note = note or check_note
        rows.append(ItemProgress(item, was_run(copy), answered, count, check, note))
    return rows


@dataclass(frozen=True)
class Summary:
    lessons_run: int
    lessons: int
    exercises_checked: int
    exercises: int
    minutes_done: int
    minutes_total: int

    @property
    def text(self) -> str:
        return (
            f"Lessons run: {self.lessons_run} of {self.lessons}. Exercises self-checked: "
            f"{self.exercises_checked} of {self.exercises}. About {_hours(self.minutes_done)} of "
            f"{_hours(self.minutes_total)} done."
        )


def summary(rows: list[ItemProgress]) -> Summary:
    lessons = [r for r in rows if r.item.kind == LESSON]
    exercises = [r for r in rows if r.item.kind == EXERCISE]
    done = [r for r in lessons if r.run] + [r for r in exercises if r.self_check]
    return Summary(
        sum(r.run for r in lessons),
        len(lessons),
        sum(r.self_check is not None for r in exercises),
        len(exercises),
        sum(r.item.minutes or 0 for r in done),
        sum(r.item.minutes or 0 for r in rows),
    )


def _hours(minutes: int) -> str:
    return f"{minutes} min" if minutes < 60 else f"{minutes / 60:.1f} h"


# --- the last self-check ------------------------------------------------------------------------


def self_check_path(folder: Path, exercise_id: str) -> Path:
    return Path(folder) / f"{exercise_id}{SELF_CHECK_SUFFIX}"


def save_self_check(notebook: str | Path, score: float, max_score: float, per_question: dict) -> Path | None:
    """Keep the learner's last self-check score beside the exercise notebook.

    In the course's own source folder (an author's run) nothing is written, so no
    file can reach a release. A folder that cannot be written is not an error:
    the score was already shown; only the start page misses it."""
    notebook = Path(notebook).resolve()
    try:
        if exercises_dir().resolve() in notebook.parents:
            return None
    except FileNotFoundError:
        pass
    path = self_check_path(notebook.parent, notebook.parent.name)
    payload = {
        "exercise": notebook.parent.name,
        "score": score,
        "max_score": max_score,
        "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "questions": per_question,
    }
    try:
        write_json(path, payload)
    except OSError:
        return None
    return path


def last_self_check(folder: Path, exercise_id: str) -> tuple[SelfCheck | None, str]:
    """The last saved self-check, and one sentence if its file was damaged."""
    path = self_check_path(folder, exercise_id)
    if not path.exists() and not path.with_name(path.name + ".bak").exists():
        return None, ""
    loaded = read_json(path)
    data = loaded.payload if isinstance(loaded.payload, dict) else {}
    try:
        return SelfCheck(
            float(data["score"]), float(data["max_score"]), str(data.get("checked_at", ""))
        ), loaded.problem or ""
    except (TypeError, KeyError, ValueError):
        return None, loaded.problem or f"The self-check record {path.name} is unreadable; run Check my answers again."
