"""The answer store: what a learner chose, kept on disk next to the notebook.

Every click (and every typed answer the learner runs) is written at once to
``<exercise>.answers.json`` in the notebook's folder, so an answer survives a
kernel restart, a closed browser and a reopened notebook. nbgrader copies the
file along with the notebook on submit, collect and autograde, and the grading
cells read it back: what is graded is exactly what was chosen.

Writes are atomic (write a temporary file, then rename) and keep the previous
version as ``.bak``, so a crash mid-write never loses the earlier answers.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

FORMAT_VERSION = 1
CLICK = "click"
TYPED = "typed"


@dataclass
class Entry:
    """One saved answer: the value, how it was given, and when."""

    value: object
    via: str
    saved_at: str


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
        self.problem = None
        if not self.path.exists():
            return {}
        entries, error = _read(self.path)
        if error is None:
            return entries
        backup, backup_error = _read(self.backup_path)
        if backup_error is None and self.backup_path.exists():
            self.problem = (
                f"Your answers file {self.path.name} is damaged ({error}); "
                "your previous saved answers were used instead, so check the last one you clicked."
            )
            return backup
        self.problem = (
            f"Your answers file {self.path.name} is damaged ({error}), so its answers count "
            "as not given; click your answers again to save them."
        )
        return {}

    def save(self, question_id: str, value: object, via: str) -> None:
        """Record one answer, keeping every other saved answer."""
        entries = self.load()
        entries[question_id] = Entry(value=value, via=via, saved_at=_now())
        self._write(entries)

    def _write(self, entries: dict[str, Entry]) -> None:
        payload = {
            "format": FORMAT_VERSION,
            "exercise": self.exercise_id,
            "answers": {qid: vars(e) for qid, e in sorted(entries.items())},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            # Keep the last good version; set a damaged file aside for inspection.
            keep = self.backup_path if self.problem is None else self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, keep)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".answers-", suffix=".tmp")
        # mkstemp makes 0600; use the usual mode (umask) so a shared, group-readable folder
        # (the instructors' on a workshop hub) can be read. Homes stay private by their own mode.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _read(path: Path) -> tuple[dict[str, Entry], str | None]:
    """Parse a store file; return (entries, None) or ({}, what is wrong)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, "the file is missing"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"not readable as JSON: {exc.__class__.__name__}"
    answers = payload.get("answers") if isinstance(payload, dict) else None
    if not isinstance(answers, dict):
        return {}, "it has no 'answers' section"
    entries = {}
    for qid, raw in answers.items():
        if isinstance(raw, dict) and "value" in raw:
            entries[qid] = Entry(raw["value"], str(raw.get("via", CLICK)), str(raw.get("saved_at", "")))
    return entries, None
