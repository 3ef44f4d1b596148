"""The one way the project writes and reads the JSON files it keeps.

Answers, scenario progress, grading outcomes and workspace state all go
through :func:`write_json` and :func:`read_json`, so a crash at any moment
never loses what was saved before:

1. the new content goes to a temporary file in the same folder, fsynced;
2. the current file (if any) is copied to ``<name>.bak`` while it still exists;
3. the temporary file replaces the current one atomically.

:func:`read_json` falls back to ``.bak`` when the main file is missing or
damaged and says so in one sentence.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024  # no file we write comes near this; bigger is damage or mischief
MAX_DEPTH = 32


@dataclass
class Loaded:
    """What :func:`read_json` found: the payload (or None) and, if any, one sentence."""

    payload: object
    problem: str | None = None
    from_backup: bool = False


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_json(path: str | Path, payload: object) -> None:
    """Write ``payload`` to ``path`` safely (temp + fsync, keep .bak, atomic replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        if path.is_file() and _parse(path)[1] is None:
            # Only a good file becomes the backup: a damaged one must not replace it.
            shutil.copy2(path, backup_path(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: str | Path) -> Loaded:
    """Read ``path``; on a missing or damaged file use ``.bak`` and say so."""
    path = Path(path)
    payload, error = _parse(path)
    if error is None:
        return Loaded(payload)
    backup, backup_error = _parse(backup_path(path))
    if backup_error is None:
        what = "is missing" if error == "missing" else f"is damaged ({error})"
        return Loaded(backup, f"{path.name} {what}; the previous saved version was used instead.", True)
    if error == "missing":
        return Loaded(None)
    return Loaded(None, f"{path.name} is damaged ({error}) and has no usable backup, so it was ignored.")


def _parse(path: Path) -> tuple[object, str | None]:
    """(payload, None) or (None, what is wrong); never raises for a bad file."""
    try:
        if not path.exists() and not path.is_symlink():
            return None, "missing"
        if path.is_symlink() or not path.is_file():
            return None, "not a regular file"
        if path.stat().st_size > MAX_BYTES:
            return None, "too large"
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"not readable as JSON: {exc.__class__.__name__}"
    if _depth(payload) > MAX_DEPTH:
        return None, "nested too deeply"
    return payload, None


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level
