"""The one way the project writes and reads the JSON files it keeps.

Answers, scenario progress, grading outcomes and workspace state all go
through :func:`write_json` and :func:`read_json`, so a crash at any moment
never loses what was saved before:

1. the new content goes to a temporary file in the same folder, fsynced;
2. the current file, if it is good, is copied to ``<name>.bak`` (itself through
   a fsynced temporary file and an atomic rename) while it still exists; a
   damaged current file is set aside as ``<name>.damaged`` instead;
3. the temporary file replaces the current one atomically, and the folder is fsynced.

Killed at any step, the folder holds the old file, or the new one, and a good
``.bak`` of an earlier version. :func:`read_json` falls back to ``.bak`` when the
main file is missing or damaged (not JSON, not a regular file, too large, nested
too deeply, or refused by the caller's ``check``) and says so in one sentence.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024  # no file we write comes near this; bigger is damage or mischief
MAX_DEPTH = 32

Check = Callable[[object], "str | None"]  # a payload's problem in a few words, or None


@dataclass
class Loaded:
    """What :func:`read_json` found: the payload (or None) and, if any, one sentence."""

    payload: object
    problem: str | None = None
    from_backup: bool = False


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def damaged_path(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def write_json(path: str | Path, payload: object, check: Check | None = None) -> None:
    """Write ``payload`` to ``path`` safely (temp + fsync, keep .bak, atomic replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8"))
    try:
        current, error = _parse(path, check)
        if error is None:
            _write_temp(backup_path(path), _raw(path), replace=True)  # a good file becomes the backup
        elif error != "missing" and path.is_file() and not path.is_symlink():
            shutil.copyfile(path, damaged_path(path))  # kept for inspection; never the backup
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: str | Path, check: Check | None = None) -> Loaded:
    """Read ``path``; on a missing or damaged file use ``.bak`` and say so."""
    path = Path(path)
    payload, error = _parse(path, check)
    if error is None:
        return Loaded(payload)
    backup, backup_error = _parse(backup_path(path), check)
    if backup_error is None:
        what = "is missing" if error == "missing" else f"is damaged ({error})"
        return Loaded(backup, f"{path.name} {what}; the previous saved version was used instead.", True)
    if error == "missing":
        return Loaded(None)
    return Loaded(None, f"{path.name} is damaged ({error}) and has no usable backup, so it was ignored.")


def _write_temp(path: Path, data: bytes, replace: bool = False) -> str:
    """``data`` in a fsynced temporary file beside ``path``; renamed onto ``path`` if ``replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        # mkstemp makes 0600; use the usual mode (umask) so a shared, group-readable folder (the
        # instructors' on a workshop hub) can be read. Homes stay private by their own mode.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _raw(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def parse_json(path: str | Path, check: Check | None = None) -> tuple[object, str | None]:
    """One file only, no backup: (payload, None) or (None, what is wrong in a few words)."""
    return _parse(Path(path), check)


def _parse(path: Path, check: Check | None = None) -> tuple[object, str | None]:
    """(payload, None) or (None, what is wrong); never raises for a bad file, never blocks on a pipe."""
    try:
        if not path.exists() and not path.is_symlink():
            return None, "missing"
        if path.is_symlink() or not path.is_file():
            return None, "not a regular file"
        if path.stat().st_size > MAX_BYTES:
            return None, "too large"
        payload = json.loads(_raw(path).decode("utf-8"))
    except RecursionError:
        return None, "nested too deeply"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, f"not readable as JSON: {exc.__class__.__name__}"
    if _depth(payload) > MAX_DEPTH:
        return None, "nested too deeply"
    problem = check(payload) if check else None
    if problem:
        return None, problem
    return payload, None


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
