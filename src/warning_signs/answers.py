"""The answer store: what a learner chose, kept on disk next to the notebook.

Every click (and every typed answer the learner runs) is written at once to
``<exercise>.answers.json`` in the notebook's folder, so an answer survives a
kernel restart, a closed browser and a reopened notebook. nbgrader copies the
file along with the notebook on submit and collect; the trusted grader reads it
back outside the learner's kernel: what is graded is exactly what was chosen.

Files are written and read by :mod:`warning_signs.jsonfile` (temp + fsync, a
``.bak`` of the previous version, atomic replace; a missing or damaged file falls
back to the backup). A file of the wrong shape (a folder, a pipe, a list, huge,
deeply nested, answers of the wrong type) is reported in one sentence, never raised.

Which answer counts is :func:`counting_answer`, the one rule the exercise and the
grader share: the last one the learner gave, i.e. a typed answer run in the
notebook, unless the learner clicked another option after running it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .jsonfile import parse_json, read_json, write_json

FORMAT_VERSION = 1
CLICK = "click"
TYPED = "typed"
MAX_QUESTIONS = 200  # more entries than any exercise has questions: a damaged file
NOT_TYPED = object()  # no typed answer for this question in this run


@dataclass
class Entry:
    """One saved answer: the value, how it was given, and when."""

    value: object
    via: str
    saved_at: str


def counting_answer(entry: Entry | None, typed: object = NOT_TYPED) -> object:
    """The answer that counts: ``typed`` (run in the notebook) unless a click saved after it."""
    if typed is not NOT_TYPED and (entry is None or entry.via == TYPED):
        return typed
    return None if entry is None else entry.value


@dataclass
class AnswerStore:
    """Reads and writes the answers of one exercise in one folder."""

    exercise_id: str
    folder: Path = field(default_factory=Path.cwd)
    problem: str | None = None  # one sentence when the file was damaged

    @property
    def path(self) -> Path:
        return Path(self.folder) / f"{self.exercise_id}.answers.json"

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def load(self) -> dict[str, Entry]:
        """All saved answers; a damaged file is reported in ``problem``, not raised."""
        loaded = read_json(self.path, check=_problem)
        entries = entries_of(loaded.payload) if loaded.payload is not None else {}
        self.problem = None
        if loaded.problem:
            name = self.path.name
            if loaded.from_backup:
                self.problem = (
                    f"Your answers file {name} is missing or damaged; your previous saved answers "
                    "(its backup) were used instead, so check the last one you clicked."
                )
            else:
                self.problem = (
                    f"Your answers file {name} is damaged ({_reason(loaded.problem)}), so its answers "
                    "count as not given; click your answers again to save them."
                )
        elif isinstance(loaded.payload, dict):
            odd = sorted(str(q) for q, raw in loaded.payload["answers"].items() if not _usable(raw))
            if odd:
                shown = ", ".join(repr(str(q)[:20]) for q in odd[:5])
                self.problem = (
                    f"Some entries of your answers file {self.path.name} have the wrong form ({shown}) "
                    "and count as not given; click those answers again."
                )
        return entries

    def save(self, question_id: str, value: object, via: str) -> None:
        """Record one answer, keeping every other saved answer."""
        entries = self.load()
        entries[question_id] = Entry(value=value, via=via, saved_at=_now())
        payload = {
            "format": FORMAT_VERSION,
            "exercise": self.exercise_id,
            "answers": {qid: vars(e) for qid, e in sorted(entries.items())},
        }
        write_json(self.path, payload, check=_problem)


def read_entries(path: str | Path) -> tuple[dict[str, Entry], str | None]:
    """One store file, without its backup: (entries, None) or ({}, what is wrong in a few words)."""
    payload, error = parse_json(path, check=_problem)
    return (entries_of(payload), None) if error is None else ({}, error)


def entries_of(payload: object) -> dict[str, Entry]:
    """The usable entries of a payload that passed :func:`_problem`; odd entries are skipped.
    Values are kept as saved (a scenario's progress is a dict); exercise rules check their shape."""
    answers = payload.get("answers", {}) if isinstance(payload, dict) else {}
    entries = {}
    for qid, raw in answers.items():
        if isinstance(raw, dict) and "value" in raw:
            value = raw["value"]
            via = raw.get("via") if raw.get("via") in (CLICK, TYPED) else CLICK
            entries[str(qid)[:40]] = Entry(value, str(via), str(raw.get("saved_at", ""))[:40])
    return entries


def _usable(raw: object) -> bool:
    return isinstance(raw, dict) and "value" in raw


def _problem(payload: object) -> str | None:
    """Why a payload is not an answers file, in a few words (None when it is one)."""
    answers = payload.get("answers") if isinstance(payload, dict) else None
    if not isinstance(answers, dict):
        return "it has no 'answers' section"
    if len(answers) > MAX_QUESTIONS:
        return "it holds far more answers than the exercise has questions"
    return None


def _reason(sentence: str) -> str:
    """The few words in brackets of jsonfile's sentence, e.g. 'not a regular file'."""
    start, end = sentence.find("("), sentence.rfind(")")
    return sentence[start + 1 : end] if 0 <= start < end else "unreadable"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
