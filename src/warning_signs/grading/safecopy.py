"""Copy a learner's files without following a single link, under size and count caps.

Everything that moves learners' files (collect from the exchange, from a folder
or a zip, the check before autograde) goes through here, with the grader's
rights and before any sandbox exists, so:

* a symbolic link is never followed: it is dropped, with a note naming it;
* only regular files are copied (no pipes, devices, sockets); a hard link to
  some other file (more than one name) is dropped too;
* a file is opened with ``O_NOFOLLOW`` and checked again after opening (same
  file, still regular), so a link swapped in meanwhile is not followed either;
* a file over :data:`MAX_FILE` is refused alone; past :data:`MAX_TOTAL` bytes or
  :data:`MAX_FILES` files, the rest is refused. Each refusal is one note.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .outcomes import shown_name

MiB = 1024 * 1024
MAX_FILE = 32 * MiB  # a notebook with its outputs stays far below
MAX_TOTAL = 1024 * MiB  # one download or one learner's upload, unpacked
MAX_FILES = 20_000  # files in one download
CHUNK = 1 << 20


@dataclass
class Budget:
    """What is left of the caps for one download (shared by everything copied from it)."""

    bytes_left: int = MAX_TOTAL
    files_left: int = MAX_FILES
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (where, one sentence naming it)

    def refuse(self, where: Path, sentence: str) -> None:
        if (where, sentence) not in self.refused:
            self.refused.append((where, sentence))

    @property
    def notes(self) -> list[str]:
        return [sentence for _, sentence in self.refused]

    def notes_under(self, top: Path) -> list[str]:
        """The refusals inside the upload whose top-level entry is ``top``."""
        return [s for where, s in self.refused if where.parts[: len(top.parts)] == top.parts]


def copy_tree(source: Path, dest: Path, budget: Budget | None = None, relative: Path = Path()) -> Budget:
    """Copy the regular files under ``source`` to ``dest`` (created), links and oddities dropped."""
    budget = budget or Budget()
    dest.mkdir(parents=True, exist_ok=True)
    try:
        entries = sorted(os.scandir(source), key=lambda e: e.name)
    except OSError:
        budget.refuse(relative, f"the folder {shown_name(relative or source.name)} could not be read: skipped")
        return budget
    for entry in entries:
        where = relative / entry.name
        if entry.is_symlink():
            budget.refuse(where, f"a link {shown_name(where)} was dropped: links are never followed")
        elif entry.is_dir(follow_symlinks=False):
            copy_tree(Path(entry.path), dest / entry.name, budget, where)
        elif entry.is_file(follow_symlinks=False):
            copy_file(Path(entry.path), dest / entry.name, budget, where)
        else:
            budget.refuse(where, f"{shown_name(where)} is not a regular file (a pipe or device?): dropped")
    return budget


def copy_file(source: Path, dest: Path, budget: Budget, where: Path) -> bool:
    """Copy one regular file, never through a link; False (with a note) when refused."""
    try:
        before = os.lstat(source)
    except OSError:
        budget.refuse(where, f"{shown_name(where)} vanished while it was copied: skipped")
        return False
    problem = _refusal(before, budget)
    if problem:
        budget.refuse(where, f"{shown_name(where)} {problem}")
        return False
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        budget.refuse(where, f"{shown_name(where)} could not be opened safely (a link or no permission): dropped")
        return False
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(handle.fileno())
        if (now.st_ino, now.st_dev) != (before.st_ino, before.st_dev) or not stat.S_ISREG(now.st_mode):
            budget.refuse(where, f"{shown_name(where)} changed while it was copied: dropped")
            return False
        ok = _stream(handle, dest, budget, where)
    if ok:
        os.utime(dest, ns=(before.st_atime_ns, before.st_mtime_ns))
    return ok


def _refusal(info: os.stat_result, budget: Budget) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file: dropped"
    if info.st_nlink > 1:
        return "is a hard link to another file: dropped (links are never followed)"
    if info.st_size > MAX_FILE:
        return f"is larger than {MAX_FILE // MiB} MiB: not collected (the rest of the upload was)"
    if budget.files_left <= 0:
        return f"is past the cap of {MAX_FILES} files per download: not collected"
    if info.st_size > budget.bytes_left:
        return f"is past the cap of {MAX_TOTAL // MiB} MiB per download: not collected"
    return None


def _stream(handle, dest: Path, budget: Budget, where: Path, limit: int = MAX_FILE) -> bool:
    """Copy from an open file, stopping at the caps whatever the file claimed its size was."""
    written = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as out:
        while chunk := handle.read(CHUNK):
            written += len(chunk)
            if written > min(limit, budget.bytes_left):
                break
            out.write(chunk)
        else:
            budget.bytes_left -= written
            budget.files_left -= 1
            return True
    dest.unlink(missing_ok=True)
    budget.refuse(where, f"{shown_name(where)} grew past the size caps while it was copied: not collected")
    return False


def unzip(archive: Path, dest: Path, budget: Budget, prefix: Path = Path()) -> bool:
    """Unpack ``archive`` into ``dest`` entry by entry under the caps; False if it is no readable zip.
    ``prefix``: where ``dest`` is in the download, for the notes."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            for info in bundle.infolist():
                where = prefix / plain_name(info.filename)
                target = _inside(dest, info.filename)
                if target is None:
                    budget.refuse(where, f"{shown_name(where)} in a zip points outside it: dropped")
                elif info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                elif stat.S_ISLNK(info.external_attr >> 16):
                    budget.refuse(where, f"a link {shown_name(where)} in a zip was dropped: links are never followed")
                elif info.file_size > MAX_FILE:
                    budget.refuse(
                        where,
                        f"{shown_name(where)} is larger than {MAX_FILE // MiB} MiB: not collected "
                        "(the rest of the upload was)",
                    )
                elif budget.files_left <= 0 or info.file_size > budget.bytes_left:
                    budget.refuse(where, f"{shown_name(where)} is past the caps per download: not collected")
                else:
                    with bundle.open(info) as handle:
                        if _stream(handle, target, budget, where):
                            when = _zip_time(info)
                            os.utime(target, (when, when))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError):
        return False
    return True


def plain_name(name: str) -> str:
    return name.replace("\\", "/").strip("/") or "."


def _inside(dest: Path, name: str) -> Path | None:
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts or name.startswith("/"):
        return None if parts else dest
    return dest.joinpath(*parts)


def _zip_time(info: zipfile.ZipInfo) -> float:
    import time

    try:
        return time.mktime((*info.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return 0.0


def missing_answers(course, assignment: str, folder: Path) -> list[str]:
    """One note per notebook submitted without its answers file (its clicks would grade as 0)."""
    notes = []
    for name in course.notebook_names(assignment):
        stem = name.removesuffix(".ipynb")
        if (folder / name).exists() and not (folder / f"{stem}.answers.json").exists():
            notes.append(
                f"no {stem}.answers.json in this submission: its clicked answers are missing, so it "
                "would grade as unanswered; ask the learner to submit again from the Assignments tab"
            )
    return notes
